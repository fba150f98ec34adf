// `controller`: reconciles RealtimeAPIs into Deployments, Services and ControllerRevisions, rolls
// failed rollouts back, and autoscales on the proxies' in-flight counts. See DESIGN.md, "The
// controller". Runs in the cluster (service account) or as a local process (--kubeconfig).

import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeClient, kubeconfigErrorLine } from "../../../src/kube/client.ts";
import { FlagError, formatUsage, type ParsedFlags, parseFlags, wantsHelp } from "../lib/flags.ts";
import { createLogger } from "../lib/log.ts";
import { close, listen } from "../lib/net.ts";
import { onShutdown } from "../lib/signals.ts";
import { createCaches, startCaches, stopCaches } from "./caches.ts";
import { Controller } from "./controller.ts";
import { createEventRecorder } from "./events.ts";
import { controllerFlags } from "./flags.ts";
import { LeaderElector } from "./leader/elector.ts";
import { ControllerMetrics } from "./metrics.ts";
import { createControllerServer } from "./server.ts";

const SUMMARY =
  "Reconciles RealtimeAPIs (cortexdeploy.dev/v1alpha1) into Deployments with the proxy sidecar, " +
  "Services and ControllerRevisions; rolls failed rollouts back; autoscales on in-flight requests.";

type Flags = ParsedFlags<typeof controllerFlags>;

function loadKubeConfig(file: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  // One file: load it. A KUBECONFIG list or nothing: the client's default search (merged files,
  // ~/.kube/config, then the in-cluster service account).
  if (file !== undefined && !file.includes(":")) kc.loadFromFile(file);
  else kc.loadFromDefault();
  return kc;
}

export async function main(argv: string[]): Promise<number> {
  const usage = () => formatUsage("main.js controller", SUMMARY, controllerFlags);
  if (wantsHelp(argv)) {
    console.log(usage());
    return 0;
  }
  let flags: Flags;
  try {
    flags = parseFlags(controllerFlags, argv, process.env);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`controller: ${err.message}\n\n${usage()}`);
    return 2;
  }
  const identity =
    flags.identity ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const log = createLogger("controller").with({ identity });

  let client: KubeClient;
  try {
    client = await KubeClient.fromKubeConfig(loadKubeConfig(flags.kubeconfig), {
      userAgent: "cortex-deploy-controller",
      // Informers' watches hold sockets; reconciles of many APIs run at once.
      maxSockets: 64,
      timeoutMs: 30_000,
    });
  } catch (err) {
    // The first line only: the YAML parser quotes the file's lines, tokens included.
    log.error("cannot load the kubeconfig", { error: kubeconfigErrorLine(err) });
    return 1;
  }
  const metrics = new ControllerMetrics();
  client.observer = (method, _status, seconds) =>
    metrics.apiRequestSeconds.observe(seconds, { verb: method });
  const caches = createCaches(client, log, flags.namespace);
  let elector: LeaderElector | undefined;
  const controller = new Controller({
    client,
    caches,
    events: createEventRecorder(client, identity, log),
    metrics,
    log,
    reconcile: {
      render: {
        image: flags.image,
        terminationGracePeriodSeconds: Math.ceil(flags.terminationGracePeriod / 1000),
        nodeGroupLabel: flags.nodeGroupLabel,
      },
      historyLimit: flags.revisionHistoryLimit,
      crashRestarts: flags.crashRestarts,
      unschedulableTimeoutMs: flags.unschedulableTimeout,
      progressingRecheckMs: 30_000,
    },
    splitter: {
      image: flags.image,
      replicas: flags.splitterReplicas,
      terminationGracePeriodSeconds: Math.ceil(flags.terminationGracePeriod / 1000),
    },
    workers: flags.workers,
    resyncPeriodMs: flags.resyncPeriod,
    scrapeIntervalMs: flags.scrapeInterval,
    scrapeTimeoutMs: flags.scrapeTimeout,
    metricsUnavailableAfterMs: flags.metricsUnavailableAfter,
    decisionIntervalMs: flags.autoscaleInterval,
    retryBaseMs: flags.retryBase,
    retryMaxMs: flags.retryMax,
    mayAct: () => elector === undefined || elector.holdsLease(),
  });

  const server = createControllerServer({
    metrics: () => metrics.render(),
    ready: () => controller.ready(),
  });
  let stopSignals = (): void => {};
  const signalled = new Promise<void>((resolve) => {
    stopSignals = onShutdown((signal) => {
      log.info("received signal", { signal });
      resolve();
    });
  });
  let port: number;
  try {
    port = await listen(server, flags.metricsPort, flags.metricsHost);
  } catch (err) {
    log.error("cannot listen", { port: flags.metricsPort, err });
    stopSignals();
    client.close();
    return 1;
  }
  log.info("started", {
    metrics_port: port,
    namespace: flags.namespace ?? "(all)",
    image: flags.image,
    leader_election: flags.leaderElect,
  });
  startCaches(caches);

  const startActing = (): void => {
    metrics.leader.set(1);
    controller.startActing().catch((err: unknown) => log.error("cannot start acting", { err }));
  };
  const stopActing = (): void => {
    metrics.leader.set(0);
    controller.stopActing().catch((err: unknown) => log.error("cannot stop acting", { err }));
  };
  elector = flags.leaderElect
    ? new LeaderElector({
        client,
        namespace: flags.leaderElectionNamespace,
        name: flags.leaderElectionName,
        identity,
        timings: {
          leaseDurationMs: flags.leaseDuration,
          renewDeadlineMs: flags.renewDeadline,
          retryPeriodMs: flags.retryPeriod,
        },
        log,
        onStartedLeading: startActing,
        onStoppedLeading: stopActing,
      })
    : undefined;
  if (elector === undefined) startActing();
  else elector.start();

  await signalled;
  // Stop acting first (reconciles in progress finish), then hand the Lease over.
  await controller.stopActing();
  await elector?.stop();
  metrics.leader.set(0);
  await stopCaches(caches);
  await close(server);
  client.close();
  stopSignals();
  log.info("stopped");
  return 0;
}
