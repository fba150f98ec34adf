// Controller benchmark (issue 9): 1,000 RealtimeAPIs on the sandbox with the kubelet in ready-only
// mode (pods are marked Ready and run nothing, so the figures are the controller's and the control
// plane's, not the pods'). So that the autoscaler's scraping costs what it would with real pods,
// this process stands in for every pod's proxy admin port: ready-only pods get loopback addresses
// (127.213.x.y), and a listener on <podIP>:15000 answers /metrics with an in-flight gauge of 0.
// Reports:
//   - time to reconcile all: first create until every API is Ready (and until every API has been
//     reconciled once);
//   - controller RSS and CPU at steady state (all Ready, nothing changing, autoscaler scraping);
//   - reconcile latency after a spec change: from the API server accepting a new spec until the
//     status reports that generation (p50/p99), and until it is Ready again.
// Aims: RSS under 150 MB, p99 reconcile under 1 s.
//
//   npx tsx bench/controller.ts [--apis 1000] [--changes 200] [--steady 60] [--json FILE]
//                               [--data-dir PARENT]
//
// --data-dir puts the sandbox (etcd's data, logs) in a fresh folder under PARENT, e.g. /dev/shm
// when the temporary folder's disk is short of space (1,000 APIs need a few hundred MB).
//
// The machine's other load shows in the figures; run it on a quiet machine for the README.
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Informer } from "../controller/src/controller/kube/informer.ts";
import type { Pod } from "../controller/src/controller/kube/types.ts";
import { createLogger } from "../controller/src/lib/log.ts";
import { runPool } from "../controller/src/lib/pool.ts";
import {
  apiPath,
  buildControllerBundle,
  createNamespace,
  echoApi,
  httpGet,
  installCrds,
  kube,
  type RealtimeApi,
  startController,
} from "../test/integration/controller/support.ts";
import { startSandbox } from "../test/sandbox/index.ts";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
function stringFlag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const jsonFile = stringFlag("json");
const dataParent = stringFlag("data-dir");
const apiCount = flag("apis", 1000);
const changeCount = flag("changes", 200);
const steadySeconds = flag("steady", 60);

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat; after "pid (comm) " they are at 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) / 1024;
}

const log = (line: string) => console.error(`bench: ${line}`);

/** A /metrics listener on each pod's proxy admin address, as the pod's proxy would be. */
class FakeProxies {
  private readonly servers = new Map<string, Server>();
  private readonly body = "# TYPE cortex_in_flight_requests gauge\ncortex_in_flight_requests 0\n";

  ensure(ip: string): void {
    if (this.servers.has(ip) || !ip.startsWith("127.")) return;
    const server = createServer((_req, res) => {
      res.writeHead(200, {
        "content-type": "text/plain; version=0.0.4",
        "content-length": this.body.length,
      });
      res.end(this.body);
    });
    server.on("error", () => this.servers.delete(ip));
    server.listen(15000, ip);
    this.servers.set(ip, server);
  }

  get size(): number {
    return this.servers.size;
  }

  close(): void {
    for (const s of this.servers.values()) s.close();
    this.servers.clear();
  }
}

