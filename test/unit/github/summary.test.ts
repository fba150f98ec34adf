import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatBytes, formatSeconds } from "../../../src/github/format.ts";
import { mask } from "../../../src/github/masked.ts";
import { outputStatus, outputsFor } from "../../../src/github/outputs.ts";
import type { RunReport } from "../../../src/github/run-report.ts";
import { appendJobSummary, renderSummary, writeSummary } from "../../../src/github/summary.ts";

const ctx = { serverUrl: "https://github.com", repository: "acme/ml" };

const report: RunReport = {
  command: "preview",
  title: "cortex-deploy: preview of #42",
  namespace: "ml-pr-42",
  commit: "1234567890abcdef1234567890abcdef12345678",
  apis: [
    {
      name: "iris",
      kind: "RealtimeAPI",
      action: "update",
      change: "configured",
      state: "progressing",
      revision: 4,
      replicas: { ready: 1, desired: 2, min: 1, max: 2 },
      endpoint: "https://api.example.com/ml-pr-42/iris",
    },
    {
      name: "split",
      kind: "TrafficSplitter",
      action: "unchanged",
      change: "up to date",
      endpoint: "/split",
    },
  ],
  artifacts: {
    uploadedFiles: 3,
    uploadedBytes: 2_500,
    skippedFiles: 7,
    skippedBytes: 12_000_000,
    seconds: 2,
    mbPerSecond: 1,
  },
  phases: [
    { name: "validate", seconds: 0.05 },
    { name: "upload + apply", seconds: 3.2 },
    { name: "wait for rollout", seconds: 75 },
  ],
  notes: ["Pruned (no longer in cortex.yaml): `realtimeapi/old`."],
  previewUrl: "https://api.example.com/ml-pr-42/iris",
};

describe("the job summary", () => {
  const md = renderSummary(report, ctx);

  it("says where, which commit and which revision", () => {
    expect(md).toContain("## cortex-deploy: preview of #42\n");
    expect(md).toContain(
      "Namespace `ml-pr-42` · commit [`1234567`](https://github.com/acme/ml/commit/1234567890abcdef1234567890abcdef12345678) · revision 4",
    );
  });

  it("lists each API with change, status, revision, replicas and endpoint", () => {
    expect(md).toContain(
      "| iris | RealtimeAPI | configured | ⏳ Progressing | 4 | 1/2 ready · 1–2 | https://api.example.com/ml-pr-42/iris |",
    );
    expect(md).toContain("| split | TrafficSplitter | up to date | - | - | - | `/split` |");
  });

  it("counts artifacts uploaded and skipped", () => {
    expect(md).toContain("**Artifacts:** 3 uploaded (2.5 kB), 7 skipped, already in S3 (12.0 MB).");
  });

  it("times each phase and the total", () => {
    expect(md).toContain("| upload + apply | 3.2s |");
    expect(md).toContain("| wait for rollout | 1m 15s |");
    expect(md).toContain("| **total** | **1m 18s** |");
  });

  it("leads with the failure", () => {
    const failed = renderSummary({ ...report, failure: "not Ready: iris" }, ctx);
    expect(failed.startsWith("## ❌ cortex-deploy: preview of #42 failed\n")).toBe(true);
    expect(failed).toContain("> not Ready: iris");
  });

  it("keeps each line of a failure of several lines", () => {
    const failure = "too big:\n  cpu: 8 is above cpu=2\n  gpu: 1 is above gpu=0";
    const failed = renderSummary({ ...report, failure }, ctx);
    const nb = "\u00a0\u00a0";
    expect(failed).toContain(
      `> too big:\\\n> ${nb}cpu: 8 is above cpu=2\\\n> ${nb}gpu: 1 is above gpu=0\n\n`,
    );
  });
});

describe("writing the job summary", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  async function summaryFile(): Promise<string> {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "summary-")), "summary.md");
    await writeFile(file, "");
    vi.stubEnv("GITHUB_STEP_SUMMARY", file);
    return file;
  }

  it("writes no masked value, not even escaped for Markdown", async () => {
    // The runner masks the log; the summary is a page of its own.
    const secret = "tok_GGG|summary-4242";
    mask(secret);
    const file = await summaryFile();
    await writeSummary({ ...report, failure: `vendor-login: key ${secret} rejected` }, ctx);
    await appendJobSummary((s) => s.addCodeBlock(`raw ${secret}`));
    const written = await readFile(file, "utf8");
    expect(written).toContain("> vendor-login: key *** rejected");
    expect(written).toContain("raw ***");
    expect(written).not.toContain("tok");
    expect(written).toContain("| iris |");
  });
});

describe("the outputs", () => {
  it("sets every output from the report", () => {
    expect(outputsFor(report)).toEqual({
      revision: "4",
      apis: JSON.stringify([
        {
          name: "iris",
          kind: "RealtimeAPI",
          status: "progressing",
          endpoint: "https://api.example.com/ml-pr-42/iris",
          revision: 4,
        },
        {
          name: "split",
          kind: "TrafficSplitter",
          status: "up to date",
          endpoint: "/split",
          revision: null,
        },
      ]),
      endpoint: "https://api.example.com/ml-pr-42/iris",
      namespace: "ml-pr-42",
      "uploaded-files": "3",
      "uploaded-bytes": "2500",
      "skipped-files": "7",
      "preview-url": "https://api.example.com/ml-pr-42/iris",
    });
  });

  it("sets empty values, not nothing, when a run deployed nothing", () => {
    const empty = outputsFor({ ...report, apis: [], artifacts: undefined, previewUrl: undefined });
    expect(empty).toMatchObject({
      revision: "",
      endpoint: "",
      "uploaded-files": "0",
      "preview-url": "",
    });
  });
});

describe("the status in the apis output", () => {
  const row = { name: "a", kind: "RealtimeAPI" as const, change: "x", endpoint: "/a" };
  it("is the rollout state when the run waited, else what was done", () => {
    expect(outputStatus({ ...row, action: "create", state: "ready" })).toBe("ready");
    expect(outputStatus({ ...row, action: "create" })).toBe("applied");
    expect(outputStatus({ ...row, action: "update" })).toBe("applied");
    expect(outputStatus({ ...row, action: "unchanged" })).toBe("up to date");
    expect(outputStatus({ ...row, action: "delete" })).toBe("deleted");
  });
});

describe("formatting", () => {
  it("writes bytes in decimal units and seconds as people read them", () => {
    expect([formatBytes(999), formatBytes(1000), formatBytes(123_456_789)]).toEqual([
      "999 B",
      "1.0 kB",
      "123 MB",
    ]);
    expect([formatSeconds(0.04), formatSeconds(59.9), formatSeconds(125)]).toEqual([
      "0.0s",
      "59.9s",
      "2m 05s",
    ]);
  });
});
