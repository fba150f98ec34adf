// The sandbox launcher: a real Kubernetes control plane, the process kubelet and a real S3
// gateway, started from cached binaries, with nothing left behind when it stops or its owner dies.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureBinaries } from "./binaries.ts";
import { makePki, type Pki } from "./certs.ts";
import {
  type ApiServerEndpoint,
  adminTls,
  apiServerName,
  startApiServer,
  startControllerManager,
  startEtcd,
  startScheduler,
  waitForApiServer,
} from "./control-plane.ts";
import { fetchText } from "./http.ts";
import { writeKubeconfig } from "./kubeconfig.ts";
import type { KubeletConfig } from "./kubelet/config.ts";
import { type SandboxNetwork, setUpNetwork } from "./kubelet/network.ts";
import { startKubelet } from "./kubelet-launcher.ts";
import { testImagesFile } from "./paths.ts";
import { stopProcesses } from "./processes.ts";
import { settleAll, waitFor } from "./readiness.ts";
import { launchS3Gateway, type S3Gateway, s3Env } from "./s3-gateway.ts";
import { type ProcessRecord, readState, type SandboxState } from "./state.ts";
import { Supervisor } from "./supervisor.ts";
import { tearDown } from "./teardown.ts";

export type { SandboxNetwork } from "./kubelet/network.ts";
export type { S3Gateway } from "./s3-gateway.ts";
export type { ProcessRecord } from "./state.ts";

export type KubeletMode = "process" | "ready-only";

export interface SandboxOptions {
  /** Where state, logs and data go; a fresh temporary folder (removed on stop) by default. */
  dir?: string;
  kubelet?: KubeletMode | false;
  onProgress?: (line: string) => void;
  /** Image maps for the kubelet; default: $SANDBOX_IMAGES, then test/sandbox/images.yaml. */
  imageFiles?: string[];
  /** Passed through to the kubelet's config: crash-loop back-off, shutdown grace. */
  kubeletConfig?: Partial<KubeletConfig>;
  /**
   * The process whose death tears the sandbox down (through the watchdog): this one by default;
   * null leaves it running after this process exits (the CLI's `up`) until `down`.
   */
  owner?: number | null;
}

export interface Sandbox {
  dir: string;
  kubeconfig: string;
  /** KUBECONFIG, AWS_*, CORTEX_DEPLOY_BUCKET, SANDBOX_IMAGES, SANDBOX_DIR, SANDBOX_BIN. */
  env: Record<string, string>;
  network: SandboxNetwork;
  /**
   * Stops kube-apiserver as a restart would: SIGTERM, then waits for it to exit (SIGKILL after a
   * minute). etcd keeps the data; the controller manager, the scheduler and the kubelet keep
   * running and retry until it is back.
   */
  stopApiServer(): Promise<void>;
  /**
   * Starts kube-apiserver again after stopApiServer(): the same flags, port, certificates and
   * etcd; resolves at /readyz with the new process, which the state file records (so stop(),
   * `down` and the watchdog stop it). The other components reconnect by themselves.
   */
  startApiServer(): Promise<ProcessRecord>;
  /** stopApiServer() then startApiServer(). */
  restartApiServer(): Promise<ProcessRecord>;
  stop(): Promise<void>;
}

/** A graceful kube-apiserver shutdown takes seconds (it drains requests); this is a safety net. */
const apiServerStopGraceMs = 60_000;

export const nodeName = "sandbox-node";

export function defaultImageFiles(): string[] {
  const fromEnv = (process.env.SANDBOX_IMAGES ?? "").split(":").filter((f) => f !== "");
  // The caller's files first: on equal matches the first file wins, so they can override ours.
  return [...new Set([...fromEnv.map((f) => resolve(f)), testImagesFile])];
}

function loopbackNetwork(id: string): SandboxNetwork {
  return { mode: "loopback", hostIp: "127.0.0.1", podCidr: "127.0.0.0/8", id };
}

