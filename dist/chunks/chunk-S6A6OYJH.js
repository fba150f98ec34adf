import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plural
} from "./chunk-IJQPKFB2.js";

// src/artifacts/progress.ts
function formatBytes(n) {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}
function formatSeconds(s) {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.ceil(s - m * 60)).padStart(2, "0")}s`;
}
function formatProgress(s) {
  const seconds = s.elapsedMs / 1e3;
  const rate = seconds > 0 ? s.sentBytes / seconds : 0;
  const parts = [
    `artifacts: hashed ${s.hashedFiles}/${plural(s.totalFiles, "file")} (${formatBytes(s.hashedBytes)}/${formatBytes(s.totalBytes)})`,
    `sent ${formatBytes(s.sentBytes)}, ${plural(s.uploadedFiles, "file")} done`,
    `skipped ${s.skippedFiles} (${formatBytes(s.skippedBytes)})`,
    `${(rate / 1e6).toFixed(1)} MB/s`
  ];
  const remaining = s.totalBytes - s.sentBytes - s.skippedBytes;
  if (rate > 0 && remaining > 0) parts.push(`ETA ${formatSeconds(remaining / rate)}`);
  return parts.join(", ");
}
function formatSummary(s) {
  return `artifacts: uploaded ${plural(s.uploadedFiles, "file")} (${formatBytes(s.uploadedBytes)}), skipped ${s.skippedFiles} already in S3 (${formatBytes(s.skippedBytes)}), ${s.seconds.toFixed(1)}s, ${s.mbPerSecond.toFixed(1)} MB/s`;
}
var Progress = class {
  state = {
    totalFiles: 0,
    totalBytes: 0,
    hashedFiles: 0,
    hashedBytes: 0,
    uploadedFiles: 0,
    sentBytes: 0,
    uploadedBytes: 0,
    skippedFiles: 0,
    skippedBytes: 0,
    elapsedMs: 0
  };
  now;
  started;
  intervalMs;
  log;
  lastLine;
  constructor(options = {}) {
    this.now = options.now ?? Date.now;
    this.started = this.now();
    this.lastLine = this.started;
    this.intervalMs = options.intervalMs ?? 5e3;
    this.log = options.log;
  }
  planned(files, bytes) {
    this.state.totalFiles += files;
    this.state.totalBytes += bytes;
  }
  hashed(bytes) {
    this.state.hashedFiles++;
    this.state.hashedBytes += bytes;
    this.tick();
  }
  skipped(bytes) {
    this.state.skippedFiles++;
    this.state.skippedBytes += bytes;
    this.tick();
  }
  sent(bytes) {
    this.state.sentBytes += bytes;
    this.tick();
  }
  uploaded(bytes) {
    this.state.uploadedFiles++;
    this.state.uploadedBytes += bytes;
    this.tick();
  }
  snapshot() {
    return { ...this.state, elapsedMs: this.now() - this.started };
  }
  /** Logs a line if the interval has passed since the last one. */
  tick() {
    if (!this.log) return;
    const t = this.now();
    if (t - this.lastLine < this.intervalMs) return;
    this.lastLine = t;
    this.log(formatProgress(this.snapshot()));
  }
  summary() {
    const s = this.snapshot();
    const seconds = s.elapsedMs / 1e3;
    return {
      uploadedFiles: s.uploadedFiles,
      uploadedBytes: s.uploadedBytes,
      skippedFiles: s.skippedFiles,
      skippedBytes: s.skippedBytes,
      seconds,
      mbPerSecond: seconds > 0 ? s.uploadedBytes / 1e6 / seconds : 0
    };
  }
};

export {
  formatBytes,
  formatSummary,
  Progress
};
