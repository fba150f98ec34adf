// After a failed update, the comment shows what the preview namespace still serves: the config's
// APIs as they live, with the commit they were deployed from.
import { describe, expect, it } from "vitest";
import { runningPreview } from "../../../src/github/preview-running.ts";
import type { Live } from "../../../src/kube/objects.ts";
import { ANNOTATIONS, LABELS, MANAGED_BY } from "../../../src/kube/resource.ts";

const c = (n: string) => n.repeat(40);

function meta(name: string, commit: string, config: string) {
  return {
    name,
    namespace: "ml-pr-5",
    generation: 1,
    labels: { [LABELS.managedBy]: MANAGED_BY, [LABELS.config]: config },
    annotations: { [ANNOTATIONS.commit]: commit },
  };
}

function realtime(name: string, commit: string, config = "cfg"): Live {
  return {
    apiVersion: "cortexdeploy.dev/v1alpha1",
    kind: "RealtimeAPI",
    metadata: meta(name, commit, config),
    spec: {
      networking: { endpoint: `/${name}` },
      autoscaling: { min_replicas: 1, max_replicas: 2 },
    },
    status: {
      observedGeneration: 1,
      phase: "Ready",
      readyReplicas: 1,
      desiredReplicas: 1,
      currentRevision: 3,
      conditions: [
        { type: "Ready", status: "True", reason: "Available", message: "", lastTransitionTime: "" },
      ],
    },
  } as unknown as Live;
}

function splitter(name: string, commit: string): Live {
  return {
    apiVersion: "cortexdeploy.dev/v1alpha1",
    kind: "TrafficSplitter",
    metadata: meta(name, commit, "cfg"),
    spec: { networking: { endpoint: `/${name}` }, apis: [] },
  } as unknown as Live;
}

const TEMPLATE = "https://api.example.com/{namespace}/{endpoint}";

describe("runningPreview", () => {
  it("shows the config's APIs as they run, with the commit they came from", () => {
    const running = runningPreview(
      [splitter("split", c("3")), realtime("iris", c("3")), realtime("other", c("9"), "x")],
      "cfg",
      "ml-pr-5",
      TEMPLATE,
    );
    expect(running?.commits).toEqual([c("3")]);
    expect(running?.previewUrl).toBe("https://api.example.com/ml-pr-5/iris");
    expect(running?.apis).toEqual([
      {
        name: "iris",
        kind: "RealtimeAPI",
        action: "unchanged",
        change: "running",
        state: "ready",
        revision: 3,
        replicas: { min: 1, max: 2, ready: 1, desired: 1 },
        endpoint: "https://api.example.com/ml-pr-5/iris",
      },
      {
        name: "split",
        kind: "TrafficSplitter",
        action: "unchanged",
        change: "running",
        state: "pending",
        revision: undefined,
        replicas: undefined,
        endpoint: "https://api.example.com/ml-pr-5/split",
      },
    ]);
  });

  it("names each commit of a partly undone update, the most APIs' first", () => {
    const live = [realtime("a", c("1")), realtime("b", c("2")), realtime("c", c("2"))];
    expect(runningPreview(live, "cfg", "ml-pr-5", "")?.commits).toEqual([c("2"), c("1")]);
  });

  it("has no URL without endpoint-url-template, and is nothing without the config's APIs", () => {
    expect(runningPreview([realtime("iris", c("3"))], "cfg", "ml-pr-5", "")?.previewUrl).toBe("");
    expect(runningPreview([realtime("iris", c("3"), "x")], "cfg", "ml-pr-5", TEMPLATE)).toBe(
      undefined,
    );
  });
});
