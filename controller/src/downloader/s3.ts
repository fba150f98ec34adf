// GetObject as a stream, for the downloader. The client is the uploader's (src/artifacts/s3-client.ts):
// the same addressing defaults, keep-alive sockets, and timeouts that turn a stalled connection
// into a retryable error instead of an init container that waits forever.

import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";

export interface ObjectStream {
  body: Readable;
  /** Content-Length as S3 sent it, if it did. */
  length: number | undefined;
}

export async function getObject(
  client: S3Client,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<ObjectStream> {
  const out = await client.send(
    new GetObjectCommand({ Bucket: bucket, Key: key }),
    signal === undefined ? {} : { abortSignal: signal },
  );
  if (out.Body === undefined) throw new Error(`s3://${bucket}/${key}: empty response body`);
  return { body: out.Body as Readable, length: out.ContentLength };
}
