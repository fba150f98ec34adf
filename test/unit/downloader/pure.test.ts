// The downloader's pure helpers: planning, progress wording, error classes, retry and the pool.
import { describe, expect, it } from "vitest";
import { parseDownloaderFlags } from "../../../controller/src/downloader/config.ts";
import {
  blobFailure,
  DownloadError,
  isNotFound,
  isTransient,
  TruncatedError,
} from "../../../controller/src/downloader/errors.ts";
import { planTasks } from "../../../controller/src/downloader/plan.ts";
import { Progress } from "../../../controller/src/downloader/progress.ts";
import { runPool } from "../../../controller/src/lib/pool.ts";
import { backoffDelay, retry } from "../../../controller/src/lib/retry.ts";
import {
  type ManifestFile,
  parseManifest,
  serializeManifest,
} from "../../../src/artifacts/manifest.ts";
import { createS3Client, s3EndpointFromEnv } from "../../../src/artifacts/s3-client.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);

describe("planTasks", () => {
  it("resolves paths under the root and groups files by content, largest first", () => {
    const tasks = planTasks(
      {
        version: 1,
        files: [
          { path: "x/one", mount: "/mnt/m", sha256: A, size: 1, mode: 0o644 },
          { path: "big", mount: "/mnt/m", sha256: B, size: 9, mode: 0o644 },
          { path: "two", mount: "/opt/o", sha256: A, size: 1, mode: 0o600 },
        ],
      },
      "/tmp/root",
    );
    expect(tasks.map((t) => [t.sha256, t.targets.map((x) => x.dest)])).toEqual([
      [B, ["/tmp/root/mnt/m/big"]],
      [A, ["/tmp/root/mnt/m/x/one", "/tmp/root/opt/o/two"]],
    ]);
  });
});

describe("Progress", () => {
  it("words progress and the summary", () => {
    const p = new Progress({ files: 4, bytes: 4 * 1048576 }, 0);
    p.addBytes(2 * 1048576);
    p.fileDownloaded();
    p.fileSkipped(1048576);
    expect(p.line(2000)).toBe("2/4 files, 3.0 MiB/4.0 MiB (75%), 1.0 MiB/s");
    p.fileCopied(1048576);
    expect(p.summary(4000)).toBe(
      "downloaded 1 files (2.0 MiB), copied 1, skipped 1 already present (1.0 MiB) in 4.0 s",
    );
  });
});

describe("error classification", () => {
  it("retries network failures, throttling, 5xx and truncation; not 404s or our own errors", () => {
    expect(isTransient(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(true);
    expect(isTransient({ name: "SlowDown", $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isTransient({ name: "Whatever", $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isTransient(new TruncatedError("short"))).toBe(true);
    expect(isTransient({ name: "NoSuchKey", $metadata: { httpStatusCode: 404 } })).toBe(false);
    expect(isTransient(new DownloadError("corrupted", "bad"))).toBe(false);
    expect(isTransient("a string")).toBe(false);
    expect(isNotFound({ name: "NoSuchKey" })).toBe(true);
    expect(isNotFound({ $metadata: { httpStatusCode: 404 } })).toBe(true);
  });
});

describe("retry", () => {
  it("retries transient errors with full-jitter exponential backoff, up to the attempts", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 4) throw new Error("flaky");
        return "ok";
      },
      {
        attempts: 5,
        baseMs: 100,
        maxMs: 250,
        isTransient: () => true,
        sleep: async (ms) => {
          waits.push(ms);
        },
        random: () => 0.5,
      },
    );
    expect(result).toBe("ok");
    expect(waits).toEqual([50, 100, 125]);
    expect(backoffDelay(10, 100, 5000, 0.999)).toBe(4995);
  });

  it("throws permanent errors at once and the last transient one after the final attempt", async () => {
    let calls = 0;
    const opts = { attempts: 3, baseMs: 1, maxMs: 1, sleep: async () => {} };
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error("permanent");
        },
        { ...opts, isTransient: () => false },
      ),
    ).rejects.toThrow("permanent");
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error(`try ${calls}`);
        },
        { ...opts, isTransient: () => true },
      ),
    ).rejects.toThrow("try 3");
    expect(calls).toBe(3);
  });
});

