// Restores an API's artifacts from S3: fetch and verify the manifest, then download each distinct
// blob once, in parallel, into every file that needs it, verifying size and SHA-256 and writing
// atomically. Files already present with the right bytes are left alone, so a restarted pod does
// not download again.
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { S3Client } from "@aws-sdk/client-s3";
import { readAtMost, TooLargeError } from "../../../src/artifacts/bounded-read.ts";
import {
  blobKey,
  MANIFEST_MAX_BYTES,
  type Manifest,
  manifestDigestMismatch,
  manifestKey,
  parseManifest,
} from "../../../src/artifacts/manifest.ts";
import { ARTIFACTS_SECRET } from "../../../src/kube/resource.ts";
import type { Logger } from "../lib/log.ts";
import { runPool } from "../lib/pool.ts";
import { retry } from "../lib/retry.ts";
import {
  blobFailure,
  DownloadError,
  isAccessDenied,
  isNoSuchBucket,
  isNotFound,
  isTransient,
  type MountVolume,
  TruncatedError,
} from "./errors.ts";
import { isPresent, removeStalePartials, streamToFile, writeAtomically } from "./files.ts";
import { type BlobTask, mountFolder, planTasks, type Target } from "./plan.ts";
import { Progress, type ProgressSnapshot } from "./progress.ts";
import { getObject } from "./s3.ts";
import { checkSpace, type SpaceProbe } from "./space.ts";

export interface RestoreOptions {
  client: S3Client;
  bucket: string;
  prefix: string;
  manifestSha256: string;
  root: string;
  concurrency: number;
  attempts: number;
  progressIntervalMs: number;
  log: Logger;
  /** First retry waits up to this long (full jitter, doubling); tests shorten it. */
  retryBaseMs?: number;
  /** The most bytes read of the manifest (default MANIFEST_MAX_BYTES); tests shorten it. */
  manifestMaxBytes?: number;
  /** How free space is read before downloading (default: stat and statfs); tests give theirs. */
  spaceProbe?: SpaceProbe;
}

const RETRY_MAX_MS = 10_000;

function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export async function fetchManifest(opts: RestoreOptions): Promise<Manifest> {
  const key = manifestKey(opts.prefix, opts.manifestSha256);
  const url = s3Url(opts.bucket, key);
  const max = opts.manifestMaxBytes ?? MANIFEST_MAX_BYTES;
  const tooLarge = (size: string) =>
    new DownloadError(
      "manifest",
      `artifact manifest ${url} is larger than the ${max} bytes the downloader accepts for a manifest (${size})`,
      { key },
    );
  const bytes = await retry(
    async () => {
      try {
        const { body, length } = await getObject(opts.client, opts.bucket, key);
        return await readAtMost(body, max, length);
      } catch (err) {
        if (err instanceof TooLargeError) throw tooLarge(err.detail);
        if (isNoSuchBucket(err))
          throw new DownloadError(
            "bucket",
            `bucket ${opts.bucket} does not exist (as the pod reaches S3: check the region and ` +
              "the endpoint the deploy used)",
            { key },
          );
        if (isNotFound(err))
          throw new DownloadError("manifest", `artifact manifest ${url} does not exist`, { key });
        if (isAccessDenied(err))
          throw new DownloadError("access", `access denied reading ${url}: ${String(err)}`, {
            key,
          });
        throw err;
      }
    },
    {
      attempts: opts.attempts,
      baseMs: opts.retryBaseMs ?? 250,
      maxMs: RETRY_MAX_MS,
      isTransient,
      onRetry: (err, attempt, delay) =>
        opts.log.warn("retrying manifest", { err, attempt, delay_ms: delay, key }),
    },
  ).catch((err: unknown) => {
    // The network, a timeout, an odd answer: say which object, as for a blob.
    if (err instanceof DownloadError) throw err;
    const n = opts.attempts;
    const tries = isTransient(err) ? ` after ${n} attempt${n === 1 ? "" : "s"}` : "";
    const hint = setupHint(String(err));
    throw new DownloadError(
      "access",
      `cannot read artifact manifest ${url}${tries}: ${String(err)}${hint}`,
      { key },
    );
  });
  const actual = manifestDigestMismatch(bytes, opts.manifestSha256);
  if (actual !== undefined)
    throw new DownloadError(
      "manifest",
      `artifact manifest ${url} has SHA-256 ${actual}, expected ${opts.manifestSha256}`,
      { key },
    );
  try {
    return parseManifest(bytes.toString("utf8"));
  } catch (err) {
    throw new DownloadError("manifest", `${url}: ${(err as Error).message}`, { key });
  }
}

