// GetObject as a stream, for the downloader. The client is the uploader's (src/artifacts/s3-client.ts):
// the same addressing defaults, keep-alive sockets, and timeouts that turn a stalled connection
// into a retryable error instead of an init container that waits forever.

import type { Readable } from "node:stream";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { TooLargeError } from "./errors.ts";

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

/**
 * Reads a whole body into memory, but never more than `maxBytes` of it: a body that goes past
 * that is destroyed (its connection closed) and a TooLargeError thrown, so memory holds at most
 * `maxBytes` plus one chunk whatever the object's size.
 */
export async function readAtMost(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = Buffer.from(chunk);
    size += bytes.length;
    if (size > maxBytes) {
      body.destroy();
      throw new TooLargeError(maxBytes, size);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}
