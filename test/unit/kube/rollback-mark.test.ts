// The mark a rollback leaves on the APIs it writes: written with the object, read back, described.
import { describe, expect, it } from "vitest";
import { buildRealtimeApi } from "../../../src/kube/render.ts";
import type { RealtimeApiSpec } from "../../../src/kube/resource.ts";
import {
  describeRollback,
  readRollbackMark,
  rollbackAnnotations,
} from "../../../src/kube/rollback-mark.ts";

const RUN = "https://github.com/acme/ml/actions/runs/9";

describe("the rollback mark", () => {
  it("is written as annotations and read back", () => {
    const mark = { revision: 3, actor: "alice", runUrl: RUN };
    expect(rollbackAnnotations(mark)).toEqual({
      "cortexdeploy.dev/rollback-of": "3",
      "cortexdeploy.dev/rolled-back-by": "alice",
      "cortexdeploy.dev/rollback-run-url": RUN,
    });
    expect(readRollbackMark(rollbackAnnotations(mark))).toEqual(mark);
    // The CLI has no run.
    expect(rollbackAnnotations({ revision: 3, actor: "alice" })).toEqual({
      "cortexdeploy.dev/rollback-of": "3",
      "cortexdeploy.dev/rolled-back-by": "alice",
    });
  });

  it("is absent from a deploy's annotations, and from a damaged one", () => {
    expect(readRollbackMark({ "cortexdeploy.dev/commit": "abc" })).toBeUndefined();
    expect(readRollbackMark(undefined)).toBeUndefined();
    expect(readRollbackMark({ "cortexdeploy.dev/rollback-of": "three" })).toBeUndefined();
  });

  it("reads as the history's note", () => {
    expect(describeRollback({ revision: 3, actor: "alice", runUrl: RUN })).toBe(
      `rollback to 3 by alice, ${RUN}`,
    );
    expect(describeRollback({ revision: 3 })).toBe("rollback to 3");
  });

  it("is stamped on the object without changing its spec hash (the revision stays the same)", () => {
    const parts = {
      name: "iris",
      namespace: "ml",
      spec: { pod: { port: 8080 } } as unknown as RealtimeApiSpec,
      labels: { "cortexdeploy.dev/config": "c1" },
      git: { commit: "1".repeat(40), actor: "ci" },
    };
    const deployed = buildRealtimeApi(parts);
    const rolledBack = buildRealtimeApi({ ...parts, rollback: { revision: 1, actor: "alice" } });
    expect(rolledBack.metadata.annotations).toEqual({
      ...deployed.metadata.annotations,
      "cortexdeploy.dev/rollback-of": "1",
      "cortexdeploy.dev/rolled-back-by": "alice",
    });
    expect(deployed.metadata.annotations?.["cortexdeploy.dev/rollback-of"]).toBeUndefined();
  });
});
