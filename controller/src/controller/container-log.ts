// The last lines a crashed container wrote, kept in an Event next to the rollback's: rolling back
// deletes the pod, and with it the only copy of the output that says why it crashed, before
// `deploy` or a person gets to read it.
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  CONTAINER_LOG_REASON,
  type ContainerRef,
  containerLogNote,
} from "../../../src/kube/container-log-note.ts";
import { readLogTail } from "../../../src/kube/logs.ts";
import type { Logger } from "../lib/log.ts";
import type { EventRecorder } from "./events.ts";
import type { ApiRef } from "./render/owner.ts";

const TAIL_LINES = 20;
/** The rollback waits for this read: a kubelet that does not answer must not hold it up. */
const READ_TIMEOUT_MS = 5_000;

/** Reads the container's last run (a crash-looping one waits to restart), else its current one. */
async function readTail(
  client: KubeClient,
  namespace: string,
  ref: ContainerRef,
): Promise<{ log: string; previous: boolean }> {
  const read = (previous: boolean) =>
    readLogTail(client, namespace, ref.pod, ref.container, {
      tailLines: TAIL_LINES,
      previous,
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
  try {
    return { log: await read(true), previous: true };
  } catch {
    return { log: await read(false), previous: false };
  }
}

/** Records the container's last lines as a Warning Event on the API; a failure is only logged. */
export async function keepContainerLog(
  deps: { client: KubeClient; events: EventRecorder; log: Logger },
  api: ApiRef,
  ref: ContainerRef,
): Promise<void> {
  try {
    const { log, previous } = await readTail(deps.client, api.namespace, ref);
    await deps.events.record(
      api,
      "Warning",
      CONTAINER_LOG_REASON,
      containerLogNote(ref, previous, log),
    );
  } catch (err) {
    deps.log.warn("could not keep the crashed container's log", {
      pod: ref.pod,
      container: ref.container,
      error: (err as Error).message,
    });
  }
}
