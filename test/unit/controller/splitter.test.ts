// The TrafficSplitter's pure parts: reading its spec, what it renders to, and its status.
import { describe, expect, it } from "vitest";
import type { Deployment } from "../../../controller/src/controller/kube/types.ts";
import { SpecError } from "../../../controller/src/controller/spec.ts";
import {
  renderSplitterDeployment,
  renderSplitterService,
  splitterBackends,
  splitterReplicas,
} from "../../../controller/src/controller/splitter/render.ts";
import { readSplitterSpec } from "../../../controller/src/controller/splitter/spec.ts";
import {
  computeSplitterStatus,
  invalidSplitterStatus,
} from "../../../controller/src/controller/splitter/status.ts";
import { parseConfig } from "../../../src/config/load.ts";

const ref = { name: "split", namespace: "ml", uid: "u-1" };
const options = {
  image: "ghcr.io/cortex-deploy/controller:0.1.0",
  replicas: 2,
  terminationGracePeriodSeconds: 60,
};
const spec = readSplitterSpec("split", {
  apis: [
    { name: "a", weight: 80, shadow: false },
    { name: "b", weight: 20 },
    { name: "c", weight: 0, shadow: true },
  ],
  networking: { endpoint: "/predict" },
});

describe("readSplitterSpec", () => {
  it("reads targets, defaults shadow to false and the endpoint to /<name>", () => {
    expect(spec.targets).toEqual([
      { name: "a", weight: 80, shadow: false },
      { name: "b", weight: 20, shadow: false },
      { name: "c", weight: 0, shadow: true },
    ]);
    expect(readSplitterSpec("s", { apis: [{ name: "a", weight: 100 }] }).endpoint).toBe("/s");
  });

  it.each([
    [{ apis: [] }, /spec\.apis: must be a non-empty list/],
    [
      {
        apis: [
          { name: "a", weight: 60 },
          { name: "b", weight: 30 },
        ],
      },
      /add up to 90, not 100/,
    ],
    [
      {
        apis: [
          { name: "a", weight: 100 },
          { name: "a", weight: 0 },
        ],
      },
      /apis\[1\]\.name: a is listed twice/,
    ],
    [
      {
        apis: [
          { name: "a", weight: 100 },
          { name: "b", weight: 0, shadow: true },
          { name: "c", weight: 0, shadow: true },
        ],
      },
      /at most one API may be a shadow/,
    ],
    [{ apis: [{ name: "a" }] }, /apis\[0\]\.weight: is required/],
    [{ apis: [{ name: "a", weight: 101 }] }, /apis\[0\]\.weight: must be within 0\.\.100/],
    [
      { apis: [{ name: "a", weight: 100, shadow: "yes" }] },
      /apis\[0\]\.shadow: must be true or false/,
    ],
  ])("refuses %j", (raw, message) => {
    expect(() => readSplitterSpec("s", raw)).toThrow(message);
  });

  // A target's name becomes the host of its URL, `http://<name>.<namespace>.svc:80`: a port, a
  // path or another domain in it would send the splitter's traffic elsewhere.
  const dns1035 =
    "must be a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and not ending with '-'";
  it.each([
    ["a:80", dns1035],
    ["a/b", dns1035],
    ["a.b", dns1035],
    ["A", dns1035],
    ["evil.example.com#", dns1035],
    ["-a", dns1035],
    ["a-", dns1035],
    ["1a", dns1035],
    ["a".repeat(43), "must be at most 42 characters long"],
  ])("refuses the target name %j with cortex.yaml's rule for API names", (bad, rule) => {
    const raw = {
      apis: [
        { name: "good", weight: 100 },
        { name: bad, weight: 0 },
      ],
    };
    expect(() => readSplitterSpec("s", raw)).toThrow(
      new SpecError(`spec.apis[1].name: ${rule}, got ${JSON.stringify(bad)}`),
    );
    // The CLI refuses it as an API's name too.
    const yaml = `- name: ${JSON.stringify(bad)}\n  kind: TrafficSplitter\n  apis:\n    - name: x\n      weight: 100\n`;
    expect(parseConfig(yaml, "cortex.yaml").ok).toBe(false);
  });

  it("takes every name cortex.yaml takes, and reports a bad one in the status", () => {
    const names = ["a", "a1", "iris-v2", "a".repeat(42)];
    const read = readSplitterSpec("s", {
      apis: names.map((name, i) => ({ name, weight: i ? 0 : 100 })),
    });
    expect(read.targets.map((t) => t.name)).toEqual(names);
    for (const name of names) {
      const yaml = `- name: ${name}\n  kind: TrafficSplitter\n  apis:\n    - name: x\n      weight: 100\n`;
      expect(parseConfig(yaml, "cortex.yaml").ok, name).toBe(true);
    }
    // What the reconciler does with a SpecError: Failed, with the message in the Ready condition.
    let message = "";
    try {
      readSplitterSpec("s", { apis: [{ name: "a:80", weight: 100 }] });
    } catch (err) {
      expect(err).toBeInstanceOf(SpecError);
      message = (err as Error).message;
    }
    const status = invalidSplitterStatus(undefined, 2, message, t0);
    expect(status.phase).toBe("Failed");
    expect(status.conditions?.find((c) => c.type === "Ready")).toMatchObject({
      status: "False",
      reason: "InvalidSpec",
      message: `spec.apis[0].name: ${dns1035}, got "a:80"`,
    });
  });
});

