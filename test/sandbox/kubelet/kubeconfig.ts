// Reads the credentials the kubelet needs from a kubeconfig file. Our own small reader: loading
// @kubernetes/client-node only for this would more than double the kubelet's memory.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parse } from "yaml";

export interface Credentials {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
  insecure: boolean;
}

interface Named<T> {
  name: string;
  [key: string]: T | string;
}

interface KubeconfigDoc {
  "current-context"?: string;
  contexts?: Named<{ cluster?: string; user?: string }>[];
  clusters?: Named<Record<string, string | boolean | undefined>>[];
  users?: Named<Record<string, string | undefined>>[];
}

function pick<T>(
  list: Named<T>[] | undefined,
  name: string | undefined,
  field: string,
): T | undefined {
  const entry = name === undefined ? list?.[0] : list?.find((e) => e.name === name);
  return entry?.[field] as T | undefined;
}

export function parseKubeconfig(file: string, text: string): Credentials {
  const doc = (parse(text) ?? {}) as KubeconfigDoc;
  const context = pick(doc.contexts, doc["current-context"], "context");
  const cluster = pick(doc.clusters, context?.cluster, "cluster");
  const user = pick(doc.users, context?.user, "user") ?? {};
  if (!cluster || typeof cluster.server !== "string") {
    throw new Error(`${file}: no server for the current context`);
  }
  const base = dirname(file);
  // *-data fields hold base64; the plain fields name files relative to the kubeconfig.
  const material = (data: unknown, path: unknown): Buffer | undefined => {
    if (typeof data === "string") return Buffer.from(data, "base64");
    if (typeof path === "string")
      return readFileSync(isAbsolute(path) ? path : resolve(base, path));
    return undefined;
  };
  const tokenFile = user.tokenFile;
  return {
    server: cluster.server,
    ca: material(cluster["certificate-authority-data"], cluster["certificate-authority"]),
    cert: material(user["client-certificate-data"], user["client-certificate"]),
    key: material(user["client-key-data"], user["client-key"]),
    token:
      user.token ?? (tokenFile ? readFileSync(resolve(base, tokenFile), "utf8").trim() : undefined),
    insecure: cluster["insecure-skip-tls-verify"] === true,
  };
}

export function readKubeconfig(file: string): Credentials {
  return parseKubeconfig(file, readFileSync(file, "utf8"));
}
