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
    this.state.processes.push(proc.record);
    await this.save();
    return proc;
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
    await this.stopWatchdog();
    await tearDown(this.state);
  }
}
