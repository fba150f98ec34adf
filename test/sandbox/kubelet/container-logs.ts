// Container log files in the CRI format the kubelet reads ("<RFC3339Nano> <stream> <F|P> <text>"),
// one file per run (<restartCount>.log) of which the current and previous are kept, and the
// reading side of `kubectl logs`: tailLines, sinceSeconds/sinceTime, timestamps, limitBytes.
import { appendFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export function logDir(podDir: string, container: string): string {
  return join(podDir, "logs", container);
}

export function logFile(podDir: string, container: string, restartCount: number): string {
  return join(logDir(podDir, container), `${restartCount}.log`);
}

/** Longest line kept whole; longer output is split into partial (P) records like CRI does. */
const maxLine = 16 * 1024;

/** Appends a stream's output to a run's log file, one record per line. */
export class LogWriter {
  private readonly pending = { stdout: "", stderr: "" };

  constructor(readonly file: string) {}

  write(stream: "stdout" | "stderr", chunk: string, now = new Date()): void {
    let text = this.pending[stream] + chunk;
    let out = "";
    let newline = text.indexOf("\n");
    while (newline >= 0) {
      let line = text.slice(0, newline);
      for (; line.length > maxLine; line = line.slice(maxLine)) {
        out += record(now, stream, "P", line.slice(0, maxLine));
      }
      out += record(now, stream, "F", line);
      text = text.slice(newline + 1);
      newline = text.indexOf("\n");
    }
    while (text.length > maxLine) {
      out += record(now, stream, "P", text.slice(0, maxLine));
      text = text.slice(maxLine);
    }
    this.pending[stream] = text;
    if (out) appendFileSync(this.file, out);
  }

  /** Writes what is left of an unterminated last line, as a full record. */
  flush(now = new Date()): void {
    let out = "";
    for (const stream of ["stdout", "stderr"] as const) {
      if (this.pending[stream]) out += record(now, stream, "F", this.pending[stream]);
      this.pending[stream] = "";
    }
    if (out) appendFileSync(this.file, out);
  }
}

function record(now: Date, stream: string, tag: "F" | "P", text: string): string {
  return `${rfc3339Nano(now)} ${stream} ${tag} ${text}\n`;
}

/** RFC 3339 with nanoseconds, as CRI writes it (our clock has milliseconds). */
export function rfc3339Nano(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
}

/** Creates the run's log file folder and deletes runs older than the previous one. */
export function prepareRunLog(podDir: string, container: string, restartCount: number): string {
  const folder = logDir(podDir, container);
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(folder)) {
    const run = Number.parseInt(name, 10);
    if (Number.isFinite(run) && run < restartCount - 1) rmSync(join(folder, name), { force: true });
  }
  const file = logFile(podDir, container, restartCount);
  appendFileSync(file, "");
  return file;
}

export interface LogRecord {
  time: string;
  timeMs: number;
  stream: string;
  partial: boolean;
  text: string;
}

export function parseRecord(line: string): LogRecord | undefined {
  const first = line.indexOf(" ");
  const second = line.indexOf(" ", first + 1);
  const third = line.indexOf(" ", second + 1);
  if (first < 0 || second < 0 || third < 0) return undefined;
  const time = line.slice(0, first);
  return {
    time,
    timeMs: Date.parse(time),
    stream: line.slice(first + 1, second),
    partial: line.slice(second + 1, third) === "P",
    text: line.slice(third + 1),
  };
}

export interface LogOptions {
  tailLines?: number;
  timestamps?: boolean;
  sinceMs?: number;
  limitBytes?: number;
}

/** Renders records as `kubectl logs` shows them. */
export function renderRecords(records: readonly LogRecord[], opts: LogOptions): string {
  const since = opts.sinceMs;
  let selected = since === undefined ? records : records.filter((r) => r.timeMs >= since);
  if (opts.tailLines !== undefined) {
    // Count whole lines: a partial record belongs to the full record that ends its line.
    let lines = 0;
    let start = selected.length;
    while (start > 0 && lines <= opts.tailLines) {
      const r = selected[start - 1];
      if (r && !r.partial) lines++;
      if (lines > opts.tailLines) break;
      start--;
    }
    selected = selected.slice(start);
  }
  let out = "";
  let atLineStart = true;
  for (const r of selected) {
    if (opts.timestamps && atLineStart) out += `${r.time} `;
    out += r.partial ? r.text : `${r.text}\n`;
    atLineStart = !r.partial;
  }
  if (opts.limitBytes !== undefined) out = Buffer.from(out).subarray(0, opts.limitBytes).toString();
  return out;
}

export function parseRecords(text: string): LogRecord[] {
  const out: LogRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const r = parseRecord(line);
    if (r) out.push(r);
  }
  return out;
}