/** Reconcile counts and duration percentiles (bucket upper bounds) from the controller's /metrics. */
async function controllerMetrics(port: number) {
  const { body } = await httpGet("127.0.0.1", port, "/metrics");
  const value = (re: RegExp) => Number(re.exec(body)?.[1] ?? Number.NaN);
  const buckets = [
    ...body.matchAll(
      /^cortex_controller_reconcile_duration_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm,
    ),
  ].map((m) => ({
    le: m[1] === "+Inf" ? Number.POSITIVE_INFINITY : Number(m[1]),
    count: Number(m[2]),
  }));
  const total = buckets.at(-1)?.count ?? 0;
  const quantile = (q: number) =>
    (buckets.find((b) => b.count >= q * total)?.le ?? Number.NaN) * 1000;
  const requests = [
    ...body.matchAll(
      /^cortex_controller_kube_request_duration_seconds_bucket\{verb="([^"]+)",le="([^"]+)"\} (\d+)$/gm,
    ),
  ];
  const byLe = new Map<number, number>();
  for (const m of requests) {
    const le = m[2] === "+Inf" ? Number.POSITIVE_INFINITY : Number(m[2]);
    byLe.set(le, (byLe.get(le) ?? 0) + Number(m[3]));
  }
  const reqBuckets = [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
  const reqTotal = reqBuckets.at(-1)?.count ?? 0;
  const reqQuantile = (q: number) =>
    (reqBuckets.find((b) => b.count >= q * reqTotal)?.le ?? Number.NaN) * 1000;
  return {
    heapUsedMiB: value(/^nodejs_heap_used_bytes (\S+)$/m) / 2 ** 20,
    heapTotalMiB: value(/^nodejs_heap_total_bytes (\S+)$/m) / 2 ** 20,
    requests: { count: reqTotal, p50: reqQuantile(0.5), p99: reqQuantile(0.99) },
    reconciles: value(/^cortex_controller_reconciles_total\{result="success"\} (\d+)$/m),
    errors: value(/^cortex_controller_reconcile_errors_total (\d+)$/m),
    duration: { p50: quantile(0.5), p99: quantile(0.99) },
  };
}
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// Ctrl-C or a timeout: stop the sandbox (in finally) instead of leaving it to the watchdog.
let interrupted: (() => void) | undefined;
const interruption = new Promise<never>((_resolve, reject) => {
  interrupted = () => reject(new Error("interrupted"));
});
interruption.catch(() => {});
const pause = (ms: number): Promise<unknown> => Promise.race([sleep(ms), interruption]);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => interrupted?.());

log(`starting a ready-only sandbox (${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)})`);
const dataDir =
  dataParent === undefined ? undefined : await mkdtemp(path.join(dataParent, "cortex-bench-"));
