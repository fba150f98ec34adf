// Writing a derived object (Deployment, Service) only when its rendering changed: the applied-hash
// annotation on the cached copy says whether it was applied from the same rendering.
import { isApiError, type KubeClient } from "../../../src/kube/client.ts";
import { CONTROLLER_FIELD_MANAGER } from "../../../src/kube/resource.ts";
import type { Logger } from "../lib/log.ts";
import type { EventRecorder } from "./events.ts";
import { type ResourceType, resourcePath } from "./kube/paths.ts";
import type { KubeObject } from "./kube/types.ts";
import { appliedHashOf, withAppliedHash } from "./render/applied-hash.ts";
import type { ApiRef } from "./render/owner.ts";

export interface DerivedCache<T> {
  get(namespace: string, name: string): T | undefined;
  remember(obj: T): void;
}

export interface ApplyResult<T> {
  object: T | undefined;
  wrote: boolean;
  created: boolean;
  /**
   * Whether the write changed the object (its resourceVersion moved): a forced apply of what is
   * there already (the periodic resync) writes but changes nothing.
   */
  changed: boolean;
  /**
   * Why the server-side apply was refused when the object was replaced whole instead (a hand edit
   * the apply could not merge with); undefined when the apply did it.
   */
  replacedBecause?: string;
}

/** The server-side apply was refused and replacing the object whole failed too. */
export class DriftRepairError extends Error {
  /** The permission the controller lacked to replace the object (a 403), if that was why. */
  readonly missingPermission: { verb: string; resource: string } | undefined;

