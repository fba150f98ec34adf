// Shared helpers for the controller's integration tests on the sandbox: the bundle the controller
// image runs, the CRDs, a namespace per file, controller processes with their JSON logs, and
// RealtimeAPIs made of the sandbox's echo image.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { KubeConfig } from "@kubernetes/client-node";
import * as esbuild from "esbuild";
import { parse, parseAllDocuments, stringify } from "yaml";
import type { Pod } from "../../../controller/src/controller/kube/types.ts";
import { isApiError, KubeClient } from "../../../src/kube/client.ts";
import type { RealtimeApiStatus } from "../../../src/kube/resource.ts";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const CONTROLLER_IMAGE = "ghcr.io/cortex-deploy/controller:0.1.0";
export const bundle = path.join(repoRoot, "controller", "dist", "main.js");

/** Builds controller/dist/main.js as `npm run build` does, replacing it atomically. */
export async function buildControllerBundle(): Promise<string> {
  const tmp = `${bundle}.${process.pid}.tmp`;
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: ["controller/src/main.ts"],
    outfile: tmp,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    banner: {
      js: "import { createRequire as __cdCreateRequire } from 'node:module';\nconst require = __cdCreateRequire(import.meta.url);",
    },
    legalComments: "none",
    logLevel: "warning",
  });
  await rename(tmp, bundle);
  return bundle;
}

export const imageMapFile = path.join(repoRoot, "controller", "sandbox-images.yaml");

/**
 * Fails early and clearly when the sandbox's kubelet cannot run the controller image: it reads
 * its image maps at start, so the global setup must list controller/sandbox-images.yaml.
 */
export function requireControllerImage(): void {
  const files = (process.env.SANDBOX_IMAGES ?? "").split(":").map((f) => path.resolve(f));
  if (!files.includes(imageMapFile)) {
    throw new Error(
      `the sandbox's image map does not include ${imageMapFile} (SANDBOX_IMAGES=${process.env.SANDBOX_IMAGES ?? ""}); ` +
        "pods' proxy sidecars could not start",
    );
  }
}

/** The shared sandbox's kubeconfig (from the global setup). */
function sharedKubeconfig(): string {
  const file = process.env.KUBECONFIG;
  if (!file) throw new Error("KUBECONFIG is not set: the integration global setup did not run");
  return file;
}

/** An admin client of the shared sandbox, or of the sandbox whose kubeconfig is `file`. */
export async function kube(file = sharedKubeconfig()): Promise<KubeClient> {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return KubeClient.fromKubeConfig(kc, {
    userAgent: "cortex-deploy-controller-tests",
    maxSockets: 64,
  });
}

