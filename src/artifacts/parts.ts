// How a file is split for upload: one PUT, or a multipart upload with a part size that keeps the
// part count within S3's limit of 10,000.

export const MIB = 1024 * 1024;
const MAX_PARTS = 10_000;
const MIN_PART = 5 * MIB;

export interface PartOptions {
  /** Preferred part size; raised for huge files so they fit in 10,000 parts. */
  partSize: number;
  /** Files larger than this go multipart. */
  multipartThreshold: number;
}

export const DEFAULT_PART_OPTIONS: PartOptions = {
  partSize: 16 * MIB,
  multipartThreshold: 64 * MIB,
};

/** S3 refuses single PUTs above 5 GiB; stay well below. */
const MAX_SINGLE_PUT = 4 * 1024 * MIB;

/**
 * The multipart threshold for one run. Parts buy parallelism inside a file, which matters when a
 * few large files would otherwise leave request slots idle; when there are enough files to fill
 * the slots, whole-file PUTs are cheaper (fewer requests, and no server-side reassembly: on
 * versitygw multipart costs about 40% more gateway CPU per byte, see bench/upload.ts). So a file
 * goes multipart only when it is above the configured threshold and more than twice its fair
 * share of the run's bytes (total / concurrency).
 */
export function balancedOptions(
  totalBytes: number,
  concurrency: number,
  options: PartOptions = DEFAULT_PART_OPTIONS,
): PartOptions {
  const fairShare = (2 * totalBytes) / Math.max(1, concurrency);
  return {
    partSize: options.partSize,
    multipartThreshold: Math.min(MAX_SINGLE_PUT, Math.max(options.multipartThreshold, fairShare)),
  };
}

export interface Part {
  number: number;
  start: number;
  /** Exclusive. */
  end: number;
}

export type UploadPlan =
  | { multipart: false }
  | { multipart: true; partSize: number; parts: Part[] };

export function planUpload(size: number, options: PartOptions = DEFAULT_PART_OPTIONS): UploadPlan {
  if (size <= options.multipartThreshold) return { multipart: false };
  const wanted = Math.max(options.partSize, MIN_PART, Math.ceil(size / MAX_PARTS));
  const partSize = Math.ceil(wanted / MIB) * MIB;
  const parts: Part[] = [];
  for (let start = 0, number = 1; start < size; start += partSize, number++)
    parts.push({ number, start, end: Math.min(size, start + partSize) });
  return { multipart: true, partSize, parts };
}