const sandbox = await startSandbox({
  kubelet: "ready-only",
  onProgress: (l) => log(l),
  ...(dataDir === undefined ? {} : { dir: dataDir }),
});
process.env.KUBECONFIG = sandbox.kubeconfig;
const client = await kube();
let controller: Awaited<ReturnType<typeof startController>> | undefined;
const proxies = new FakeProxies();
try {
  await Promise.all([buildControllerBundle(), installCrds(client)]);
  // The sandbox's service range is a /24; every API has a ClusterIP Service, so give the
  // allocator room (ServiceCIDR, GA since Kubernetes 1.33) instead of changing the sandbox.
  await client.create(
    "/apis/networking.k8s.io/v1/servicecidrs",
    { metadata: { name: "bench" }, spec: { cidrs: ["10.96.0.0/20"] } },
    "bench",
  );
  const ns = await createNamespace(client, "bench");
  controller = await startController(["--namespace", ns, "--leader-election-namespace", ns], {
    LOG_LEVEL: "info",
    // As controller/deploy/controller.yaml runs it (unless BENCH_NODE_OPTIONS says otherwise).
    NODE_OPTIONS:
      process.env.BENCH_NODE_OPTIONS ?? "--max-semi-space-size=4 --max-old-space-size=80",
  });
  const pid = controller.child.pid as number;
  await controller.waitForLog("leadership", (l) => l.msg === "became the leader");

  // Our own view of the APIs, to time each one without polling.
  const seen = new Map<string, { reconciled?: number; ready?: number; generation: number }>();
  const watchers: ((api: RealtimeApi) => void)[] = [];
  const informer = new Informer<RealtimeApi>({
    client,
    path: apiPath(ns),
    log: createLogger("bench", { level: "warn" }),
  });
  informer.on((_type, api) => {
    for (const w of watchers) w(api);
  });
  informer.start();
  await informer.waitForSync();
  const pods = new Informer<Pod>({
    client,
    path: `/api/v1/namespaces/${ns}/pods`,
    log: createLogger("bench", { level: "warn" }),
  });
  pods.on((type, pod) => {
    const ip = pod.status?.podIP;
    if (type !== "delete" && ip !== undefined) proxies.ensure(ip);
  });
  pods.start();

  // 1. Create every API; time until each is reconciled once and Ready.
  const names = Array.from({ length: apiCount }, (_, i) => `api-${String(i).padStart(4, "0")}`);
  const t0 = performance.now();
  watchers.push((api) => {
    const s = seen.get(api.metadata.name);
    if (s === undefined || api.status?.observedGeneration !== s.generation) return;
    s.reconciled ??= performance.now();
    if (api.status?.phase === "Ready") s.ready ??= performance.now();
  });
  for (const n of names) seen.set(n, { generation: 1 });
  await runPool(names, 32, async (name) => {
    await client.create(
      apiPath(ns),
      { ...echoApi(name, { replicas: 1 }), metadata: { name, namespace: ns } },
      "bench",
    );
  });
  const created = performance.now();
  log(`created ${apiCount} APIs in ${fmt(created - t0)}`);
  while ([...seen.values()].some((s) => s.ready === undefined)) {
    await pause(200);
    if (performance.now() - t0 > 600_000) {
      const warnings = controller.logs.filter((l) => l.level === "warn" || l.level === "error");
      log(`controller warnings (${warnings.length}), last: ${JSON.stringify(warnings.slice(-3))}`);
      throw new Error("not all APIs became Ready within 10 minutes");
    }
    if (process.env.BENCH_DEBUG && Math.random() < 0.02) {
      const warnings = controller.logs.filter((l) => l.level === "warn" || l.level === "error");
      log(`controller warnings (${warnings.length}), last: ${JSON.stringify(warnings.at(-1))}`);
    }
  }
  const allReconciled = Math.max(...[...seen.values()].map((s) => s.reconciled as number)) - t0;
  const allReady = Math.max(...[...seen.values()].map((s) => s.ready as number)) - t0;
  log(`all reconciled after ${fmt(allReconciled)}, all Ready after ${fmt(allReady)}`);

  // 2. Steady state: settle, then sample RSS every second and CPU over the period.
  await pause(20_000);
  const rss: number[] = [];
  const cpu0 = cpuSeconds(pid);
  const s0 = performance.now();
  for (let i = 0; i < steadySeconds; i++) {
    rss.push(rssMiB(pid));
    await pause(1000);
  }
  const cpuPercent = ((cpuSeconds(pid) - cpu0) / ((performance.now() - s0) / 1000)) * 100;
  const rssMean = rss.reduce((a, b) => a + b, 0) / rss.length;
  const rssMax = Math.max(...rss);
  log(`standing in for ${proxies.size} proxies`);
  log(
    `steady state: RSS mean ${rssMean.toFixed(0)} MiB, max ${rssMax.toFixed(0)} MiB; CPU ${cpuPercent.toFixed(1)}% of one core`,
  );

  // 3. Spec changes, 20 a second: latency until the status shows the new generation, and Ready.
  const changed = names.slice(0, Math.min(changeCount, names.length));
  const pending = new Map<
    string,
    { start: number; generation: number; reconciled?: number; ready?: number }
  >();
  watchers.push((api) => {
    const p = pending.get(api.metadata.name);
    if (p === undefined || (api.status?.observedGeneration ?? 0) < p.generation) return;
    p.reconciled ??= performance.now();
    if (api.status?.phase === "Ready" && api.status.observedGeneration === p.generation)
      p.ready ??= performance.now();
  });
  const cpuChange0 = cpuSeconds(pid);
  const c0 = performance.now();
  await Promise.all(
    changed.map(async (name, i) => {
      await sleep(i * 50);
      const api = echoApi(name, { replicas: 1, tag: "v2" });
      const start = performance.now();
      const updated = await client.mergePatch<RealtimeApi>(
        apiPath(ns, name),
        { spec: api.spec },
        "bench",
      );
      pending.set(name, { start, generation: updated.metadata.generation ?? 2 });
    }),
  );
  while ([...pending.values()].some((p) => p.ready === undefined)) {
    await pause(200);
    if (performance.now() - c0 > 300_000)
      throw new Error("spec changes did not settle within 5 minutes");
  }
  const changeCpu = ((cpuSeconds(pid) - cpuChange0) / ((performance.now() - c0) / 1000)) * 100;
  const reconcileMs = [...pending.values()].map((p) => (p.reconciled as number) - p.start);
  const readyMs = [...pending.values()].map((p) => (p.ready as number) - p.start);
  const rssAfter = rssMiB(pid);
  const metrics = await controllerMetrics(controller.metricsPort);

  const result = {
    apis: apiCount,
    cores: cpus().length,
    timeToReconcileAllSeconds: allReconciled / 1000,
    timeToReadyAllSeconds: allReady / 1000,
    steadyRssMiB: { mean: Math.round(rssMean), max: Math.round(rssMax) },
    steadyCpuPercentOfCore: Number(cpuPercent.toFixed(1)),
    specChanges: changed.length,
    reconcileLatencyMs: {
      p50: Math.round(percentile(reconcileMs, 50)),
      p99: Math.round(percentile(reconcileMs, 99)),
      max: Math.round(Math.max(...reconcileMs)),
    },
    readyLatencyMs: {
      p50: Math.round(percentile(readyMs, 50)),
      p99: Math.round(percentile(readyMs, 99)),
      max: Math.round(Math.max(...readyMs)),
    },
    cpuDuringChangesPercentOfCore: Number(changeCpu.toFixed(1)),
    reconciles: metrics.reconciles,
    reconcileErrors: metrics.errors,
    reconcileDurationMs: metrics.duration,
    kubeRequests: metrics.requests,
    heapUsedMiB: Math.round(metrics.heapUsedMiB),
    heapTotalMiB: Math.round(metrics.heapTotalMiB),
    rssAfterChangesMiB: Math.round(rssAfter),
  };
  console.log(
    [
      `controller bench: ${apiCount} RealtimeAPIs, ready-only kubelet, ${cpus().length} cores`,
      `  time to reconcile all (first create → every status written) ${result.timeToReconcileAllSeconds.toFixed(1)} s`,
      `  time to Ready all (first create → every API Ready)         ${result.timeToReadyAllSeconds.toFixed(1)} s`,
      `  steady state RSS                                         ${result.steadyRssMiB.mean} MiB (max ${result.steadyRssMiB.max}; aim < 150)`,
      `  steady state CPU                                         ${result.steadyCpuPercentOfCore}% of one core`,
      `  reconcile latency after a spec change (${changed.length} changes)   p50 ${result.reconcileLatencyMs.p50} ms, p99 ${result.reconcileLatencyMs.p99} ms (aim < 1000)`,
      `  spec change to Ready again                               p50 ${result.readyLatencyMs.p50} ms, p99 ${result.readyLatencyMs.p99} ms`,
      `  CPU during the changes                                   ${result.cpuDuringChangesPercentOfCore}% of one core; RSS after ${result.rssAfterChangesMiB} MiB`,
      `  API requests (whole run)                                 ${result.kubeRequests.count}; p50 ≤ ${result.kubeRequests.p50} ms, p99 ≤ ${result.kubeRequests.p99} ms`,
      `  V8 heap at the end                                       ${result.heapUsedMiB} MiB used of ${result.heapTotalMiB} MiB`,
      `  reconciles (whole run)                                   ${result.reconciles}, ${result.reconcileErrors} retried; one reconcile p50 ≤ ${result.reconcileDurationMs.p50} ms, p99 ≤ ${result.reconcileDurationMs.p99} ms`,
    ].join("\n"),
  );
  if (jsonFile !== undefined) await writeFile(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  await informer.stop();
  await pods.stop();
} finally {
  proxies.close();
  await controller?.stop();
  client.close();
  await sandbox.stop();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
}