/** Polls until check returns something other than undefined/false; fails with the last state. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`gave up waiting for ${what} (last: ${detail})`);
    }
    await sleep(intervalMs);
  }
}

/** Applies controller/deploy/crds.yaml and waits until the API server serves it. */
export async function installCrds(client: KubeClient): Promise<void> {
  const text = await readFile(path.join(repoRoot, "controller", "deploy", "crds.yaml"), "utf8");
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJSON() as { metadata: { name: string } } | null;
    if (crd === null) continue;
    await client.apply(
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
      crd,
      "cortex-deploy-tests",
    );
    await eventually(`CRD ${crd.metadata.name} established`, async () => {
      const got = await client.get<{
        status?: { conditions?: { type: string; status: string }[] };
      }>(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`);
      return got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
    });
  }
}

export async function createNamespace(client: KubeClient, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`;
  await client.create("/api/v1/namespaces", { metadata: { name } }, "cortex-deploy-tests");
  await eventually(`ServiceAccount default in ${name}`, async () => {
    try {
      await client.get(`/api/v1/namespaces/${name}/serviceaccounts/default`);
      return true;
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  });
  return name;
}

export async function deleteNamespace(client: KubeClient, name: string): Promise<void> {
  await client.delete(`/api/v1/namespaces/${name}`).catch(() => {});
}

export interface LogLine {
  msg: string;
  level: string;
  api?: string;
  [field: string]: unknown;
}

export interface ControllerProcess {
  child: ChildProcess;
  logs: LogLine[];
  /** Lines that were not JSON (crashes). */
  raw: string[];
  metricsPort: number;
  waitForLog(what: string, match: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node controller/dist/main.js controller …` and waits for its metrics port. */
export async function startController(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<ControllerProcess> {
  const child = spawn(
    process.execPath,
    [bundle, "controller", "--metrics-port", "0", "--metrics-host", "127.0.0.1", ...args],
    {
      env: { ...process.env, LOG_LEVEL: "debug", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const logs: LogLine[] = [];
  const raw: string[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  let partial = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    partial += chunk;
    let nl = partial.indexOf("\n");
    while (nl !== -1) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      nl = partial.indexOf("\n");
      let parsed: LogLine | undefined;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        raw.push(line);
        continue;
      }
      logs.push(parsed);
      for (const w of [...waiters]) {
        if (w.match(parsed)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(parsed);
        }
      }
    }
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitForLog = (
    what: string,
    match: (l: LogLine) => boolean,
    timeoutMs = 60_000,
  ): Promise<LogLine> => {
    const seen = logs.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `controller did not log ${what} within ${timeoutMs} ms; last lines:\n${[...raw.slice(-5), ...logs.slice(-10).map((l) => JSON.stringify(l))].join("\n")}`,
          ),
        );
      }, timeoutMs);
      waiters.push({
        match,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  };
  const started = await Promise.race([
    waitForLog("started", (l) => l.msg === "started"),
    exited.then((code) => {
      throw new Error(`controller exited with ${code}: ${raw.join("\n")}`);
    }),
  ]);
  return {
    child,
    logs,
    raw,
    metricsPort: started.metrics_port as number,
    waitForLog,
    exited,
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface RealtimeApi {
  apiVersion: "cortexdeploy.dev/v1alpha1";
  kind: "RealtimeAPI";
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
  status?: RealtimeApiStatus;
}

export interface EchoOptions {
  image?: string;
  tag?: string;
  replicas?: number;
  maxReplicas?: number;
  command?: string[];
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  progressDeadline?: string;
  autoscaling?: Record<string, unknown>;
  maxConcurrency?: number;
  annotations?: Record<string, string>;
}

/** A RealtimeAPI serving the sandbox's echo image, defaulted as the Action applies it. */
export function echoApi(name: string, o: EchoOptions = {}): RealtimeApi {
  const replicas = o.replicas ?? 1;
  return {
    apiVersion: "cortexdeploy.dev/v1alpha1",
    kind: "RealtimeAPI",
    metadata: { name, ...(o.annotations === undefined ? {} : { annotations: o.annotations }) },
    spec: {
      pod: {
        port: 8080,
        max_concurrency: o.maxConcurrency ?? 4,
        max_queue_length: 100,
        containers: [
          {
            name: "api",
            image: o.image ?? `sandbox.test/http-echo:${o.tag ?? "v1"}`,
            env: { PORT: "8080" },
            command: o.command ?? null,
            args: null,
            compute: { cpu: "10m", mem: null, gpu: 0, inf: 0, shm: null },
            readiness_probe: null,
            liveness_probe: null,
            pre_stop: null,
          },
        ],
      },
      node_groups: null,
      networking: { endpoint: `/${name}` },
      autoscaling: {
        min_replicas: replicas,
        max_replicas: o.maxReplicas ?? Math.max(replicas, 10),
        init_replicas: replicas,
        target_in_flight: o.maxConcurrency ?? 4,
        window: "60s",
        downscale_stabilization_period: "5m",
        upscale_stabilization_period: "1m",
        max_downscale_factor: 0.75,
        max_upscale_factor: 1.5,
        downscale_tolerance: 0.05,
        upscale_tolerance: 0.05,
        panic_window: "6s",
        panic_threshold: 2,
        ...o.autoscaling,
      },
      update_strategy: {
        max_surge: o.maxSurge ?? 1,
        max_unavailable: o.maxUnavailable ?? 0,
        progress_deadline: o.progressDeadline ?? "10m",
      },
    },
  };
}

export function apiPath(namespace: string, name?: string, sub?: string): string {
  return `/apis/cortexdeploy.dev/v1alpha1/namespaces/${namespace}/realtimeapis${name === undefined ? "" : `/${name}`}${sub === undefined ? "" : `/${sub}`}`;
}

/** Server-side apply as the Action does it (field manager cortex-deploy). */
export function applyApi(
  client: KubeClient,
  namespace: string,
  api: RealtimeApi,
): Promise<RealtimeApi> {
  return client.apply<RealtimeApi>(
    apiPath(namespace, api.metadata.name),
    { ...api, metadata: { ...api.metadata, namespace } },
    "cortex-deploy",
  );
}

export function getApi(client: KubeClient, namespace: string, name: string): Promise<RealtimeApi> {
  return client.get<RealtimeApi>(apiPath(namespace, name));
}

export function condition(api: RealtimeApi, type: string) {
  return api.status?.conditions?.find((c) => c.type === type);
}

/** The API's status once it describes the current generation and has the phase. */
export function waitForPhase(
  client: KubeClient,
  namespace: string,
  name: string,
  phase: string,
  timeoutMs = 120_000,
): Promise<RealtimeApi> {
  return eventually(
    `${namespace}/${name} phase ${phase}`,
    async () => {
      const api = await getApi(client, namespace, name);
      const current = api.status?.observedGeneration === api.metadata.generation;
      if (current && api.status?.phase === phase) return api;
      // Thrown, so a timeout shows how far the API got.
      throw new Error(
        `generation ${api.metadata.generation}, status ${JSON.stringify(api.status)}`,
      );
    },
    timeoutMs,
  );
}

export async function listPods(client: KubeClient, namespace: string, api: string): Promise<Pod[]> {
  const list = await client.get<{ items: Pod[] }>(
    `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`cortexdeploy.dev/api=${api}`)}`,
  );
  return list.items;
}

export function isPodReady(p: Pod): boolean {
  return (
    p.metadata.deletionTimestamp === undefined &&
    p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true
  );
}

export interface HttpReply {
  status: number;
  body: string;
}

export function httpGet(
  host: string,
  port: number,
  urlPath = "/",
  timeoutMs = 5000,
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: urlPath, timeout: timeoutMs, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        body += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${host}:${port}${urlPath} timed out`)));
    req.on("error", reject);
    req.end();
  });
}

