// Everything the steps share, and the set-up that makes it: the cluster (a sandbox unless one is
// configured), the CRDs, the namespace and its artifacts Secret, the controller (on a sandbox), the
// demo's own git repository, endpoint watchers, the recorder and the load runs. Everything started
// here is registered with the cleanup, newest first.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { KubeClient } from "../../src/kube/client.ts";
import type { Cleanup } from "./cleanup.ts";
import { runCli } from "./cli-runner.ts";
import { type Cluster, openCluster } from "./cluster.ts";
import {
  ensureControllerBundle,
  type LocalController,
  startLocalController,
} from "./controller.ts";
import { EndpointWatcher } from "./endpoints.ts";
import { type Load, startLoad } from "./load.ts";
import { applyArtifactsSecret, deleteNamespace, freshNamespace, secretData } from "./namespace.ts";
import { type Output, shortPath } from "./output.ts";
import type { DemoParams } from "./params.ts";
import { Recorder } from "./recorder.ts";
import type { StepRecord, Transcript } from "./report.ts";
import { Tally } from "./tally.ts";
import { makeWorkDir, type WorkDir } from "./workdir.ts";

export const MAIN_API = "iris";
export const APIS = ["iris", "iris-lite"] as const;

/** The kubelet's crash-loop back-off on a new sandbox (Kubernetes: 10 s doubling to 5 min). */
export const SANDBOX_BACKOFF = { backoffBaseSeconds: 2, backoffMaxSeconds: 20 };

export interface SetUpOptions {
  params: DemoParams;
  out: Output;
  clock: () => number;
  signal: AbortSignal;
  cleanup: Cleanup;
  env: Readonly<Record<string, string | undefined>>;
  reportDir: string;
  /** Default: DEMO_NAMESPACE, else cortex-demo (a unique name on a shared sandbox). */
  namespace?: string | undefined;
  /** Another image for the example's containers (a real cluster). */
  image?: string | undefined;
}

export interface LoadRun {
  load: Load;
  tally: Tally;
  stop(): Promise<void>;
}

export interface DemoContext {
  params: DemoParams;
  out: Output;
  clock: () => number;
  signal: AbortSignal;
  cleanup: Cleanup;
  cluster: Cluster;
  client: KubeClient;
  namespace: string;
  work: WorkDir;
  reportDir: string;
  controller: LocalController | undefined;
  /** Every request the demo sent. */
  tally: Tally;
  endpoints: Record<(typeof APIS)[number], EndpointWatcher>;
  recorder: Recorder;
  /** Settings said on screen, repeated in the report. */
  settings: string[];
  /** Runs the CLI in the demo's repository; the transcript goes to `rec` when given. */
  cli(args: string[], rec?: StepRecord, show?: (line: string) => boolean): Promise<Transcript>;
  /** Starts closed-loop load on the main API; counted in the step's tally and the demo's. */
  startLoad(clients: number): LoadRun;
}

function namespaceFor(opts: SetUpOptions, shared: boolean): string {
  if (opts.namespace) return opts.namespace;
  if (opts.env.DEMO_NAMESPACE) return opts.env.DEMO_NAMESPACE;
  // A shared sandbox may hold an earlier run's namespace still terminating.
  return shared ? `cortex-demo-${Date.now().toString(36)}` : "cortex-demo";
}

