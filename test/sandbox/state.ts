// The state file: everything needed to find and stop a sandbox later, from another process
// (the CLI's `down`, the watchdog). Written after every change so a crash mid-start still
// leaves enough behind to clean up.
import { renameSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SandboxNetwork } from "./kubelet/network.ts";
import { stateFileName } from "./paths.ts";

export interface ProcessRecord {
  name: string;
  pid: number;
  /** /proc start time, so a recycled pid is never mistaken for ours. */
  startTime: string;
  log: string;
}

export interface SandboxState {
  version: 1;
  kind: "sandbox" | "s3";
  dir: string;
  /** dir is a temporary folder made for this sandbox: removed when it stops. */
  ownsDir: boolean;
  status: "starting" | "running" | "stopping" | "stopped";
  /** The process that started the sandbox; the watchdog stops everything when it dies. */
  ownerPid: number;
  ownerStartTime: string;
  watchdog?: ProcessRecord;
  processes: ProcessRecord[];
  network?: SandboxNetwork;
  kubeletStateDir?: string;
  /** The variables `env` prints and the tests read. */
  env: Record<string, string>;
}

export function stateFile(dir: string): string {
  return join(dir, stateFileName);
}

export async function readState(dir: string): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await readFile(stateFile(dir), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  return JSON.parse(text) as SandboxState;
}

/**
 * Atomic replace, so a reader never sees half a file. Synchronous, so concurrent start-up steps
 * saving at once cannot interleave and an older snapshot never lands after a newer one.
 */
export async function writeState(state: SandboxState): Promise<void> {
  const file = stateFile(state.dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}