describe("rendering", () => {
  it("routes to each target's Service by its namespace-qualified name", () => {
    expect(splitterBackends("ml", spec)).toEqual([
      { name: "a", url: "http://a.ml.svc:80", weight: 80, shadow: false },
      { name: "b", url: "http://b.ml.svc:80", weight: 20, shadow: false },
      { name: "c", url: "http://c.ml.svc:80", weight: 0, shadow: true },
    ]);
  });

  it("runs the image's splitter command, owned by the TrafficSplitter, outside the API labels", () => {
    const d = renderSplitterDeployment(ref, spec, options);
    expect(d.metadata.ownerReferences).toEqual([
      expect.objectContaining({
        kind: "TrafficSplitter",
        name: "split",
        uid: "u-1",
        controller: true,
      }),
    ]);
    // The RealtimeAPI caches select on cortexdeploy.dev/api; a splitter must never match them.
    expect(d.metadata.labels).not.toHaveProperty("cortexdeploy.dev/api");
    expect(d.spec?.template?.metadata.labels).not.toHaveProperty("cortexdeploy.dev/api");
    expect(d.spec?.selector?.matchLabels).toEqual({ "cortexdeploy.dev/traffic-splitter": "split" });
    expect(d.spec?.replicas).toBe(2);
    const [container] = d.spec?.template?.spec.containers ?? [];
    expect(container?.args).toEqual(["splitter"]);
    expect(container?.image).toBe(options.image);
    const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));
    expect(JSON.parse(env.CORTEX_SPLITTER_BACKENDS ?? "null")).toEqual(
      splitterBackends("ml", spec),
    );
    expect(env.CORTEX_SPLITTER_PORT).toBe("8888");
    expect(container?.readinessProbe?.httpGet).toEqual({ path: "/healthz", port: 15000 });
  });

  it("exposes the splitter on port 80 like an API's Service", () => {
    const s = renderSplitterService(ref);
    expect(s.metadata.name).toBe("split");
    expect(s.spec?.selector).toEqual({ "cortexdeploy.dev/traffic-splitter": "split" });
    expect(s.spec?.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 8888 })]);
  });
});

function deployment(o: {
  generation?: number;
  observed?: number;
  replicas?: number;
  updated?: number;
  available?: number;
}): Deployment {
  return {
    metadata: { name: "split", namespace: "ml", generation: o.generation ?? 1 },
    spec: { replicas: 2 },
    status: {
      observedGeneration: o.observed ?? 1,
      replicas: o.replicas ?? 2,
      updatedReplicas: o.updated ?? 2,
      availableReplicas: o.available ?? 2,
    },
  };
}

const t0 = new Date("2026-01-01T00:00:00Z");
const ready = new Map([
  ["a", "Ready"],
  ["b", "Ready"],
  ["c", "Ready"],
]);
const cond = (s: ReturnType<typeof computeSplitterStatus>, type: string) =>
  s.conditions?.find((c) => c.type === type);

