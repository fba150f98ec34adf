// What the API server's refusals mean, in sentences people can act on: which field and which
// manager for a conflict, which field and why for an invalid object, which verb on which resource
// for an RBAC denial. Pure: it reads the Status the server sent.
import { KubeApiError, KubeConfigError, KubeConnectionError, type KubeStatus } from "./client.ts";
import { terminatingNamespace } from "./namespace.ts";
import { GROUP } from "./resource.ts";

export interface FieldConflict {
  /** As the server names it: `.spec.autoscaling.min_replicas`. */
  field: string;
  manager: string;
}

/** The fields another field manager owns, from a 409 of a server-side apply. */
export function fieldConflicts(body: KubeStatus): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const cause of body.details?.causes ?? []) {
    if (cause.reason !== "FieldManagerConflict" || !cause.field) continue;
    const manager = /conflict with "([^"]*)"/.exec(cause.message ?? "")?.[1] ?? "another manager";
    out.push({ field: cause.field, manager });
  }
  return out;
}

export interface InvalidField {
  /** `spec.pod.port` */
  field: string;
  message: string;
}

/** The fields a 422 names, with the field's own name taken out of the message. */
export function invalidFields(body: KubeStatus): InvalidField[] {
  return (body.details?.causes ?? []).map((cause) => {
    const field = cause.field ?? "";
    let message = cause.message ?? "invalid";
    // "Invalid value: 1: spec.x in body should be ..." repeats the field; keep the rest.
    if (field) message = message.replace(`${field} in body `, "");
    return { field, message };
  });
}

export interface Denial {
  user: string;
  verb: string;
  resource: string;
  namespace: string | undefined;
}

/** Parses the RBAC message: `User "u" cannot patch resource "x" in API group "g" in the namespace "n"`. */
export function parseDenial(message: string): Denial | undefined {
  const m =
    /User "([^"]*)" cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(
      message,
    );
  if (!m) return undefined;
  const group = m[4] ?? "";
  const resource = m[3] ?? "";
  return {
    user: m[1] ?? "",
    verb: m[2] ?? "",
    resource: group === "" ? resource : `${resource}.${group}`,
    namespace: m[5],
  };
}

/** Node's codes for a server certificate that the configured CA does not verify or name. */
const TLS_TRUST_CODES =
  /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_SIGNATURE_FAILURE|CERT_UNTRUSTED|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/**
 * One message for a failed request. `subject` names what we were doing it to, e.g.
 * `realtimeapi/iris in namespace ml`.
 */
export function describeKubeError(
  err: unknown,
  subject?: string,
  /** Where an invalid field comes from in cortex.yaml ("cortex.yaml:4:11"), when known. */
  locate?: (field: string) => string | undefined,
): string {
  const on = subject ? `${subject}: ` : "";
  if (err instanceof KubeConnectionError) {
    const source = err.source ?? "KUBECONFIG (or the kubeconfig input)";
    // A certificate the kubeconfig's CA does not vouch for: the cluster is up, the trust is wrong.
    if (err.code !== undefined && TLS_TRUST_CODES.test(err.code))
      return `${err.message}. The server's certificate is not the one ${source} trusts: check its certificate-authority-data and server address.`;
    return `${err.message}. Check ${source} and that the cluster is up.`;
  }
  if (!(err instanceof KubeApiError)) return `${on}${(err as Error).message ?? String(err)}`;
  const { body, status } = err;
  const message = body.message ?? `HTTP ${status}`;

  if (status === 409 && body.reason === "Conflict") {
    const conflicts = fieldConflicts(body);
    if (conflicts.length > 0) {
      const lines = conflicts.map((c) => `  ${c.field} (owned by field manager "${c.manager}")`);
      return (
        `${on}another field manager changed fields that cortex-deploy sets:\n${lines.join("\n")}\n` +
        "Put that change into cortex.yaml, or re-run with --force-conflicts (Action input force-conflicts: true) to overwrite it."
      );
    }
  }
  if (status === 422) {
    const fields = invalidFields(body);
    if (fields.length > 0) {
      const lines = fields.map((f) => {
        const where = f.field ? locate?.(f.field) : undefined;
        return `  ${where ? `${where}: ` : ""}${f.field ? `${f.field}: ` : ""}${f.message}`;
      });
      return `${on}the API server rejected the object:\n${lines.join("\n")}`;
    }
    return `${on}the API server rejected the object: ${message}`;
  }
  // Forbidden, but no permission would help.
  const terminating =
    /unable to create new content in namespace (\S+) because it is being terminated/.exec(message);
  if (status === 403 && terminating) return `${on}${terminatingNamespace(terminating[1] ?? "")}`;
  if (status === 403 && /exceeded quota/.test(message)) {
    return `${on}the namespace's ResourceQuota does not allow it: ${message}`;
  }
  if (status === 403) {
    const denial = parseDenial(message);
    if (denial) {
      const where = denial.namespace ? ` in namespace ${denial.namespace}` : " (cluster-wide)";
      return (
        `${on}permission denied: ${denial.user} may not ${denial.verb} ${denial.resource}${where}. ` +
        `Grant the verb "${denial.verb}" on "${denial.resource}" to it with a Role or ClusterRole.`
      );
    }
    return `${on}permission denied: ${message}`;
  }
  if (status === 401) {
    return `${on}the API server did not accept the credentials (401 Unauthorized): check the kubeconfig.`;
  }
  if (status === 404 && body.kind !== "Status" && err.path.startsWith(`/apis/${GROUP}/`)) {
    return (
      `${on}the ${GROUP} custom resource definitions are not installed in this cluster; ` +
      "install them with `cortex-deploy install`."
    );
  }
  const undeclared = /: (\.[^:]+): field not declared in schema/.exec(message);
  if (undeclared) {
    return (
      `${on}the cluster's ${GROUP} CRDs do not know the field ${undeclared[1]}; they are older ` +
      "than this cortex-deploy. Update them with `cortex-deploy install`."
    );
  }
  return `${on}${message}${status >= 500 ? ` (HTTP ${status} from the API server)` : ""}`;
}

/** Whether an error is a cluster-side problem to report in words (no stack trace). */
export function isKubeError(
  err: unknown,
): err is KubeApiError | KubeConnectionError | KubeConfigError {
  return (
    err instanceof KubeApiError ||
    err instanceof KubeConnectionError ||
    err instanceof KubeConfigError
  );
}

/** A failure already worded for people: front ends print its message, never a stack trace. */
export class DeployError extends Error {
  override readonly name = "DeployError";
}
