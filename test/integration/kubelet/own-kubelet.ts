// Starts an extra process kubelet (its own node, network, state folder) against the sandbox's
// API server, for tests that must kill, restart or reconfigure a kubelet without disturbing the
// shared one. Its node is tainted so nothing else is scheduled there.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { cleanUpKubelet } from "../../sandbox/kubelet/cleanup.ts";
import type { KubeletConfig } from "../../sandbox/kubelet/config.ts";
import type { KubeClient } from "../../sandbox/kubelet/kube-client.ts";
import { readKubeconfig } from "../../sandbox/kubelet/kubeconfig.ts";
import {
  type SandboxNetwork,
  setUpNetwork,
  tearDownNetwork,
} from "../../sandbox/kubelet/network.ts";
import { kubeletMain, repoRoot } from "../../sandbox/paths.ts";
import { eventually } from "./helpers.ts";

const run = promisify(execFile);

export const testTaint = {
  key: "sandbox.cortex-deploy.dev/kubelet-test",
  effect: "NoSchedule" as const,
};
export const testToleration = { key: testTaint.key, operator: "Exists", effect: "NoSchedule" };

export interface OwnKubelet {
  config: KubeletConfig;
  network: SandboxNetwork;
  /** The kubelet's stderr so far, for failure messages. */
  output(): string;
  start(): Promise<void>;
  /** Sends a signal and waits for the process to exit; resolves with its exit code. */
  signal(signal: NodeJS.Signals): Promise<number | null>;
  /** Stops it if running, force-deletes its pods and Node, frees its network. */
  dispose(): Promise<void>;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function ownKubelet(
  client: KubeClient,
  mode: KubeletConfig["mode"],
  extra: Partial<KubeletConfig> = {},
): Promise<OwnKubelet> {
  const kubeconfig = process.env.KUBECONFIG ?? "";
  const server = new URL(readKubeconfig(kubeconfig).server);
  const id = randomBytes(3).toString("hex");
  const nodeName = `kubelet-test-${id}`;
  const network = await setUpNetwork(`test-${id}`);
  const stateDir = await mkdtemp(join(tmpdir(), "own-kubelet-"));
  const cert = join(stateDir, "serving.crt");
  const key = join(stateDir, "serving.key");
  await run("openssl", [
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
    ...["-keyout", key, "-out", cert, "-days", "1", "-subj", `/CN=${nodeName}`],
    ...["-addext", `subjectAltName=IP:${network.hostIp}`],
  ]);
  const config: KubeletConfig = {
    kubeconfig,
    nodeName,
    stateDir: join(stateDir, "kubelet"),
    network,
    imageFiles: (process.env.SANDBOX_IMAGES ?? "").split(":").filter(Boolean),
    mode,
    servingCertFile: cert,
    servingKeyFile: key,
    port: await freePort(network.hostIp),
    apiServerHost: server.hostname,
    apiServerPort: Number(server.port),
    registerWithTaints: [testTaint],
    shutdownGraceSeconds: 5,
    ...extra,
  };
  const configFile = join(stateDir, "kubelet.json");
  await writeFile(configFile, JSON.stringify(config));
  let child: ChildProcess | undefined;
  let stderr = "";

  const start = async () => {
    const proc = spawn(process.execPath, ["--import", "tsx", kubeletMain, configFile], {
      cwd: repoRoot,
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = proc;
    proc.stderr?.setEncoding("utf8");
    proc.stderr?.on("data", (c: string) => {
      stderr = (stderr + c).slice(-20_000);
    });
    await eventually(
      `node ${nodeName} Ready (kubelet output: ${stderr.slice(-2000)})`,
      async () => {
        if (proc.exitCode !== null) throw new Error(`kubelet exited ${proc.exitCode}: ${stderr}`);
        const node = await client.get<{
          status?: { conditions?: { type: string; status: string }[] };
        }>(`/api/v1/nodes/${nodeName}`);
        // Ready, and past the pod list: the "ready" log line comes after both.
        const ready = node.status?.conditions?.some(
          (c) => c.type === "Ready" && c.status === "True",
        );
        return ready && stderr.includes(`node ${nodeName} ready`);
      },
      60_000,
    );
  };

  const signal = async (sig: NodeJS.Signals) => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return proc?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) =>
      proc.once("exit", (code) => resolve(code)),
    );
    proc.kill(sig);
    const code = await exited;
    stderr = stderr.replace(`node ${nodeName} ready`, "(was ready)");
    return code;
  };

  const dispose = async () => {
    await signal("SIGKILL");
    const pods = await client
      .get<{ items: { metadata: { name: string; namespace: string } }[] }>(
        `/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${nodeName}`)}`,
      )
      .catch(() => ({ items: [] }));
    await Promise.all(
      pods.items.map((p) =>
        client
          .delete(
            `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}?gracePeriodSeconds=0`,
          )
          .catch(() => {}),
      ),
    );
    await client.delete(`/api/v1/nodes/${nodeName}`).catch(() => {});
    await cleanUpKubelet(config.stateDir, network);
    await tearDownNetwork(network);
    await rm(stateDir, { recursive: true, force: true });
  };

  return { config, network, output: () => stderr, start, signal, dispose };
}
