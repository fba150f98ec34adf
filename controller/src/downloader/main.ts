// `downloader`: the init container that puts an API's artifacts in place. See ./restore.ts and
// "S3 layout" in DESIGN.md. Exit codes: 0 done, 1 failed (the log says which file, and
// --termination-log gets the reason in one sentence), 2 bad flags.
import type { S3Client } from "@aws-sdk/client-s3";
import { S3EndpointError } from "../../../src/artifacts/errors.ts";
import { createS3Client, s3EndpointFromEnv } from "../../../src/artifacts/s3-client.ts";
import { FlagError, formatUsage, wantsHelp } from "../lib/flags.ts";
import { createLogger } from "../lib/log.ts";
import { downloaderFlags, parseDownloaderFlags } from "./config.ts";
import { DownloadError } from "./errors.ts";
import { restore } from "./restore.ts";
import { writeTerminationMessage } from "./termination.ts";

const SUMMARY =
  "Downloads the files named by an artifact manifest from S3 into their mount folders, verifying " +
  "each SHA-256; files already present with the right content are skipped.";

function usage(): string {
  return formatUsage("main.js downloader", SUMMARY, downloaderFlags);
}

export async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(usage());
    return 0;
  }
  let config: ReturnType<typeof parseDownloaderFlags>;
  try {
    config = parseDownloaderFlags(argv, process.env);
    if (config.bucket === undefined)
      throw new FlagError("--bucket (or $CORTEX_BUCKET) is required");
    if (config.manifest === undefined)
      throw new FlagError("--manifest (or $CORTEX_MANIFEST) is required");
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`downloader: ${err.message}\n\n${usage()}`);
    return 2;
  }

  const log = createLogger("downloader");
  let client: S3Client | undefined;
  try {
    // Inside the try: a bad endpoint is one JSON error line and exit 1 like any other failure.
    // SDK retries stay off (the shared client's default): restore() retries whole downloads
    // itself, failures in the middle of a body included.
    client = createS3Client({
      endpoint: s3EndpointFromEnv(config.s3Endpoint, process.env),
      forcePathStyle: config.s3ForcePathStyle,
      maxSockets: config.concurrency + 4,
    });
    await restore({
      client,
      bucket: config.bucket,
      prefix: config.prefix,
      manifestSha256: config.manifest,
      root: config.root,
      concurrency: config.concurrency,
      attempts: config.attempts,
      progressIntervalMs: config.progressInterval,
      log,
    });
    return 0;
  } catch (err) {
    let why: string;
    if (err instanceof DownloadError) {
      why = err.message;
      log.error(why, { kind: err.kind, ...err.fields });
    } else if (err instanceof S3EndpointError) {
      why = err.message;
      log.error(why, { kind: "config" });
    } else {
      why = `download failed: ${String(err)}`;
      log.error(why, { err });
    }
    if (config.terminationLog !== undefined) {
      const failed = await writeTerminationMessage(config.terminationLog, why);
      if (failed !== undefined)
        log.warn("cannot write the termination message", {
          err: failed,
          file: config.terminationLog,
        });
    }
    return 1;
  } finally {
    client?.destroy();
  }
}
