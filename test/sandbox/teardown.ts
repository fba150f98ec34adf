// Stopping a sandbox from its state file alone: used by stop(), the CLI's `down` and the
// watchdog, so all three leave nothing behind in the same way.

import { rm } from "node:fs/promises";
import { join } from "node:path";
import { tearDownNetwork } from "./kubelet/network.ts";
import { kubeletStopGraceMs } from "./kubelet-launcher.ts";
import { stopProcesses } from "./processes.ts";
import { type SandboxState, writeState } from "./state.ts";

export async function tearDown(state: SandboxState): Promise<void> {
  state.status = "stopping";
  await writeState(state);
  const failures: unknown[] = [];
  // The kubelet first, while the API server can still take its last pod updates; then the rest
  // with a short grace: their data is thrown away, and a graceful kube-apiserver or etcd
  // shutdown takes 7-11 s that nobody needs.
  const kubelet = state.processes.filter((p) => p.name === "kubelet");
  const others = state.processes.filter((p) => p.name !== "kubelet");
  try {
    await stopProcesses(kubelet, kubeletStopGraceMs);
    await stopProcesses(others, 1000);
  } catch (err) {
    failures.push(err);
  }
  // Pods run in their own process groups and network namespaces, out of reach of the signals
  // above; the kubelet's own clean-up finds them from its state folder.
  if (state.kubeletStateDir && state.network) {
    try {
      // Loaded only when a kubelet ran: S3-only and kubelet-less sandboxes never need its code.
      const { cleanUpKubelet } = await import("./kubelet/cleanup.ts");
      await cleanUpKubelet(state.kubeletStateDir, state.network);
    } catch (err) {
      failures.push(err);
    }
  }
  if (state.network) {
    try {
      await tearDownNetwork(state.network);
    } catch (err) {
      failures.push(err);
    }
  }
  state.status = "stopped";
  await writeState(state);
  // The cluster's and the bucket's data die with the sandbox (etcd alone preallocates 120 MB);
  // logs stay for reading, unless the whole folder was a temporary one of ours.
  try {
    if (state.ownsDir && !process.env.SANDBOX_KEEP) {
      await rm(state.dir, { recursive: true, force: true });
    } else {
      for (const sub of ["etcd", "s3"])
        await rm(join(state.dir, sub), { recursive: true, force: true });
    }
  } catch (err) {
    failures.push(err);
  }
  if (failures.length > 0) throw new AggregateError(failures, "sandbox teardown was incomplete");
}
