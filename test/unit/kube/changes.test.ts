import { describe, expect, it } from "vitest";
import {
  computeChanges,
  decideAction,
  describeTakeover,
  kindClashes,
  liveRoutes,
  otherSpecManagers,
  prunedButRouted,
  routesOf,
  selectPrunable,
  stillRoutedTo,
} from "../../../src/kube/changes.ts";
import { renderApis } from "../../../src/kube/render.ts";
import { asLive, configOf, realtimeYaml } from "./helpers.ts";

const render = (yaml: string, configId = "mine") =>
  renderApis(configOf(yaml).apis, { namespace: "ml", configId, git: {}, artifacts: new Map() });

describe("decideAction", () => {
  const [iris] = render(realtimeYaml("iris"));
  if (!iris) throw new Error("fixture");

  it("creates what is not live, updates on a different hash, and leaves an equal hash alone", () => {
    expect(decideAction(iris, undefined).action).toBe("create");
    expect(decideAction(iris, asLive(iris)).action).toBe("unchanged");
    const [changed] = render(realtimeYaml("iris", "x/iris:2"));
    expect(decideAction(iris, asLive(changed ?? iris)).action).toBe("update");
  });

  it("applies an unchanged spec when another field manager has written to it", () => {
    const edited = asLive(iris, {
      managedFields: [
        { manager: "cortex-deploy", operation: "Apply", fieldsV1: { "f:spec": {} } },
        {
          manager: "cortex-deploy-controller",
          subresource: "status",
          fieldsV1: { "f:status": {} },
        },
        { manager: "kubectl-edit", operation: "Update", fieldsV1: { "f:spec": { "f:pod": {} } } },
        { manager: "kubectl-label", operation: "Update", fieldsV1: { "f:metadata": {} } },
      ],
    });
    expect(otherSpecManagers(edited)).toEqual(["kubectl-edit"]);
    const change = decideAction(iris, edited);
    expect(change.action).toBe("update");
    expect(change.note).toContain('"kubectl-edit"');
  });

  it("applies the spec a rollback put back, to clear the rollback's mark", () => {
    const mark = {
      "cortexdeploy.dev/rollback-of": "1",
      "cortexdeploy.dev/rolled-back-by": "alice",
    };
    const rolledBack = asLive(iris, {
      annotations: { ...iris.metadata.annotations, ...mark },
    });
    const change = decideAction(iris, rolledBack);
    expect(change.action).toBe("update");
    expect(change.note).toBe("clearing the mark of its rollback to revision 1");
    expect(change.resource.spec).toEqual(iris.spec);
    // Rolling back to it again is no change.
    const again = {
      ...iris,
      metadata: { ...iris.metadata, annotations: rolledBack.metadata.annotations },
    };
    expect(decideAction(again, rolledBack).action).toBe("unchanged");
  });

  describe("a spec whose rollout failed", () => {
    // The status as the controller writes it: a rolled-back spec also has RolledBack=True.
    const withStatus = (phase: string, observedGeneration: number, retry?: number) => {
      const live = asLive(iris, { generation: 4 });
      if (live.kind !== "RealtimeAPI") throw new Error("fixture");
      if (retry !== undefined) live.spec = { ...live.spec, retry };
      const rolledBack = {
        type: "RolledBack" as const,
        status: phase === "RolledBack" ? ("True" as const) : ("False" as const),
        reason: phase === "RolledBack" ? "CrashLoopBackOff" : "NotRolledBack",
        message: "",
        lastTransitionTime: "2026-01-01T00:00:00Z",
        observedGeneration,
      };
      return { ...live, status: { phase, observedGeneration, conditions: [rolledBack] } };
    };

    it("rolls the same spec out again, numbering the retry, when it ended Failed or RolledBack", () => {
      for (const phase of ["Failed", "RolledBack"]) {
        const change = decideAction(iris, withStatus(phase, 4));
        expect(change.action).toBe("update");
        expect(change.note).toBe(`rolling the same spec out again: it ended ${phase}`);
        expect(change.resource.spec).toEqual({ ...iris.spec, retry: 1 });
        expect(change.retry).toBe(1);
        // The spec hash leaves retry out, so the next deploy of the same file is "unchanged".
        expect(change.resource.metadata.annotations).toEqual(iris.metadata.annotations);
      }
      expect(decideAction(iris, withStatus("RolledBack", 4, 2)).resource.spec).toMatchObject({
        retry: 3,
      });
    });

    it("leaves it alone while it is Ready or Progressing, or its status is for an older generation", () => {
      expect(decideAction(iris, withStatus("Ready", 4)).action).toBe("unchanged");
      expect(decideAction(iris, withStatus("Progressing", 4)).action).toBe("unchanged");
      expect(decideAction(iris, withStatus("RolledBack", 3)).action).toBe("unchanged");
      const retried = withStatus("Ready", 4, 1);
      expect(decideAction(iris, retried).action).toBe("unchanged");
    });
  });
});

