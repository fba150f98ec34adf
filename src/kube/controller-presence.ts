// Whether a cortex-deploy controller runs, read from the leader-election Lease its replicas hold
// (controller/src/controller/leader): the leader renews it every few seconds and clears the holder
// when it stops gracefully. Used to say early, and plainly, why APIs stay Pending; when the Lease
// cannot be read (no RBAC for it, a network error) nothing is said rather than a false alarm.
import { isNotFound, type KubeClient } from "./client.ts";
import { age } from "./pod-diagnostics.ts";

export interface LeaseRef {
  namespace: string;
  name: string;
}

/** Where controller/deploy/controller.yaml runs the controller, and its default Lease name. */
export const CONTROLLER_LEASE: LeaseRef = {
  namespace: "cortex-deploy-system",
  name: "cortex-deploy-controller",
};

/** The fields of a coordination.k8s.io/v1 Lease read here. */
export interface LeaseObject {
  spec?: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number | null;
    renewTime?: string | null;
  };
}

/** A Lease as read: the object, "absent" (404) or "unknown" (anything else went wrong). */
export type LeaseRead = LeaseObject | "absent" | "unknown";

export type ControllerPresence =
  | { state: "running" }
  | { state: "unknown" }
  /** `why`: "no Lease ns/name", "Lease ns/name released", "Lease ns/name last renewed 3h ago". */
  | { state: "none"; why: string };

/**
 * How long after its last renewal a Lease still counts as held. Generous: the renewal is stamped
 * by the controller's clock and compared with ours, and a replica between leaders (a takeover
 * waits out one lease duration) still means a controller runs.
 */
export function staleAfterMs(leaseDurationSeconds: number | null | undefined): number {
  return Math.max(3 * (leaseDurationSeconds ?? 12) * 1000, 60_000);
}

/** Whether the Lease says a controller runs (pure). */
export function controllerPresence(
  read: LeaseRead,
  ref: LeaseRef,
  now: number,
): ControllerPresence {
  const lease = `Lease ${ref.namespace}/${ref.name}`;
  if (read === "unknown") return { state: "unknown" };
  if (read === "absent") return { state: "none", why: `no ${lease}` };
  const spec = read.spec ?? {};
  if (!spec.holderIdentity) return { state: "none", why: `${lease} released` };
  const renewed = spec.renewTime ? Date.parse(spec.renewTime) : Number.NaN;
  // Held but with no readable renewal: not ours to judge.
  if (Number.isNaN(renewed)) return { state: "unknown" };
  if (now - renewed <= staleAfterMs(spec.leaseDurationSeconds)) return { state: "running" };
  return { state: "none", why: `${lease} last renewed ${age(now - renewed)} ago` };
}

/** GETs the Lease; never throws. */
export async function readControllerLease(
  client: KubeClient,
  ref: LeaseRef,
  signal?: AbortSignal,
): Promise<LeaseRead> {
  const path =
    `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(ref.namespace)}` +
    `/leases/${encodeURIComponent(ref.name)}`;
  try {
    return await client.request<LeaseObject>("GET", path, signal ? { signal } : {});
  } catch (err) {
    // A 403 (the deployer may not read Leases there) and every other failure: we cannot tell.
    return isNotFound(err) ? "absent" : "unknown";
  }
}

/** Reads the Lease and decides, with our clock. */
export async function checkController(
  client: KubeClient,
  ref: LeaseRef = CONTROLLER_LEASE,
  signal?: AbortSignal,
): Promise<ControllerPresence> {
  return controllerPresence(await readControllerLease(client, ref, signal), ref, Date.now());
}

const INSTALL_HINT = "install it with cortex-deploy install --with-controller";

/** "no cortex-deploy controller is running (why)". */
export function noController(why: string): string {
  return `no cortex-deploy controller is running (${why})`;
}

/** The one line for APIs left Pending by a missing controller: `what` names them. */
export function noControllerLine(why: string, what: string): string {
  return `${noController(why)}: ${what} will not roll out until one runs; ${INSTALL_HINT}`;
}

/** The end of a timed-out wait's reason, when the Lease says no controller runs. */
export function noControllerReason(why: string): string {
  return `${noController(why)}; ${INSTALL_HINT}`;
}
