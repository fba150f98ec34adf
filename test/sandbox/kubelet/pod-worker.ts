// One pod's life on the node (process mode): its network and volumes, its containers as local
// processes (init containers first), probes, restarts, status reports, and on deletion preStop,
// SIGTERM, SIGKILL after the grace period, and the final delete that removes it from the API.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { constants } from "node:os";
import { join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type BackoffPolicy, nextBackoff } from "./backoff.ts";
import type { KubeletConfig } from "./config.ts";
import { LogWriter, logFile, prepareRunLog } from "./container-logs.ts";
import {
  findExecutable,
  type LaunchSpec,
  type MountSpec,
  spawnContainer,
} from "./container-process.ts";
import { type ContainerRecord, exitCodeOf, exitReason, newRecord } from "./container-state.ts";
import { ConfigError, containerEnv, envReferences } from "./env.ts";
import type { EventRecorder } from "./events.ts";
import { expandAll } from "./expand.ts";
import { type HandlerTarget, runHandler } from "./handlers.ts";
import { containerArgv, missingImageMessage, resolveImage } from "./image-map.ts";
import type { ImageMapFiles } from "./image-map-files.ts";
import type { IpPool } from "./ip-pool.ts";
import { isNotFound, type KubeClient } from "./kube-client.ts";
import type { ConfigMap, Container, Pod, PodCondition, Secret } from "./kube-types.ts";
import type { LogRun } from "./log-server.ts";
import { createPodNetwork, deletePodNetwork, type PodNetwork } from "./netns.ts";
import { nodeCapacity } from "./node.ts";
import { procStartTime, removePidRecord, writePidRecord } from "./pid-records.ts";
import { planPod, type RestartPolicy } from "./pod-plan.ts";
import { type Phase, podPhase, podStatusPatch } from "./pod-status.ts";
import { ContainerProber } from "./prober.ts";
import type { StatusQueue } from "./status-queue.ts";
import {
  DEFAULT_TERMINATION_MESSAGE_PATH,
  prepareTerminationFile,
  readTerminationMessage,
} from "./termination-message.ts";
import { type PreparedVolumes, prepareVolumes, type VolumeSources } from "./volumes.ts";

export interface WorkerContext {
  config: KubeletConfig;
  client: KubeClient;
  images: ImageMapFiles;
  ipPool: IpPool;
  backoff: BackoffPolicy;
  statuses: StatusQueue;
  /** Mount and UTS namespaces are available (we are root). */
  namespaced: boolean;
  volumeSources: VolumeSources;
  events: EventRecorder;
  log(message: string): void;
  finished(worker: PodWorker): void;
}

interface LiveRun {
  record: ContainerRecord;
  child: ChildProcess;
  pid: number;
  runIndex: number;
  closed: boolean;
  stopping: boolean;
  exited: Promise<void>;
  prober?: ContainerProber;
  target: HandlerTarget;
  /** The host file behind the container's terminationMessagePath (namespaced mode only). */
  terminationFile?: string;
}

type WorkerState = "setup" | "active" | "finished" | "terminating" | "gone";

/** Setting a pod up, or syncing it, is tried again this long after it failed. */
const retryMs = 2000;
/** After SIGTERM the kubelet gives at least this long, even when preStop used up the grace. */
const minKillGraceMs = 2000;

function apiTime(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}

/** Pod hostnames are DNS labels: at most 63 characters, no trailing dot or dash. */
export function podHostname(pod: Pod): string {
  return (pod.spec.hostname ?? pod.metadata.name).slice(0, 63).replace(/[-.]+$/, "");
}

/** What a path inside the container is on the host, given the container's bind mounts. */
export function hostView(path: string, mounts: readonly MountSpec[]): string {
  let best: MountSpec | undefined;
  for (const m of mounts) {
    const rel = relative(m.target, path);
    if (rel.startsWith("..") || rel.startsWith("/")) continue;
    if (!best || m.target.length > best.target.length) best = m;
  }
  return best ? join(best.source, relative(best.target, path)) : path;
}

