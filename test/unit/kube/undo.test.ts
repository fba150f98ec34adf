// Putting back a partly failed apply: what is re-applied, and what the user is told.
import { describe, expect, it } from "vitest";
import { undoReport } from "../../../src/commands/deploy.ts";
import { previousState } from "../../../src/kube/apply.ts";
import type { ObjectChange } from "../../../src/kube/changes.ts";
import { KubeApiError } from "../../../src/kube/client.ts";
import type { ApiResource } from "../../../src/kube/resource.ts";

function change(live: boolean): ObjectChange {
  const resource = {
    apiVersion: "cortexdeploy.dev/v1alpha1",
    kind: "RealtimeAPI",
    metadata: {
      name: "iris",
      namespace: "ml",
      labels: { "cortexdeploy.dev/config": "c1" },
      annotations: { "cortexdeploy.dev/commit": "new", "cortexdeploy.dev/spec-hash": "h2" },
    },
    spec: { pod: { port: 9000 } },
  } as unknown as ApiResource;
  const before = {
    ...resource,
    metadata: {
      name: "iris",
      namespace: "ml",
      uid: "u1",
      labels: { "cortexdeploy.dev/config": "c1", "team.example/owner": "ml" },
      annotations: { "cortexdeploy.dev/commit": "old", "kubectl.example/note": "by hand" },
    },
    spec: { pod: { port: 8080 } },
  };
  return {
    resource,
    live: live ? (before as unknown as ObjectChange["live"]) : undefined,
    action: live ? "update" : "create",
  };
}

describe("previousState", () => {
  it("is the earlier spec with only the labels and annotations this apply sets", () => {
    expect(previousState(change(true))).toEqual({
      apiVersion: "cortexdeploy.dev/v1alpha1",
      kind: "RealtimeAPI",
      metadata: {
        name: "iris",
        namespace: "ml",
        labels: { "cortexdeploy.dev/config": "c1" },
        annotations: { "cortexdeploy.dev/commit": "old" },
      },
      spec: { pod: { port: 8080 } },
    });
  });

  it("keeps a rollback's mark, which the deploy being undone removed without setting it", () => {
    const c = change(true);
    const live = c.live as NonNullable<ObjectChange["live"]>;
    live.metadata.annotations = {
      ...live.metadata.annotations,
      "cortexdeploy.dev/rollback-of": "1",
      "cortexdeploy.dev/rolled-back-by": "alice",
    };
    expect(previousState(c)?.metadata.annotations).toEqual({
      "cortexdeploy.dev/commit": "old",
      "cortexdeploy.dev/rollback-of": "1",
      "cortexdeploy.dev/rolled-back-by": "alice",
    });
  });

  it("is undefined for an object the apply created", () => {
    expect(previousState(change(false))).toBeUndefined();
  });
});

describe("undoReport", () => {
  it("says nothing is left applied when every write was put back", () => {
    expect(undoReport([{ change: change(true) }])).toBe(
      "Nothing is left applied. realtimeapi/iris was written and put back as before.",
    );
    expect(undoReport([])).toBe("Nothing was applied.");
  });

  it("names each write it could not put back, and says prune did not run", () => {
    const refused = new KubeApiError("PATCH", "/x", 500, { message: "etcd timeout" });
    const report = undoReport([{ change: change(false), error: refused }]);
    expect(report).toBe(
      "Some objects were applied and could not be put back; deploy again to finish:\n" +
        "  realtimeapi/iris: etcd timeout (HTTP 500 from the API server)\n" +
        "Nothing was pruned.",
    );
  });

  it("names a write it left because someone changed the object after it", () => {
    const report = undoReport([
      { change: change(true) },
      {
        change: {
          ...change(true),
          resource: { ...change(true).resource, metadata: { name: "b" } },
        } as ObjectChange,
        skipped:
          "its spec changed to generation 3 (was 2), by commit 444444444444 of cortex.yaml by ci",
      },
    ]);
    expect(report).toBe(
      "realtimeapi/iris was written and put back as before.\n" +
        "Changed by someone else after this deploy wrote them, so left as they are:\n" +
        "  realtimeapi/b: its spec changed to generation 3 (was 2), by commit 444444444444 of cortex.yaml by ci\n" +
        "Nothing was pruned.",
    );
  });
});
