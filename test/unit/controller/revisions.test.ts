// The revision history: numbering, re-applying an old spec, superseding, pruning.
import { describe, expect, it } from "vitest";
import type { ControllerRevision } from "../../../controller/src/controller/kube/types.ts";
import {
  provenanceOf,
  renderRevision,
  revisionAnnotationsPatch,
} from "../../../controller/src/controller/render/revision.ts";
import {
  type PlanInput,
  planRevisions,
  readRevision,
} from "../../../controller/src/rollout/revisions.ts";
import { API, rawSpec, record } from "./fixtures.ts";

const NOW = new Date("2025-02-01T00:00:00.000Z");
const h = (c: string) => c.repeat(64);

function plan(over: Partial<PlanInput>) {
  return planRevisions({
    records: [],
    name: `iris-${h("z").slice(0, 10)}`,
    specHash: h("z"),
    spec: rawSpec(),
    generation: 5,
    provenance: { commit: "c5" },
    now: NOW,
    historyLimit: 10,
    ...over,
  });
}

describe("planRevisions", () => {
  it("creates revision 1 for a new API, Progressing, started now", () => {
    const p = plan({});
    expect(p.create).toBe(true);
    expect(p.desired).toMatchObject({
      revision: 1,
      result: "Progressing",
      generation: 5,
      rolloutStartedAt: NOW.toISOString(),
    });
  });

  it("numbers a new spec after the newest and supersedes an unfinished rollout", () => {
    const records = [
      record({ specHash: h("a"), revision: 1 }),
      record({ specHash: h("b"), revision: 2, result: "Progressing" }),
    ];
    const p = plan({ records });
    expect(p.desired.revision).toBe(3);
    expect(p.update).toEqual([expect.objectContaining({ specHash: h("b"), result: "Superseded" })]);
    expect(p.update[0]?.message).toBe("superseded by revision 3 before it became Ready");
  });

  it("does nothing when the generation has not changed", () => {
    const records = [
      record({ specHash: h("z"), revision: 4, generation: 5, result: "RolledBack" }),
    ];
    const p = plan({ records });
    expect(p.create).toBe(false);
    expect(p.update).toEqual([]);
    expect(p.desired.result).toBe("RolledBack");
  });

  it("gives a re-applied old spec the newest number and a fresh rollout", () => {
    const records = [
      record({ specHash: h("z"), revision: 1, generation: 1, result: "RolledBack" }),
      record({ specHash: h("b"), revision: 2, generation: 3 }),
    ];
    const p = plan({ records });
    expect(p.create).toBe(false);
    expect(p.desired).toMatchObject({
      revision: 3,
      result: "Progressing",
      generation: 5,
      provenance: { commit: "c5" },
    });
    expect(p.update.map((r) => r.specHash)).toEqual([h("z")]);
    expect(p.records.map((r) => r.revision)).toEqual([3, 2]);
  });

  it("rolls a retried spec out again as the same record, keeping the spec it now runs", () => {
    const failed = record({ specHash: h("z"), revision: 2, generation: 4, result: "RolledBack" });
    const records = [failed, record({ specHash: h("a"), revision: 1, result: "Ready" })];
    const spec = rawSpec({ retry: 1 });
    const p = plan({ records, spec });
    expect(p.create).toBe(false);
    expect(p.desired).toMatchObject({ name: failed.name, revision: 2, result: "Progressing" });
    expect(p.desired.spec).toBe(spec);
    expect(p.update).toEqual([p.desired]);
  });

  it("keeps the number of a re-applied spec that already is the newest", () => {
    const records = [
      record({ specHash: h("z"), revision: 2, generation: 3 }),
      record({ specHash: h("a"), revision: 1 }),
    ];
    expect(plan({ records }).desired.revision).toBe(2);
  });

  it("prunes beyond the history limit but keeps the last Ready revision", () => {
    const records = [
      record({ specHash: h("e"), revision: 5, result: "Failed" }),
      record({ specHash: h("d"), revision: 4, result: "RolledBack" }),
      record({ specHash: h("c"), revision: 3, result: "Superseded" }),
      record({ specHash: h("b"), revision: 2, result: "Ready" }),
      record({ specHash: h("a"), revision: 1, result: "Ready" }),
    ];
    const p = plan({ records, historyLimit: 2 });
    expect(p.records.map((r) => r.revision)).toEqual([6, 5, 2]);
    expect(p.delete.sort()).toEqual(
      [
        `iris-${h("a").slice(0, 10)}`,
        `iris-${h("c").slice(0, 10)}`,
        `iris-${h("d").slice(0, 10)}`,
      ].sort(),
    );
  });
});