export class PodWorker {
  pod: Pod;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  private readonly dir: string;
  private readonly records = new Map<string, ContainerRecord>();
  private readonly runs = new Map<string, LiveRun>();
  /** Each container's latest run, kept after it exits so its log can still be followed. */
  private readonly latestRuns = new Map<string, LiveRun>();
  private state: WorkerState = "setup";
  private network?: PodNetwork;
  private volumes?: PreparedVolumes;
  private readonly startTime = apiTime();
  private message?: string;
  private finalPhase?: Phase;
  private initFailed = false;
  private syncing = false;
  private again = false;
  private wakeTimer?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;
  private lastConditions: PodCondition[] = [];
  private lastReport = "";
  private terminated?: Promise<void>;

  constructor(
    pod: Pod,
    private readonly ctx: WorkerContext,
  ) {
    this.pod = pod;
    this.uid = pod.metadata.uid ?? "";
    this.namespace = pod.metadata.namespace ?? "default";
    this.name = pod.metadata.name;
    this.dir = join(ctx.config.stateDir, "pods", this.uid);
    for (const c of pod.spec.initContainers ?? []) {
      this.records.set(
        c.name,
        newRecord(c.name, c.image ?? "", true, c.restartPolicy === "Always"),
      );
    }
    for (const c of pod.spec.containers) {
      this.records.set(c.name, newRecord(c.name, c.image ?? "", false));
    }
    // After a kubelet restart the pod's processes start afresh; its restart counts carry on.
    for (const status of [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ]) {
      const record = this.records.get(status.name);
      if (record) record.restartCount = status.restartCount;
    }
  }

  get restartPolicy(): RestartPolicy {
    return this.pod.spec.restartPolicy ?? "Always";
  }