describe("prune selection", () => {
  it("selects only this config's objects that the file no longer lists", () => {
    const rendered = render(realtimeYaml("keep"));
    const live = [
      ...render(realtimeYaml("keep") + realtimeYaml("gone")).map((o) => asLive(o)),
      ...render(realtimeYaml("other-config"), "theirs").map((o) => asLive(o)),
    ];
    const [hand] = render(realtimeYaml("hand"));
    if (!hand) throw new Error("fixture");
    const handMade = asLive({ ...hand, metadata: { name: "hand", namespace: "ml" } });
    expect(
      selectPrunable([...live, handMade], rendered, "mine").map((o) => o.metadata.name),
    ).toEqual(["gone"]);
  });
});

describe("computeChanges", () => {
  it("flags names held by another config or by objects cortex-deploy did not create", () => {
    const rendered = render(realtimeYaml("a") + realtimeYaml("b"));
    const theirs = render(realtimeYaml("a"), "theirs").map((o) => ({
      ...asLive(o),
      metadata: {
        ...asLive(o).metadata,
        annotations: { "cortexdeploy.dev/config-path": "x/cortex.yaml" },
      },
    }));
    const [b] = render(realtimeYaml("b"));
    if (!b) throw new Error("fixture");
    const foreign = asLive({ ...b, metadata: { name: "b", namespace: "ml" } });
    const set = computeChanges(rendered, [...theirs, foreign], "mine");
    expect(set.takeovers.map((t) => t.ownerConfig)).toEqual(["theirs", undefined]);
    const [first, second] = set.takeovers.map(describeTakeover);
    expect(first).toContain("another cortex.yaml (config id theirs, x/cortex.yaml)");
    expect(second).toContain("was not created by cortex-deploy");
    expect(set.prune).toEqual([]);
    expect(first).not.toContain("--config-id");
  });

  it("names --config-id when the other id deployed a file of the same path", () => {
    const opts = { namespace: "ml", git: {}, artifacts: new Map(), configPath: "cortex.yaml" };
    const [mine] = renderApis(configOf(realtimeYaml("a")).apis, { ...opts, configId: "mine" });
    const [old] = renderApis(configOf(realtimeYaml("a")).apis, { ...opts, configId: "0ld1d" });
    if (!mine || !old) throw new Error("fixture");
    const set = computeChanges([mine], [asLive(old)], "mine");
    expect(set.takeovers.map(describeTakeover)).toEqual([
      "realtimeapi/a already exists and belongs to another cortex.yaml (config id 0ld1d, " +
        "cortex.yaml); if that is this file, deployed from another clone or name of the " +
        "repository, deploy with --config-id 0ld1d (Action input config-id) to keep managing it",
    ]);
  });
});

