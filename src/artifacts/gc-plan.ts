// What `gc` may delete under a prefix, and why everything else stays (pure: no S3, no cluster).
// An object is deleted only if it is one of ours (a manifest or blob key of the exact shape the
// uploader writes), no reference in any cluster needs it (the referenced manifest itself, and
// every blob that manifest names), and it is older than the minimum age: blobs go up before the
// manifest that names them, and manifests before the deploy that references them, so a young
// object may belong to an upload or deploy that is still running.
import type { StoredObject } from "./list.ts";
import { blobKey, type Manifest, manifestKey, manifestsRoot } from "./manifest.ts";

export type { StoredObject };

/** A manifest some object in a cluster tells pods to download. */
export interface ArtifactRoot {
  bucket: string;
  prefix: string;
  /** SHA-256 hex of the manifest, as the reference gives it. */
  manifest: string;
  /** Who references it, for messages: `realtimeapi/iris in namespace ml (cluster …)`. */
  source: string;
}

export interface GcTarget {
  bucket: string;
  prefix: string;
}

/**
 * Whether a reference points into the target. Prefixes are compared through the keys they give,
 * so "cortex-deploy", "/cortex-deploy/" and "cortex-deploy/" are the same prefix.
 */
export function isInTarget(
  root: Pick<ArtifactRoot, "bucket" | "prefix" | "manifest">,
  target: GcTarget,
): boolean {
  return (
    root.bucket === target.bucket &&
    manifestKey(root.prefix, root.manifest) === manifestKey(target.prefix, root.manifest)
  );
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MANIFEST_NAME = /^([0-9a-f]{64})\.json$/;

/** What a key under the prefix is: one of our manifests or blobs, or undefined (not ours). */
export function ourKey(
  prefix: string,
  key: string,
): { kind: "manifest" | "blob"; sha256: string } | undefined {
  const blobs = blobKey(prefix, "");
  if (key.startsWith(blobs)) {
    const sha256 = key.slice(blobs.length);
    return SHA256_HEX.test(sha256) ? { kind: "blob", sha256 } : undefined;
  }
  const manifests = manifestsRoot(prefix);
  if (key.startsWith(manifests)) {
    const sha256 = MANIFEST_NAME.exec(key.slice(manifests.length))?.[1];
    return sha256 === undefined ? undefined : { kind: "manifest", sha256 };
  }
  return undefined;
}

/**
 * Every key the target's references need, with who needs it: each referenced manifest and each
 * blob it names. `manifests` must hold every referenced manifest (gc refuses to plan otherwise).
 */
export function neededKeys(
  target: GcTarget,
  roots: readonly ArtifactRoot[],
  manifests: ReadonlyMap<string, Manifest>,
): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  const add = (key: string, source: string) => {
    const sources = needed.get(key);
    if (sources === undefined) needed.set(key, [source]);
    else if (!sources.includes(source)) sources.push(source);
  };
  for (const root of roots) {
    if (!isInTarget(root, target)) continue;
    const manifest = manifests.get(root.manifest);
    if (manifest === undefined)
      throw new Error(`gc planned without reading manifest ${root.manifest} (a bug)`);
    add(manifestKey(target.prefix, root.manifest), root.source);
    for (const file of manifest.files) add(blobKey(target.prefix, file.sha256), root.source);
  }
  return needed;
}

export interface ObjectSet {
  manifests: StoredObject[];
  blobs: StoredObject[];
}

export interface GcPlan {
  /** Ours, needed by no reference, and older than the minimum age. */
  delete: ObjectSet;
  /** Kept: a reference needs them. */
  referenced: ObjectSet;
  /** Kept: younger than the minimum age (or of unknown age), needed by nothing yet. */
  young: ObjectSet;
  /** Keys a reference needs that the listing did not have, with who needs them. */
  missing: Map<string, string[]>;
  /** Objects under the listed roots that are not of our shapes: never touched. */
  foreign: number;
  /** References into the target (an API and its revision that name one manifest count twice). */
  roots: number;
}

export interface PlanInput {
  target: GcTarget;
  /** References from every cluster; those into other buckets or prefixes are passed over. */
  roots: readonly ArtifactRoot[];
  /** Each referenced manifest, parsed, by its hash. */
  manifests: ReadonlyMap<string, Manifest>;
  /** The listing of the prefix's manifests and blobs. */
  objects: readonly StoredObject[];
  /** Milliseconds since the epoch. */
  now: number;
  minAgeMs: number;
}

const emptySet = (): ObjectSet => ({ manifests: [], blobs: [] });

export function planGc(input: PlanInput): GcPlan {
  const needed = neededKeys(input.target, input.roots, input.manifests);
  const plan: GcPlan = {
    delete: emptySet(),
    referenced: emptySet(),
    young: emptySet(),
    missing: new Map(),
    foreign: 0,
    roots: input.roots.filter((r) => isInTarget(r, input.target)).length,
  };
  const listed = new Set<string>();
  for (const object of [...input.objects].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const ours = ourKey(input.target.prefix, object.key);
    if (ours === undefined) {
      plan.foreign++;
      continue;
    }
    listed.add(object.key);
    const set = needed.has(object.key)
      ? plan.referenced
      : isYoung(object, input.now, input.minAgeMs)
        ? plan.young
        : plan.delete;
    (ours.kind === "manifest" ? set.manifests : set.blobs).push(object);
  }
  for (const [key, sources] of needed) if (!listed.has(key)) plan.missing.set(key, sources);
  return plan;
}

/** An object of unknown date, or dated in the future (clocks differ), counts as young. */
function isYoung(object: StoredObject, now: number, minAgeMs: number): boolean {
  const modified = object.lastModified?.getTime();
  if (modified === undefined || Number.isNaN(modified)) return true;
  return now - modified < minAgeMs || modified > now;
}

/** Bytes of a list of objects. */
export function totalBytes(objects: readonly StoredObject[]): number {
  return objects.reduce((n, o) => n + o.size, 0);
}