describe("runPool", () => {
  it("never runs more than the concurrency at once and runs every item", async () => {
    let running = 0;
    let max = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      max = Math.max(max, running);
      await new Promise((r) => setTimeout(r, 2 + (n % 3)));
      running--;
      done.push(n);
    });
    expect(max).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("stops starting tasks after a failure, aborts the others, and throws the first error", async () => {
    const started: number[] = [];
    let abortedSeen = 0;
    const err = await runPool([1, 2, 3, 4, 5], 2, async (n, signal) => {
      started.push(n);
      if (n === 1) throw new Error("boom 1");
      await new Promise((r) => setTimeout(r, 5));
      if (signal.aborted) abortedSeen++;
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("boom 1");
    expect(started).toEqual([1, 2]);
    expect(abortedSeen).toBe(1);
  });
});

describe("downloader flags", () => {
  it("reads the environment the controller sets and checks the manifest digest", () => {
    const c = parseDownloaderFlags([], {
      CORTEX_BUCKET: "b",
      CORTEX_PREFIX: "p",
      CORTEX_MANIFEST: A,
      AWS_ENDPOINT_URL: "http://127.0.0.1:7070",
    });
    expect(c).toMatchObject({ bucket: "b", prefix: "p", manifest: A, concurrency: 16, root: "/" });
    // The endpoint's variables are main()'s to read (as the uploader reads them), not the flag's.
    expect(c.s3Endpoint).toBeUndefined();
    expect(parseDownloaderFlags(["--s3-endpoint", "http://h:1"], {}).s3Endpoint).toBe("http://h:1");
    expect(() => parseDownloaderFlags(["--manifest", "ABC"], {})).toThrow(/not a lowercase hex/);
  });

  it("prefers AWS_ENDPOINT_URL_S3 to AWS_ENDPOINT_URL, and the flag to both", () => {
    const env = {
      AWS_ENDPOINT_URL_S3: "http://s3-only:9000",
      AWS_ENDPOINT_URL: "http://all-services:9000",
    };
    // What main() does: its flags, then the uploader's s3EndpointFromEnv.
    const resolve = (argv: string[]) =>
      s3EndpointFromEnv(parseDownloaderFlags(argv, env).s3Endpoint, env);
    expect(resolve([])).toBe("http://s3-only:9000");
    expect(resolve(["--s3-endpoint", "http://flag:9000"])).toBe("http://flag:9000");
    expect(s3EndpointFromEnv(parseDownloaderFlags([], env).s3Endpoint, {})).toBeUndefined();
  });

  it("addresses an endpoint by path unless told otherwise", () => {
    expect(parseDownloaderFlags([], {}).s3ForcePathStyle).toBeUndefined();
    const off = parseDownloaderFlags([], { CORTEX_S3_FORCE_PATH_STYLE: "false" });
    expect(off.s3ForcePathStyle).toBe(false);
    const endpoint = "http://127.0.0.1:7070";
    // What main() passes on to the shared client.
    expect(createS3Client({ endpoint, maxSockets: 4 }).config.forcePathStyle).toBe(true);
    expect(
      createS3Client({ endpoint, forcePathStyle: false, maxSockets: 4 }).config.forcePathStyle,
    ).toBe(false);
    expect(createS3Client({ maxSockets: 4 }).config.forcePathStyle).toBe(false);
  });
});

describe("parseManifest, the downloader's trust boundary", () => {
  const file = (over: Partial<ManifestFile>): ManifestFile => ({
    path: "w.bin",
    mount: "/m",
    sha256: A,
    size: 1,
    mode: 0o644,
    ...over,
  });
  const parse = (files: ManifestFile[]) => () => parseManifest(serializeManifest(files));

  it("refuses two files at one place, however they are spelled", () => {
    expect(parse([file({ sha256: A }), file({ sha256: B })])).toThrow(
      "artifact manifest: files[0] and files[1] both write /m/w.bin",
    );
    expect(parse([file({ mount: "/m", path: "a/b" }), file({ mount: "/m/a", path: "b" })])).toThrow(
      "both write /m/a/b",
    );
  });

  it("refuses a file where another needs a folder", () => {
    expect(parse([file({ path: "a" }), file({ path: "a/b" })])).toThrow(
      "artifact manifest: files[0] writes the file /m/a, which files[1] needs as a folder",
    );
  });

  it("takes modes from 0400 to 0777 its owner can read, nothing setuid", () => {
    for (const mode of [0o644, 0o755, 0o600, 0o444, 0o400])
      expect(parse([file({ mode })])).not.toThrow();
    for (const mode of [0o4755, 0o2755, 0o1777, 0o200, 0o044, -1, 0.5])
      expect(parse([file({ mode })])).toThrow("mode is not a permission mode");
  });
});

describe("blobFailure", () => {
  const fields = { dest: "/m/w.bin", key: "k" };
  it("calls a file-system failure the disk's, without attempts", () => {
    const err = Object.assign(new Error("EROFS: read-only file system, open '/m/w.bin'"), {
      code: "EROFS",
      path: "/m/w.bin",
      syscall: "open",
    });
    const failure = blobFailure(err, "/m/w.bin", "s3://b/k", 5, fields);
    expect(failure.kind).toBe("local");
    expect(failure.message).toBe(
      "cannot write /m/w.bin: EROFS: read-only file system, open '/m/w.bin' (the artifacts' mount must be a writable volume with room for them)",
    );
  });

  it("counts attempts only for failures that were retried", () => {
    const reset = Object.assign(new Error("read ECONNRESET"), {
      code: "ECONNRESET",
      syscall: "read",
    });
    expect(blobFailure(reset, "/m/w.bin", "s3://b/k", 5, fields).message).toBe(
      "cannot download /m/w.bin from s3://b/k after 5 attempts: Error: read ECONNRESET",
    );
    const denied = Object.assign(new Error("Forbidden"), { name: "InvalidAccessKeyId" });
    const once = blobFailure(denied, "/m/w.bin", "s3://b/k", 5, fields);
    expect(once).toMatchObject({ kind: "access" });
    expect(once.message).not.toContain("attempts");
  });
});
