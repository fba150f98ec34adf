// cortex.yaml → custom resources. Pure: the validated, defaulted config, the uploaded manifests and
// where the deploy came from go in; the objects to apply come out, labelled with the config's
// identity and stamped with the spec hash.
import { canonicalMount } from "../config/defaults.ts";
import type { ApiConfig, RealtimeApiConfig, TrafficSplitterConfig } from "../config/index.ts";
import type { GitMetadata } from "./git-meta.ts";
import { specHash } from "./hash.ts";
import {
  ANNOTATIONS,
  API_VERSION,
  type ApiResource,
  type ArtifactsRef,
  LABELS,
  MANAGED_BY,
  type RealtimeApiResource,
  type RealtimeApiSpec,
  type TrafficSplitterResource,
  type TrafficSplitterSpec,
} from "./resource.ts";
import { type RollbackMark, rollbackAnnotations } from "./rollback-mark.ts";

export type DeployableApi = RealtimeApiConfig | TrafficSplitterConfig;

export function isDeployable(api: ApiConfig): api is DeployableApi {
  return api.kind === "RealtimeAPI" || api.kind === "TrafficSplitter";
}

/** Why the file cannot be deployed yet, or undefined when every API is of a kind we deploy. */
export function refusalMessage(apis: readonly ApiConfig[]): string | undefined {
  const refused = apis.filter((a) => !isDeployable(a));
  if (refused.length === 0) return undefined;
  const list = refused.map((a) => `${a.name} (${a.kind})`).join(", ");
  return (
    `cannot deploy ${list}: cortex-deploy deploys RealtimeAPI and TrafficSplitter; ` +
    "AsyncAPI, BatchAPI and TaskAPI validate but are not deployable yet. Nothing was applied."
  );
}

export interface S3Location {
  bucket: string;
  prefix: string;
  region?: string | undefined;
  endpoint?: string | undefined;
  forcePathStyle?: boolean | undefined;
}

/** The reference a RealtimeAPI carries to its uploaded manifest. */
export function artifactsRef(
  api: RealtimeApiConfig,
  manifest: string,
  s3: S3Location,
): ArtifactsRef {
  const ref: ArtifactsRef = {
    bucket: s3.bucket,
    prefix: s3.prefix,
    manifest,
    // One volume per folder: the loader gives mounts canonically; a config built otherwise too.
    mounts: [...new Set(api.artifacts.map((a) => canonicalMount(a.mount)))].sort(),
  };
  if (s3.region) ref.region = s3.region;
  if (s3.endpoint) ref.endpoint = s3.endpoint;
  if (s3.forcePathStyle !== undefined) ref.force_path_style = s3.forcePathStyle;
  return ref;
}

export function standardLabels(name: string, configId: string): Record<string, string> {
  return { [LABELS.managedBy]: MANAGED_BY, [LABELS.name]: name, [LABELS.config]: configId };
}

export function gitAnnotations(git: GitMetadata): Record<string, string> {
  const out: Record<string, string> = {};
  if (git.commit) out[ANNOTATIONS.commit] = git.commit;
  if (git.ref) out[ANNOTATIONS.ref] = git.ref;
  if (git.runUrl) out[ANNOTATIONS.runUrl] = git.runUrl;
  if (git.actor) out[ANNOTATIONS.actor] = git.actor;
  return out;
}

export interface ResourceParts<S> {
  name: string;
  namespace: string;
  spec: S;
  labels: Record<string, string>;
  git: GitMetadata;
  configPath?: string | undefined;
  /** Set by rollback: the object is marked as its write (rollback-mark.ts). */
  rollback?: RollbackMark | undefined;
}

/** Assembles one object and stamps its spec hash; render and rollback both build through it. */
export function buildRealtimeApi(parts: ResourceParts<RealtimeApiSpec>): RealtimeApiResource {
  return {
    apiVersion: API_VERSION,
    kind: "RealtimeAPI",
    metadata: metadataOf(parts),
    spec: parts.spec,
  };
}

export function buildTrafficSplitter(
  parts: ResourceParts<TrafficSplitterSpec>,
): TrafficSplitterResource {
  return {
    apiVersion: API_VERSION,
    kind: "TrafficSplitter",
    metadata: metadataOf(parts),
    spec: parts.spec,
  };
}

function metadataOf<S>(parts: ResourceParts<S>) {
  const annotations: Record<string, string> = {
    ...gitAnnotations(parts.git),
    [ANNOTATIONS.specHash]: specHash(parts.spec, parts.labels),
  };
  if (parts.configPath) annotations[ANNOTATIONS.configPath] = parts.configPath;
  if (parts.rollback) Object.assign(annotations, rollbackAnnotations(parts.rollback));
  return { name: parts.name, namespace: parts.namespace, labels: parts.labels, annotations };
}

export function realtimeSpec(api: RealtimeApiConfig, artifacts?: ArtifactsRef): RealtimeApiSpec {
  const { kind: _kind, name: _name, artifacts: _files, ...rest } = structuredClone(api);
  return artifacts ? { ...rest, artifacts } : rest;
}

export function trafficSplitterSpec(api: TrafficSplitterConfig): TrafficSplitterSpec {
  const { kind: _kind, name: _name, ...rest } = structuredClone(api);
  return rest;
}

export interface RenderOptions {
  namespace: string;
  configId: string;
  /** Repository-relative path of cortex.yaml, for the config-path annotation. */
  configPath?: string;
  git: GitMetadata;
  /** Per API name, the manifest reference of APIs that have artifacts. */
  artifacts: ReadonlyMap<string, ArtifactsRef>;
  /** The most pods of each TrafficSplitter (a preview's cap), as the max-replicas label. */
  splitterMaxReplicas?: number | undefined;
}

/** The objects for the deployable APIs, RealtimeAPIs first (a TrafficSplitter's targets should
 * exist before it). */
export function renderApis(apis: readonly ApiConfig[], opts: RenderOptions): ApiResource[] {
  const realtime: ApiResource[] = [];
  const splitters: ApiResource[] = [];
  for (const api of apis) {
    const common = {
      name: api.name,
      namespace: opts.namespace,
      labels: standardLabels(api.name, opts.configId),
      git: opts.git,
      configPath: opts.configPath,
    };
    if (api.kind === "RealtimeAPI") {
      // No reference when the API has no artifacts (or its paths matched no files).
      const ref = opts.artifacts.get(api.name);
      realtime.push(buildRealtimeApi({ ...common, spec: realtimeSpec(api, ref) }));
    } else if (api.kind === "TrafficSplitter") {
      const labels =
        opts.splitterMaxReplicas === undefined
          ? common.labels
          : { ...common.labels, [LABELS.maxReplicas]: String(opts.splitterMaxReplicas) };
      splitters.push(buildTrafficSplitter({ ...common, labels, spec: trafficSplitterSpec(api) }));
    }
  }
  return [...realtime, ...splitters];
}

/** `realtimeapi/iris`, as kubectl names objects. */
export function refOf(resource: { kind: string; metadata: { name: string } }): string {
  return `${resource.kind.toLowerCase()}/${resource.metadata.name}`;
}
