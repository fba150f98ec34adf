// A multipart upload stopped while parts are in flight, against the sandbox's versitygw: once the
// uploader returns, nothing of it is left, neither the upload nor any part's file in the gateway's
// storage folder (S3 bills such parts, out of sight of `aws s3 ls`).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ListMultipartUploadsCommand, ListPartsCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { uploadArtifacts } from "../../../src/commands/upload.ts";
import { type FaultProxy, startFaultProxy } from "../../support/fault-proxy.ts";
import {
  config,
  listKeys,
  makeRepo,
  removeDir,
  type S3Env,
  s3FromEnv,
  uniquePrefix,
  writeBigFile,
} from "./helpers.ts";

const MIB = 1024 * 1024;

let s3: S3Env;
let dir: string;
let proxy: FaultProxy;
beforeAll(async () => {
  s3 = s3FromEnv();
  dir = await makeRepo();
  await writeBigFile(join(dir, "w.bin"), 24 * MIB);
});
afterAll(async () => {
  await proxy?.close();
  s3.client.destroy();
  await removeDir(dir);
});

/** Where versitygw keeps the parts of the multipart upload `uploadId` (posix backend). */
function partFiles(uploadId: string): string[] {
  const sandbox = process.env.SANDBOX_DIR;
  if (!sandbox) throw new Error("the sandbox did not set SANDBOX_DIR");
  const root = join(sandbox, "s3", s3.bucket, ".sgwtmp", "multipart");
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((object) => {
    const upload = join(root, object, uploadId);
    return existsSync(upload) ? readdirSync(upload).map((f) => join(upload, f)) : [];
  });
}

describe("a multipart upload stopped with parts in flight", () => {
  it("leaves no upload and no part behind", async () => {
    const prefix = uniquePrefix("abort");
    const uploads = new Map<string, string>(); // upload id → key
    proxy = await startFaultProxy({
      target: s3.endpoint,
      seed: 1,
      rates: {},
      eligible: ({ url }) => {
        const id = /[?&]uploadId=([^&]+)/.exec(url)?.[1];
        const key = url.split("?")[0]?.slice(`/${s3.bucket}/`.length);
        if (id && key) uploads.set(decodeURIComponent(id), decodeURIComponent(key));
        return false;
      },
    });
    // Part 2 is held on its way; parts 1 and 3 reach the gateway.
    const held = proxy.hold(({ method, url }) => method === "PUT" && url.includes("partNumber=2"));
    const stop = new AbortController();
    const upload = uploadArtifacts({
      config: config(dir, { one: [{ path: "w.bin", mount: "/m" }] }),
      bucket: s3.bucket,
      prefix,
      endpoint: proxy.endpoint,
      concurrency: 4,
      signal: stop.signal,
      advanced: { parts: { partSize: 8 * MIB, multipartThreshold: 16 * MIB } },
    }).catch((e: unknown) => e);
    await held.reached;
    const [[uploadId, key] = []] = [...uploads];
    if (!uploadId || !key) throw new Error("no multipart upload was seen");
    // Stopped once the gateway holds the other parts, so there is something to clean up.
    await vi.waitFor(() => expect(partFiles(uploadId)).toHaveLength(2), { timeout: 60_000 });
    stop.abort(new Error("stopped by the test"));
    const err = await upload;
    held.release();

    expect((err as Error).message).toBe("stopped by the test");
    const open = await s3.client.send(
      new ListMultipartUploadsCommand({ Bucket: s3.bucket, Prefix: `${prefix}/` }),
    );
    expect(open.Uploads ?? []).toEqual([]);
    await expect(
      s3.client.send(new ListPartsCommand({ Bucket: s3.bucket, Key: key, UploadId: uploadId })),
    ).rejects.toMatchObject({ name: "NoSuchUpload" });
    expect(partFiles(uploadId)).toEqual([]);
    expect(await listKeys(s3, prefix)).toEqual([]);
  });
});