export interface TcpCut {
  port: number;
  host: string;
  /** Drops every connection and refuses new ones, as an API server that went down. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port, as the API server back up. */
  restore(): Promise<void>;
  /**
   * Every open connection stops carrying data both ways, without a reset or a close (a dead
   * node, NAT or load balancer state lost); new connections work.
   */
  blackhole(): void;
  close(): Promise<void>;
}

/** A TCP forwarder between one client and the API server, to take the server away from it. */
export async function startTcpCut(target: { host: string; port: number }): Promise<TcpCut> {
  const sockets = new Set<Socket>();
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  });
  const listenOn = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, target.host, () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listenOn(0);
  const closeServer = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
      sockets.clear();
    });
  return {
    port,
    host: target.host,
    cut: closeServer,
    restore: async () => {
      await listenOn(port);
    },
    blackhole: () => {
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        // Read and drop: nothing reaches the other side, and neither side sees an end.
        client.on("data", () => {});
        upstream.on("data", () => {});
      }
      pairs.clear();
    },
    close: closeServer,
  };
}

/** A copy of the sandbox kubeconfig whose server is `host:port` (same certificate names). */
export async function kubeconfigVia(
  host: string,
  port: number,
  file: string,
  source = sharedKubeconfig(),
): Promise<string> {
  const text = await readFile(source, "utf8");
  const doc = parse(text) as { clusters: { cluster: { server: string } }[] };
  for (const c of doc.clusters) c.cluster.server = `https://${host}:${port}`;
  await writeFile(file, stringify(doc));
  return file;
}

/** host and port of the API server in the sandbox kubeconfig. */
export async function apiServerAddress(
  kubeconfig = sharedKubeconfig(),
): Promise<{ host: string; port: number }> {
  const text = await readFile(kubeconfig, "utf8");
  const doc = parse(text) as { clusters: { cluster: { server: string } }[] };
  const url = new URL(doc.clusters[0]?.cluster.server as string);
  return { host: url.hostname, port: Number(url.port) };
}

export interface ControllerBed {
  client: KubeClient;
  ns: string;
  controller: ControllerProcess;
}

/**
 * A test file's usual setup: the bundle and the CRDs, a fresh namespace, and a controller watching
 * only that namespace (with `args` added).
 */
export async function setUpControllerBed(
  prefix: string,
  args: string[] = [],
): Promise<ControllerBed> {
  requireControllerImage();
  const client = await kube();
  let ns: string | undefined;
  try {
    await Promise.all([buildControllerBundle(), installCrds(client)]);
    ns = await createNamespace(client, prefix);
    const controller = await startController([
      "--namespace",
      ns,
      "--leader-election-namespace",
      ns,
      ...args,
    ]);
    return { client, ns, controller };
  } catch (err) {
    // The caller gets nothing to tear down, so undo here what was made.
    await tearDownControllerBed({ client, ns });
    throw err;
  }
}

/** Undoes setUpControllerBed (any part of it that exists). */
export async function tearDownControllerBed(bed: Partial<ControllerBed>): Promise<void> {
  await bed.controller?.stop();
  if (bed.client !== undefined && bed.ns) await deleteNamespace(bed.client, bed.ns);
  bed.client?.close();
}
