// What gc prints: the plan with example keys and the command that deletes, the warning when no
// cluster uses the prefix, missing keys, and S3's per-key refusals with what to grant.
import { describe, expect, it } from "vitest";
import { type GcPlan, planGc, type StoredObject } from "../../../src/artifacts/gc-plan.ts";
import {
  deleteAccessHint,
  describeFailures,
  formatMissing,
  formatPlan,
} from "../../../src/artifacts/gc-report.ts";
import { blobKey } from "../../../src/artifacts/manifest.ts";

const NOW = Date.parse("2026-03-01T12:00:00Z");
const blob = (i: number, size = 1000): StoredObject => ({
  key: blobKey("p", i.toString(16).padStart(64, "0")),
  size,
  lastModified: new Date(NOW - 30 * 86_400_000),
});

function planOf(objects: StoredObject[]): GcPlan {
  return planGc({
    target: { bucket: "b", prefix: "p" },
    roots: [],
    manifests: new Map(),
    objects,
    now: NOW,
    minAgeMs: 7 * 86_400_000,
  });
}

const ctx = {
  where: "s3://b/p/",
  clusters: ["cluster https://prod", "cluster https://staging"],
  others: 2,
  minAge: "7d",
  deleteCommand: "cortex-deploy gc --bucket b --prefix p --delete",
  deleting: false,
};

describe("formatPlan", () => {
  it("counts, shows at most 20 example keys, and gives the command that deletes", () => {
    const lines = formatPlan(planOf(Array.from({ length: 25 }, (_, i) => blob(i))), ctx);
    expect(lines.slice(0, 6)).toEqual([
      "gc: s3://b/p/: 0 references to it in 2 clusters (2 references to other buckets or prefixes)",
      "  cluster https://prod",
      "  cluster https://staging",
      "would delete: 0 manifests (0 B), 25 blobs (25.0 kB)",
      "kept, in use: 0 manifests (0 B), 0 blobs (0 B)",
      "kept, younger than 7d: 0 manifests (0 B), 0 blobs (0 B)",
    ]);
    expect(lines.filter((l) => l.startsWith("  p/blobs/sha256/"))).toHaveLength(20);
    expect(lines).toContain("  … and 5 more");
    expect(lines.at(-1)).toBe(
      "nothing was deleted; to delete these, run:\n  cortex-deploy gc --bucket b --prefix p --delete",
    );
  });

  it("warns when no cluster uses the prefix at all", () => {
    const lines = formatPlan(planOf([blob(1)]), ctx);
    expect(
      lines.some((l) => l.startsWith("warning: nothing in these clusters uses s3://b/p/")),
    ).toBe(true);
    expect(formatPlan(planOf([]), ctx).some((l) => l.startsWith("warning:"))).toBe(false);
  });

  it("lists no examples and no command when deleting", () => {
    const lines = formatPlan(planOf([blob(1)]), { ...ctx, deleting: true });
    expect(lines).toContain("to delete: 0 manifests (0 B), 1 blob (1.0 kB)");
    expect(lines.some((l) => l.includes("--delete") || l.startsWith("  p/"))).toBe(false);
    expect(formatPlan(planOf([]), { ...ctx, deleting: true }).at(-1)).toBe("nothing to delete");
  });
});

describe("formatMissing", () => {
  it("names the missing key and who needs it", () => {
    expect(formatMissing(new Map([["p/blobs/sha256/ab", ["realtimeapi/iris", "x"]]]), "b")).toEqual(
      [
        "warning: s3://b/p/blobs/sha256/ab is missing but needed by realtimeapi/iris and 1 more: a new pod of it fails in its downloader until a deploy uploads the file again",
      ],
    );
  });
});

describe("describeFailures", () => {
  it("groups refusals by code and says what to grant for AccessDenied", () => {
    const text = describeFailures(
      [
        { key: "p/blobs/sha256/1", code: "AccessDenied", message: "Access Denied" },
        { key: "p/blobs/sha256/2", code: "AccessDenied", message: "Access Denied" },
        { key: "p/blobs/sha256/3", code: "InvalidObjectState", message: "archived" },
      ],
      "b",
      "/p/",
    );
    expect(text.split("\n")).toEqual([
      "S3 refused to delete 2 objects: AccessDenied: Access Denied (the credentials need s3:DeleteObject on b/p/* (arn:aws:s3:::b/p/*)); e.g. s3://b/p/blobs/sha256/1, s3://b/p/blobs/sha256/2",
      "S3 refused to delete 1 object: InvalidObjectState: archived; e.g. s3://b/p/blobs/sha256/3",
    ]);
    expect(deleteAccessHint("b", "")).toBe(
      "the credentials need s3:DeleteObject on b/* (arn:aws:s3:::b/*)",
    );
  });
});
