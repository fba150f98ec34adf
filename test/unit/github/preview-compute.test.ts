import { describe, expect, it } from "vitest";
import { formatConfigError, parseConfig } from "../../../src/config/index.ts";
import {
  checkPreviewCompute,
  computeRefusal,
  describeLimits,
  type PreviewMaxCompute,
  parsePreviewMaxCompute,
} from "../../../src/github/preview-compute.ts";

function load(yaml: string) {
  const r = parseConfig(yaml, "cortex.yaml");
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.config;
}

function limits(raw: string): PreviewMaxCompute {
  const r = parsePreviewMaxCompute(raw);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** The problems as validate prints them. */
function check(yaml: string, raw: string): string[] {
  return checkPreviewCompute(load(yaml), limits(raw)).map(formatConfigError);
}

const SUFFIX = "(previews only; push deploys are not limited)";

describe("preview-max-compute input", () => {
  it("is empty by default: no limit", () => {
    expect(parsePreviewMaxCompute("")).toEqual({ ok: true, value: [] });
    expect(parsePreviewMaxCompute("  \n ")).toEqual({ ok: true, value: [] });
  });

  it("reads KEY=QUANTITY for each compute field, commas or new lines between", () => {
    expect(describeLimits(limits("cpu=2, mem=8Gi, gpu=0"))).toBe("cpu=2, mem=8Gi, gpu=0");
    expect(describeLimits(limits("inf = 1\nshm=512Mi,"))).toBe("inf=1, shm=512Mi");
    expect(limits("cpu=500m")[0]).toMatchObject({ key: "cpu", text: "500m" });
  });

  it("refuses what it cannot use, saying which input and why", () => {
    const refusals: [string, RegExp][] = [
      ["cpu", /expected KEY=QUANTITY/],
      ["cpu=", /expected KEY=QUANTITY/],
      ["cpu=2 mem=4Gi", /expected KEY=QUANTITY/],
      ["memory=8Gi", /unknown key 'memory'/],
      ["CPU=2", /unknown key 'CPU'/],
      ["mem=8GB", /mem: '8GB' is not a Kubernetes quantity/],
      ["gpu=-1", /gpu: must not be negative/],
      ["cpu=2, gpu=0, cpu=4", /cpu is given twice/],
    ];
    for (const [raw, why] of refusals) {
      const r = parsePreviewMaxCompute(raw);
      expect(r.ok, raw).toBe(false);
      if (!r.ok) {
        expect(r.message, raw).toMatch(/^input preview-max-compute: /);
        expect(r.message, raw).toMatch(why);
      }
    }
  });
});

const GPU_API = `- name: big
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: x/big:1
        compute:
          cpu: 4
          mem: 16Gi
          gpu: 8
`;

describe("a preview's containers against preview-max-compute", () => {
  it("locates each field above its limit at its value, as validate does", () => {
    expect(check(GPU_API, "cpu=2, mem=8Gi, gpu=0")).toEqual([
      `cortex.yaml:8:16: error: [0].pod.containers[0].compute.cpu: 4 is above preview-max-compute's cpu=2 ${SUFFIX}`,
      `cortex.yaml:9:16: error: [0].pod.containers[0].compute.mem: 16Gi is above preview-max-compute's mem=8Gi ${SUFFIX}`,
      `cortex.yaml:10:16: error: [0].pod.containers[0].compute.gpu: 8 is above preview-max-compute's gpu=0 ${SUFFIX}`,
    ]);
  });

  it("lets a value equal to the limit or below it pass, compared exactly", () => {
    expect(check(GPU_API, "cpu=4, mem=16Gi, gpu=8")).toEqual([]);
    expect(check(GPU_API, "cpu=4000m, mem=17179869184, gpu=9")).toEqual([]);
    expect(check(GPU_API, "cpu=3999m")).toHaveLength(1);
    expect(check(GPU_API, "mem=16G")).toHaveLength(1); // 16G < 16Gi
  });

  it("with gpu=0 refuses any GPU, and lets a CPU-only API pass", () => {
    const one = GPU_API.replace("gpu: 8", "gpu: 1");
    expect(check(one, "gpu=0")).toEqual([
      `cortex.yaml:10:16: error: [0].pod.containers[0].compute.gpu: 1 is above preview-max-compute's gpu=0 ${SUFFIX}`,
    ]);
    expect(check(GPU_API.replace("gpu: 8", "gpu: 0"), "gpu=0")).toEqual([]);
  });

  it("counts an unset field as its default, pointing at what the file has", () => {
    const bare = `- name: small
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: x/small:1
`;
    // cpu defaults to 200m; mem and shm default to no request, gpu and inf to 0.
    expect(check(bare, "cpu=100m")).toEqual([
      `cortex.yaml:5:9: error: [0].pod.containers[0].compute.cpu: 200m (the default; cpu is not set) is above preview-max-compute's cpu=100m ${SUFFIX}`,
    ]);
    expect(check(bare, "cpu=200m, mem=0, shm=0, gpu=0, inf=0")).toEqual([]);
    // cpu: null asks for no CPU at all.
    const noCpu = bare.replace(
      "image: x/small:1",
      "image: x/small:1\n        compute: {cpu: null}",
    );
    expect(check(noCpu, "cpu=0")).toEqual([]);
  });

  it("checks every container of every API with pods; TrafficSplitters have none", () => {
    const yaml = `- name: rt
  kind: RealtimeAPI
  pod:
    containers:
      - name: api
        image: x/a:1
        compute: {cpu: 1}
      - name: side
        image: x/b:1
        compute: {cpu: 3, inf: 1}
- name: split
  kind: TrafficSplitter
  apis:
    - name: rt
      weight: 100
- name: batch
  kind: BatchAPI
  pod:
    containers:
      - name: job
        image: x/c:1
        command: [run]
        compute:
          gpu: 2
- name: task
  kind: TaskAPI
  pod:
    containers:
      - name: job
        image: x/d:1
        command: [run]
        compute:
          shm: 1Gi
          mem: 2Gi
- name: async
  kind: AsyncAPI
  pod:
    containers:
      - name: api
        image: x/e:1
        compute: {cpu: 2}
`;
    const found = checkPreviewCompute(load(yaml), limits("cpu=1, gpu=1, inf=0, shm=512Mi"));
    expect(found.map((p) => p.path)).toEqual([
      "[0].pod.containers[1].compute.cpu",
      "[0].pod.containers[1].compute.inf",
      "[2].pod.containers[0].compute.gpu",
      "[3].pod.containers[0].compute.shm",
      "[4].pod.containers[0].compute.cpu",
    ]);
    expect(found.map((p) => `${p.line}:${p.column}`)).toEqual([
      "10:24",
      "10:32",
      "24:16",
      "33:16",
      "41:24",
    ]);
  });

  it("says why the preview failed, every problem on its line", () => {
    const config = load(GPU_API);
    const found = checkPreviewCompute(config, limits("gpu=0, cpu=2"));
    expect(computeRefusal(config.file, found)).toBe(
      [
        "cortex.yaml asks for more than preview-max-compute allows (2 fields); no preview was deployed:",
        `cortex.yaml:8:16: error: [0].pod.containers[0].compute.cpu: 4 is above preview-max-compute's cpu=2 ${SUFFIX}`,
        `cortex.yaml:10:16: error: [0].pod.containers[0].compute.gpu: 8 is above preview-max-compute's gpu=0 ${SUFFIX}`,
      ].join("\n"),
    );
  });

  it("finds nothing without limits", () => {
    expect(check(GPU_API, "")).toEqual([]);
  });
});
