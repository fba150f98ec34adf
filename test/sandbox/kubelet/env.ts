// A container's environment as Kubernetes builds it (pure, given the secrets and config maps it
// refers to): service variables, then envFrom in order, then env, each env value $(VAR)-expanded
// against what came before.
import { expand } from "./expand.ts";
import type { ConfigMap, Container, Pod, Secret } from "./kube-types.ts";
import { resourceValue } from "./quantity.ts";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface EnvContext {
  pod: Pod;
  podIp: string;
  hostIp: string;
  nodeName: string;
  apiServerHost: string;
  apiServerPort: number;
  /** Fetched by the caller; a name missing here was not found. */
  secrets: ReadonlyMap<string, Secret>;
  configMaps: ReadonlyMap<string, ConfigMap>;
  /** Node capacity, the default for a resourceFieldRef to an unset limit. */
  nodeCapacity: Record<string, string>;
}

/** The secrets and config maps a container's env refers to, so the caller can fetch them. */
export function envReferences(container: Container): { secrets: string[]; configMaps: string[] } {
  const secrets = new Set<string>();
  const configMaps = new Set<string>();
  for (const source of container.envFrom ?? []) {
    if (source.secretRef?.name) secrets.add(source.secretRef.name);
    if (source.configMapRef?.name) configMaps.add(source.configMapRef.name);
  }
  for (const v of container.env ?? []) {
    const name = v.valueFrom?.secretKeyRef?.name;
    if (name) secrets.add(name);
    const cm = v.valueFrom?.configMapKeyRef?.name;
    if (cm) configMaps.add(cm);
  }
  return { secrets: [...secrets], configMaps: [...configMaps] };
}

export function decodeSecretData(secret: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {}))
    out[k] = Buffer.from(v, "base64").toString();
  return { ...out, ...(secret.stringData ?? {}) };
}

function configMapData(cm: ConfigMap): Record<string, string> {
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {}))
    out[k] = Buffer.from(v, "base64").toString();
  return out;
}

/** The value of a downward-API field path, or undefined when Kubernetes would reject it. */
export function fieldValue(
  path: string,
  ctx: Pick<EnvContext, "pod" | "podIp" | "hostIp" | "nodeName">,
): string | undefined {
  const meta = ctx.pod.metadata;
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) {
    const map = keyed[1] === "labels" ? meta.labels : meta.annotations;
    return map?.[keyed[2] ?? ""] ?? "";
  }
  const formatMap = (m: Record<string, string> | undefined) =>
    Object.entries(m ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
      .join("\n");
  switch (path) {
    case "metadata.name":
      return meta.name;
    case "metadata.namespace":
      return meta.namespace ?? "default";
    case "metadata.uid":
      return meta.uid ?? "";
    case "metadata.labels":
      return formatMap(meta.labels);
    case "metadata.annotations":
      return formatMap(meta.annotations);
    case "spec.nodeName":
      return ctx.pod.spec.nodeName ?? ctx.nodeName;
    case "spec.serviceAccountName":
      return ctx.pod.spec.serviceAccountName ?? "default";
    case "status.podIP":
    case "status.podIPs":
      return ctx.podIp;
    case "status.hostIP":
    case "status.hostIPs":
      return ctx.hostIp;
    default:
      return undefined;
  }
}

export function containerEnv(container: Container, ctx: EnvContext): Map<string, string> {
  const ns = ctx.pod.metadata.namespace ?? "default";
  const env = new Map<string, string>([
    ["KUBERNETES_SERVICE_HOST", ctx.apiServerHost],
    ["KUBERNETES_SERVICE_PORT", String(ctx.apiServerPort)],
    ["KUBERNETES_SERVICE_PORT_HTTPS", String(ctx.apiServerPort)],
    ["KUBERNETES_PORT", `tcp://${ctx.apiServerHost}:${ctx.apiServerPort}`],
  ]);
  const secretData = (name: string, optional: boolean | undefined) => {
    const secret = ctx.secrets.get(name);
    if (!secret) {
      if (optional) return undefined;
      throw new ConfigError(`secret "${name}" not found`);
    }
    return decodeSecretData(secret);
  };
  const cmData = (name: string, optional: boolean | undefined) => {
    const cm = ctx.configMaps.get(name);
    if (!cm) {
      if (optional) return undefined;
      throw new ConfigError(`configmap "${name}" not found`);
    }
    return configMapData(cm);
  };
  for (const source of container.envFrom ?? []) {
    const data = source.secretRef
      ? secretData(source.secretRef.name, source.secretRef.optional)
      : source.configMapRef
        ? cmData(source.configMapRef.name, source.configMapRef.optional)
        : undefined;
    for (const [k, v] of Object.entries(data ?? {})) env.set(`${source.prefix ?? ""}${k}`, v);
  }
  for (const v of container.env ?? []) {
    const from = v.valueFrom;
    if (!from) {
      env.set(
        v.name,
        expand(v.value ?? "", (name) => env.get(name)),
      );
      continue;
    }
    let value: string | undefined;
    if (from.fieldRef) {
      value = fieldValue(from.fieldRef.fieldPath, ctx);
      if (value === undefined) {
        throw new ConfigError(`unsupported fieldRef "${from.fieldRef.fieldPath}" in env ${v.name}`);
      }
    } else if (from.secretKeyRef) {
      const ref = from.secretKeyRef;
      const data = secretData(ref.name ?? "", ref.optional);
      value = data?.[ref.key];
      if (value === undefined && data && !ref.optional) {
        throw new ConfigError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
      }
    } else if (from.configMapKeyRef) {
      const ref = from.configMapKeyRef;
      const data = cmData(ref.name ?? "", ref.optional);
      value = data?.[ref.key];
      if (value === undefined && data && !ref.optional) {
        throw new ConfigError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
      }
    } else if (from.resourceFieldRef) {
      const ref = from.resourceFieldRef;
      const target =
        ctx.pod.spec.containers.find((c) => c.name === (ref.containerName || container.name)) ??
        container;
      value = resourceValue(ref.resource, ref.divisor, target.resources, ctx.nodeCapacity);
    }
    // An optional reference to something absent leaves the variable unset, as in Kubernetes.
    if (value !== undefined) env.set(v.name, value);
  }
  return env;
}
