// The gateway's own ceiling: many parallel PUTs of in-memory bytes, each with its SHA-256
// checksum (taken once per size) so the gateway verifies as much as it does for real uploads,
// while the client reads no file and hashes nothing. No upload tool can beat this on the same
// gateway. Two shapes: 16 MiB objects (the bandwidth ceiling), and the data set's own object
// sizes (the ceiling for this mix of requests, where small objects cost a request each).
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createLimiter } from "../../src/artifacts/limit.ts";
import { createS3Client } from "../../src/artifacts/s3-client.ts";

export interface Ceiling {
  seconds: number;
  bytes: number;
  requests: number;
  mbPerSecond: number;
  /** CPU seconds of this process and of the gateway while the PUTs ran. */
  cpu: { tool: number; gateway: number };
}

export async function measureCeiling(opts: {
  endpoint: string;
  bucket: string;
  prefix: string;
  /** Size of each PUT, largest first. */
  objectSizes: number[];
  concurrency: number;
  /** The gateway's CPU seconds so far. */
  gatewayCpu: () => number;
}): Promise<Ceiling> {
  const client = createS3Client({ endpoint: opts.endpoint, maxSockets: opts.concurrency + 4 });
  const largest = Math.max(0, ...opts.objectSizes);
  const body = randomBytes(largest);
  const checksums = new Map<number, string>();
  const checksum = (size: number): string => {
    let c = checksums.get(size);
    if (c === undefined) {
      c = createHash("sha256").update(body.subarray(0, size)).digest("base64");
      checksums.set(size, c);
    }
    return c;
  };
  for (const size of opts.objectSizes) checksum(size);
  const limiter = createLimiter(opts.concurrency);
  try {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    const gateway0 = opts.gatewayCpu();
    await Promise.all(
      opts.objectSizes.map((size, i) =>
        limiter.run(() =>
          client.send(
            new PutObjectCommand({
              Bucket: opts.bucket,
              Key: `${opts.prefix}/${i}`,
              // A stream body: the SDK then signs UNSIGNED-PAYLOAD instead of hashing the bytes.
              Body: Readable.from([body.subarray(0, size)]),
              ContentLength: size,
              ChecksumSHA256: checksum(size),
            }),
          ),
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const gateway = opts.gatewayCpu() - gateway0;
    const bytes = opts.objectSizes.reduce((a, b) => a + b, 0);
    return {
      seconds,
      bytes,
      requests: opts.objectSizes.length,
      mbPerSecond: bytes / 1e6 / seconds,
      cpu: { tool: (cpu.user + cpu.system) / 1e6, gateway },
    };
  } finally {
    client.destroy();
  }
}