describe("computeSplitterStatus", () => {
  const base = { now: t0, generation: 3, previous: undefined, spec };

  it("is Ready when its pods have rolled out and every target exists", () => {
    const s = computeSplitterStatus({ ...base, deployment: deployment({}), targets: ready });
    expect(s.phase).toBe("Ready");
    expect(s.observedGeneration).toBe(3);
    expect(s.endpoint).toBe("/predict");
    expect(cond(s, "Ready")).toMatchObject({
      status: "True",
      message: "routing a 80%, b 20%, shadow c",
      observedGeneration: 3,
    });
    expect(cond(s, "Progressing")?.status).toBe("False");
    expect(cond(s, "Degraded")?.status).toBe("False");
  });

  it("is Pending, naming them, while a target API does not exist", () => {
    const s = computeSplitterStatus({
      ...base,
      deployment: deployment({}),
      targets: new Map([["a", "Ready"]]),
    });
    expect(s.phase).toBe("Pending");
    expect(cond(s, "Ready")).toMatchObject({
      status: "False",
      reason: "TargetsMissing",
      message: "no RealtimeAPI named b, c in this namespace",
    });
  });

  it.each([
    ["not observed yet", { generation: 2, observed: 1 }],
    ["old pods still running", { replicas: 3 }],
    ["not all updated", { updated: 1 }],
    ["not all available", { available: 1 }],
  ])("is Progressing while its Deployment rolls out (%s)", (_what, d) => {
    const s = computeSplitterStatus({ ...base, deployment: deployment(d), targets: ready });
    expect(s.phase).toBe("Progressing");
    expect(cond(s, "Ready")?.status).toBe("False");
    expect(cond(s, "Progressing")?.status).toBe("True");
  });

  it("says why while its pods cannot be created (a ReplicaFailure: Pod Security, a quota)", () => {
    const d = deployment({ available: 0, updated: 0, replicas: 0 });
    d.status = {
      ...d.status,
      conditions: [
        {
          type: "ReplicaFailure",
          status: "True",
          reason: "FailedCreate",
          message: 'pods "split-x" is forbidden: violates PodSecurity "restricted:latest"',
        },
      ],
    };
    const s = computeSplitterStatus({ ...base, deployment: d, targets: ready });
    expect(cond(s, "Ready")).toMatchObject({
      status: "False",
      message:
        '0 of 2 splitter pods updated and available; pods cannot be created: pods "split-x" is forbidden: violates PodSecurity "restricted:latest"',
    });
  });

  it("does not count the old template's pods as updated before the Deployment observes the new one", () => {
    // The status of generation 1 says 2 of 2 updated: of the template being replaced.
    const s = computeSplitterStatus({
      ...base,
      deployment: deployment({ generation: 2, observed: 1 }),
      targets: ready,
    });
    expect(cond(s, "Ready")?.message).toBe("waiting for the Deployment to observe the change");
  });

  it("is Progressing before its Deployment exists", () => {
    const s = computeSplitterStatus({ ...base, deployment: undefined, targets: ready });
    expect(s.phase).toBe("Progressing");
  });

  it("is Degraded while a target exists but is not Ready", () => {
    const s = computeSplitterStatus({
      ...base,
      deployment: deployment({}),
      targets: new Map<string, string | undefined>([
        ["a", "Ready"],
        ["b", "RolledBack"],
        ["c", undefined],
      ]),
    });
    expect(s.phase).toBe("Ready");
    expect(cond(s, "Degraded")).toMatchObject({
      status: "True",
      message: "b is RolledBack; c is not reported yet",
    });
  });

  it("keeps a condition's transition time while its status holds", () => {
    const first = computeSplitterStatus({ ...base, deployment: deployment({}), targets: ready });
    const later = new Date(t0.getTime() + 60_000);
    const again = computeSplitterStatus({
      ...base,
      now: later,
      previous: first,
      deployment: deployment({}),
      targets: ready,
    });
    expect(cond(again, "Ready")?.lastTransitionTime).toBe(t0.toISOString());
    const pending = computeSplitterStatus({
      ...base,
      now: later,
      previous: first,
      deployment: deployment({}),
      targets: new Map(),
    });
    expect(cond(pending, "Ready")?.lastTransitionTime).toBe(later.toISOString());
  });

  it("reports an unreadable spec as Failed, keeping the endpoint it had", () => {
    const ok = computeSplitterStatus({ ...base, deployment: deployment({}), targets: ready });
    const s = invalidSplitterStatus(ok, 4, "spec.apis: must be a non-empty list", t0);
    expect(s).toMatchObject({ phase: "Failed", observedGeneration: 4, endpoint: "/predict" });
    expect(cond(s, "Ready")).toMatchObject({ status: "False", reason: "InvalidSpec" });
  });
});

describe("the splitter's pod count", () => {
  it("is --splitter-replicas, or the max-replicas label's when lower", () => {
    expect(splitterReplicas(2, undefined)).toBe(2);
    expect(splitterReplicas(2, { "cortexdeploy.dev/max-replicas": "1" })).toBe(1);
    expect(splitterReplicas(2, { "cortexdeploy.dev/max-replicas": "5" })).toBe(2);
    for (const bad of ["0", "x", "-1", "1.5", ""])
      expect(splitterReplicas(2, { "cortexdeploy.dev/max-replicas": bad })).toBe(2);
  });
});
