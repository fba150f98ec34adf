import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollbackAnnotations
} from "./chunk-J6NCMGA2.js";
import {
  specHash
} from "./chunk-3PPBRAAG.js";
import {
  canonicalMount
} from "./chunk-5UPG5FBY.js";
import {
  ANNOTATIONS,
  API_VERSION,
  LABELS,
  MANAGED_BY
} from "./chunk-332YSSNY.js";

// src/kube/render.ts
function isDeployable(api) {
  return api.kind === "RealtimeAPI" || api.kind === "TrafficSplitter";
}
function refusalMessage(apis) {
  const refused = apis.filter((a) => !isDeployable(a));
  if (refused.length === 0) return void 0;
  const list = refused.map((a) => `${a.name} (${a.kind})`).join(", ");
  return `cannot deploy ${list}: cortex-deploy deploys RealtimeAPI and TrafficSplitter; AsyncAPI, BatchAPI and TaskAPI validate but are not deployable yet. Nothing was applied.`;
}
function artifactsRef(api, manifest, s3) {
  const ref = {
    bucket: s3.bucket,
    prefix: s3.prefix,
    manifest,
    // One volume per folder: the loader gives mounts canonically; a config built otherwise too.
    mounts: [...new Set(api.artifacts.map((a) => canonicalMount(a.mount)))].sort()
  };
  if (s3.region) ref.region = s3.region;
  if (s3.endpoint) ref.endpoint = s3.endpoint;
  if (s3.forcePathStyle !== void 0) ref.force_path_style = s3.forcePathStyle;
  return ref;
}
function standardLabels(name, configId) {
  return { [LABELS.managedBy]: MANAGED_BY, [LABELS.name]: name, [LABELS.config]: configId };
}
function gitAnnotations(git) {
  const out = {};
  if (git.commit) out[ANNOTATIONS.commit] = git.commit;
  if (git.ref) out[ANNOTATIONS.ref] = git.ref;
  if (git.runUrl) out[ANNOTATIONS.runUrl] = git.runUrl;
  if (git.actor) out[ANNOTATIONS.actor] = git.actor;
  return out;
}
function buildRealtimeApi(parts) {
  return {
    apiVersion: API_VERSION,
    kind: "RealtimeAPI",
    metadata: metadataOf(parts),
    spec: parts.spec
  };
}
function buildTrafficSplitter(parts) {
  return {
    apiVersion: API_VERSION,
    kind: "TrafficSplitter",
    metadata: metadataOf(parts),
    spec: parts.spec
  };
}
function metadataOf(parts) {
  const annotations = {
    ...gitAnnotations(parts.git),
    [ANNOTATIONS.specHash]: specHash(parts.spec, parts.labels)
  };
  if (parts.configPath) annotations[ANNOTATIONS.configPath] = parts.configPath;
  if (parts.rollback) Object.assign(annotations, rollbackAnnotations(parts.rollback));
  return { name: parts.name, namespace: parts.namespace, labels: parts.labels, annotations };
}
function realtimeSpec(api, artifacts) {
  const { kind: _kind, name: _name, artifacts: _files, ...rest } = structuredClone(api);
  return artifacts ? { ...rest, artifacts } : rest;
}
function trafficSplitterSpec(api) {
  const { kind: _kind, name: _name, ...rest } = structuredClone(api);
  return rest;
}
function renderApis(apis, opts) {
  const realtime = [];
  const splitters = [];
  for (const api of apis) {
    const common = {
      name: api.name,
      namespace: opts.namespace,
      labels: standardLabels(api.name, opts.configId),
      git: opts.git,
      configPath: opts.configPath
    };
    if (api.kind === "RealtimeAPI") {
      const ref = opts.artifacts.get(api.name);
      realtime.push(buildRealtimeApi({ ...common, spec: realtimeSpec(api, ref) }));
    } else if (api.kind === "TrafficSplitter") {
      const labels = opts.splitterMaxReplicas === void 0 ? common.labels : { ...common.labels, [LABELS.maxReplicas]: String(opts.splitterMaxReplicas) };
      splitters.push(buildTrafficSplitter({ ...common, labels, spec: trafficSplitterSpec(api) }));
    }
  }
  return [...realtime, ...splitters];
}
function refOf(resource) {
  return `${resource.kind.toLowerCase()}/${resource.metadata.name}`;
}

export {
  refusalMessage,
  artifactsRef,
  standardLabels,
  buildRealtimeApi,
  renderApis,
  refOf
};