  constructor(
    readonly applyError: unknown,
    readonly replaceError: unknown,
    /** The plural of the object's resource ("services"). */
    resource: string,
  ) {
    const missing = isApiError(replaceError, 403) ? { verb: "update", resource } : undefined;
    super(
      missing === undefined
        ? `the server-side apply was refused (${messageOf(applyError)}) and replacing the object failed (${messageOf(replaceError)})`
        : `the server-side apply was refused (${messageOf(applyError)}) and the controller lacks the permission to ${missing.verb} ${missing.resource} that replacing the object needs (grant it as controller/deploy/rbac.yaml does)`,
      { cause: replaceError },
    );
    this.name = "DriftRepairError";
    this.missingPermission = missing;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A refusal of the apply that another field manager's entries can cause, so that taking the object
 * over may settle it: 422 Invalid (kubectl's port 81 named "http" next to our port 80 named "http":
 * ports are a list keyed by port and protocol, so the apply merges both in and the names clash), or
 * a live object the apply cannot even type (a list with two entries of one key, as a hand edit can
 * leave in env).
 */
function refusedByLiveObject(err: unknown): boolean {
  if (isApiError(err, 422)) return true;
  return isApiError(err, 500) && /failed to create typed patch object/.test(err.message);
}

/**
 * The live object with our rendering in place of what we render: labels and annotations merged
 * over the live ones, spec fields replaced one by one. What we do not render stays as the server
 * has it: a Service's clusterIP, clusterIPs and ipFamilies (immutable or server-set), a handed-over
 * Deployment's replicas, the resourceVersion (a concurrent change makes the PUT fail with 409 and
 * the reconcile retry). managedFields are left out, so the server keeps and updates them.
 */
export function takeOver<T extends KubeObject & { spec?: object }>(live: T, rendered: T): T {
  const { managedFields: _m, ...metadata } = live.metadata;
  const spec: Record<string, unknown> = { ...live.spec };
  for (const [k, v] of Object.entries(rendered.spec ?? {})) if (v !== undefined) spec[k] = v;
  const { status: _s, ...rest } = live as T & { status?: unknown };
  return {
    ...rest,
    metadata: {
      ...metadata,
      labels: { ...metadata.labels, ...rendered.metadata.labels },
      annotations: { ...metadata.annotations, ...rendered.metadata.annotations },
      ...(rendered.metadata.ownerReferences === undefined
        ? {}
        : { ownerReferences: rendered.metadata.ownerReferences }),
    },
    spec,
  } as T;
}

/**
 * Server-side applies `rendered` unless the cached copy carries the same applied hash (or `force`,
 * to put back a hand edit). Returns the object as written, or the cached copy when nothing was,
 * and whether it wrote.
 *
 * When the apply is refused because of what someone else left in the live object, the object is
 * replaced whole (a PUT of takeOver) under our field manager, which drops the other managers'
 * entries the apply could only merge with. A PUT rather than deleting and creating the object: a
 * Service keeps its cluster IP and a Deployment its pods, so clients see no gap. Throws
 * DriftRepairError if that fails too (a rendering the server refuses also lands there).
 */
export async function applyIfChanged<T extends KubeObject & { spec?: object }>(
  client: KubeClient,
  type: ResourceType,
  cache: DerivedCache<T>,
  rendered: T,
  force: boolean,
  /** spec.replicas is the autoscaler's once created (see withAppliedHash). */
  replicasHandedOver = false,
): Promise<ApplyResult<T>> {
  const body = withAppliedHash(rendered, replicasHandedOver);
  const { name, namespace } = body.metadata;
  const cached = cache.get(namespace ?? "", name);
  if (!force && appliedHashOf(cached) === appliedHashOf(body))
    return { object: cached, wrote: false, created: false, changed: false };
  const path = resourcePath(type, namespace, name);
  let applied: T;
  try {
    applied = await client.apply<T>(path, body, CONTROLLER_FIELD_MANAGER);
  } catch (err) {
    if (!refusedByLiveObject(err)) throw err;
    let live: T;
    try {
      live = await client.get<T>(path);
    } catch (getErr) {
      // Not there (deleted meanwhile): the apply was refused for what we render; say so.
      if (isApiError(getErr, 404)) throw err;
      throw getErr;
    }
    let replaced: T;
    try {
      replaced = await client.replace<T>(path, takeOver(live, body), CONTROLLER_FIELD_MANAGER);
    } catch (replaceErr) {
      throw new DriftRepairError(err, replaceErr, type.plural);
    }
    cache.remember(replaced);
    return {
      object: replaced,
      wrote: true,
      created: false,
      changed: changedFrom(cached, replaced),
      replacedBecause: messageOf(err),
    };
  }
  cache.remember(applied);
  return {
    object: applied,
    wrote: true,
    created: cached === undefined,
    changed: changedFrom(cached, applied),
  };
}

/** The write made a new version of the object (or made it): the API server skips no-op writes. */
function changedFrom(before: KubeObject | undefined, after: KubeObject): boolean {
  return before === undefined || before.metadata.resourceVersion !== after.metadata.resourceVersion;
}

/**
 * Tells, by an Event on the RealtimeAPI or TrafficSplitter, that one of its objects had to be
 * replaced whole (Normal DriftRepaired), or could not be (Warning DriftRepairFailed): otherwise
 * the status says Ready while the Service someone edited serves on the wrong port. The warning goes
 * out once until a write of that object succeeds, not on every retry.
 */
export class DriftReports {
  private readonly failing = new Set<string>();

  constructor(private readonly events: EventRecorder) {}

  async track<T extends KubeObject>(
    owner: ApiRef,
    kind: "RealtimeAPI" | "TrafficSplitter",
    what: string,
    log: Logger,
    write: Promise<ApplyResult<T>>,
    /** A failure the caller reports itself (a Deployment the server refuses: InvalidSpec). */
    reportedElsewhere: (err: DriftRepairError) => boolean = () => false,
  ): Promise<ApplyResult<T>> {
    const key = `${kind}/${owner.namespace}/${owner.name}/${what}`;
    let result: ApplyResult<T>;
    try {
      result = await write;
    } catch (err) {
      if (err instanceof DriftRepairError && !reportedElsewhere(err) && !this.failing.has(key)) {
        this.failing.add(key);
        log.warn("cannot repair drift", { object: what, err });
        await this.events.record(
          owner,
          "Warning",
          "DriftRepairFailed",
          `the ${what} differs from what the controller renders and cannot be put back: ${err.message}`,
          kind,
        );
      }
      throw err;
    }
    if (result.wrote) this.failing.delete(key);
    if (result.replacedBecause !== undefined) {
      log.info("repaired drift by replacing", { object: what, err: result.replacedBecause });
      await this.events.record(
        owner,
        "Normal",
        "DriftRepaired",
        `the ${what} was changed by hand so that the controller's server-side apply was refused (${result.replacedBecause}); it was replaced whole with what the controller renders`,
        kind,
      );
    }
    return result;
  }
}
