// Where the Kubernetes client finds a kubeconfig when it is given none, in its order: KUBECONFIG's
// files, else ~/.kube/config, else the service account of the pod we run in. Apart from client.ts,
// without @kubernetes/client-node, so the Action can mask that file's secrets before it loads the
// heavy client (and `validate` never loads it).
import { existsSync } from "node:fs";
import path from "node:path";

/** The token file of a pod's service account: the client's last resort, inside a cluster. */
const SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/** ~/.kube/config as the client finds it (its findHomeDir), if it is there. */
function homeKubeconfig(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const inHome = (dir: string | undefined) => (dir ? path.join(dir, ".kube", "config") : "");
  // POSIX: $HOME only. Windows: the first of %HOME%, %HOMEDRIVE%%HOMEPATH% and %USERPROFILE%
  // that holds one.
  const drive = env.HOMEDRIVE && env.HOMEPATH ? path.join(env.HOMEDRIVE, env.HOMEPATH) : "";
  const homes = platform === "win32" ? [env.HOME, drive, env.USERPROFILE] : [env.HOME];
  return homes.map(inHome).find((file) => file !== "" && existsSync(file));
}

/** Where to look: the process's environment and platform unless a test says otherwise. */
export interface Surroundings {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  serviceAccountToken?: string;
}

/**
 * The kubeconfig the client loads when no contents are given: how messages name it and the files
 * it reads; undefined when there is none (the client would aim at http://localhost:8080).
 */
export function defaultKubeconfig(
  where: Surroundings = {},
): { source: string; files: string[] } | undefined {
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
  return undefined;
}
