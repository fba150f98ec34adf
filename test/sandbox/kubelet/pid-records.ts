// Every process the kubelet starts is recorded in stateDir (pid + /proc start time, so a
// recycled pid is never mistaken for ours) until it exits; cleanup.ts kills what a crashed
// kubelet left behind.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface PidRecord {
  pid: number;
  /** Field 22 of /proc/<pid>/stat. */
  startTime: string;
  podUid: string;
  container: string;
}

function dir(stateDir: string): string {
  return join(stateDir, "pids");
}

export function procStartTime(pid: number): string | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is parenthesised and may hold spaces; count from after it.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X") return undefined;
  return fields[19];
}

export function writePidRecord(stateDir: string, record: PidRecord): void {
  mkdirSync(dir(stateDir), { recursive: true });
  writeFileSync(join(dir(stateDir), `${record.pid}.json`), JSON.stringify(record));
}

export function removePidRecord(stateDir: string, pid: number): void {
  rmSync(join(dir(stateDir), `${pid}.json`), { force: true });
}

export function readPidRecords(stateDir: string): PidRecord[] {
  let names: string[];
  try {
    names = readdirSync(dir(stateDir));
  } catch {
    return [];
  }
  const records: PidRecord[] = [];
  for (const name of names) {
    try {
      records.push(JSON.parse(readFileSync(join(dir(stateDir), name), "utf8")) as PidRecord);
    } catch {
      // a half-written record: its process had barely started; nothing to match it against
    }
  }
  return records;
}

/** The recorded process is alive and is the very one we started. */
export function isOurs(record: PidRecord): boolean {
  const start = procStartTime(record.pid);
  return start !== undefined && start === record.startTime;
}
