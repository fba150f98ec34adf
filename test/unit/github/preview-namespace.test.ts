import { describe, expect, it } from "vitest";
import {
  checkOwnership,
  expiryFrom,
  type NamespaceMeta,
  type PreviewMarks,
  previewAnnotations,
  previewEnvironment,
  previewLabels,
  previewNamespaceName,
  previewSelector,
  previewSelectorById,
  pullRequestsToAsk,
  readPreviewMarks,
  repositoryLabel,
  repositoryPreviews,
  selectExpired,
  selectForCleanup,
} from "../../../src/github/preview-namespace.ts";

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const marks = {
  repository: "acme/ml-models",
  pullRequest: 42,
  headSha: "a".repeat(40),
  expiresAt: new Date("2025-01-08T12:00:00Z"),
  runUrl: "https://github.com/acme/ml-models/actions/runs/9",
  configs: { "0123456789abcdef": "cortex.yaml" },
};

function meta(name: string, m: PreviewMarks = marks): NamespaceMeta {
  return { name, uid: `uid-${name}`, labels: previewLabels(m), annotations: previewAnnotations(m) };
}

describe("preview namespace names", () => {
  it("is <namespace>-pr-<N> when it fits", () => {
    expect(previewNamespaceName("iris", 42)).toBe("iris-pr-42");
    expect(previewNamespaceName("default", 1)).toBe("default-pr-1");
  });

  it("cuts a long base to 63 characters and keeps two long bases apart with a hash", () => {
    const a = previewNamespaceName(`${"x".repeat(70)}-alpha`, 123456);
    const b = previewNamespaceName(`${"x".repeat(70)}-beta`, 123456);
    for (const n of [a, b]) {
      expect(n.length).toBeLessThanOrEqual(63);
      expect(n).toMatch(DNS_1123_LABEL);
      expect(n.endsWith("-pr-123456")).toBe(true);
    }
    expect(a).not.toBe(b);
  });

  it("turns characters a namespace cannot hold into '-' and never ends the cut on '-'", () => {
    expect(previewNamespaceName("ML_Team.Prod", 3)).toBe("ml-team-prod-pr-3");
    const cut = previewNamespaceName(`${"a".repeat(49)}-${"b".repeat(20)}`, 7);
    expect(cut).toMatch(DNS_1123_LABEL);
    expect(cut).not.toContain("--");
  });

  it("falls back to 'preview' when nothing of the base is usable", () => {
    expect(previewNamespaceName("___", 5)).toBe("preview-pr-5");
  });

  it("gives every base and pull request a valid label", () => {
    for (const base of ["a", "-a-", "A".repeat(100), "x.y/z", "0"]) {
      for (const pr of [1, 99999999]) {
        const n = previewNamespaceName(base, pr);
        expect(n.length).toBeLessThanOrEqual(63);
        expect(n).toMatch(DNS_1123_LABEL);
      }
    }
  });
});

describe("preview marks", () => {
  it("labels repository, pull request, head SHA and expiry with valid label values", () => {
    const labels = previewLabels(marks);
    expect(labels).toMatchObject({
      "app.kubernetes.io/managed-by": "cortex-deploy",
      "cortexdeploy.dev/preview": "true",
      "cortexdeploy.dev/pull-request": "42",
      "cortexdeploy.dev/repository": "acme.ml-models",
      "cortexdeploy.dev/head-sha": "a".repeat(40),
      "cortexdeploy.dev/expires": String(Date.parse("2025-01-08T12:00:00Z") / 1000),
    });
    for (const v of Object.values(labels)) expect(v).toMatch(LABEL_VALUE);
  });

  it("keeps a long repository name a valid label value, exact in the annotation", () => {
    const repo = `acme/${"m".repeat(100)}`;
    expect(repositoryLabel(repo).length).toBeLessThanOrEqual(63);
    expect(repositoryLabel(repo)).toMatch(LABEL_VALUE);
    expect(previewAnnotations({ ...marks, repository: repo })["cortexdeploy.dev/repository"]).toBe(
      repo,
    );
  });

  it("reads back what it wrote", () => {
    expect(readPreviewMarks(meta("x-pr-42"))).toEqual(marks);
  });

  it("does not take a namespace without the preview label for a preview", () => {
    expect(
      readPreviewMarks({
        name: "prod",
        labels: { "app.kubernetes.io/managed-by": "cortex-deploy" },
      }),
    ).toBeUndefined();
  });

  it("selects one repository's previews", () => {
    expect(previewSelector("acme/ml")).toBe(
      "app.kubernetes.io/managed-by=cortex-deploy,cortexdeploy.dev/preview=true,cortexdeploy.dev/repository=acme.ml",
    );
  });

  it("counts the TTL from the latest push", () => {
    expect(expiryFrom(new Date("2025-01-01T12:00:00.700Z"), 7 * 86400).toISOString()).toBe(
      "2025-01-08T12:00:00.000Z",
    );
  });

  it("names one GitHub environment per pull request and config", () => {
    expect(previewEnvironment(42, "cortex.yaml")).toBe("preview/pr-42");
    expect(previewEnvironment(42, "models/iris/cortex.yaml")).toBe(
      "preview/pr-42 (models/iris/cortex.yaml)",
    );
  });
});

describe("ownership", () => {
  it("allows an absent namespace and this pull request's preview", () => {
    expect(checkOwnership(undefined, "acme/ml-models", 42)).toEqual({ ok: true, marks: undefined });
    expect(checkOwnership(meta("x-pr-42"), "acme/ml-models", 42)).toEqual({ ok: true, marks });
  });

  it("refuses a namespace someone else made, and says what to do", () => {
    const r = checkOwnership({ name: "team-pr-42", labels: {} }, "acme/ml-models", 42);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("is not a cortex-deploy preview");
  });

  it("refuses another repository's or another pull request's preview", () => {
    const other = checkOwnership(meta("x-pr-42"), "acme/other", 42);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toContain("preview of acme/ml-models #42");
    expect(checkOwnership(meta("x-pr-42"), "acme/ml-models", 43).ok).toBe(false);
  });
});

