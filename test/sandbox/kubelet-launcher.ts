// Starts the process kubelet (test/sandbox/kubelet/) with its JSON config and waits until the
// API server reports its Node Ready.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ApiServerEndpoint } from "./control-plane.ts";
import { fetchText } from "./http.ts";
import type { KubeletConfig } from "./kubelet/config.ts";
import type { SandboxNetwork } from "./kubelet/network.ts";
import { kubeletMain, repoRoot } from "./paths.ts";
import { freePorts } from "./ports.ts";
import { waitFor } from "./readiness.ts";
import type { Supervisor } from "./supervisor.ts";

export interface KubeletLaunch {
  mode: KubeletConfig["mode"];
  nodeName: string;
  kubeconfig: string;
  stateDir: string;
  network: SandboxNetwork;
  imageFiles: string[];
  servingCertFile: string;
  servingKeyFile: string;
  apiServer: ApiServerEndpoint;
  adminTls: { ca: Buffer; cert: Buffer; key: Buffer };
  /** Extra settings (crash-loop back-off, shutdown grace) passed through to the kubelet. */
  extra?: Partial<KubeletConfig>;
}

/** How long the kubelet gives pods on SIGTERM; teardown allows it kubeletStopGraceMs in all. */
const podShutdownGraceSeconds = 5;
export const kubeletStopGraceMs = 10_000;

interface NodeCondition {
  type: string;
  status: string;
}

export async function startKubelet(sup: Supervisor, opts: KubeletLaunch): Promise<void> {
  const [port] = await freePorts(opts.network.hostIp, 1);
  if (port === undefined) throw new Error("no free port for the kubelet");
  const config: KubeletConfig = {
    kubeconfig: opts.kubeconfig,
    nodeName: opts.nodeName,
    stateDir: opts.stateDir,
    network: opts.network,
    imageFiles: opts.imageFiles,
    mode: opts.mode,
    servingCertFile: opts.servingCertFile,
    servingKeyFile: opts.servingKeyFile,
    port,
    apiServerHost: opts.apiServer.host,
    apiServerPort: opts.apiServer.port,
    shutdownGraceSeconds: podShutdownGraceSeconds,
    ...opts.extra,
  };
  const configFile = join(sup.state.dir, "kubelet.json");
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const proc = await sup.spawn({
    name: "kubelet",
    command: process.execPath,
    args: ["--import", "tsx", kubeletMain, configFile],
    cwd: repoRoot,
  });
  await waitFor(
    `Node ${opts.nodeName} to be Ready`,
    async () => {
      const res = await fetchText({
        url: `${opts.apiServer.url}/api/v1/nodes/${opts.nodeName}`,
        timeoutMs: 2000,
        ...opts.adminTls,
      });
      if (res.status !== 200) return undefined;
      const node = JSON.parse(res.body) as { status?: { conditions?: NodeCondition[] } };
      const ready = node.status?.conditions?.find((c) => c.type === "Ready");
      return ready?.status === "True" ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, proc },
  );
}
