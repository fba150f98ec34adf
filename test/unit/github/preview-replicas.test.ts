import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/index.ts";
import {
  capApi,
  DEFAULT_PREVIEW_REPLICAS,
  describeCap,
  parsePreviewReplicas,
  previewConfig,
} from "../../../src/github/preview-replicas.ts";

function load(yaml: string) {
  const r = parseConfig(yaml, "cortex.yaml");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.config;
}

const big = load(`- name: iris
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: x/iris:1
  autoscaling:
    min_replicas: 3
    max_replicas: 20
    init_replicas: 5
- name: tiny
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: x/tiny:1
  autoscaling:
    min_replicas: 0
    max_replicas: 1
- name: split
  kind: TrafficSplitter
  apis:
    - name: iris
      weight: 100
`);

describe("preview-replicas input", () => {
  it("defaults to 1-2", () => {
    expect(parsePreviewReplicas("")).toEqual({ ok: true, value: DEFAULT_PREVIEW_REPLICAS });
    expect(DEFAULT_PREVIEW_REPLICAS).toEqual({ min: 1, max: 2 });
  });

  it("reads MIN-MAX, a single number and 'config'", () => {
    expect(parsePreviewReplicas("0-1")).toEqual({ ok: true, value: { min: 0, max: 1 } });
    expect(parsePreviewReplicas(" 2 - 4 ")).toEqual({ ok: true, value: { min: 2, max: 4 } });
    expect(parsePreviewReplicas("3")).toEqual({ ok: true, value: { min: 3, max: 3 } });
    expect(parsePreviewReplicas("config")).toEqual({ ok: true, value: "config" });
  });

  it("explains a value it cannot use", () => {
    for (const bad of ["2-1", "0", "0-0", "one", "1-2-3", "-1"]) {
      expect(parsePreviewReplicas(bad)).toEqual({
        ok: false,
        message: expect.stringMatching(/^input preview-replicas: expected MIN-MAX/),
      });
    }
  });
});

describe("capping a preview's replicas", () => {
  it("lowers min, max and init to the cap", () => {
    const { config, capped } = previewConfig(big, { min: 1, max: 2 });
    const iris = config.apis[0];
    expect(iris?.kind === "RealtimeAPI" && iris.autoscaling).toMatchObject({
      min_replicas: 1,
      max_replicas: 2,
      init_replicas: 1,
    });
    expect(capped.map(describeCap)).toEqual([
      "iris: replicas min 3→1, max 20→2, init 5→1 (preview cap)",
    ]);
  });

  it("leaves counts already below the cap alone (scale to zero stays)", () => {
    const tiny = big.apis[1];
    if (tiny === undefined) throw new Error("fixture");
    expect(capApi(tiny, { min: 1, max: 2 }).change).toBeUndefined();
  });

  it("does not touch TrafficSplitters or the original config", () => {
    const { config } = previewConfig(big, { min: 1, max: 2 });
    expect(config.apis[2]).toBe(big.apis[2]);
    const original = big.apis[0];
    expect(original?.kind === "RealtimeAPI" && original.autoscaling.max_replicas).toBe(20);
  });

  it("keeps init within the new bounds for a cap above one", () => {
    const { config } = previewConfig(big, { min: 2, max: 4 });
    const iris = config.apis[0];
    expect(iris?.kind === "RealtimeAPI" && iris.autoscaling).toMatchObject({
      min_replicas: 2,
      max_replicas: 4,
      init_replicas: 2,
    });
  });

  it("keeps cortex.yaml's replicas with 'config'", () => {
    const { config, capped } = previewConfig(big, "config");
    expect(config).toBe(big);
    expect(capped).toEqual([]);
  });
});
