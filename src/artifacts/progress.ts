// Counts what an upload has done and turns it into a progress line at most every few seconds, and
// a summary at the end. The line goes to a callback so the Action can put it in a log group and
// the CLI on stderr. Counting is per distinct blob: a file shared by two APIs is one upload.

import { plural } from "../text/plural.ts";

export interface UploadSummary {
  uploadedFiles: number;
  uploadedBytes: number;
  skippedFiles: number;
  skippedBytes: number;
  seconds: number;
  /** Uploaded megabytes (10^6 bytes) per second of the whole run. */
  mbPerSecond: number;
}

export interface ProgressState {
  totalFiles: number;
  totalBytes: number;
  hashedFiles: number;
  hashedBytes: number;
  uploadedFiles: number;
  /**
   * Bytes written to S3 connections as they go (less those of attempts that failed and will go
   * again), so a large file moves the figure while it is being sent, not only once stored.
   */
  sentBytes: number;
  uploadedBytes: number;
  skippedFiles: number;
  skippedBytes: number;
  elapsedMs: number;
}

export interface ProgressOptions {
  log?: ((line: string) => void) | undefined;
  /** At most one line per this many milliseconds. */
  intervalMs?: number;
  now?: () => number;
}

export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.ceil(s - m * 60)).padStart(2, "0")}s`;
}

export function formatProgress(s: ProgressState): string {
  const seconds = s.elapsedMs / 1000;
  const rate = seconds > 0 ? s.sentBytes / seconds : 0;
  const parts = [
    `artifacts: hashed ${s.hashedFiles}/${plural(s.totalFiles, "file")} (${formatBytes(s.hashedBytes)}/${formatBytes(s.totalBytes)})`,
    `sent ${formatBytes(s.sentBytes)}, ${plural(s.uploadedFiles, "file")} done`,
    `skipped ${s.skippedFiles} (${formatBytes(s.skippedBytes)})`,
    `${(rate / 1e6).toFixed(1)} MB/s`,
  ];
  // What is neither stored nor known to be there yet still has to go, at the rate so far.
  const remaining = s.totalBytes - s.sentBytes - s.skippedBytes;
  if (rate > 0 && remaining > 0) parts.push(`ETA ${formatSeconds(remaining / rate)}`);
  return parts.join(", ");
}

export function formatSummary(s: UploadSummary): string {
  return (
    `artifacts: uploaded ${plural(s.uploadedFiles, "file")} (${formatBytes(s.uploadedBytes)}), ` +
    `skipped ${s.skippedFiles} already in S3 (${formatBytes(s.skippedBytes)}), ` +
    `${s.seconds.toFixed(1)}s, ${s.mbPerSecond.toFixed(1)} MB/s`
  );
}

export class Progress {
  private readonly state: ProgressState = {
    totalFiles: 0,
    totalBytes: 0,
    hashedFiles: 0,
    hashedBytes: 0,
    uploadedFiles: 0,
    sentBytes: 0,
    uploadedBytes: 0,
    skippedFiles: 0,
    skippedBytes: 0,
    elapsedMs: 0,
  };
  private readonly now: () => number;
  private readonly started: number;
  private readonly intervalMs: number;
  private readonly log: ((line: string) => void) | undefined;
  private lastLine: number;

  constructor(options: ProgressOptions = {}) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.lastLine = this.started;
    this.intervalMs = options.intervalMs ?? 5000;
    this.log = options.log;
  }

  planned(files: number, bytes: number): void {
    this.state.totalFiles += files;
    this.state.totalBytes += bytes;
  }

  hashed(bytes: number): void {
    this.state.hashedFiles++;
    this.state.hashedBytes += bytes;
    this.tick();
  }

  skipped(bytes: number): void {
    this.state.skippedFiles++;
    this.state.skippedBytes += bytes;
    this.tick();
  }

  sent(bytes: number): void {
    this.state.sentBytes += bytes;
    this.tick();
  }

  uploaded(bytes: number): void {
    this.state.uploadedFiles++;
    this.state.uploadedBytes += bytes;
    this.tick();
  }

  snapshot(): ProgressState {
    return { ...this.state, elapsedMs: this.now() - this.started };
  }

  /** Logs a line if the interval has passed since the last one. */
  tick(): void {
    if (!this.log) return;
    const t = this.now();
    if (t - this.lastLine < this.intervalMs) return;
    this.lastLine = t;
    this.log(formatProgress(this.snapshot()));
  }

  summary(): UploadSummary {
    const s = this.snapshot();
    const seconds = s.elapsedMs / 1000;
    return {
      uploadedFiles: s.uploadedFiles,
      uploadedBytes: s.uploadedBytes,
      skippedFiles: s.skippedFiles,
      skippedBytes: s.skippedBytes,
      seconds,
      mbPerSecond: seconds > 0 ? s.uploadedBytes / 1e6 / seconds : 0,
    };
  }
}
