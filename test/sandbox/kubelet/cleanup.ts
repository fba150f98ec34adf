// Cleans up after a kubelet that is gone (crashed, killed, or stopped): its pods' processes,
// found through the pid records in stateDir, and this sandbox's pod namespaces and veths.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { tryRun } from "./exec.ts";
import type { SandboxNetwork } from "./network.ts";
import { netnsPrefix, subnetIndexOfCidr } from "./network-names.ts";
import { isOurs, type PidRecord, readPidRecords, removePidRecord } from "./pid-records.ts";

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

/** SIGTERM, a short wait, then SIGKILL; only processes whose pid and start time match. */
export async function killRecorded(stateDir: string, graceMs = 1000): Promise<number> {
  const records = readPidRecords(stateDir);
  const live: PidRecord[] = records.filter(isOurs);
  for (const r of live) signalGroup(r.pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (live.some(isOurs) && Date.now() < deadline) await sleep(50);
  for (const r of live.filter(isOurs)) signalGroup(r.pid, "SIGKILL");
  const killDeadline = Date.now() + 3000;
  while (live.some(isOurs) && Date.now() < killDeadline) await sleep(20);
  for (const r of records) removePidRecord(stateDir, r.pid);
  return live.length;
}

/** This sandbox's pod network namespaces and host-side veths. */
export async function deletePodNetworks(net: SandboxNetwork): Promise<void> {
  if (net.mode !== "netns") return;
  const index = subnetIndexOfCidr(net.podCidr);
  const prefix = netnsPrefix(index);
  const namespaces = await tryRun("ip", ["netns", "list"]);
  for (const line of namespaces.stdout.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    if (name.startsWith(prefix)) await tryRun("ip", ["netns", "del", name]);
  }
  const links = await tryRun("ip", ["-o", "link", "show"]);
  for (const match of links.stdout.matchAll(/^\d+: (cdv(\d+)-\d+)[@:]/gm)) {
    if (Number(match[2]) === index && match[1]) await tryRun("ip", ["link", "del", match[1]]);
  }
}

export async function cleanUpKubelet(stateDir: string, net: SandboxNetwork): Promise<void> {
  await killRecorded(stateDir);
  await deletePodNetworks(net);
  rmSync(join(stateDir, "pods"), { recursive: true, force: true });
}