describe("readRevision", () => {
  it("reads back what renderRevision wrote", () => {
    const cr: ControllerRevision = renderRevision(API, rawSpec(), h("c"), {
      revision: 7,
      result: "RolledBack",
      reason: "CrashLoopBackOff",
      message: "boom; rolled back to revision 6",
      generation: 9,
      rolloutStartedAt: NOW.toISOString(),
      provenance: { commit: "abc", ref: "refs/heads/main" },
    });
    expect(readRevision(cr)).toEqual({
      name: `iris-${h("c").slice(0, 10)}`,
      specHash: h("c"),
      revision: 7,
      result: "RolledBack",
      reason: "CrashLoopBackOff",
      message: "boom; rolled back to revision 6",
      generation: 9,
      rolloutStartedAt: NOW.toISOString(),
      provenance: { commit: "abc", ref: "refs/heads/main" },
      spec: rawSpec(),
    });
  });

  it("ignores ControllerRevisions it did not write", () => {
    expect(readRevision({ metadata: { name: "x" }, revision: 1, data: {} })).toBeUndefined();
  });
});

describe("a rollback's provenance", () => {
  const RUN = "https://github.com/acme/ml/actions/runs/9";
  // What `rollback` leaves on the RealtimeAPI: revision 1's commit and actor, and its own mark.
  const rolledBack = {
    "cortexdeploy.dev/commit": "c1",
    "cortexdeploy.dev/actor": "ci",
    "cortexdeploy.dev/rollback-of": "1",
    "cortexdeploy.dev/rolled-back-by": "alice",
    "cortexdeploy.dev/rollback-run-url": RUN,
  };
  const fromRollback = {
    commit: "c1",
    actor: "ci",
    rollbackOf: "1",
    rolledBackBy: "alice",
    rollbackRunUrl: RUN,
  };
  const state = (provenance = {}) => ({
    revision: 3,
    result: "Progressing" as const,
    reason: "",
    message: "",
    generation: 6,
    rolloutStartedAt: NOW.toISOString(),
    provenance,
  });

  it("is read from the RealtimeAPI and becomes the re-applied revision's latest", () => {
    expect(provenanceOf(rolledBack)).toEqual(fromRollback);
    const records = [
      record({ specHash: h("z"), revision: 1, generation: 1, provenance: { commit: "c1" } }),
      record({ specHash: h("b"), revision: 2, generation: 3 }),
    ];
    const p = plan({ records, generation: 6, provenance: provenanceOf(rolledBack) });
    expect(p.desired).toMatchObject({ revision: 3, provenance: fromRollback });
  });

  it("is written to the revision's annotations and read back, from there only", () => {
    const cr = renderRevision(API, rawSpec(), h("z"), state(fromRollback));
    expect(cr.metadata.annotations).toMatchObject(rolledBack);
    expect(readRevision(cr)?.provenance).toEqual(fromRollback);
    // A deploy re-applied the spec since: the mark is gone from the annotations, and the first
    // apply's (data) does not lend it back, as it does the commit and actor of older revisions.
    cr.metadata.annotations = { ...cr.metadata.annotations };
    for (const key of Object.keys(rolledBack)) delete cr.metadata.annotations[key];
    cr.metadata.annotations["cortexdeploy.dev/commit"] = "c9";
    expect(readRevision(cr)?.provenance).toEqual({ commit: "c9", actor: "ci" });
  });

  it("is removed from the revision by the patch of a later apply that was no rollback", () => {
    const patch = revisionAnnotationsPatch(h("z"), state({ commit: "c9", actor: "bob" }));
    expect(patch).toMatchObject({
      "cortexdeploy.dev/commit": "c9",
      "cortexdeploy.dev/actor": "bob",
      "cortexdeploy.dev/rollback-of": null,
      "cortexdeploy.dev/rolled-back-by": null,
      "cortexdeploy.dev/rollback-run-url": null,
    });
    expect(revisionAnnotationsPatch(h("z"), state(fromRollback))).toMatchObject(rolledBack);
  });
});
