import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  age
} from "./chunk-JV4CEZL6.js";
import {
  isNotFound
} from "./chunk-6XWRUFJL.js";

// src/kube/controller-presence.ts
var CONTROLLER_LEASE = {
  namespace: "cortex-deploy-system",
  name: "cortex-deploy-controller"
};
function staleAfterMs(leaseDurationSeconds) {
  return Math.max(3 * (leaseDurationSeconds ?? 12) * 1e3, 6e4);
}
function controllerPresence(read, ref, now) {
  const lease = `Lease ${ref.namespace}/${ref.name}`;
  if (read === "unknown") return { state: "unknown" };
  if (read === "absent") return { state: "none", why: `no ${lease}` };
  const spec = read.spec ?? {};
  if (!spec.holderIdentity) return { state: "none", why: `${lease} released` };
  const renewed = spec.renewTime ? Date.parse(spec.renewTime) : Number.NaN;
  if (Number.isNaN(renewed)) return { state: "unknown" };
  if (now - renewed <= staleAfterMs(spec.leaseDurationSeconds)) return { state: "running" };
  return { state: "none", why: `${lease} last renewed ${age(now - renewed)} ago` };
}
async function readControllerLease(client, ref, signal) {
  const path = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(ref.namespace)}/leases/${encodeURIComponent(ref.name)}`;
  try {
    return await client.request("GET", path, signal ? { signal } : {});
  } catch (err) {
    return isNotFound(err) ? "absent" : "unknown";
  }
}
async function checkController(client, ref = CONTROLLER_LEASE, signal) {
  return controllerPresence(await readControllerLease(client, ref, signal), ref, Date.now());
}
var INSTALL_HINT = "install it with cortex-deploy install --with-controller";
function noController(why) {
  return `no cortex-deploy controller is running (${why})`;
}
function noControllerLine(why, what) {
  return `${noController(why)}: ${what} will not roll out until one runs; ${INSTALL_HINT}`;
}
function noControllerReason(why) {
  return `${noController(why)}; ${INSTALL_HINT}`;
}

export {
  CONTROLLER_LEASE,
  checkController,
  noControllerLine,
  noControllerReason
};