  private spec(name: string): Container | undefined {
    return (
      this.pod.spec.containers.find((c) => c.name === name) ??
      this.pod.spec.initContainers?.find((c) => c.name === name)
    );
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  start(): void {
    mkdirSync(this.dir, { recursive: true });
    this.report();
    void this.setUp();
  }

  private async setUp(): Promise<void> {
    if (this.state !== "setup") return;
    try {
      if (!this.network) {
        // A pod this kubelet ran before it restarted keeps its address when it can.
        const previous = this.pod.status?.podIP;
        const address = (previous && this.ctx.ipPool.claim(previous)) || this.ctx.ipPool.allocate();
        if (!address) throw new ConfigError("no free pod IP left in the sandbox subnet");
        let network: PodNetwork;
        try {
          network = await createPodNetwork(this.ctx.config.network, address.ip, address.octet);
        } catch (err) {
          this.ctx.ipPool.release(address.octet);
          throw err;
        }
        if (this.state !== "setup") {
          // Terminated while the network was being made; terminate() could not see it.
          await deletePodNetwork(this.ctx.config.network, address.octet);
          this.ctx.ipPool.release(address.octet);
          return;
        }
        this.network = network;
      }
      this.volumes = await prepareVolumes(this.dir, this.writeContext(this.network.ip));
      this.scheduleVolumeRefresh();
      this.message = undefined;
      this.state = "active";
      this.requestSync();
    } catch (err) {
      // Kubernetes keeps such a pod in ContainerCreating and retries (FailedMount, …).
      this.message = err instanceof Error ? err.message : String(err);
      this.ctx.log(`pod ${this.namespace}/${this.name}: setup: ${this.message}`);
      this.report();
      setTimeout(() => void this.setUp(), retryMs).unref();
    }
  }

  private writeContext(podIp: string) {
    return {
      pod: this.pod,
      podIp,
      hostIp: this.ctx.config.network.hostIp,
      nodeName: this.ctx.config.nodeName,
      sources: this.ctx.volumeSources,
    };
  }

  private scheduleVolumeRefresh(): void {
    const at = this.volumes?.refreshAtMs;
    if (at === undefined) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        if (!this.network || this.state === "terminating" || this.state === "gone") return;
        prepareVolumes(this.dir, this.writeContext(this.network.ip))
          .then((v) => {
            this.volumes = v;
            this.scheduleVolumeRefresh();
          })
          .catch((err: unknown) =>
            this.ctx.log(`pod ${this.name}: refreshing volumes: ${String(err)}`),
          );
      },
      Math.max(1000, at - Date.now()),
    );
    this.refreshTimer.unref();
  }

  /** A newer version of the pod from the API. */
  update(pod: Pod): void {
    if (pod.metadata.uid !== this.uid) return;
    this.pod = pod;
    if (pod.metadata.deletionTimestamp) void this.terminate({ deleteFromApi: true });
  }

  /** The pod is gone from the API (force-deleted, or deleted while we were away). */
  removed(): Promise<void> {
    return this.terminate({ deleteFromApi: false });
  }

  // ---- syncing -----------------------------------------------------------------------------

  private requestSync(): void {
    if (this.syncing) {
      this.again = true;
      return;
    }
    this.syncing = true;
    void (async () => {
      try {
        do {
          this.again = false;
          await this.syncOnce();
        } while (this.again);
      } catch (err) {
        // Retried, as the kubelet retries a pod's sync: a start that failed on a passing error
        // (the API server unreachable while reading an env Secret) would leave the pod waiting
        // forever.
        this.ctx.log(
          `pod ${this.namespace}/${this.name}: sync: ${String(err)}; retrying in ${retryMs} ms`,
        );
        setTimeout(() => this.requestSync(), retryMs).unref();
      } finally {
        this.syncing = false;
      }
    })();
  }

  private async syncOnce(): Promise<void> {
    if (this.state !== "active") return;
    const records = [...this.records.values()];
    const now = Date.now();
    const plan = planPod(this.restartPolicy, records, now, this.ctx.backoff);
    for (const b of plan.backingOff) {
      const record = this.records.get(b.name);
      if (!record) continue;
      record.waiting = {
        reason: "CrashLoopBackOff",
        message: `back-off ${Math.round(b.delayMs / 1000)}s restarting failed container=${b.name} pod=${this.name}_${this.namespace}(${this.uid})`,
      };
    }
    for (const name of plan.start) {
      const record = this.records.get(name);
      if (record && this.state === "active") await this.startContainer(record);
    }
    if (plan.start.length > 0) this.again = true;
    if (plan.initFailed) this.initFailed = true;
    clearTimeout(this.wakeTimer);
    if (plan.wakeAtMs !== undefined) {
      this.wakeTimer = setTimeout(
        () => this.requestSync(),
        Math.max(0, plan.wakeAtMs - Date.now()) + 5,
      );
      this.wakeTimer.unref();
    }
    if (plan.done && plan.start.length === 0) await this.finish();
    this.report();
  }

  /** Every container has finished for good: stop sidecars, free the network, keep the logs. */
  private async finish(): Promise<void> {
    if (this.state !== "active") return;
    this.state = "finished";
    const deadline = Date.now() + this.graceMs();
    await Promise.all([...this.runs.values()].map((run) => this.stopRun(run, deadline, false)));
    this.finalPhase = podPhase(this.restartPolicy, [...this.records.values()], this.initFailed);
    await this.releaseNetwork();
  }

  // ---- starting containers -----------------------------------------------------------------

  /** A start that failed before a process ran; retried behind its own back-off. */
  private blockStart(record: ContainerRecord, reason: string, message: string): void {
    const now = Date.now();
    record.startBackoff = nextBackoff(record.startBackoff, now, this.ctx.backoff);
    record.retryAtMs = now + record.startBackoff.delayMs;
    record.waiting = { reason, message };
    this.ctx.log(
      `pod ${this.namespace}/${this.name}: container ${record.name}: ${reason}: ${message}`,
    );
  }

  private async fetchEnvObjects(container: Container) {
    const refs = envReferences(container);
    const secrets = new Map<string, Secret>();
    const configMaps = new Map<string, ConfigMap>();
    await Promise.all([
      ...refs.secrets.map(async (n) => {
        const s = await this.ctx.volumeSources.secret(this.namespace, n);
        if (s) secrets.set(n, s);
      }),
      ...refs.configMaps.map(async (n) => {
        const c = await this.ctx.volumeSources.configMap(this.namespace, n);
        if (c) configMaps.set(n, c);
      }),
    ]);
    return { secrets, configMaps };
  }

  private mountsFor(container: Container): MountSpec[] {
    const mounts: MountSpec[] = [];
    for (const vm of container.volumeMounts ?? []) {
      const base = this.volumes?.paths.get(vm.name);
      if (base === undefined) throw new ConfigError(`volume "${vm.name}" not found in the pod`);
      const source = vm.subPath ? join(base, vm.subPath) : base;
      let isFile = false;
      try {
        isFile = statSync(source).isFile();
      } catch {
        mkdirSync(source, { recursive: true }); // Kubernetes creates a missing subPath folder
      }
      mounts.push({ source, target: vm.mountPath, readOnly: vm.readOnly ?? false, isFile });
    }
    return mounts;
  }

  private async startContainer(record: ContainerRecord): Promise<void> {
    const spec = this.spec(record.name);
    const network = this.network;
    if (!spec || !network) return;
    const image = spec.image ?? "";
    let maps: ReturnType<ImageMapFiles["load"]>;
    try {
      maps = this.ctx.images.load();
    } catch (err) {
      this.blockStart(record, "ErrImagePull", `reading the sandbox image map: ${String(err)}`);
      return;
    }
    const entry = resolveImage(maps, image);
    if (!entry) {
      const failedBefore =
        record.waiting?.reason === "ErrImagePull" || record.waiting?.reason === "ImagePullBackOff";
      const reason = failedBefore ? "ImagePullBackOff" : "ErrImagePull";
      this.blockStart(record, reason, missingImageMessage(image, this.ctx.images.files));
      return;
    }
    const hostname = podHostname(this.pod);
    let env: Map<string, string>;
    let mounts: MountSpec[];
    try {
      const { secrets, configMaps } = await this.fetchEnvObjects(spec);
      env = containerEnv(spec, {
        pod: this.pod,
        podIp: network.ip,
        hostIp: this.ctx.config.network.hostIp,
        nodeName: this.ctx.config.nodeName,
        apiServerHost: this.ctx.config.apiServerHost,
        apiServerPort: this.ctx.config.apiServerPort,
        secrets,
        configMaps,
        nodeCapacity,
      });
      mounts = this.mountsFor(spec);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.blockStart(record, "CreateContainerConfigError", err.message);
      return;
    }
    if (this.state !== "active") return;
    const argv = containerArgv(entry, expandAll(spec.command, env), expandAll(spec.args, env));
    if (argv.length === 0) {
      this.blockStart(record, "CreateContainerError", `no command specified for image "${image}"`);
      return;
    }
    const processEnv: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      HOME: process.env.HOME ?? "/root",
      HOSTNAME: hostname,
      // Ours: the image this process stands in for (a real container knows it by its files).
      SANDBOX_IMAGE: image,
      ...Object.fromEntries(env),
    };
    const workdir = spec.workingDir || entry.workdir;
    const now = Date.now();
    // A restart: the exit just seen becomes lastState, and the crash-loop back-off grows.
    if (record.state.kind === "exited") {
      record.lastTerminated = record.state.terminated;
      record.restartCount++;
      record.backoff = nextBackoff(record.backoff, now, this.ctx.backoff);
    }
    record.waiting = undefined;
    record.retryAtMs = undefined;
    record.startBackoff = undefined;
    record.imageId = `sandbox-image://${entry.pattern}`;
    const visible = this.ctx.namespaced ? mounts : [];
    const argv0 = argv[0] ?? "";
    const executable = findExecutable(
      argv0.startsWith("/") ? hostView(argv0, visible) : argv0,
      hostView(workdir, visible),
      processEnv.PATH ?? "",
    );
    if (!executable) {
      // Kubernetes' StartError: the runtime could not exec the command.
      record.state = {
        kind: "exited",
        terminated: {
          exitCode: 128,
          reason: "StartError",
          message: `exec: "${argv0}": executable file not found in $PATH (workdir ${workdir})`,
          startedAt: apiTime(now),
          finishedAt: apiTime(now),
        },
      };
      return;
    }
    // Like a kubelet's, a file per run at terminationMessagePath; it needs the mount namespace
    // (without it, every container would share one file of the host).
    const terminationFile = this.ctx.namespaced
      ? prepareTerminationFile(this.dir, record.name, record.restartCount)
      : undefined;
    const launch: LaunchSpec = {
      argv,
      env: processEnv,
      workdir,
      hostname,
      mounts:
        terminationFile === undefined
          ? visible
          : [
              ...visible,
              {
                source: terminationFile,
                target: spec.terminationMessagePath || DEFAULT_TERMINATION_MESSAGE_PATH,
                readOnly: false,
                isFile: true,
              },
            ],
      netns: network.netns,
      namespaced: this.ctx.namespaced,
    };
    const file = prepareRunLog(this.dir, record.name, record.restartCount);
    const writer = new LogWriter(file);
    const child = spawnContainer(launch);
    const pid = child.pid ?? -1;
    if (pid > 0) {
      writePidRecord(this.ctx.config.stateDir, {
        pid,
        startTime: procStartTime(pid) ?? "",
        podUid: this.uid,
        container: record.name,
      });
    }
    record.state = { kind: "running", startedAt: apiTime(now) };
    record.containerId = `sandbox://${this.uid}/${record.name}/${record.restartCount}`;
    record.ready = !spec.readinessProbe;
    record.started = !spec.startupProbe;
    let markExited = () => {};
    const run: LiveRun = {
      record,
      child,
      pid,
      runIndex: record.restartCount,
      closed: false,
      stopping: false,
      exited: new Promise<void>((resolve) => {
        markExited = resolve;
      }),
      target: {
        podIp: network.ip,
        container: spec,
        pid: pid > 0 ? pid : undefined,
        namespaced: this.ctx.namespaced,
        env: processEnv,
        workdir,
      },
      ...(terminationFile === undefined ? {} : { terminationFile }),
    };
    this.runs.set(record.name, run);
    this.latestRuns.set(record.name, run);
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => writer.write("stdout", chunk));
    child.stderr?.on("data", (chunk: string) => writer.write("stderr", chunk));
    let exited = false;
    const onExit = (code: number | null, signal: NodeJS.Signals | null, message?: string) => {
      if (exited) return;
      exited = true;
      this.onExit(run, code, signal, message);
      markExited();
      // Output a forked child still holds open must not keep the log "active" forever.
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, 2000).unref();
    };
    child.on("exit", (code, signal) => onExit(code, signal));
    child.on("error", (err) => {
      writer.write("stderr", `sandbox kubelet: failed to start ${argv0}: ${err.message}\n`);
      onExit(128, null, err.message);
    });
    child.on("close", () => {
      writer.flush();
      run.closed = true;
    });
    this.ctx.log(
      `pod ${this.namespace}/${this.name}: started ${record.name} (pid ${pid}): ${argv.join(" ")}`,
    );
    this.startProbes(run, spec);
    const postStart = spec.lifecycle?.postStart;
    if (postStart) {
      void runHandler(postStart, run.target, this.graceMs()).then((result) => {
        if (!result.ok && this.runs.get(record.name) === run) {
          this.ctx.log(
            `pod ${this.name}: ${record.name}: postStart hook failed: ${result.message}`,
          );
          void this.killRun(run, this.graceMs());
        }
      });
    }
  }

  private startProbes(run: LiveRun, spec: Container): void {
    if (!spec.readinessProbe && !spec.livenessProbe && !spec.startupProbe) return;
    const current = () => this.runs.get(run.record.name) === run && !run.stopping;
    const fieldPath = `spec.containers{${run.record.name}}`;
    run.prober = new ContainerProber(spec, run.target, {
      ready: (ok) => {
        if (!current()) return;
        run.record.ready = ok;
        this.report();
      },
      started: () => {
        if (!current()) return;
        run.record.started = true;
        this.report();
        this.requestSync(); // a sidecar that has started lets the next init container go
      },
      unhealthy: (message) => {
        if (!current()) return;
        this.ctx.events.record(this.pod, {
          type: "Warning",
          reason: "Unhealthy",
          message,
          fieldPath,
        });
      },
      failed: (kind, message) => {
        if (!current()) return;
        this.ctx.log(
          `pod ${this.namespace}/${this.name}: ${run.record.name}: ${message}; restarting`,
        );
        this.ctx.events.record(this.pod, {
          type: "Normal",
          reason: "Killing",
          message: `Container ${run.record.name} failed ${kind} probe, will be restarted`,
          fieldPath,
        });
        const probe = kind === "liveness" ? spec.livenessProbe : spec.startupProbe;
        const grace = probe?.terminationGracePeriodSeconds;
        void this.killRun(run, grace !== undefined ? grace * 1000 : this.graceMs());
      },
    });
    run.prober.start();
  }

  private onExit(
    run: LiveRun,
    code: number | null,
    signal: NodeJS.Signals | null,
    message?: string,
  ): void {
    const { record } = run;
    run.prober?.stop();
    if (run.pid > 0) removePidRecord(this.ctx.config.stateDir, run.pid);
    const signalNumber = signal ? constants.signals[signal] : undefined;
    const exitCode = exitCodeOf(code, signalNumber);
    const startedAt = record.state.kind === "running" ? record.state.startedAt : apiTime();
    // What the container wrote there wins over the kubelet's own note of a failed start.
    const written =
      run.terminationFile === undefined ? undefined : readTerminationMessage(run.terminationFile);
    const text = written ?? message;
    record.state = {
      kind: "exited",
      terminated: {
        exitCode,
        reason: exitReason(exitCode),
        startedAt,
        finishedAt: apiTime(),
        containerId: record.containerId,
        ...(signalNumber !== undefined ? { signal: signalNumber } : {}),
        ...(text ? { message: text } : {}),
      },
    };
    record.ready = false;
    record.started = false;
    if (this.runs.get(record.name) === run) this.runs.delete(record.name);
    this.ctx.log(`pod ${this.namespace}/${this.name}: ${record.name} exited with ${exitCode}`);
    if (this.state === "active") this.requestSync();
  }

  // ---- stopping ----------------------------------------------------------------------------

  private graceMs(): number {
    const seconds =
      this.pod.metadata.deletionGracePeriodSeconds ??
      this.pod.spec.terminationGracePeriodSeconds ??
      30;
    return seconds * 1000;
  }

  private signal(run: LiveRun, signal: NodeJS.Signals): void {
    if (run.pid <= 0) return;
    try {
      process.kill(-run.pid, signal);
    } catch {
      // the group is gone
    }
  }

  /** SIGTERM the process group, SIGKILL it after graceMs. */
  private async killRun(run: LiveRun, graceMs: number): Promise<void> {
    if (run.stopping) return run.exited;
    run.stopping = true;
    run.prober?.stop();
    this.signal(run, "SIGTERM");
    const timer = setTimeout(() => this.signal(run, "SIGKILL"), Math.max(0, graceMs));
    await run.exited;
    clearTimeout(timer);
  }

  /** preStop (within the grace period), then SIGTERM, then SIGKILL at the deadline. */
  private async stopRun(run: LiveRun, deadline: number, withHook: boolean): Promise<void> {
    run.prober?.stop();
    const preStop = this.spec(run.record.name)?.lifecycle?.preStop;
    if (withHook && preStop && !run.stopping) {
      const result = await Promise.race([
        runHandler(preStop, run.target, Math.max(1, deadline - Date.now())),
        run.exited.then(() => ({ ok: true, message: "" })),
      ]);
      if (!result.ok)
        this.ctx.log(`pod ${this.name}: ${run.record.name}: preStop: ${result.message}`);
    }
    await this.killRun(run, Math.max(deadline - Date.now(), minKillGraceMs));
  }

  private async releaseNetwork(): Promise<void> {
    const network = this.network;
    if (!network) return;
    this.network = undefined;
    await deletePodNetwork(this.ctx.config.network, network.octet);
    this.ctx.ipPool.release(network.octet);
  }

  /**
   * Stops every container and frees the pod's resources. deleteFromApi: the pod has a
   * deletionTimestamp and we finish the deletion. graceCapMs: the kubelet is shutting down.
   */
  terminate(opts: { deleteFromApi: boolean; graceCapMs?: number }): Promise<void> {
    this.terminated ??= this.doTerminate(opts);
    return this.terminated;
  }

  private async doTerminate(opts: { deleteFromApi: boolean; graceCapMs?: number }) {
    const podIp = this.network?.ip;
    this.state = "terminating";
    clearTimeout(this.wakeTimer);
    clearTimeout(this.refreshTimer);
    this.ctx.statuses.drop(this.uid);
    const grace = Math.min(this.graceMs(), opts.graceCapMs ?? Number.POSITIVE_INFINITY);
    const deadline = Date.now() + grace;
    this.ctx.log(`pod ${this.namespace}/${this.name}: stopping (grace ${grace} ms)`);
    // An ongoing start may still add a run; wait for the sync loop to notice the state.
    while (this.syncing) await sleep(20);
    await Promise.all([...this.runs.values()].map((run) => this.stopRun(run, deadline, true)));
    await this.releaseNetwork();
    if (opts.deleteFromApi) await this.deleteFromApi(podIp);
    rmSync(this.dir, { recursive: true, force: true });
    this.state = "gone";
    this.ctx.finished(this);
  }

  private async deleteFromApi(podIp: string | undefined): Promise<void> {
    const path = `/api/v1/namespaces/${this.namespace}/pods/${this.name}?gracePeriodSeconds=0`;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.ctx.client.delete(path, {
          apiVersion: "v1",
          kind: "DeleteOptions",
          gracePeriodSeconds: 0,
          preconditions: { uid: this.uid },
        });
        this.ctx.log(
          `pod ${this.namespace}/${this.name}: deleted${podIp ? ` (was ${podIp})` : ""}`,
        );
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        this.ctx.log(`pod ${this.namespace}/${this.name}: delete: ${String(err)}`);
        await sleep(500 * (attempt + 1));
      }
    }
  }

  // ---- reporting ---------------------------------------------------------------------------

  private report(): void {
    if (this.state === "terminating" || this.state === "gone") return;
    const records = [...this.records.values()];
    const phase = this.finalPhase ?? podPhase(this.restartPolicy, records, this.initFailed);
    // Our own last conditions keep transition times; the API's copy holds readiness gates.
    const previous = [
      ...this.lastConditions,
      ...(this.pod.status?.conditions ?? []).filter(
        (c) => !this.lastConditions.some((own) => own.type === c.type),
      ),
    ];
    const { status } = podStatusPatch({
      phase,
      records,
      sandboxReady: this.network !== undefined,
      readinessGates: (this.pod.spec.readinessGates ?? []).map((g) => g.conditionType),
      previous,
      now: apiTime(),
      hostIp: this.ctx.config.network.hostIp,
      podIp: this.network?.ip ?? this.pod.status?.podIP,
      startTime: this.startTime,
      message: this.message,
    });
    this.lastConditions = status.conditions ?? [];
    const text = JSON.stringify(status);
    if (text === this.lastReport) return;
    this.lastReport = text;
    this.ctx.statuses.set(this.namespace, this.name, this.uid, status);
  }

  // ---- logs --------------------------------------------------------------------------------

  /** The log file `kubectl logs` reads, chosen as the kubelet does from the container's status. */
  logRun(container: string, previous: boolean): LogRun | { status: number; message: string } {
    const record = this.records.get(container);
    if (!record) {
      return { status: 400, message: `container ${container} is not valid for pod ${this.name}` };
    }
    const n = record.restartCount;
    const crashLooping = record.state.kind === "exited" && record.waiting !== undefined;
    let index: number;
    if (previous) {
      index = crashLooping ? n : n - 1;
      if (index < 0 || (record.state.kind === "created" && !record.lastTerminated)) {
        return {
          status: 400,
          message: `previous terminated container "${container}" in pod "${this.name}" not found`,
        };
      }
    } else if (record.state.kind === "created") {
      return {
        status: 400,
        message: `container "${container}" in pod "${this.name}" is waiting to start: ${record.waiting?.reason ?? "ContainerCreating"}`,
      };
    } else {
      index = n;
    }
    const file = logFile(this.dir, container, index);
    return {
      file,
      active: () => {
        const run = this.latestRuns.get(container);
        return run !== undefined && run.runIndex === index && !run.closed;
      },
    };
  }
}
