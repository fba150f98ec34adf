// Where the demo runs. By default a fresh local sandbox (real API server, controller manager,
// scheduler and S3; the process kubelet runs the pods), started with the iris and controller image
// maps. With KUBECONFIG and CORTEX_DEPLOY_BUCKET set, a real cluster instead. With SANDBOX_DIR set
// to a running sandbox whose image maps include both (the integration tests'), that sandbox.
import { readFileSync } from "node:fs";
import path from "node:path";
import { KubeClient } from "../../src/kube/client.ts";
import { defaultImageFiles, findRunningSandbox, startSandbox } from "../../test/sandbox/index.ts";
import type { KubeletConfig } from "../../test/sandbox/kubelet/config.ts";
import { imageMaps } from "./paths.ts";

export type ClusterMode = "new-sandbox" | "running-sandbox" | "cluster";

export interface ModeChoice {
  mode: ClusterMode;
  /** Said on screen: why this mode. */
  reason: string;
}

/** Picks where to run from the environment. Pure. */
export function chooseMode(
  env: Readonly<Record<string, string | undefined>>,
  running: { images: readonly string[] } | undefined,
): ModeChoice {
  if (env.SANDBOX_DIR) {
    if (running === undefined) {
      return { mode: "new-sandbox", reason: `no sandbox is running in ${env.SANDBOX_DIR}` };
    }
    const have = new Set(running.images.map((f) => path.resolve(f)));
    const missing = imageMaps.filter((f) => !have.has(f));
    if (missing.length === 0) {
      return { mode: "running-sandbox", reason: `the sandbox running in ${env.SANDBOX_DIR}` };
    }
    return {
      mode: "new-sandbox",
      reason: `the sandbox in ${env.SANDBOX_DIR} cannot run ${missing.map((f) => path.relative(process.cwd(), f)).join(", ")}`,
    };
  }
  if (env.KUBECONFIG && env.CORTEX_DEPLOY_BUCKET) {
    return { mode: "cluster", reason: "KUBECONFIG and CORTEX_DEPLOY_BUCKET are set" };
  }
  return {
    mode: "new-sandbox",
    reason: "no cluster configured: KUBECONFIG and CORTEX_DEPLOY_BUCKET are unset",
  };
}

export interface Cluster {
  mode: ClusterMode;
  /** For the report: "a local sandbox", "the cluster at https://…". */
  description: string;
  /** A kubeconfig file (sandboxes); undefined on a real cluster (the default loading rules). */
  kubeconfigFile: string | undefined;
  /** What the CLI and the controller need: KUBECONFIG, AWS_*, CORTEX_DEPLOY_BUCKET. */
  env: Record<string, string>;
  bucket: string;
  /** The sandbox has no controller; the demo runs one. */
  runsController: boolean;
  /** Folder for the sandbox's own logs, when the demo started one. */
  sandboxDir: string | undefined;
  connect(): Promise<KubeClient>;
  stop(): Promise<void>;
}

const CLUSTER_ENV = [
  "KUBECONFIG",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_ENDPOINT_URL",
  "CORTEX_DEPLOY_BUCKET",
] as const;

function pick(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of CLUSTER_ENV) {
    const v = env[k];
    if (v !== undefined && v !== "") out[k] = v;
  }
  return out;
}

function sandboxCluster(
  mode: ClusterMode,
  env: Record<string, string>,
  dir: string | undefined,
  stop: () => Promise<void>,
): Cluster {
  const file = env.KUBECONFIG as string;
  return {
    mode,
    description:
      mode === "new-sandbox"
        ? "a local sandbox started for the demo"
        : `the sandbox in ${env.SANDBOX_DIR}`,
    kubeconfigFile: file,
    env: pick(env),
    bucket: env.CORTEX_DEPLOY_BUCKET as string,
    runsController: true,
    sandboxDir: dir,
    connect: () => KubeClient.create({ kubeconfig: readFileSync(file, "utf8") }),
    stop,
  };
}

export interface OpenOptions {
  env: Readonly<Record<string, string | undefined>>;
  say: (line: string) => void;
  /** For a new sandbox: the kubelet's crash-loop back-off and the like. */
  kubeletConfig?: Partial<KubeletConfig>;
}

export async function openCluster(
  opts: OpenOptions,
): Promise<{ cluster: Cluster; choice: ModeChoice }> {
  const state = opts.env.SANDBOX_DIR ? await findRunningSandbox(opts.env.SANDBOX_DIR) : undefined;
  const images = (state?.env.SANDBOX_IMAGES ?? "").split(":").filter((f) => f !== "");
  const choice = chooseMode(opts.env, state === undefined ? undefined : { images });

  if (choice.mode === "running-sandbox" && state !== undefined) {
    return {
      cluster: sandboxCluster("running-sandbox", state.env, undefined, async () => {}),
      choice,
    };
  }
  if (choice.mode === "cluster") {
    const env = pick(opts.env);
    const client = await KubeClient.create();
    const server = client.server;
    client.close();
    return {
      cluster: {
        mode: "cluster",
        description: `the cluster at ${server}`,
        kubeconfigFile: undefined,
        env,
        bucket: env.CORTEX_DEPLOY_BUCKET as string,
        runsController: false,
        sandboxDir: undefined,
        connect: () => KubeClient.create(),
        stop: async () => {},
      },
      choice,
    };
  }
  const imageFiles = [...new Set([...imageMaps, ...defaultImageFiles()])];
  const sandbox = await startSandbox({
    kubelet: "process",
    imageFiles,
    kubeletConfig: opts.kubeletConfig,
    onProgress: opts.say,
  });
  return {
    cluster: sandboxCluster("new-sandbox", sandbox.env, sandbox.dir, () => sandbox.stop()),
    choice,
  };
}