describe("kindClashes", () => {
  const splitterYaml = (name: string, target: string) =>
    `- name: ${name}\n  kind: TrafficSplitter\n  apis:\n    - name: ${target}\n      weight: 100\n`;
  const [front] = render(realtimeYaml("front"), "other");
  if (!front) throw new Error("fixture");

  it("refuses a splitter named like a live API of another config, and says which", () => {
    const rendered = render(realtimeYaml("a") + splitterYaml("front", "a"));
    expect(kindClashes(rendered, [asLive(front)], [])).toEqual([
      "trafficsplitter/front: a RealtimeAPI of that name already exists (config id other); an API " +
        "and a TrafficSplitter cannot share a name, as both get a Deployment and Service named after them",
    ]);
  });

  it("allows the same kind (that is a takeover question) and a live object this deploy prunes", () => {
    expect(kindClashes(render(realtimeYaml("front")), [asLive(front)], [])).toEqual([]);
    const mine = asLive(render(realtimeYaml("front"))[0] ?? front);
    const rendered = render(realtimeYaml("a") + splitterYaml("front", "a"));
    expect(kindClashes(rendered, [mine], [mine])).toEqual([]);
    expect(kindClashes(rendered, [mine], [])).toHaveLength(1);
  });
});

describe("prunedButRouted", () => {
  const splitter = (name: string, ...targets: string[]) =>
    `- name: ${name}\n  kind: TrafficSplitter\n  apis:\n${targets
      .map(
        (t, i) =>
          `    - name: ${t}\n      weight: ${i === 0 ? 100 : 0}\n${i > 0 ? "      shadow: true\n" : ""}`,
      )
      .join("")}`;
  // Live before the deploy: a and b (this config), its splitter front (a, shadow b), and another
  // config's splitter side (b).
  const before = render(realtimeYaml("a") + realtimeYaml("b") + splitter("front", "a", "b"));
  const [side] = render(splitter("side", "b"), "other");
  if (!side) throw new Error("fixture");
  const live = [...before, side].map((o) => asLive(o));
  const leavingB = live.filter((o) => o.metadata.name === "b");

  it("refuses to prune an API that this config's splitter or another live splitter routes to", () => {
    const rendered = render(realtimeYaml("a") + splitter("front", "a", "b"));
    const own = rendered.flatMap((r) =>
      r.kind === "TrafficSplitter" ? [routesOf(r.metadata.name, r.spec.apis)] : [],
    );
    expect(prunedButRouted(leavingB, own, rendered, live)).toEqual([
      "realtimeapi/b: TrafficSplitter front, side still routes to it; remove it from their apis " +
        "(or delete them) first",
    ]);
  });

  it("allows it once no splitter that stays routes to it", () => {
    const rendered = render(realtimeYaml("a") + splitter("front", "a"));
    const own = rendered.flatMap((r) =>
      r.kind === "TrafficSplitter" ? [routesOf(r.metadata.name, r.spec.apis)] : [],
    );
    const withoutSide = live.filter((o) => o.metadata.name !== "side");
    expect(prunedButRouted(leavingB, own, rendered, withoutSide)).toEqual([]);
    // A splitter that is itself leaving does not hold its targets back.
    expect(stillRoutedTo(leavingB, liveRoutes(live, [...leavingB, side]))).toEqual([
      "realtimeapi/b: TrafficSplitter front still routes to it; remove it from that splitter's " +
        "apis (or delete the splitter) first",
    ]);
  });
});

describe("a preview's cap on TrafficSplitter pods", () => {
  const yaml = `${realtimeYaml("a")}
- name: split
  kind: TrafficSplitter
  apis:
    - name: a
      weight: 100
`;
  const opts = { namespace: "ml", configId: "mine", git: {}, artifacts: new Map() };

  it("labels the splitters with max-replicas, and only them", () => {
    const [api, splitter] = renderApis(configOf(yaml).apis, { ...opts, splitterMaxReplicas: 1 });
    expect(splitter?.metadata.labels?.["cortexdeploy.dev/max-replicas"]).toBe("1");
    expect(api?.metadata.labels).not.toHaveProperty("cortexdeploy.dev/max-replicas");
    const [, uncapped] = renderApis(configOf(yaml).apis, opts);
    expect(uncapped?.metadata.labels).not.toHaveProperty("cortexdeploy.dev/max-replicas");
    // A new cap is a change to apply, not "unchanged".
    if (!splitter || !uncapped) throw new Error("fixture");
    expect(decideAction(splitter, asLive(uncapped)).action).toBe("update");
  });
});