export async function setUp(opts: SetUpOptions, rec: StepRecord): Promise<DemoContext> {
  const { out, cleanup, signal } = opts;
  await mkdir(opts.reportDir, { recursive: true });

  out.say("starting the local sandbox (or using the configured cluster)");
  const { cluster, choice } = await openCluster({
    env: opts.env,
    say: (line) => out.say(line),
    kubeletConfig: SANDBOX_BACKOFF,
  });
  cleanup.add("cluster", () => cluster.stop());
  out.say(`running against ${cluster.description} (${choice.reason})`);
  rec.notes.push(`target: ${cluster.description}`);
  const settings: string[] = [];
  if (cluster.mode === "new-sandbox") {
    settings.push(
      `sandbox kubelet crash-loop back-off shortened to ${SANDBOX_BACKOFF.backoffBaseSeconds}s doubling to ${SANDBOX_BACKOFF.backoffMaxSeconds}s (Kubernetes: 10s doubling to 5m)`,
    );
  }

  const client = await cluster.connect();
  cleanup.add("kube client", () => client.close());
  const namespace = namespaceFor(opts, cluster.mode === "running-sandbox");

  // Kept in the report folder after the run (its `git log` matches `history`); the next run
  // replaces the folder, so nothing piles up, even after a hard kill.
  const work = await makeWorkDir(path.join(opts.reportDir, "repo"), opts.image);
  const first = await work.commit("iris: model v1");
  out.say(
    `the demo's repository: ${shortPath(work.dir)} (a copy of examples/iris; commit ${first.slice(0, 12)})`,
  );

  const ctxCli = (args: string[], rec?: StepRecord, show?: (line: string) => boolean) =>
    runCli(args, { cwd: work.dir, env: cluster.env, out, signal, show }).then((t) => {
      rec?.transcripts.push(t);
      return t;
    });

  const install = await ctxCli(["install"], rec);
  if (install.exitCode !== 0) {
    // On a real cluster the CRDs are a prerequisite; the user may lack the rights to apply them.
    if (cluster.mode !== "cluster") {
      throw new Error(`cortex-deploy install failed (exit ${install.exitCode})`);
    }
    out.say("could not apply the CRDs; going on, assuming they are installed with the controller");
  }

  await freshNamespace(client, namespace, (l) => out.say(l));
  if (cluster.mode === "running-sandbox") {
    cleanup.add(`namespace ${namespace}`, () => deleteNamespace(client, namespace));
  }
  const data = secretData(cluster.env);
  if (data.AWS_ACCESS_KEY_ID !== undefined) {
    await applyArtifactsSecret(client, namespace, data);
    out.say(
      `namespace ${namespace} created, with Secret cortex-deploy-artifacts (${Object.keys(data).join(", ")}) for the pods' downloader`,
    );
  } else {
    out.say(
      `namespace ${namespace} created; no AWS_ACCESS_KEY_ID set, so the pods' downloader uses the cluster's own S3 credentials`,
    );
  }

  let controller: LocalController | undefined;
  if (cluster.runsController) {
    await ensureControllerBundle((l) => out.say(l));
    const logFile = path.join(opts.reportDir, "controller.log");
    controller = await startLocalController({
      kubeconfig: cluster.kubeconfigFile as string,
      namespace,
      logFile,
    });
    cleanup.add("controller", () => controller?.stop());
    out.say(
      `controller started as a local process (pid ${controller.pid}), watching ${namespace}; log: ${shortPath(logFile)}`,
    );
    rec.notes.push(`controller: local process, log in ${path.basename(logFile)}`);
  } else {
    out.say(
      "using the controller installed in the cluster (cortex-deploy install --with-controller)",
    );
  }

  const endpoints = {
    iris: new EndpointWatcher(client, namespace, "iris"),
    "iris-lite": new EndpointWatcher(client, namespace, "iris-lite"),
  };
  for (const [name, w] of Object.entries(endpoints)) {
    await w.start();
    cleanup.add(`endpoint watcher ${name}`, () => w.stop());
  }

  const tally = new Tally();
  const loads = new Set<Load>();
  const recorder = new Recorder({
    client,
    namespace,
    api: MAIN_API,
    endpoints: endpoints.iris,
    clock: opts.clock,
    counts: () => ({ served: tally.served, failed: tally.failed }),
    clientInFlight: () => [...loads].reduce((sum, l) => sum + l.inFlight, 0),
    onChange: (now, before) => {
      if (before === undefined) return;
      const desired =
        now.desired === before.desired
          ? ""
          : `desired ${before.desired ?? "-"} → ${now.desired ?? "-"}`;
      const ready = now.ready === before.ready ? "" : `ready ${before.ready} → ${now.ready}`;
      const figures = [
        now.proxyInFlight === undefined ? "" : `in flight ${now.proxyInFlight.toFixed(1)}`,
        now.proxyDemand === undefined ? "" : `demand ${now.proxyDemand.toFixed(1)}`,
      ].filter((f) => f !== "");
      const flight = figures.length === 0 ? "" : ` (${figures.join(", ")})`;
      out.say(`${MAIN_API}: ${[desired, ready].filter((s) => s !== "").join(", ")}${flight}`);
    },
  });
  recorder.start();
  cleanup.add("recorder", () => recorder.stop());

  const ctx: DemoContext = {
    params: opts.params,
    out,
    clock: opts.clock,
    signal,
    cleanup,
    cluster,
    client,
    namespace,
    work,
    reportDir: opts.reportDir,
    controller,
    tally,
    endpoints,
    recorder,
    settings,
    cli: ctxCli,
    startLoad(clients) {
      const stepTally = new Tally();
      const load = startLoad({
        clients,
        targets: () => endpoints.iris.ips(),
        onOutcome: (o) => {
          tally.add(o);
          stepTally.add(o);
        },
        maxSeconds: opts.params.loadMaxSeconds,
        maxRequests: opts.params.loadMaxRequests,
      });
      loads.add(load);
      let stopped: Promise<void> | undefined;
      const stop = () => {
        stopped ??= load.stop().then(() => {
          loads.delete(load);
          unregister();
        });
        return stopped;
      };
      const unregister = cleanup.add("load", stop);
      return { load, tally: stepTally, stop };
    },
  };
  return ctx;
}