describe("selecting expired previews", () => {
  const now = new Date("2025-01-10T00:00:00Z");

  it("returns this repository's previews past expiry, oldest first", () => {
    const list = [
      meta("a-pr-1", { ...marks, pullRequest: 1, expiresAt: new Date("2025-01-09T00:00:00Z") }),
      meta("a-pr-2", { ...marks, pullRequest: 2, expiresAt: new Date("2025-01-11T00:00:00Z") }),
      meta("a-pr-3", { ...marks, pullRequest: 3, expiresAt: new Date("2025-01-02T00:00:00Z") }),
      meta("b-pr-4", {
        ...marks,
        repository: "acme/other",
        pullRequest: 4,
        expiresAt: new Date(0),
      }),
      { name: "unmarked", labels: {} },
    ];
    expect(selectExpired(list, "acme/ml-models", now).map((p) => p.namespace)).toEqual([
      "a-pr-3",
      "a-pr-1",
    ]);
  });

  it("treats an expiry equal to now as expired", () => {
    const list = [meta("a-pr-1", { ...marks, expiresAt: now })];
    expect(selectExpired(list, "acme/ml-models", now)).toHaveLength(1);
  });

  it("keeps the uid so a namesake made since is not deleted", () => {
    const [p] = selectExpired(
      [meta("a-pr-1", { ...marks, expiresAt: new Date(0) })],
      "acme/ml-models",
      now,
    );
    expect(p?.uid).toBe("uid-a-pr-1");
    expect(p?.configs).toEqual({ "0123456789abcdef": "cortex.yaml" });
  });
});

describe("selecting previews for cleanup", () => {
  const now = new Date("2025-01-10T00:00:00Z");
  const list = [
    meta("a-pr-1", { ...marks, pullRequest: 1, expiresAt: new Date("2025-01-09T00:00:00Z") }),
    meta("a-pr-2", { ...marks, pullRequest: 2, expiresAt: new Date("2025-01-11T00:00:00Z") }),
    meta("a-pr-3", { ...marks, pullRequest: 3, expiresAt: new Date("2025-01-12T00:00:00Z") }),
    meta("b-pr-4", { ...marks, repository: "acme/other", pullRequest: 4, expiresAt: now }),
  ];
  const previews = repositoryPreviews(list, "acme/ml-models");

  it("asks GitHub only about this repository's previews not yet expired", () => {
    expect(pullRequestsToAsk(previews, now)).toEqual([2, 3]);
  });

  it("deletes the expired ones and those whose pull request is closed, saying which", () => {
    expect(
      selectForCleanup(previews, now, new Set([2])).map((p) => [p.namespace, p.reason]),
    ).toEqual([
      ["a-pr-1", "expired"],
      ["a-pr-2", "closed"],
    ]);
  });

  it("falls back to expiry alone when nothing is known closed", () => {
    expect(selectForCleanup(previews, now, new Set()).map((p) => p.namespace)).toEqual(["a-pr-1"]);
  });
});

describe("ownership across a rename or transfer (repository id)", () => {
  const withId = { ...marks, repositoryId: "1001" };

  it("records the id as a label and reads it back", () => {
    expect(previewLabels(withId)["cortexdeploy.dev/repository-id"]).toBe("1001");
    expect(readPreviewMarks(meta("x-pr-42", withId))?.repositoryId).toBe("1001");
    expect(previewLabels(marks)["cortexdeploy.dev/repository-id"]).toBeUndefined();
    expect(previewSelectorById("1001")).toContain("cortexdeploy.dev/repository-id=1001");
  });

  it("owns a preview made under the old name when the ids match", () => {
    const r = checkOwnership(meta("x-pr-42", withId), "acme/models", 42, "1001");
    expect(r.ok).toBe(true);
  });

  it("refuses a namesake repository with another id (deleted and made again)", () => {
    const r = checkOwnership(meta("x-pr-42", withId), "acme/ml-models", 42, "2002");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain("(repository id 1001), not of acme/ml-models (id 2002)");
      expect(r.message).toContain("its own `namespace` input");
    }
  });

  it("goes by name when the preview records no id", () => {
    expect(checkOwnership(meta("x-pr-42"), "acme/ml-models", 42, "1001").ok).toBe(true);
  });

  it("says how to delete a preview left under an old name, instead of only blaming a collision", () => {
    const r = checkOwnership(
      meta("ren-pr-11", { ...marks, pullRequest: 11 }),
      "acme/models",
      11,
      "1001",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain("is the preview of acme/ml-models #11, and this is acme/models");
      expect(r.message).toContain("If this repository was acme/ml-models (renamed or transferred)");
      expect(r.message).toContain("kubectl delete namespace ren-pr-11");
    }
  });

  it("lists for cleanup the previews of this repository by id, whatever name they carry", () => {
    const list = [
      meta("a-pr-1", { ...withId, pullRequest: 1 }),
      meta("a-pr-1", { ...withId, pullRequest: 1 }), // listed by name and by id
      meta("b-pr-2", {
        ...withId,
        repositoryId: "2002",
        repository: "acme/models",
        pullRequest: 2,
      }),
      meta("c-pr-3", { ...marks, repository: "acme/models", pullRequest: 3 }),
    ];
    expect(repositoryPreviews(list, "acme/models", "1001").map((p) => p.namespace)).toEqual([
      "a-pr-1",
      "c-pr-3",
    ]);
  });
});
