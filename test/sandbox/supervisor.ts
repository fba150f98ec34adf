// Owns one sandbox's processes while it starts and runs: spawns them, records each in the state
// file at once, runs the watchdog, and stops everything on failure or request.
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot, watchdogScript } from "./paths.ts";
import {
  isRunning,
  procStartTime,
  type RunningProcess,
  type SpawnSpec,
  spawnLogged,
  stopProcesses,
} from "./processes.ts";
import { readState, type SandboxState, writeState } from "./state.ts";
import { tearDown } from "./teardown.ts";

export class Supervisor {
  readonly logDir: string;
  /** How each process was spawned, so respawn() can start it again the same way. */
  private readonly specs = new Map<string, Omit<SpawnSpec, "logDir">>();
  private constructor(readonly state: SandboxState) {
    this.logDir = join(state.dir, "logs");
  }

  /**
   * Claims dir for a new sandbox. A sandbox still running there is refused; one whose owner died
   * without cleaning up is torn down first. Data from any earlier run is removed.
   */
  static async create(
    dir: string,
    kind: SandboxState["kind"],
    opts: { ownerPid?: number; ownsDir?: boolean } = {},
  ): Promise<Supervisor> {
    const ownerPid = opts.ownerPid ?? process.pid;
    await mkdir(dir, { recursive: true });
    const previous = await readState(dir);
    // Start-up clears sub-folders of dir; never do that to a folder that is not a sandbox's.
    if (!previous && (await readdir(dir)).length > 0) {
      throw new Error(`${dir} is not empty and holds no sandbox; choose an empty or new folder`);
    }
    if (previous && previous.status !== "stopped") {
      const alive = previous.processes.filter(isRunning);
      const ownerAlive = isRunning({ pid: previous.ownerPid, startTime: previous.ownerStartTime });
      if (alive.length > 0 && (ownerAlive || previous.ownerPid === 0)) {
        const names = alive.map((p) => `${p.name} (${p.pid})`).join(", ");
        throw new Error(`a sandbox is already running in ${dir}: ${names}; stop it first`);
      }
      await tearDown(previous);
    }
    for (const sub of ["logs", "etcd", "s3", "pki", "kubelet"]) {
      await rm(join(dir, sub), { recursive: true, force: true });
    }
    const state: SandboxState = {
      version: 1,
      kind,
      dir,
      ownsDir: opts.ownsDir ?? false,
      status: "starting",
      ownerPid,
      ownerStartTime: procStartTime(ownerPid) ?? "",
      processes: [],
      env: {},
    };
    await writeState(state);
    return new Supervisor(state);
  }

  async save(): Promise<void> {
    await writeState(this.state);
  }

  async spawn(spec: Omit<SpawnSpec, "logDir">): Promise<RunningProcess> {
    const proc = spawnLogged({ ...spec, logDir: this.logDir });
    this.specs.set(spec.name, spec);
    this.state.processes.push(proc.record);
    await this.save();
    return proc;
  }

  /**
   * Stops one process (SIGTERM to its group; SIGKILL after graceMs) and drops it from the state
   * file, so a later teardown does not look for it. A process that survives even SIGKILL stays
   * recorded, for teardown to try again.
   */
  async stopProcess(name: string, graceMs: number): Promise<void> {
    const record = this.state.processes.find((p) => p.name === name);
    if (record === undefined) throw new Error(`${name} is not running in this sandbox`);
    await stopProcesses([record], graceMs);
    if (isRunning(record)) throw new Error(`${name} (pid ${record.pid}) did not stop`);
    this.state.processes.splice(this.state.processes.indexOf(record), 1);
    await this.save();
  }

  /** Starts a process that stopProcess() stopped, exactly as it was first spawned. */
  async respawn(name: string): Promise<RunningProcess> {
    const spec = this.specs.get(name);
    if (spec === undefined) throw new Error(`${name} was never started in this sandbox`);
    if (this.state.processes.some((p) => p.name === name)) {
      throw new Error(`${name} is already running; stop it first`);
    }
    // A teardown that has begun has already chosen what to stop: a process started now would
    // outlive it.
    if (this.state.status === "stopping" || this.state.status === "stopped") {
      throw new Error(`the sandbox is ${this.state.status}; cannot start ${name}`);
    }
    return this.spawn(spec);
  }

  /** Starts the watchdog that tears everything down if this process dies first. */
  async startWatchdog(): Promise<void> {
    const proc = spawnLogged({
      name: "watchdog",
      command: "bash",
      args: [
        watchdogScript,
        String(this.state.ownerPid),
        this.state.ownerStartTime,
        this.state.dir,
        process.execPath,
      ],
      cwd: repoRoot,
      logDir: this.logDir,
    });
    this.state.watchdog = proc.record;
    await this.save();
  }

  /** For a sandbox meant to outlive its starter (`sandbox up`): no owner to watch any more. */
  async release(): Promise<void> {
    await this.stopWatchdog();
    this.state.ownerPid = 0;
    this.state.ownerStartTime = "";
    await this.save();
  }

  private async stopWatchdog(): Promise<void> {
    if (this.state.watchdog) await stopProcesses([this.state.watchdog], 15_000);
    this.state.watchdog = undefined;
  }

  async stop(): Promise<void> {
    // Already done (its temporary folder may be gone too): a second stop() has nothing to do.
    if (this.state.status === "stopped") return;
    await this.stopWatchdog();
    await tearDown(this.state);
  }
}
