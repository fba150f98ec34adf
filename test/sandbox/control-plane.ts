// etcd, kube-apiserver, kube-controller-manager and kube-scheduler: their flags and their
// readiness checks. Each start function returns once the component answers.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { type Pki, serviceClusterIpRange } from "./certs.ts";
import { fetchText } from "./http.ts";
import { freePorts } from "./ports.ts";
import type { RunningProcess } from "./processes.ts";
import { waitFor } from "./readiness.ts";
import type { Supervisor } from "./supervisor.ts";

const loopback = "127.0.0.1";

export const apiServerName = "kube-apiserver";

export interface ApiServerEndpoint {
  host: string;
  port: number;
  url: string;
}

export async function startEtcd(sup: Supervisor, bin: string, dataDir: string): Promise<string> {
  const [clientPort, peerPort] = await freePorts(loopback, 2);
  const url = `http://${loopback}:${clientPort}`;
  const peer = `http://${loopback}:${peerPort}`;
  const proc = await sup.spawn({
    name: "etcd",
    command: join(bin, "etcd"),
    args: [
      "--name=sandbox",
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=sandbox=${peer}`,
      // Throwaway data: skipping fsync makes every API write several times faster.
      "--unsafe-no-fsync=true",
      "--log-level=warn",
    ],
  });
  await waitFor(
    "etcd /health",
    async () => {
      const res = await fetchText({ url: `${url}/health`, timeoutMs: 2000 });
      return res.status === 200 && res.body.includes('"health":"true"') ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 50, proc },
  );
  return url;
}

export interface ApiServerOptions {
  bin: string;
  etcdUrl: string;
  pki: Pki;
  /** Address to bind and advertise: the network's host side, so pods can reach it. */
  host: string;
  /** The lease reconciler writes the `kubernetes` Endpoints, which may not hold a loopback IP. */
  loopbackOnly: boolean;
}

export async function startApiServer(
  sup: Supervisor,
  opts: ApiServerOptions,
): Promise<ApiServerEndpoint> {
  const [port] = await freePorts(opts.host, 1);
  if (port === undefined) throw new Error("no free port for kube-apiserver");
  const { pki } = opts;
  const proc = await sup.spawn({
    name: apiServerName,
    command: join(opts.bin, "kube-apiserver"),
    args: [
      `--etcd-servers=${opts.etcdUrl}`,
      `--bind-address=${opts.host}`,
      `--advertise-address=${opts.host}`,
      `--secure-port=${port}`,
      `--tls-cert-file=${pki.apiServer.cert}`,
      `--tls-private-key-file=${pki.apiServer.key}`,
      `--client-ca-file=${pki.ca.cert}`,
      "--authorization-mode=Node,RBAC",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      `--kubelet-client-certificate=${pki.apiServerKubeletClient.cert}`,
      `--kubelet-client-key=${pki.apiServerKubeletClient.key}`,
      `--kubelet-certificate-authority=${pki.ca.cert}`,
      "--kubelet-preferred-address-types=InternalIP",
      "--allow-privileged=true",
      `--cert-dir=${join(sup.state.dir, "pki", "apiserver-generated")}`,
      `--endpoint-reconciler-type=${opts.loopbackOnly ? "none" : "lease"}`,
      // Plain in-flight limits instead of priority and fairness: fewer objects to bootstrap at
      // start, and scale tests with thousands of pods are not throttled by per-user queues.
      "--enable-priority-and-fairness=false",
      "--max-requests-inflight=2000",
      "--max-mutating-requests-inflight=1000",
      "--profiling=false",
      // On SIGTERM, end open watches (clients re-watch elsewhere, or here once it is back)
      // instead of waiting out the request timeout (60 s) for them: a restart takes seconds.
      "--shutdown-watch-termination-grace-period=5s",
    ],
  });
  const endpoint = { host: opts.host, port, url: `https://${opts.host}:${port}` };
  await waitForApiServer(proc, endpoint, pki);
  return endpoint;
}

/** Polls /readyz until it answers 200; fails at once, with the log, if the process exits. */
export async function waitForApiServer(
  proc: RunningProcess,
  endpoint: ApiServerEndpoint,
  pki: Pki,
): Promise<void> {
  const tls = await adminTls(pki);
  await waitFor(
    "kube-apiserver /readyz",
    async () => {
      const res = await fetchText({ url: `${endpoint.url}/readyz`, timeoutMs: 2000, ...tls });
      return res.status === 200 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, proc },
  );
}

export async function adminTls(pki: Pki): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }> {
  const [ca, cert, key] = await Promise.all([
    readFile(pki.ca.cert),
    readFile(pki.admin.cert),
    readFile(pki.admin.key),
  ]);
  return { ca, cert, key };
}

/** Polls a component's own /healthz (self-signed certificate; only liveness matters here). */
async function waitHealthz(proc: RunningProcess, port: number): Promise<void> {
  await waitFor(
    `${proc.record.name} /healthz`,
    async () => {
      const res = await fetchText({
        url: `https://${loopback}:${port}/healthz`,
        insecure: true,
        timeoutMs: 2000,
      });
      return res.status === 200 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, proc },
  );
}

export interface ComponentOptions {
  bin: string;
  pki: Pki;
  kubeconfig: string;
}

export async function startControllerManager(
  sup: Supervisor,
  opts: ComponentOptions,
): Promise<void> {
  const [port] = await freePorts(loopback, 1);
  if (port === undefined) throw new Error("no free port for kube-controller-manager");
  const proc = await sup.spawn({
    name: "kube-controller-manager",
    command: join(opts.bin, "kube-controller-manager"),
    args: [
      `--kubeconfig=${opts.kubeconfig}`,
      `--bind-address=${loopback}`,
      `--secure-port=${port}`,
      "--leader-elect=false",
      "--controllers=*",
      `--root-ca-file=${opts.pki.ca.cert}`,
      `--service-account-private-key-file=${opts.pki.serviceAccountKey}`,
      "--use-service-account-credentials=true",
      `--cluster-signing-cert-file=${opts.pki.ca.cert}`,
      `--cluster-signing-key-file=${opts.pki.ca.key}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      "--allocate-node-cidrs=false",
      // Room for scale tests: the defaults (20 qps) make thousands of pods crawl.
      "--kube-api-qps=200",
      "--kube-api-burst=400",
      // A quota on a new CRD is first counted at a full resync (5 min by default): a test that
      // waits for the count would wait that long.
      "--resource-quota-sync-period=10s",
    ],
  });
  await waitHealthz(proc, port);
}

export async function startScheduler(sup: Supervisor, opts: ComponentOptions): Promise<void> {
  const [port] = await freePorts(loopback, 1);
  if (port === undefined) throw new Error("no free port for kube-scheduler");
  const config = join(sup.state.dir, "scheduler.yaml");
  await writeFile(
    config,
    stringify({
      apiVersion: "kubescheduler.config.k8s.io/v1",
      kind: "KubeSchedulerConfiguration",
      clientConnection: { kubeconfig: opts.kubeconfig, qps: 200, burst: 400 },
      leaderElection: { leaderElect: false },
    }),
  );
  const proc = await sup.spawn({
    name: "kube-scheduler",
    command: join(opts.bin, "kube-scheduler"),
    args: [`--config=${config}`, `--bind-address=${loopback}`, `--secure-port=${port}`],
  });
  await waitHealthz(proc, port);
}
