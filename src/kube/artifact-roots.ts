// Who may still download artifacts, read from one cluster in every namespace: the references gc
// must keep. RealtimeAPIs (what runs now), the controller's ControllerRevisions (what a rollback
// brings back) and its Deployments and ReplicaSets (what a restarted or rescaled pod fetches,
// old ReplicaSets of a rollout included: their pods' downloader has the manifest in its env).
// Extraction and classification are pure; readArtifactRoots does the listing.
import { type ArtifactRoot, type GcTarget, isInTarget } from "../artifacts/gc-plan.ts";
import type { KubeClient } from "./client.ts";
import { describeKubeError } from "./errors.ts";
import { listResources } from "./objects.ts";
import { LABELS, MANAGED_BY } from "./resource.ts";

/** A reference as an object holds it; any field may be missing or of the wrong type. */
export interface RawRef {
  bucket: unknown;
  prefix: unknown;
  manifest: unknown;
  source: string;
}

/** A field we cannot read: set from a Secret or ConfigMap (valueFrom), not in the object. */
export const UNKNOWN = Symbol("set outside the object");

interface Meta {
  name?: string;
  namespace?: string;
}

function describe(kind: string, meta: Meta | undefined, cluster: string): string {
  return `${kind}/${meta?.name ?? "?"} in namespace ${meta?.namespace ?? "?"} (${cluster})`;
}

/** The reference of a RealtimeAPI's spec.artifacts or a ControllerRevision's data.spec.artifacts. */
export function refOfArtifacts(artifacts: unknown, source: string): RawRef[] {
  if (artifacts === undefined || artifacts === null) return [];
  const a = (typeof artifacts === "object" ? artifacts : {}) as Record<string, unknown>;
  return [{ bucket: a.bucket, prefix: a.prefix, manifest: a.manifest, source }];
}

interface EnvVar {
  name?: string;
  value?: string;
  valueFrom?: unknown;
}

interface ContainerLike {
  name?: string;
  env?: EnvVar[];
}

/** A Deployment or ReplicaSet, as far as gc reads it. */
interface PodTemplateHolder {
  metadata?: Meta;
  spec?: {
    template?: { spec?: { initContainers?: ContainerLike[]; containers?: ContainerLike[] } };
  };
}

/**
 * The downloader references of a Deployment's or ReplicaSet's pod template: each container with
 * CORTEX_MANIFEST in its env (the controller's downloader init container). CORTEX_PREFIX absent
 * is the bucket's root, as the downloader reads it.
 */
