import { describe, expect, it } from "vitest";
import {
  artifactsRef,
  isDeployable,
  refusalMessage,
  renderApis,
} from "../../../src/kube/render.ts";
import type { RealtimeApiResource, TrafficSplitterResource } from "../../../src/kube/resource.ts";
import { configOf, realtimeYaml } from "./helpers.ts";

const git = { commit: "abc123", ref: "refs/heads/main", runUrl: "https://ci/run/1", actor: "ada" };
const opts = {
  namespace: "ml",
  configId: "c0ffee",
  configPath: "svc/cortex.yaml",
  git,
  artifacts: new Map(),
};

describe("renderApis", () => {
  it("turns each RealtimeAPI into a fully defaulted custom resource, labelled and annotated", () => {
    const config = configOf(realtimeYaml("iris"));
    const [iris] = renderApis(config.apis, opts) as RealtimeApiResource[];
    expect(iris?.apiVersion).toBe("cortexdeploy.dev/v1alpha1");
    expect(iris?.kind).toBe("RealtimeAPI");
    expect(iris?.metadata).toMatchObject({
      name: "iris",
      namespace: "ml",
      labels: {
        "app.kubernetes.io/managed-by": "cortex-deploy",
        "app.kubernetes.io/name": "iris",
        "cortexdeploy.dev/config": "c0ffee",
      },
      annotations: {
        "cortexdeploy.dev/commit": "abc123",
        "cortexdeploy.dev/ref": "refs/heads/main",
        "cortexdeploy.dev/run-url": "https://ci/run/1",
        "cortexdeploy.dev/actor": "ada",
        "cortexdeploy.dev/config-path": "svc/cortex.yaml",
      },
    });
    expect(iris?.metadata.annotations?.["cortexdeploy.dev/spec-hash"]).toMatch(/^[0-9a-f]{64}$/);
    // Defaults are filled, and kind/name/artifacts are not part of the spec.
    expect(iris?.spec.autoscaling.max_replicas).toBe(100);
    expect(iris?.spec.pod.port).toBe(8080);
    expect(iris?.spec.networking.endpoint).toBe("/iris");
    expect(Object.keys(iris?.spec ?? {}).sort()).toEqual([
      "autoscaling",
      "networking",
      "node_groups",
      "pod",
      "update_strategy",
    ]);
  });

  it("leaves out git annotations it does not know", () => {
    const [api] = renderApis(configOf(realtimeYaml("iris")).apis, { ...opts, git: {} });
    expect(Object.keys(api?.metadata.annotations ?? {}).sort()).toEqual([
      "cortexdeploy.dev/config-path",
      "cortexdeploy.dev/spec-hash",
    ]);
  });

  it("names the artifact manifest by hash, with the mounts the pod needs", () => {
    const config = configOf(
      `${realtimeYaml("iris")}  artifacts:\n    - path: model\n      mount: /models\n    - path: vocab.txt\n    - path: extra\n      mount: /models\n`,
    );
    const api = config.apis[0];
    if (api?.kind !== "RealtimeAPI") throw new Error("fixture");
    const ref = artifactsRef(api, "f".repeat(64), {
      bucket: "b",
      prefix: "p",
      endpoint: "http://s3",
    });
    expect(ref).toEqual({
      bucket: "b",
      prefix: "p",
      manifest: "f".repeat(64),
      mounts: ["/mnt/artifacts", "/models"],
      endpoint: "http://s3",
    });
    const [rendered] = renderApis(config.apis, { ...opts, artifacts: new Map([["iris", ref]]) });
    expect((rendered as RealtimeApiResource).spec.artifacts).toEqual(ref);
  });

  it("records path-style addressing only when it was set, false included", () => {
    const config = configOf(`${realtimeYaml("iris")}  artifacts:\n    - path: model\n`);
    const api = config.apis[0];
    if (api?.kind !== "RealtimeAPI") throw new Error("fixture");
    const s3 = { bucket: "b", prefix: "p", endpoint: "http://oss" };
    // Unset: the pods' downloader chooses by endpoint, as the uploader did.
    expect(artifactsRef(api, "f".repeat(64), s3)).not.toHaveProperty("force_path_style");
    expect(
      artifactsRef(api, "f".repeat(64), { ...s3, forcePathStyle: false }).force_path_style,
    ).toBe(false);
  });

  it("renders TrafficSplitters after the RealtimeAPIs they route to", () => {
    const config = configOf(`- name: split
  kind: TrafficSplitter
  apis:
    - name: a
      weight: 100
${realtimeYaml("a")}`);
    const out = renderApis(config.apis, opts);
    expect(out.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      "RealtimeAPI/a",
      "TrafficSplitter/split",
    ]);
    const split = out[1] as TrafficSplitterResource;
    expect(split.spec).toEqual({
      apis: [{ name: "a", weight: 100, shadow: false }],
      networking: { endpoint: "/split" },
    });
  });

  it("gives equal specs equal hashes and different specs different ones", () => {
    const a = renderApis(configOf(realtimeYaml("iris")).apis, opts)[0];
    const b = renderApis(configOf(realtimeYaml("iris")).apis, {
      ...opts,
      git: { commit: "other" },
    })[0];
    const c = renderApis(configOf(realtimeYaml("iris", "x/iris:2")).apis, opts)[0];
    const hash = (o: typeof a) => o?.metadata.annotations?.["cortexdeploy.dev/spec-hash"];
    expect(hash(a)).toBe(hash(b));
    expect(hash(a)).not.toBe(hash(c));
  });

  it("does not share objects with the config (rendering twice gives independent specs)", () => {
    const config = configOf(realtimeYaml("iris"));
    const first = renderApis(config.apis, opts)[0] as RealtimeApiResource;
    first.spec.pod.port = 1;
    const second = renderApis(config.apis, opts)[0] as RealtimeApiResource;
    expect(second.spec.pod.port).toBe(8080);
  });
});

describe("kinds that cannot be deployed yet", () => {
  it("refuses AsyncAPI, BatchAPI and TaskAPI by name and kind", () => {
    const config = configOf(`${realtimeYaml("ok")}- name: queue
  kind: AsyncAPI
  pod:
    containers:
      - name: api
        image: x/q:1
`);
    expect(config.apis.map(isDeployable)).toEqual([true, false]);
    const message = refusalMessage(config.apis);
    expect(message).toContain("queue (AsyncAPI)");
    expect(message).toContain("Nothing was applied");
    expect(refusalMessage(config.apis.slice(0, 1))).toBeUndefined();
  });
});
