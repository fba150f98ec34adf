// The CRDs in controller/deploy/crds.yaml against what render produces: every field a rendered
// spec can carry is declared with a matching type (a field the schema lacks would be refused by
// the server's strict field validation), and the printer columns read well.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import schema from "../../../src/config/cortex.schema.json" with { type: "json" };
import { parseManifests } from "../../../src/kube/install.ts";
import { artifactsRef, renderApis } from "../../../src/kube/render.ts";
import { repoRoot } from "../../support/run-node.ts";
import { configOf } from "./helpers.ts";

interface Schema {
  type?: string;
  pattern?: string;
  maxLength?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  items?: Schema;
  required?: string[];
  "x-kubernetes-int-or-string"?: boolean;
}

/** The structural checks the API server makes: declared fields, types, nulls, required. */
function check(value: unknown, schema: Schema, at: string): string[] {
  if (value === null) return schema.nullable ? [] : [`${at}: null but not nullable`];
  if (schema["x-kubernetes-int-or-string"]) {
    return Number.isInteger(value) || typeof value === "string" ? [] : [`${at}: not int-or-string`];
  }
  switch (schema.type) {
    case "integer":
      return Number.isInteger(value) ? [] : [`${at}: expected integer`];
    case "number":
      return typeof value === "number" ? [] : [`${at}: expected number`];
    case "string":
    case "boolean":
      return typeof value === schema.type ? [] : [`${at}: expected ${schema.type}`];
    case "array":
      if (!Array.isArray(value)) return [`${at}: expected array`];
      return value.flatMap((v, i) => check(v, schema.items ?? {}, `${at}[${i}]`));
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return [`${at}: expected object`];
      const obj = value as Record<string, unknown>;
      const errors = (schema.required ?? [])
        .filter((k) => !(k in obj))
        .map((k) => `${at}.${k}: required`);
      for (const [k, v] of Object.entries(obj)) {
        const sub = schema.properties?.[k] ?? schema.additionalProperties;
        if (!sub) errors.push(`${at}.${k}: not declared in the schema`);
        else errors.push(...check(v, sub, `${at}.${k}`));
      }
      return errors;
    }
    default:
      return [`${at}: schema without a type`];
  }
}

async function crds() {
  const file = path.join(repoRoot, "controller/deploy/crds.yaml");
  const docs = parseManifests(await readFile(file, "utf8"), file);
  const byKind = (kind: string) => {
    const doc = docs.find((d) => (d.spec as { names: { kind: string } }).names.kind === kind);
    if (!doc) throw new Error(`no CRD for ${kind}`);
    const version = (doc.spec as { versions: Record<string, unknown>[] }).versions[0] ?? {};
    return version as {
      name: string;
      subresources: Record<string, unknown>;
      additionalPrinterColumns: { name: string; jsonPath: string }[];
      schema: { openAPIV3Schema: Schema };
    };
  };
  return { realtime: byKind("RealtimeAPI"), splitter: byKind("TrafficSplitter") };
}

const everything = `- name: full
  kind: RealtimeAPI
  pod:
    port: 9000
    max_concurrency: 4
    max_queue_length: 10
    containers:
      - name: api
        image: quay.io/acme/full:1
        env: { MODEL: resnet }
        command: [python, serve.py]
        args: [--fast]
        compute: { cpu: 1, mem: 2Gi, gpu: 1, inf: 0, shm: 1Gi }
        readiness_probe:
          http_get: { path: /healthz, port: 9000 }
        liveness_probe:
          exec: { command: [ls] }
          initial_delay_seconds: 5
        pre_stop:
          http_get: { port: 9000 }
      - name: side
        image: quay.io/acme/side:1
        readiness_probe:
          tcp_socket: { port: 9001 }
  node_groups: [gpu]
  networking: { endpoint: /v1/full }
  autoscaling: { min_replicas: 0, max_replicas: 5, init_replicas: 1, target_in_flight: 2.5, window: 30s }
  update_strategy: { max_surge: 1, max_unavailable: "0%" }
  artifacts:
    - path: model
- name: split
  kind: TrafficSplitter
  apis:
    - name: full
      weight: 100
    - name: other
      weight: 0
      shadow: true
`;

describe("controller/deploy/crds.yaml", () => {
  it("declares every field of a rendered RealtimeAPI and TrafficSplitter with its type", async () => {
    const { realtime, splitter } = await crds();
    const config = configOf(everything);
    const api = config.apis[0];
    if (api?.kind !== "RealtimeAPI") throw new Error("fixture");
    const ref = artifactsRef(api, "0".repeat(64), {
      bucket: "b",
      prefix: "p",
      region: "eu-west-1",
      endpoint: "http://s3",
      forcePathStyle: true,
    });
    const [full, split] = renderApis(config.apis, {
      namespace: "ml",
      configId: "c",
      git: {},
      artifacts: new Map([["full", ref]]),
    });
    expect(
      check(full?.spec, realtime.schema.openAPIV3Schema.properties?.spec ?? {}, "spec"),
    ).toEqual([]);
    expect(
      check(split?.spec, splitter.schema.openAPIV3Schema.properties?.spec ?? {}, "spec"),
    ).toEqual([]);
  });

  it("catches what it should: an undeclared field, a wrong type, a null where none is allowed", async () => {
    const { realtime } = await crds();
    const spec = realtime.schema.openAPIV3Schema.properties?.spec ?? {};
    const [api] = renderApis(configOf(everything).apis, {
      namespace: "ml",
      configId: "c",
      git: {},
      artifacts: new Map(),
    });
    const bad = structuredClone(api?.spec) as unknown as Record<string, Record<string, unknown>>;
    bad.pod = { ...bad.pod, port: "8080", extra: 1 };
    bad.networking = { endpoint: null };
    expect(check(bad, spec, "spec").sort()).toEqual([
      "spec.networking.endpoint: null but not nullable",
      "spec.pod.extra: not declared in the schema",
      "spec.pod.port: expected integer",
    ]);
  });

  it("holds every API name to cortex.yaml's rule, the TrafficSplitter's targets included", async () => {
    const { realtime, splitter } = await crds();
    const { pattern, maxLength } = schema.definitions.apiName;
    const root = (s: typeof realtime) => s.schema.openAPIV3Schema.properties ?? {};
    const names = [
      root(realtime).metadata?.properties?.name,
      root(splitter).metadata?.properties?.name,
      root(splitter).spec?.properties?.apis?.items?.properties?.name,
    ];
    for (const name of names) expect(name).toMatchObject({ type: "string", pattern, maxLength });
  });

  it("has a status subresource and printer columns for replicas, revision, endpoint, status and age", async () => {
    const { realtime, splitter } = await crds();
    expect(realtime.name).toBe("v1alpha1");
    expect(realtime.subresources).toHaveProperty("status");
    expect(splitter.subresources).toHaveProperty("status");
    expect(realtime.additionalPrinterColumns.map((c) => [c.name, c.jsonPath])).toEqual([
      ["Ready", ".status.readyReplicas"],
      ["Desired", ".status.desiredReplicas"],
      ["Revision", ".status.currentRevision"],
      ["Endpoint", ".spec.networking.endpoint"],
      ["Status", ".status.phase"],
      ["Age", ".metadata.creationTimestamp"],
    ]);
    const status = realtime.schema.openAPIV3Schema.properties?.status?.properties ?? {};
    expect(Object.keys(status)).toEqual(
      expect.arrayContaining([
        "observedGeneration",
        "conditions",
        "readyReplicas",
        "currentRevision",
        "lastReadyRevision",
        "phase",
      ]),
    );
  });
});
