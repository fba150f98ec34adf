import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/kube/default-kubeconfig.ts
import { existsSync } from "node:fs";
import path from "node:path";
var SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";
function homeKubeconfig(env, platform) {
  const inHome = (dir) => dir ? path.join(dir, ".kube", "config") : "";
  const drive = env.HOMEDRIVE && env.HOMEPATH ? path.join(env.HOMEDRIVE, env.HOMEPATH) : "";
  const homes = platform === "win32" ? [env.HOME, drive, env.USERPROFILE] : [env.HOME];
  return homes.map(inHome).find((file) => file !== "" && existsSync(file));
}
function defaultKubeconfig(where = {}) {
  const env = where.env ?? process.env;
  const list = env.KUBECONFIG;
  if (list) {
    return { source: `KUBECONFIG (${list})`, files: list.split(path.delimiter).filter(Boolean) };
  }
  const file = homeKubeconfig(env, where.platform ?? process.platform);
  if (file) return { source: "~/.kube/config", files: [file] };
  if (existsSync(where.serviceAccountToken ?? SERVICE_ACCOUNT_TOKEN)) {
    return { source: "the in-cluster service account", files: [] };
  }
  return void 0;
}

export {
  defaultKubeconfig
};
