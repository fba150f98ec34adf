// The S3 side of the downloader: a client configured from flags and the standard AWS environment,
// and GetObject as a stream.

import type { Readable } from "node:stream";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

export function createS3Client(
  endpoint: string | undefined,
  forcePathStyle: boolean | undefined = undefined,
): S3Client {
  return new S3Client({
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(endpoint === undefined ? {} : { endpoint }),
    // S3-compatible stores (versitygw, MinIO) are mostly addressed by path, not by virtual host;
    // the same default as the uploader (src/artifacts/s3-client.ts).
    forcePathStyle: forcePathStyle ?? endpoint !== undefined,
    // The downloader retries whole downloads itself, mid-body failures included.
    maxAttempts: 1,
    // Every byte is verified against its SHA-256 anyway.
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

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
