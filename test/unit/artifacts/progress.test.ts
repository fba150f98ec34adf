import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatProgress,
  formatSummary,
  Progress,
} from "../../../src/artifacts/progress.ts";

describe("Progress", () => {
  it("logs at most one line per interval", () => {
    let t = 0;
    const lines: string[] = [];
    const p = new Progress({ log: (l) => lines.push(l), intervalMs: 5000, now: () => t });
    p.planned(3, 3000);
    t = 1000;
    p.hashed(1000);
    expect(lines).toHaveLength(0);
    t = 5000;
    p.hashed(1000);
    expect(lines).toHaveLength(1);
    t = 9000;
    p.sent(500);
    expect(lines).toHaveLength(1);
    t = 10_000;
    p.tick();
    expect(lines).toHaveLength(2);
  });

  it("says files and bytes done, the rate and the time left", () => {
    const line = formatProgress({
      totalFiles: 10,
      totalBytes: 300e6,
      hashedFiles: 10,
      hashedBytes: 300e6,
      uploadedFiles: 4,
      sentBytes: 100e6,
      uploadedBytes: 100e6,
      skippedFiles: 2,
      skippedBytes: 100e6,
      elapsedMs: 2000,
    });
    expect(line).toBe(
      "artifacts: hashed 10/10 files (300.0 MB/300.0 MB), sent 100.0 MB, 4 files done, skipped 2 (100.0 MB), 50.0 MB/s, ETA 2s",
    );
  });

  it("says one file, not one files", () => {
    const line = formatProgress({
      totalFiles: 1,
      totalBytes: 10e6,
      hashedFiles: 1,
      hashedBytes: 10e6,
      uploadedFiles: 1,
      sentBytes: 10e6,
      uploadedBytes: 10e6,
      skippedFiles: 0,
      skippedBytes: 0,
      elapsedMs: 1000,
    });
    expect(line).toBe(
      "artifacts: hashed 1/1 file (10.0 MB/10.0 MB), sent 10.0 MB, 1 file done, skipped 0 (0 B), 10.0 MB/s",
    );
    const summary = { uploadedBytes: 10e6, skippedBytes: 0, seconds: 1, mbPerSecond: 10 };
    expect(formatSummary({ ...summary, uploadedFiles: 1, skippedFiles: 0 })).toBe(
      "artifacts: uploaded 1 file (10.0 MB), skipped 0 already in S3 (0 B), 1.0s, 10.0 MB/s",
    );
    expect(formatSummary({ ...summary, uploadedFiles: 2, skippedFiles: 0 })).toMatch(
      /^artifacts: uploaded 2 files /,
    );
  });

  it("sums up uploaded and skipped blobs with the overall rate", () => {
    let t = 0;
    const p = new Progress({ now: () => t });
    p.planned(3, 30e6);
    p.uploaded(10e6);
    p.uploaded(10e6);
    p.skipped(10e6);
    t = 4000;
    expect(p.summary()).toEqual({
      uploadedFiles: 2,
      uploadedBytes: 20e6,
      skippedFiles: 1,
      skippedBytes: 10e6,
      seconds: 4,
      mbPerSecond: 5,
    });
  });

  it("formats byte counts in decimal units", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1500)).toBe("1.5 kB");
    expect(formatBytes(2_340_000_000)).toBe("2.34 GB");
  });
});
