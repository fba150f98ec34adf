import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  LogWriter,
  parseRecords,
  prepareRunLog,
  renderRecords,
  rfc3339Nano,
} from "../../sandbox/kubelet/container-logs.ts";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

function written(chunks: ["stdout" | "stderr", string, number][], flush = true): string {
  const dir = mkdtempSync(join(tmpdir(), "kubelet-logs-"));
  const writer = new LogWriter(join(dir, "0.log"));
  for (const [stream, text, s] of chunks) writer.write(stream, text, t(s));
  if (flush) writer.flush(t(99));
  try {
    return readFileSync(join(dir, "0.log"), "utf8");
  } catch {
    return "";
  }
}

describe("LogWriter", () => {
  it("writes one CRI record per line, joining lines split across chunks", () => {
    const text = written([
      ["stdout", "hel", 1],
      ["stdout", "lo\nwor", 2],
      ["stderr", "oops\n", 3],
      ["stdout", "ld\n", 4],
    ]);
    expect(text).toBe(
      [
        "2026-01-01T00:00:02.000000000Z stdout F hello",
        "2026-01-01T00:00:03.000000000Z stderr F oops",
        "2026-01-01T00:00:04.000000000Z stdout F world",
        "",
      ].join("\n"),
    );
  });

  it("writes an unterminated last line when flushed, and nothing before", () => {
    expect(written([["stdout", "no newline", 1]], false)).toBe("");
    expect(written([["stdout", "no newline", 1]])).toBe(
      "2026-01-01T00:01:39.000000000Z stdout F no newline\n",
    );
  });

  it("splits an overlong line into partial records", () => {
    const records = parseRecords(written([["stdout", `${"x".repeat(20_000)}\n`, 1]]));
    expect(records.map((r) => r.partial)).toEqual([true, false]);
    expect(records.map((r) => r.text).join("")).toBe("x".repeat(20_000));
  });
});

describe("renderRecords", () => {
  const records = parseRecords(
    [
      `${rfc3339Nano(t(1))} stdout F one`,
      `${rfc3339Nano(t(2))} stderr F two`,
      `${rfc3339Nano(t(3))} stdout P thr`,
      `${rfc3339Nano(t(3))} stdout F ee`,
      `${rfc3339Nano(t(4))} stdout F four`,
    ].join("\n"),
  );

  it("prints lines as the container wrote them, stdout and stderr interleaved", () => {
    expect(renderRecords(records, {})).toBe("one\ntwo\nthree\nfour\n");
  });

  it("keeps the last N whole lines", () => {
    expect(renderRecords(records, { tailLines: 2 })).toBe("three\nfour\n");
    expect(renderRecords(records, { tailLines: 0 })).toBe("");
    expect(renderRecords(records, { tailLines: 10 })).toBe("one\ntwo\nthree\nfour\n");
  });

  it("prefixes timestamps, filters by time and limits bytes", () => {
    expect(renderRecords(records, { timestamps: true, tailLines: 1 })).toBe(
      "2026-01-01T00:00:04.000000000Z four\n",
    );
    expect(renderRecords(records, { sinceMs: t(3).getTime() })).toBe("three\nfour\n");
    expect(renderRecords(records, { limitBytes: 6 })).toBe("one\ntw");
  });
});

describe("prepareRunLog", () => {
  it("keeps the current and the previous run's file only", () => {
    const dir = mkdtempSync(join(tmpdir(), "kubelet-logs-"));
    for (let run = 0; run <= 3; run++) prepareRunLog(dir, "app", run);
    expect(readdirSync(join(dir, "logs", "app")).sort()).toEqual(["2.log", "3.log"]);
  });
});
