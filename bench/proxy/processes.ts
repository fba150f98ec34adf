// Child processes for the benchmark: start, wait for readiness, sample memory, stop.
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { connect } from "node:net";

export interface Child {
  proc: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  /** Resolves with the first value `parse` finds in the output; rejects if the process exits. */
  waitFor<T>(parse: (output: string) => T | undefined, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export function spawnChild(command: string, args: string[]): Child {
  const proc = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const l of listeners) l();
  };
  proc.stdout?.on("data", onData);
  proc.stderr?.on("data", onData);
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  return {
    proc,
    output: () => output,
    waitFor<T>(parse: (output: string) => T | undefined, timeoutMs = 30_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = (): void => {
          const value = parse(output);
          if (value !== undefined) {
            done();
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${command}: not ready in time:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          done();
          reject(new Error(`${command} exited (${proc.exitCode}):\n${output}`));
        });
        check();
      });
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The first JSON line of the output that has `field`, parsed. */
export function jsonLineWith<T extends object>(field: string) {
  return (output: string): T | undefined => {
    for (const line of output.split("\n")) {
      if (!line.startsWith("{") || !line.includes(`"${field}"`)) continue;
      try {
        return JSON.parse(line) as T;
      } catch {}
    }
    return undefined;
  };
}

/** Resident set size of a process in bytes (Linux /proc). */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m === null ? 0 : Number(m[1]) * 1024;
}

/** Waits until something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const give = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: "127.0.0.1", port });
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > give) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const address = s.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise((r) => s.close(r));
  return port;
}

/** Linux clock ticks per second for /proc CPU times (USER_HZ, 100 on every common kernel). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) used so far by these processes. */
export async function cpuSeconds(pids: readonly number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** A process and its direct children (nginx's master and workers). */
export async function withChildren(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => "");
  return [
    pid,
    ...text
      .split(" ")
      .filter((s) => s.trim() !== "")
      .map(Number),
  ];
}