/**
 * What the pod's set-up lacks, for the two errors that mean it: the first read of a namespace
 * whose Secret was never made (a new namespace: the Secret is optional in the pod, so nothing
 * else says it is missing), and an API deployed before the reference carried the region.
 */
export function setupHint(error: string): string {
  if (/Could not load credentials/.test(error))
    return ` (the pod has no S3 credentials: create the Secret ${ARTIFACTS_SECRET} in this namespace with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give the pod's node or ServiceAccount a role that may read the bucket)`;
  if (/Region is missing/.test(error))
    return ` (the pod has no AWS region: deploy again, which records the upload's region, or set AWS_REGION in the ${ARTIFACTS_SECRET} Secret)`;
  return "";
}

/** Downloads one blob into target.dest, verified; throws DownloadError or a transient error. */
async function downloadInto(
  opts: RestoreOptions,
  task: BlobTask,
  target: Target,
  progress: Progress,
  signal: AbortSignal,
): Promise<void> {
  const key = blobKey(opts.prefix, task.sha256);
  const url = s3Url(opts.bucket, key);
  const fields = { path: target.file.path, mount: target.file.mount, dest: target.dest, key };
  await writeAtomically(target.dest, target.file.mode, async (temp) => {
    let object: Awaited<ReturnType<typeof getObject>>;
    try {
      object = await getObject(opts.client, opts.bucket, key, signal);
    } catch (err) {
      if (isNotFound(err))
        throw new DownloadError(
          "missing",
          `blob missing for ${target.dest}: ${url} does not exist; run cortex-deploy upload or ` +
            "deploy again to upload it",
          fields,
        );
      if (isAccessDenied(err))
        throw new DownloadError(
          "access",
          `access denied for ${target.dest}: ${url}: ${String(err)}`,
          fields,
        );
      throw err;
    }
    // The object was named just before: the sentence stays short enough for a pod's status.
    const repair =
      "to repair it, delete that object and upload again (cortex-deploy upload or deploy), which sends it anew";
    if (object.length !== undefined && object.length !== task.size) {
      object.body.destroy();
      throw new DownloadError(
        "corrupted",
        `blob corrupted for ${target.dest}: ${url} is ${object.length} bytes, the manifest says ${task.size}; ${repair}`,
        fields,
      );
    }
    let received = 0;
    try {
      // At most task.size bytes: a body sent without a Content-Length, or with a wrong one, is cut
      // off as soon as it is longer, so it cannot fill the volume before its size is checked.
      const digest = await streamToFile(
        object.body,
        temp,
        task.size,
        (n) => {
          received += n;
          progress.addBytes(n);
        },
        signal,
      );
      if (digest.size !== task.size)
        throw new TruncatedError(`${url}: body ended after ${digest.size} of ${task.size} bytes`);
      if (digest.sha256 !== task.sha256)
        throw new DownloadError(
          "corrupted",
          `blob corrupted for ${target.dest}: ${url} has SHA-256 ${digest.sha256}, the manifest says ${task.sha256}; ${repair}`,
          fields,
        );
    } catch (err) {
      progress.addBytes(-received);
      if (err instanceof TooLargeError)
        throw new DownloadError(
          "corrupted",
          `blob corrupted for ${target.dest}: ${url} is larger than the ${task.size} bytes the manifest says (reading stopped after ${err.received} bytes); ${repair}`,
          fields,
        );
      throw err;
    }
  });
  progress.fileDownloaded();
}

