// A pod's volumes as folders under its state folder: emptyDir; secret, configMap, downwardAPI and
// projected (including the service-account token) written as files; hostPath as itself. Called
// again before tokens expire: files are replaced atomically, so readers never see half of one.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { ConfigError, fieldValue } from "./env.ts";
import type {
  ConfigMap,
  DownwardApiFile,
  KeyToPath,
  Pod,
  ProjectionSource,
  Secret,
  Volume,
} from "./kube-types.ts";

export interface VolumeSources {
  secret(namespace: string, name: string): Promise<Secret | undefined>;
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  /** A bound service-account token (TokenRequest API). */
  token(
    pod: Pod,
    audience: string | undefined,
    expirationSeconds: number,
  ): Promise<{ token: string; expiresAtMs: number }>;
}

export interface PreparedVolumes {
  /** Volume name → host folder (or file, for hostPath files). */
  paths: Map<string, string>;
  /** When the earliest token reaches 80% of its life; prepare again then (as the kubelet does). */
  refreshAtMs?: number;
}

interface WriteContext {
  pod: Pod;
  podIp: string;
  hostIp: string;
  nodeName: string;
  sources: VolumeSources;
}

export function volumeDir(podDir: string, volume: string): string {
  return join(podDir, "volumes", volume);
}

function writeAtomic(dir: string, relPath: string, content: string | Buffer, mode: number): void {
  const rel = normalize(relPath);
  if (rel.startsWith("..") || rel.startsWith("/")) {
    throw new ConfigError(`volume file path "${relPath}" escapes the volume`);
  }
  const file = join(dir, rel);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, file);
}

function writeKeys(
  dir: string,
  data: Record<string, string | Buffer>,
  items: KeyToPath[] | undefined,
  mode: number,
  what: string,
): void {
  if (!items) {
    for (const [key, value] of Object.entries(data)) writeAtomic(dir, key, value, mode);
    return;
  }
  for (const item of items) {
    const value = data[item.key];
    if (value === undefined) throw new ConfigError(`couldn't find key ${item.key} in ${what}`);
    writeAtomic(dir, item.path, value, item.mode ?? mode);
  }
}

function secretBytes(secret: Secret): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, "base64");
  return out;
}

function configMapBytes(cm: ConfigMap): Record<string, string | Buffer> {
  const out: Record<string, string | Buffer> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = Buffer.from(v, "base64");
  return out;
}

function writeDownward(dir: string, items: DownwardApiFile[], mode: number, ctx: WriteContext) {
  for (const item of items) {
    if (!item.fieldRef) continue; // resourceFieldRef files are rare; left out
    const value = fieldValue(item.fieldRef.fieldPath, ctx);
    if (value === undefined)
      throw new ConfigError(`unsupported fieldRef ${item.fieldRef.fieldPath}`);
    writeAtomic(dir, item.path, value, item.mode ?? mode);
  }
}

async function writeSource(
  dir: string,
  source: ProjectionSource,
  mode: number,
  ctx: WriteContext,
): Promise<number | undefined> {
  const ns = ctx.pod.metadata.namespace ?? "default";
  if (source.secret) {
    const secret = await ctx.sources.secret(ns, source.secret.name);
    if (secret)
      writeKeys(
        dir,
        secretBytes(secret),
        source.secret.items,
        mode,
        `Secret ${ns}/${source.secret.name}`,
      );
    else if (!source.secret.optional)
      throw new ConfigError(`secret "${source.secret.name}" not found`);
  }
  if (source.configMap) {
    const cm = await ctx.sources.configMap(ns, source.configMap.name);
    if (cm)
      writeKeys(
        dir,
        configMapBytes(cm),
        source.configMap.items,
        mode,
        `ConfigMap ${ns}/${source.configMap.name}`,
      );
    else if (!source.configMap.optional) {
      throw new ConfigError(`configmap "${source.configMap.name}" not found`);
    }
  }
  if (source.downwardAPI) writeDownward(dir, source.downwardAPI.items ?? [], mode, ctx);
  if (source.serviceAccountToken) {
    const ttl = source.serviceAccountToken.expirationSeconds ?? 3600;
    const issuedAt = Date.now();
    const { token, expiresAtMs } = await ctx.sources.token(
      ctx.pod,
      source.serviceAccountToken.audience,
      ttl,
    );
    writeAtomic(dir, source.serviceAccountToken.path, token, mode);
    return issuedAt + (expiresAtMs - issuedAt) * 0.8;
  }
  return undefined;
}

async function prepareVolume(volume: Volume, podDir: string, ctx: WriteContext) {
  const dir = volumeDir(podDir, volume.name);
  const ns = ctx.pod.metadata.namespace ?? "default";
  if (volume.hostPath) {
    if (volume.hostPath.type === "DirectoryOrCreate")
      mkdirSync(volume.hostPath.path, { recursive: true });
    return { path: volume.hostPath.path };
  }
  mkdirSync(dir, { recursive: true });
  const mode = 0o644;
  if (volume.secret) {
    const name = volume.secret.secretName ?? "";
    const secret = await ctx.sources.secret(ns, name);
    if (secret) {
      writeKeys(
        dir,
        secretBytes(secret),
        volume.secret.items,
        volume.secret.defaultMode ?? mode,
        `Secret ${ns}/${name}`,
      );
    } else if (!volume.secret.optional) {
      throw new ConfigError(`secret "${name}" not found`);
    }
  } else if (volume.configMap) {
    const name = volume.configMap.name ?? "";
    const cm = await ctx.sources.configMap(ns, name);
    if (cm) {
      writeKeys(
        dir,
        configMapBytes(cm),
        volume.configMap.items,
        volume.configMap.defaultMode ?? mode,
        `ConfigMap ${ns}/${name}`,
      );
    } else if (!volume.configMap.optional) {
      throw new ConfigError(`configmap "${name}" not found`);
    }
  } else if (volume.downwardAPI) {
    writeDownward(dir, volume.downwardAPI.items ?? [], volume.downwardAPI.defaultMode ?? mode, ctx);
  } else if (volume.projected) {
    let refreshAtMs: number | undefined;
    for (const source of volume.projected.sources ?? []) {
      const at = await writeSource(dir, source, volume.projected.defaultMode ?? mode, ctx);
      if (at !== undefined) refreshAtMs = Math.min(refreshAtMs ?? at, at);
    }
    return { path: dir, refreshAtMs };
  }
  // emptyDir, and kinds the sandbox cannot provide (PVCs…), which get an empty folder.
  return { path: dir };
}

export async function prepareVolumes(podDir: string, ctx: WriteContext): Promise<PreparedVolumes> {
  const prepared: PreparedVolumes = { paths: new Map() };
  for (const volume of ctx.pod.spec.volumes ?? []) {
    const { path, refreshAtMs } = await prepareVolume(volume, podDir, ctx);
    prepared.paths.set(volume.name, path);
    if (refreshAtMs !== undefined) {
      prepared.refreshAtMs = Math.min(prepared.refreshAtMs ?? refreshAtMs, refreshAtMs);
    }
  }
  return prepared;
}
