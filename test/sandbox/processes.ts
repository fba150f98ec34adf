// Child processes of the sandbox: each in its own process group (so a signal reaches anything it
// forks), output appended to a log file, identified by pid plus /proc start time.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ProcessRecord } from "./state.ts";

export interface SpawnSpec {
  name: string;
  command: string;
  args: string[];
  logDir: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface RunningProcess {
  record: ProcessRecord;
  child: ChildProcess;
}

export function spawnLogged(spec: SpawnSpec): RunningProcess {
  mkdirSync(spec.logDir, { recursive: true });
  const log = join(spec.logDir, `${spec.name}.log`);
  const fd = openSync(log, "a");
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      // detached: a new session and process group, so the sandbox outlives a killed test runner
      // until the watchdog (or `down`) stops it, and one group signal reaches its children.
      detached: true,
      stdio: ["ignore", fd, fd],
    });
    // Never let a sandbox child keep the caller's event loop (e.g. `sandbox up`) alive.
    child.unref();
    child.on("error", () => {}); // reported through the exit check and the log instead
    const pid = child.pid;
    if (pid === undefined) throw new Error(`${spec.name}: could not start ${spec.command}`);
    return { record: { name: spec.name, pid, startTime: procStartTime(pid) ?? "", log }, child };
  } finally {
    closeSync(fd);
  }
}

/** Field 22 of /proc/<pid>/stat, plus the state letter; undefined when there is no such pid. */
function procStat(pid: number): { state: string; startTime: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces; count from after it.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTime = fields[19];
  if (state === undefined || startTime === undefined) return undefined;
  return { state, startTime };
}

export function procStartTime(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/** True while the recorded process exists, is not a zombie, and is the same process we started. */
export function isRunning(record: Pick<ProcessRecord, "pid" | "startTime">): boolean {
  const stat = procStat(record.pid);
  if (stat === undefined || stat.state === "Z" || stat.state === "X") return false;
  return record.startTime === "" || stat.startTime === record.startTime;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM every process group, wait up to graceMs for them to go, then SIGKILL what is left.
 * Only groups whose leader is verifiably ours are signalled.
 */
export async function stopProcesses(records: ProcessRecord[], graceMs: number): Promise<void> {
  const ours = records.filter((r) => isRunning(r)).map((r) => r.pid);
  for (const pid of ours) signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (ours.some(groupAlive) && Date.now() < deadline) await sleep(50);
  for (const pid of ours.filter(groupAlive)) signalGroup(pid, "SIGKILL");
  const killDeadline = Date.now() + 5000;
  while (ours.some(groupAlive) && Date.now() < killDeadline) await sleep(20);
}

/** The last lines of a log, for error messages. */
export function tailLog(file: string, lines = 30): string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return "(no log)";
  }
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Resident memory in KiB (VmRSS), 0 when the process is gone. */
function residentKiBOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match?.[1] ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Resident memory of a process group in KiB: the leader and everything it forked that stayed in
 * its group (for the kubelet, the esbuild helper of tsx; its pods run in groups of their own).
 */
export function residentKiB(pgid: number): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Field 5 (pgrp) is the third after the parenthesised command name.
    const group = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2];
    if (Number(group) === pgid) total += residentKiBOf(Number(entry));
  }
  return total;
}
