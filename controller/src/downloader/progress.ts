// Counts what the downloader has done and words it for the log: a progress line at most once per
// interval while it works, a summary at the end. Pure: the caller passes the clock.

export interface Totals {
  files: number;
  bytes: number;
}

export interface ProgressSnapshot {
  filesDone: number;
  downloaded: number;
  copied: number;
  skipped: number;
  bytesDownloaded: number;
  bytesSkipped: number;
  seconds: number;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

export class Progress {
  private downloaded = 0;
  private copied = 0;
  private skipped = 0;
  private bytesDownloaded = 0;
  private bytesSkipped = 0;
  private bytesCopied = 0;

  constructor(
    readonly totals: Totals,
    private readonly startedAt: number,
  ) {}

  /** Bytes received (negative to take back a failed attempt's bytes). */
  addBytes(n: number): void {
    this.bytesDownloaded += n;
  }
  fileDownloaded(): void {
    this.downloaded++;
  }
  fileCopied(size: number): void {
    this.copied++;
    this.bytesCopied += size;
  }
  fileSkipped(size: number): void {
    this.skipped++;
    this.bytesSkipped += size;
  }

  snapshot(now: number): ProgressSnapshot {
    return {
      filesDone: this.downloaded + this.copied + this.skipped,
      downloaded: this.downloaded,
      copied: this.copied,
      skipped: this.skipped,
      bytesDownloaded: this.bytesDownloaded,
      bytesSkipped: this.bytesSkipped,
      seconds: (now - this.startedAt) / 1000,
    };
  }

  /** "12/40 files, 300.0 MiB/1.2 GiB (25%), 85.3 MiB/s" */
  line(now: number): string {
    const s = this.snapshot(now);
    const done = s.bytesDownloaded + s.bytesSkipped + this.bytesCopied;
    const pct = this.totals.bytes === 0 ? 100 : Math.floor((100 * done) / this.totals.bytes);
    const rate = s.seconds > 0 ? s.bytesDownloaded / s.seconds : 0;
    return `${s.filesDone}/${this.totals.files} files, ${mib(done)}/${mib(this.totals.bytes)} (${pct}%), ${mib(rate)}/s`;
  }

  /** "downloaded 3 files (12.0 MiB), copied 1, skipped 5 already present (40.0 MiB) in 1.2 s" */
  summary(now: number): string {
    const s = this.snapshot(now);
    return (
      `downloaded ${s.downloaded} files (${mib(s.bytesDownloaded)}), copied ${s.copied}, ` +
      `skipped ${s.skipped} already present (${mib(s.bytesSkipped)}) in ${s.seconds.toFixed(1)} s`
    );
  }
}
