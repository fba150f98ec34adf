// The job summary and outputs of `command: gc`: what a dry run would delete, what a deleting run
// deleted, what stayed and why, and which clusters were read.
import { describe, expect, it } from "vitest";
import { type ArtifactRoot, planGc, type StoredObject } from "../../../src/artifacts/gc-plan.ts";
import { blobKey, type Manifest, manifestKey } from "../../../src/artifacts/manifest.ts";
import type { GcResult } from "../../../src/commands/gc.ts";
import { gcOutputs, gcSummary } from "../../../src/github/gc-summary.ts";
import { ACTION_HOW_TO } from "../../../src/github/run-gc.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const DAY = 86_400_000;
const hex = (i: number) => i.toString(16).padStart(64, "0");
const at = (key: string, size: number, daysAgo: number): StoredObject => ({
  key,
  size,
  lastModified: new Date(NOW - daysAgo * DAY),
});

const used: Manifest = {
  version: 1,
  files: [{ path: "model.bin", mount: "/mnt/artifacts", sha256: hex(1), size: 5_000, mode: 0o644 }],
};
const root: ArtifactRoot = {
  bucket: "b",
  prefix: "p",
  manifest: hex(9),
  source: "realtimeapi/iris in namespace ml (cluster https://prod)",
};
const objects = [
  at(manifestKey("p", hex(9)), 300, 30), // in use
  at(blobKey("p", hex(1)), 5_000, 30), // in use
  at(manifestKey("p", hex(8)), 200, 30), // old, unused
  at(blobKey("p", hex(2)), 1_500_000, 30), // old, unused
  at(blobKey("p", hex(3)), 70, 1), // young
  at("p/blobs/sha256/upload.partial", 5, 30), // not gc's
];

function result(roots: ArtifactRoot[], deleted = false): GcResult {
  const plan = planGc({
    target: { bucket: "b", prefix: "p" },
    roots,
    manifests: new Map(roots.length > 0 ? [[hex(9), used]] : []),
    objects,
    now: NOW,
    minAgeMs: 7 * DAY,
  });
  return {
    plan,
    deleted: deleted ? plan.delete : { manifests: [], blobs: [] },
    keptOnReread: 0,
    clusters: [
      "cluster https://prod (the kubeconfig input)",
      "cluster https://staging (kubeconfig 1 of gc-kubeconfigs, from line 1)",
    ],
    others: 0,
  };
}

const ctx = { where: "s3://b/p/", minAge: "7d", howTo: ACTION_HOW_TO };

describe("gc's job summary", () => {
  it("shows a dry run's plan, the clusters read and how to delete", () => {
    expect(gcSummary(result([root]), { ...ctx, dryRun: true }).join("\n\n")).toBe(
      [
        "`s3://b/p/`: 1 reference to it in 2 clusters, minimum age `7d`.",
        "",
        "| | manifests and blobs |",
        "|---|---|",
        "| would delete | 1 manifest (200 B), 1 blob (1.5 MB) |",
        "| kept, in use | 1 manifest (300 B), 1 blob (5.0 kB) |",
        "| kept, younger than 7d | 0 manifests (0 B), 1 blob (70 B) |",
        "| never touched (not of gc's key shapes) | 1 object |",
        "",
        "Clusters read:",
        "- cluster https://prod (the kubeconfig input)",
        "- cluster https://staging (kubeconfig 1 of gc-kubeconfigs, from line 1)",
        "",
        "Dry run: nothing was deleted; to delete these, run this step with `dry-run: false`.",
      ].join("\n"),
    );
  });

  it("shows what a deleting run deleted, and warns when no cluster uses the prefix", () => {
    const text = gcSummary(result([], true), { ...ctx, dryRun: false }).join("\n\n");
    expect(text).toContain("| deleted | 2 manifests (500 B), 2 blobs (1.5 MB) |");
    expect(text).not.toContain("would delete");
    expect(text).not.toContain("Dry run");
    expect(text).toContain(
      "**Warning:** nothing in these clusters uses s3://b/p/, so everything in it older than 7d " +
        "goes. If another cluster deploys from it, add its kubeconfig to the gc-kubeconfigs " +
        "input (or, if it is a context of the kubeconfig input, its name to gc-contexts).",
    );
  });

  it("says when a reference needs a key S3 lacks", () => {
    const missing: ArtifactRoot = { ...root, manifest: hex(7) };
    const r = result([root]);
    const plan = planGc({
      target: { bucket: "b", prefix: "p" },
      roots: [root, missing],
      manifests: new Map([
        [hex(9), used],
        [hex(7), { version: 1, files: [] }],
      ]),
      objects,
      now: NOW,
      minAgeMs: 7 * DAY,
    });
    const text = gcSummary({ ...r, plan }, { ...ctx, dryRun: true }).join("\n\n");
    expect(text).toContain("**Warning:** 1 key that references need is missing from S3");
  });
});

describe("gc's outputs", () => {
  it("count what a dry run would delete apart from what it deleted", () => {
    expect(gcOutputs(result([root]))).toEqual({
      "gc-deletable-objects": "2",
      "gc-deletable-bytes": "1500200",
      "gc-deleted-objects": "0",
      "gc-deleted-bytes": "0",
    });
    expect(gcOutputs(result([root], true))).toMatchObject({
      "gc-deleted-objects": "2",
      "gc-deleted-bytes": "1500200",
    });
  });

  it("are empty when gc failed", () => {
    expect(gcOutputs(undefined)).toEqual({
      "gc-deletable-objects": "",
      "gc-deletable-bytes": "",
      "gc-deleted-objects": "",
      "gc-deleted-bytes": "",
    });
  });
});
