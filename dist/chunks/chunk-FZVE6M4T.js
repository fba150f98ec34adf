import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  KubeApiError,
  KubeConfigError,
  KubeConnectionError,
  terminatingNamespace
} from "./chunk-6XWRUFJL.js";
import {
  GROUP
} from "./chunk-332YSSNY.js";

// src/kube/errors.ts
function fieldConflicts(body) {
  const out = [];
  for (const cause of body.details?.causes ?? []) {
    if (cause.reason !== "FieldManagerConflict" || !cause.field) continue;
    const manager = /conflict with "([^"]*)"/.exec(cause.message ?? "")?.[1] ?? "another manager";
    out.push({ field: cause.field, manager });
  }
  return out;
}
function invalidFields(body) {
  return (body.details?.causes ?? []).map((cause) => {
    const field = cause.field ?? "";
    let message = cause.message ?? "invalid";
    if (field) message = message.replace(`${field} in body `, "");
    return { field, message };
  });
}
function parseDenial(message) {
  const m = /User "([^"]*)" cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/.exec(
    message
  );
  if (!m) return void 0;
  const group = m[4] ?? "";
  const resource = m[3] ?? "";
  return {
    user: m[1] ?? "",
    verb: m[2] ?? "",
    resource: group === "" ? resource : `${resource}.${group}`,
    namespace: m[5]
  };
}
var TLS_TRUST_CODES = /^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_SIGNATURE_FAILURE|CERT_UNTRUSTED|ERR_TLS_CERT_ALTNAME_INVALID)$/;
function describeKubeError(err, subject, locate) {
  const on = subject ? `${subject}: ` : "";
  if (err instanceof KubeConnectionError) {
    const source = err.source ?? "KUBECONFIG (or the kubeconfig input)";
    if (err.code !== void 0 && TLS_TRUST_CODES.test(err.code))
      return `${err.message}. The server's certificate is not the one ${source} trusts: check its certificate-authority-data and server address.`;
    return `${err.message}. Check ${source} and that the cluster is up.`;
  }
  if (!(err instanceof KubeApiError)) return `${on}${err.message ?? String(err)}`;
  const { body, status } = err;
  const message = body.message ?? `HTTP ${status}`;
  if (status === 409 && body.reason === "Conflict") {
    const conflicts = fieldConflicts(body);
    if (conflicts.length > 0) {
      const lines = conflicts.map((c) => `  ${c.field} (owned by field manager "${c.manager}")`);
      return `${on}another field manager changed fields that cortex-deploy sets:
${lines.join("\n")}
Put that change into cortex.yaml, or re-run with --force-conflicts (Action input force-conflicts: true) to overwrite it.`;
    }
  }
  if (status === 422) {
    const fields = invalidFields(body);
    if (fields.length > 0) {
      const lines = fields.map((f) => {
        const where = f.field ? locate?.(f.field) : void 0;
        return `  ${where ? `${where}: ` : ""}${f.field ? `${f.field}: ` : ""}${f.message}`;
      });
      return `${on}the API server rejected the object:
${lines.join("\n")}`;
    }
    return `${on}the API server rejected the object: ${message}`;
  }
  const terminating = /unable to create new content in namespace (\S+) because it is being terminated/.exec(message);
  if (status === 403 && terminating) return `${on}${terminatingNamespace(terminating[1] ?? "")}`;
  if (status === 403 && /exceeded quota/.test(message)) {
    return `${on}the namespace's ResourceQuota does not allow it: ${message}`;
  }
  if (status === 403) {
    const denial = parseDenial(message);
    if (denial) {
      const where = denial.namespace ? ` in namespace ${denial.namespace}` : " (cluster-wide)";
      return `${on}permission denied: ${denial.user} may not ${denial.verb} ${denial.resource}${where}. Grant the verb "${denial.verb}" on "${denial.resource}" to it with a Role or ClusterRole.`;
    }
    return `${on}permission denied: ${message}`;
  }
  if (status === 401) {
    return `${on}the API server did not accept the credentials (401 Unauthorized): check the kubeconfig.`;
  }
  if (status === 404 && body.kind !== "Status" && err.path.startsWith(`/apis/${GROUP}/`)) {
    return `${on}the ${GROUP} custom resource definitions are not installed in this cluster; install them with \`cortex-deploy install\`.`;
  }
  const undeclared = /: (\.[^:]+): field not declared in schema/.exec(message);
  if (undeclared) {
    return `${on}the cluster's ${GROUP} CRDs do not know the field ${undeclared[1]}; they are older than this cortex-deploy. Update them with \`cortex-deploy install\`.`;
  }
  return `${on}${message}${status >= 500 ? ` (HTTP ${status} from the API server)` : ""}`;
}
function isKubeError(err) {
  return err instanceof KubeApiError || err instanceof KubeConnectionError || err instanceof KubeConfigError;
}
var DeployError = class extends Error {
  name = "DeployError";
};

export {
  fieldConflicts,
  describeKubeError,
  isKubeError,
  DeployError
};