async function writeKubeconfigs(dir: string, api: ApiServerEndpoint, pki: Pki) {
  const files = {
    admin: join(dir, "kubeconfig"),
    controllerManager: join(dir, "controller-manager.kubeconfig"),
    scheduler: join(dir, "scheduler.kubeconfig"),
    kubelet: join(dir, "kubelet.kubeconfig"),
  };
  const write = (file: string, client: Pki["admin"], user: string) =>
    writeKubeconfig(file, { server: api.url, caFile: pki.ca.cert, client, user });
  await Promise.all([
    write(files.admin, pki.admin, "sandbox-admin"),
    write(files.controllerManager, pki.controllerManager, "kube-controller-manager"),
    write(files.scheduler, pki.scheduler, "kube-scheduler"),
    write(files.kubelet, pki.kubeletClient, `system:node:${nodeName}`),
  ]);
  return files;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const step = (what: string) =>
    progress(`sandbox: ${what} (${((performance.now() - started) / 1000).toFixed(1)}s)`);
  const ownDir = opts.dir === undefined;
  const dir = resolve(opts.dir ?? (await mkdtemp(join(tmpdir(), "cortex-sandbox-"))));
  const kubelet = opts.kubelet ?? "process";
  const imageFiles = opts.imageFiles ?? defaultImageFiles();
  const sup = await Supervisor.create(dir, "sandbox", {
    ownerPid: opts.owner ?? process.pid,
    ownsDir: ownDir,
  });
  const stop = () => sup.stop();
  try {
    await sup.startWatchdog();
    const id = randomBytes(3).toString("hex");
    const networkReady = kubelet
      ? setUpNetwork(id).then(async (net) => {
          // Recorded at once, so teardown removes it even if a later step fails.
          sup.state.network = net;
          sup.state.kubeletStateDir = join(dir, "kubelet");
          await sup.save();
          return net;
        })
      : Promise.resolve(loopbackNetwork(id));
    const [bin, network] = await settleAll([ensureBinaries(progress), networkReady]);
    step(`binaries ready; network ${network.mode}, host ${network.hostIp}`);

    const s3Ready = launchS3Gateway(sup, { bin, host: network.hostIp }).then((s3) => {
      step("versitygw ready");
      return s3;
    });
    const controlPlane = (async () => {
      const [etcdUrl, pki] = await settleAll([
        startEtcd(sup, bin, join(dir, "etcd")),
        makePki(join(dir, "pki"), { hostIp: network.hostIp, nodeName }),
      ]);
      step("etcd ready, certificates made");
      const api = await startApiServer(sup, {
        bin,
        etcdUrl,
        pki,
        host: network.hostIp,
        loopbackOnly: network.hostIp.startsWith("127."),
      });
      step("kube-apiserver ready");
      return { api, pki, kubeconfigs: await writeKubeconfigs(dir, api, pki) };
    })();
    const [s3, { api, pki, kubeconfigs }] = await settleAll([s3Ready, controlPlane]);

    const tls = await adminTls(pki);
    const components = { bin, pki };
    await settleAll([
      startControllerManager(sup, { ...components, kubeconfig: kubeconfigs.controllerManager }),
      startScheduler(sup, { ...components, kubeconfig: kubeconfigs.scheduler }),
      // Pods cannot be created before the controller manager has made this account.
      waitFor(
        "the default ServiceAccount",
        async () => {
          const url = `${api.url}/api/v1/namespaces/default/serviceaccounts/default`;
          return (await fetchText({ url, ...tls })).status === 200 ? true : undefined;
        },
        { timeoutMs: 60_000 },
      ),
      kubelet
        ? startKubelet(sup, {
            mode: kubelet,
            nodeName,
            kubeconfig: kubeconfigs.kubelet,
            stateDir: join(dir, "kubelet"),
            network,
            imageFiles,
            servingCertFile: pki.kubeletServing.cert,
            servingKeyFile: pki.kubeletServing.key,
            apiServer: api,
            adminTls: tls,
            extra: opts.kubeletConfig,
          })
        : Promise.resolve(),
    ]);
    step(
      kubelet
        ? `controller manager, scheduler and kubelet (${kubelet}) ready`
        : "controller manager and scheduler ready",
    );

    sup.state.env = {
      KUBECONFIG: kubeconfigs.admin,
      ...s3Env(s3),
      SANDBOX_IMAGES: imageFiles.join(":"),
      SANDBOX_DIR: dir,
      // kubectl and the other binaries of this build.
      SANDBOX_BIN: bin,
    };
    sup.state.status = "running";
    await sup.save();
    if (opts.owner === null) await sup.release();
    step("ready");
    const stopApiServer = () => sup.stopProcess(apiServerName, apiServerStopGraceMs);
    const startApiServerAgain = async () => {
      const proc = await sup.respawn(apiServerName);
      await waitForApiServer(proc, api, pki);
      return proc.record;
    };
    return {
      dir,
      kubeconfig: kubeconfigs.admin,
      env: sup.state.env,
      network,
      stopApiServer,
      startApiServer: startApiServerAgain,
      restartApiServer: async () => {
        await stopApiServer();
        return startApiServerAgain();
      },
      stop,
    };
  } catch (err) {
    // Stop what started, but keep the folder: its logs explain the failure.
    sup.state.ownsDir = false;
    await sup.stop().catch(() => {});
    if (err instanceof Error) err.message += `\n(sandbox logs: ${join(dir, "logs")})`;
    throw err;
  }
}

