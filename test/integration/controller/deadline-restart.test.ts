// A rollout's progress deadline survives the controller's restarts: it runs from the start the
// revision's record holds, so a controller restarted more often than the deadline (a crash loop,
// an OOM, node drains, upgrades) still rolls a never-Ready revision back. Before, each new
// process counted the deadline from when it began to observe, and never reached it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  getApi,
  setUpControllerBed,
  startController,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-deadline"));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

const RESTART_EVERY_MS = 4_000;

describe("a controller restarted more often than a rollout's progress deadline", () => {
  it("rolls a never-Ready revision back", async () => {
    const spec = { replicas: 1, progressDeadline: "10s" };
    await applyApi(client, ns, echoApi("late", spec));
    await waitForPhase(client, ns, "late", "Ready");

    // v2's readiness probe knocks on a port nothing listens on: it is never Ready.
    const v2 = echoApi("late", { ...spec, tag: "v2" });
    const c = (v2.spec.pod as { containers: { readiness_probe: unknown }[] }).containers[0];
    if (c) c.readiness_probe = { tcp_socket: { port: 9999 }, period_seconds: 1 };
    await applyApi(client, ns, v2);

    // A new controller process every few seconds, until the API says how the rollout ended.
    let restarts = 0;
    const rolledBack = await eventually(
      "the rollback",
      async () => {
        const api = await getApi(client, ns, "late");
        if (condition(api, "RolledBack")?.status === "True") return api;
        await new Promise((resolve) => setTimeout(resolve, RESTART_EVERY_MS));
        await controller.stop();
        controller = await startController(["--namespace", ns, "--leader-election-namespace", ns]);
        restarts++;
        return undefined;
      },
      // Many deadlines' worth: the old controller never rolled back however long it ran so.
      180_000,
      0,
    );
    expect(condition(rolledBack, "RolledBack")?.reason).toBe("ProgressDeadlineExceeded");
    expect(rolledBack.status).toMatchObject({ currentRevision: 1 });
    // The controller was restarted before the deadline could pass in any one process.
    expect(restarts).toBeGreaterThan(2);
  });
});
