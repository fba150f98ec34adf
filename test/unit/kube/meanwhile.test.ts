// Telling another writer's change from the controller's status updates, and naming who made it.
import { describe, expect, it } from "vitest";
import { KubeApiError } from "../../../src/kube/client.ts";
import { changedSince, deployedBy, isStale } from "../../../src/kube/meanwhile.ts";
import type { Live } from "../../../src/kube/objects.ts";

function live(meta: Partial<Live["metadata"]> = {}): Live {
  return {
    apiVersion: "cortexdeploy.dev/v1alpha1",
    kind: "RealtimeAPI",
    metadata: {
      name: "shared",
      uid: "u1",
      generation: 1,
      resourceVersion: "10",
      labels: { "cortexdeploy.dev/config": "c-x" },
      annotations: {
        "cortexdeploy.dev/commit": "8074dc492813aaaabbbbccccddddeeeeffff0000",
        "cortexdeploy.dev/config-path": "x/cortex.yaml",
        "cortexdeploy.dev/actor": "alice",
        "cortexdeploy.dev/run-url": "https://github.com/acme/ml/actions/runs/7",
      },
      ...meta,
    },
    spec: {},
  } as unknown as Live;
}

describe("deployedBy", () => {
  it("names the commit, cortex.yaml, actor and run", () => {
    expect(deployedBy(live().metadata)).toBe(
      "commit 8074dc492813 of x/cortex.yaml by alice, https://github.com/acme/ml/actions/runs/7",
    );
  });

  it("names the rollback, and who made it from which run, when the last write was one", () => {
    const rolledBack = live({
      annotations: {
        ...live().metadata.annotations,
        "cortexdeploy.dev/rollback-of": "3",
        "cortexdeploy.dev/rolled-back-by": "bob",
        "cortexdeploy.dev/rollback-run-url": "https://github.com/acme/ml/actions/runs/9",
      },
    });
    expect(deployedBy(rolledBack.metadata)).toBe(
      "the rollback to revision 3 (commit 8074dc492813 of x/cortex.yaml) by bob, https://github.com/acme/ml/actions/runs/9",
    );
    // From the CLI: no run, and not the original deploy's.
    const fromCli = { annotations: { ...live().metadata.annotations } };
    fromCli.annotations["cortexdeploy.dev/rollback-of"] = "3";
    expect(deployedBy(fromCli)).toBe(
      "the rollback to revision 3 (commit 8074dc492813 of x/cortex.yaml)",
    );
  });

  it("says what it knows when some is missing", () => {
    expect(deployedBy({ labels: { "cortexdeploy.dev/config": "c-y" } })).toBe("a deploy of c-y");
    expect(deployedBy({})).toBe("a deploy");
  });
});

describe("changedSince", () => {
  it("is undefined when only status (and the resourceVersion) changed", () => {
    expect(changedSince(live(), live({ resourceVersion: "99" }))).toBeUndefined();
  });

  it("names a new spec, another cortex.yaml, a re-creation and a deletion", () => {
    expect(changedSince(live(), live({ generation: 2 }))).toBe(
      "its spec changed to generation 2 (was 1), by commit 8074dc492813 of x/cortex.yaml by " +
        "alice, https://github.com/acme/ml/actions/runs/7",
    );
    expect(
      changedSince(live(), live({ labels: { "cortexdeploy.dev/config": "c-y" }, annotations: {} })),
    ).toBe("another cortex.yaml deployed it (a deploy of c-y)");
    expect(changedSince(live(), live({ uid: "u2", annotations: {} }))).toBe(
      "it was deleted and created again (a deploy of c-x)",
    );
    expect(changedSince(live(), undefined)).toBe("it was deleted");
  });
});

describe("isStale", () => {
  it("is a 409 for a precondition, not a server-side apply's field conflict", () => {
    const stale = new KubeApiError("PATCH", "/x", 409, {
      reason: "Conflict",
      message: "the object has been modified",
    });
    const fields = new KubeApiError("PATCH", "/x", 409, {
      reason: "Conflict",
      details: {
        causes: [
          { reason: "FieldManagerConflict", field: ".spec.x", message: 'conflict with "k"' },
        ],
      },
    });
    expect(isStale(stale)).toBe(true);
    expect(isStale(fields)).toBe(false);
    expect(isStale(new KubeApiError("PATCH", "/x", 422, {}))).toBe(false);
  });
});