/** Each mount's folder and the bytes of all its files, for a full disk's message. */
function mountVolumes(manifest: Manifest, root: string): Map<string, MountVolume> {
  const out = new Map<string, MountVolume>();
  for (const file of manifest.files) {
    const v = out.get(file.mount) ?? { folder: mountFolder(root, file.mount), bytes: 0 };
    v.bytes += file.size;
    out.set(file.mount, v);
  }
  return out;
}

async function runTask(
  opts: RestoreOptions,
  task: BlobTask,
  progress: Progress,
  signal: AbortSignal,
  volumes: ReadonlyMap<string, MountVolume>,
): Promise<void> {
  const expected = { size: task.size, sha256: task.sha256 };
  const missing: Target[] = [];
  let present: Target | undefined;
  for (const target of task.targets) {
    if (await isPresent(target.dest, expected, target.file.mode)) {
      progress.fileSkipped(task.size);
      present ??= target;
    } else missing.push(target);
  }
  if (missing.length === 0) return;
  const key = blobKey(opts.prefix, task.sha256);
  // A file already here with this content (just verified) is the source; else one download.
  let source = present;
  if (source === undefined) {
    const first = missing.shift() as Target;
    try {
      await retry(() => downloadInto(opts, task, first, progress, signal), {
        attempts: opts.attempts,
        baseMs: opts.retryBaseMs ?? 250,
        maxMs: RETRY_MAX_MS,
        isTransient,
        signal,
        onRetry: (err, attempt, delay) =>
          opts.log.warn("retrying blob", { err, attempt, delay_ms: delay, dest: first.dest, key }),
      });
    } catch (err) {
      if (err instanceof DownloadError || signal.aborted) throw err;
      throw blobFailure(
        err,
        first.dest,
        s3Url(opts.bucket, key),
        opts.attempts,
        { dest: first.dest, key },
        volumes.get(first.file.mount),
      );
    }
    source = first;
  }
  // Other files with the same content are local copies of the verified one.
  const from = source.dest;
  for (const target of missing) {
    try {
      await writeAtomically(target.dest, target.file.mode, (temp) => copyFile(from, temp));
    } catch (err) {
      throw blobFailure(
        err,
        target.dest,
        s3Url(opts.bucket, key),
        opts.attempts,
        { dest: target.dest, key },
        volumes.get(target.file.mount),
      );
    }
    progress.fileCopied(task.size);
  }
}

export async function restore(opts: RestoreOptions): Promise<ProgressSnapshot> {
  const manifest = await fetchManifest(opts);
  const tasks = planTasks(manifest, opts.root);
  const totals = {
    files: manifest.files.length,
    bytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
  };
  const dirs = new Set(tasks.flatMap((t) => t.targets.map((x) => path.dirname(x.dest))));
  const stale = await removeStalePartials(dirs);
  if (stale > 0) opts.log.info(`removed ${stale} partial files left by an earlier run`);
  // After the stale partials are gone: their room is free again.
  const space = await checkSpace(tasks, opts.root, opts.spaceProbe);
  if (space.skipped !== undefined)
    opts.log.warn("cannot read the free space of the artifacts' volumes; downloading anyway", {
      err: space.skipped,
    });
  const progress = new Progress(totals, performance.now());
  opts.log.info(`restoring ${totals.files} files (${tasks.length} distinct blobs)`, {
    files: totals.files,
    blobs: tasks.length,
    bytes: totals.bytes,
  });
  const ticker = setInterval(
    () => opts.log.info(progress.line(performance.now())),
    opts.progressIntervalMs,
  );
  ticker.unref();
  const volumes = mountVolumes(manifest, opts.root);
  try {
    await runPool(tasks, opts.concurrency, (task, signal) =>
      runTask(opts, task, progress, signal, volumes),
    );
  } finally {
    clearInterval(ticker);
  }
  const now = performance.now();
  opts.log.info(progress.summary(now), { ...progress.snapshot(now) });
  return progress.snapshot(now);
}
