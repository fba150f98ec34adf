// Which manifest an object of a cluster tells pods to download, and whether gc can judge it: the
// pure reading of RealtimeAPI and ControllerRevision specs and of the downloader's env in pod
// templates.
import { describe, expect, it } from "vitest";
import {
  classifyRef,
  classifyRefs,
  refOfArtifacts,
  refsOfPodTemplate,
  UNKNOWN,
} from "../../../src/kube/artifact-roots.ts";

const M = "1".repeat(64);
const target = { bucket: "models", prefix: "cortex-deploy" };

function template(env: { name: string; value?: string; valueFrom?: unknown }[]) {
  return {
    spec: {
      template: {
        spec: {
          initContainers: [{ name: "downloader", env }],
          containers: [{ name: "api", env: [{ name: "CORTEX_PORT", value: "8080" }] }],
        },
      },
    },
  };
}

describe("refsOfPodTemplate", () => {
  it("reads the downloader's bucket, prefix and manifest", () => {
    const refs = refsOfPodTemplate(
      "replicaset/iris-abc",
      template([
        { name: "CORTEX_BUCKET", value: "models" },
        { name: "CORTEX_PREFIX", value: "cortex-deploy" },
        { name: "CORTEX_MANIFEST", value: M },
      ]),
    );
    expect(refs).toEqual([
      {
        bucket: "models",
        prefix: "cortex-deploy",
        manifest: M,
        source: "replicaset/iris-abc, container downloader",
      },
    ]);
    expect(classifyRef(refs[0] as never, target)).toEqual({
      root: { bucket: "models", prefix: "cortex-deploy", manifest: M, source: refs[0]?.source },
    });
  });

  it("takes a missing CORTEX_PREFIX as the bucket's root, as the downloader does", () => {
    const [ref] = refsOfPodTemplate(
      "deployment/iris",
      template([
        { name: "CORTEX_BUCKET", value: "models" },
        { name: "CORTEX_MANIFEST", value: M },
      ]),
    );
    expect(ref?.prefix).toBe("");
    expect(classifyRef(ref as never, { bucket: "models", prefix: "/" })).toHaveProperty("root");
    expect(classifyRef(ref as never, target)).toEqual({ other: true });
  });

  it("finds nothing in a template without a downloader", () => {
    expect(
      refsOfPodTemplate("deployment/x", template([{ name: "CORTEX_BUCKET", value: "m" }])),
    ).toEqual([]);
    expect(refsOfPodTemplate("deployment/x", {})).toEqual([]);
  });

  it("cannot judge values set from a Secret or ConfigMap", () => {
    const [ref] = refsOfPodTemplate(
      "deployment/iris",
      template([
        { name: "CORTEX_BUCKET", valueFrom: { secretKeyRef: { name: "s", key: "b" } } },
        { name: "CORTEX_MANIFEST", value: M },
      ]),
    );
    expect(ref?.bucket).toBe(UNKNOWN);
    expect(classifyRef(ref as never, target)).toEqual({
      problem:
        "deployment/iris, container downloader: its bucket is set from a Secret or ConfigMap, which gc does not read",
    });
  });
});

describe("classifyRef", () => {
  const ref = (over: Record<string, unknown>) => ({
    bucket: "models",
    prefix: "cortex-deploy",
    manifest: M,
    source: "realtimeapi/iris in namespace ml (cluster a)",
    ...over,
  });

  it("passes over other buckets and prefixes, and matches prefixes however spelled", () => {
    expect(classifyRef(ref({ bucket: "other" }), target)).toEqual({ other: true });
    expect(classifyRef(ref({ prefix: "previews" }), target)).toEqual({ other: true });
    expect(classifyRef(ref({ prefix: "/cortex-deploy/" }), target)).toHaveProperty("root");
  });

  it("cannot judge a reference into the bucket without a prefix or a valid manifest", () => {
    expect(classifyRef(ref({ prefix: undefined }), target)).toEqual({
      problem: "realtimeapi/iris in namespace ml (cluster a): its prefix is missing",
    });
    expect(classifyRef(ref({ manifest: "ABC" }), target)).toEqual({
      problem: 'realtimeapi/iris in namespace ml (cluster a): its manifest is not valid ("ABC")',
    });
    expect(classifyRef(ref({ bucket: 3 }), target)).toHaveProperty("problem");
  });

  it("reads spec.artifacts and counts what it found", () => {
    const refs = [
      ...refOfArtifacts({ bucket: "models", prefix: "cortex-deploy", manifest: M }, "a"),
      ...refOfArtifacts({ bucket: "elsewhere", prefix: "cortex-deploy", manifest: M }, "b"),
      ...refOfArtifacts(undefined, "c"),
      ...refOfArtifacts("nonsense", "d"),
    ];
    const found = classifyRefs(refs, target);
    expect(found.roots.map((r) => r.source)).toEqual(["a"]);
    expect(found.others).toBe(1);
    expect(found.problems).toEqual(["d: its bucket is missing"]);
  });
});