export function refsOfPodTemplate(source: string, holder: PodTemplateHolder): RawRef[] {
  const spec = holder.spec?.template?.spec;
  const containers = [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
  const refs: RawRef[] = [];
  for (const container of containers) {
    const env = container.env ?? [];
    const read = (name: string, fallback?: string): unknown => {
      const entry = env.find((e) => e.name === name);
      if (entry === undefined) return fallback;
      return entry.valueFrom !== undefined ? UNKNOWN : (entry.value ?? "");
    };
    if (!env.some((e) => e.name === "CORTEX_MANIFEST")) continue;
    refs.push({
      bucket: read("CORTEX_BUCKET"),
      prefix: read("CORTEX_PREFIX", ""),
      manifest: read("CORTEX_MANIFEST"),
      source: `${source}, container ${container.name ?? "?"}`,
    });
  }
  return refs;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export type Classified =
  | { root: ArtifactRoot }
  | { other: true }
  /** gc cannot tell whether or what it needs in the target. */
  | { problem: string };

/** Whether a reference points into the target, elsewhere, or cannot be told (pure). */
export function classifyRef(ref: RawRef, target: GcTarget): Classified {
  const why = (field: string, value: unknown) =>
    value === UNKNOWN
      ? `its ${field} is set from a Secret or ConfigMap, which gc does not read`
      : `its ${field} is ${value === undefined ? "missing" : `not valid (${JSON.stringify(value)})`}`;
  if (typeof ref.bucket !== "string" || ref.bucket === "")
    return { problem: `${ref.source}: ${why("bucket", ref.bucket)}` };
  if (ref.bucket !== target.bucket) return { other: true };
  if (typeof ref.prefix !== "string")
    return { problem: `${ref.source}: ${why("prefix", ref.prefix)}` };
  if (typeof ref.manifest !== "string" || !SHA256_HEX.test(ref.manifest))
    return { problem: `${ref.source}: ${why("manifest", ref.manifest)}` };
  const root = {
    bucket: ref.bucket,
    prefix: ref.prefix,
    manifest: ref.manifest,
    source: ref.source,
  };
  return isInTarget(root, target) ? { root } : { other: true };
}

export interface ClusterRoots {
  /** References into the target. */
  roots: ArtifactRoot[];
  /** References into other buckets or prefixes: not ours to judge. */
  others: number;
  /** References gc cannot judge: any one of them stops it. */
  problems: string[];
}

export function classifyRefs(refs: readonly RawRef[], target: GcTarget): ClusterRoots {
  const out: ClusterRoots = { roots: [], others: 0, problems: [] };
  for (const ref of refs) {
    const c = classifyRef(ref, target);
    if ("root" in c) out.roots.push(c.root);
    else if ("problem" in c) out.problems.push(c.problem);
    else out.others++;
  }
  return out;
}

const OURS = `${LABELS.managedBy}=${MANAGED_BY}`;

/** A cluster's list failed: gc cannot know what that cluster needs. */
export class RootsUnreadableError extends Error {
  override readonly name = "RootsUnreadableError";
}

/**
 * Every reference in every namespace of one cluster. `cluster` names it in messages. A list that
 * fails (RBAC that allows only some namespaces, a cluster without the CRDs) throws
 * RootsUnreadableError: a partial answer would make gc delete what the rest still needs.
 */
export async function readArtifactRoots(
  client: KubeClient,
  cluster: string,
  target: GcTarget,
  signal?: AbortSignal,
): Promise<ClusterRoots> {
  // Every list runs to its end, and each refusal is named in this fixed order: the message does
  // not depend on which answer came first, and one run shows every permission gc lacks.
  const list = async <T>(what: string, read: () => Promise<T[]>) => {
    try {
      return { items: await read() };
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      return {
        items: [] as T[],
        refused: `${cluster}: cannot list ${what} in every namespace: ${describeKubeError(err)}`,
      };
    }
  };
  const apps = <T>(plural: string) =>
    list(`${plural} (apps/v1, labelled ${OURS})`, async () => {
      const got = await client.request<{ items: T[] }>("GET", `/apis/apps/v1/${plural}`, {
        query: { labelSelector: OURS },
        signal,
      });
      return got.items;
    });
  const lists = await Promise.all([
    list("realtimeapis", async () => (await listResources(client, "RealtimeAPI", undefined)).items),
    apps<{ metadata?: Meta; data?: { spec?: { artifacts?: unknown } } }>("controllerrevisions"),
    apps<PodTemplateHolder>("deployments"),
    apps<PodTemplateHolder>("replicasets"),
  ]);
  const refused = lists.flatMap((l) => (l.refused === undefined ? [] : [l.refused]));
  if (refused.length > 0) throw new RootsUnreadableError(refused.join("\n"));
  const [apis, revisions, deployments, replicaSets] = [
    lists[0].items,
    lists[1].items,
    lists[2].items,
    lists[3].items,
  ];
  const refs: RawRef[] = [
    ...apis.flatMap((a) =>
      refOfArtifacts(a.spec?.artifacts, describe("realtimeapi", a.metadata, cluster)),
    ),
    ...revisions.flatMap((r) =>
      refOfArtifacts(r.data?.spec?.artifacts, describe("controllerrevision", r.metadata, cluster)),
    ),
    ...deployments.flatMap((d) =>
      refsOfPodTemplate(describe("deployment", d.metadata, cluster), d),
    ),
    ...replicaSets.flatMap((r) =>
      refsOfPodTemplate(describe("replicaset", r.metadata, cluster), r),
    ),
  ];
  return classifyRefs(refs, target);
}
