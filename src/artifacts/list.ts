// Listing the objects under a key prefix, page by page (ListObjectsV2 gives at most 1,000 keys a
// request), each page retried as uploads are and drawing on the caller's request budget.
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { toS3UploadError } from "./errors.ts";
import type { Limiter } from "./limit.ts";
import { type RetryOptions, withRetry } from "./retry.ts";

export interface ListContext {
  client: S3Client;
  bucket: string;
  limiter: Limiter;
  retry: RetryOptions;
  signal?: AbortSignal | undefined;
  /** Hints for S3's refusals, by code, where the uploader's do not fit (toS3UploadError). */
  hints?: Readonly<Record<string, string>> | undefined;
}

export interface StoredObject {
  key: string;
  size: number;
  /** Undefined only if S3 did not say (every S3 we know says). */
  lastModified: Date | undefined;
}

/** Every object whose key starts with `keyPrefix`. */
export async function listObjects(ctx: ListContext, keyPrefix: string): Promise<StoredObject[]> {
  const found: StoredObject[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.limiter.run(() =>
      withRetry(
        () =>
          ctx.client.send(
            new ListObjectsV2Command({
              Bucket: ctx.bucket,
              Prefix: keyPrefix,
              ContinuationToken: token,
              MaxKeys: 1000,
            }),
            { abortSignal: ctx.signal },
          ),
        ctx.retry,
        ctx.signal,
      ).catch((err: unknown) => {
        throw toS3UploadError(err, "list", ctx.bucket, keyPrefix, ctx.hints);
      }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key && o.Size !== undefined)
        found.push({ key: o.Key, size: o.Size, lastModified: o.LastModified });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return found;
}

const HEX = "0123456789abcdef";

/**
 * Every object under `root` whose next character is a hex digit: 16 listings that run in
 * parallel, so a prefix of 100,000 blobs is listed in a few seconds rather than 100 requests in a
 * row. Keys of other shapes are left out: no object of ours has one.
 */
export async function listByHexDigit(ctx: ListContext, root: string): Promise<StoredObject[]> {
  const pages = await Promise.all([...HEX].map((digit) => listObjects(ctx, root + digit)));
  return pages.flat();
}