/** A sandbox already running in dir (for instance one from `sandbox up`), or undefined. */
export async function findRunningSandbox(dir: string): Promise<SandboxState | undefined> {
  const state = await readState(resolve(dir));
  return state?.status === "running" ? state : undefined;
}

/** Stops the sandbox described by dir's state file, whoever started it. */
export async function stopSandboxIn(dir: string): Promise<boolean> {
  const state = await readState(resolve(dir));
  if (!state || state.status === "stopped") return false;
  if (state.watchdog) {
    await stopProcesses([state.watchdog], 15_000);
  }
  await tearDown(state);
  return true;
}

export interface S3GatewayOptions {
  dir?: string;
  /** Listen address; 127.0.0.1 by default. */
  host?: string;
  bucket?: string;
  onProgress?: (line: string) => void;
}

export interface RunningS3Gateway extends S3Gateway {
  dir: string;
  /** versitygw's process id (benchmarks read its CPU time from /proc). */
  pid: number | undefined;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** versitygw alone, for S3-only tests and benchmarks. */
export async function startS3Gateway(opts: S3GatewayOptions = {}): Promise<RunningS3Gateway> {
  const ownDir = opts.dir === undefined;
  const dir = resolve(opts.dir ?? (await mkdtemp(join(tmpdir(), "cortex-s3-"))));
  const sup = await Supervisor.create(dir, "s3", { ownsDir: ownDir });
  const stop = () => sup.stop();
  try {
    await sup.startWatchdog();
    const bin = await ensureBinaries(opts.onProgress ?? (() => {}));
    const s3 = await launchS3Gateway(sup, {
      bin,
      host: opts.host ?? "127.0.0.1",
      bucket: opts.bucket,
    });
    sup.state.env = s3Env(s3);
    sup.state.status = "running";
    await sup.save();
    const pid = sup.state.processes.find((p) => p.name === "versitygw")?.pid;
    return { ...s3, dir, env: sup.state.env, pid, stop };
  } catch (err) {
    sup.state.ownsDir = false;
    await sup.stop().catch(() => {});
    if (err instanceof Error) err.message += `\n(logs: ${join(dir, "logs")})`;
    throw err;
  }
}
