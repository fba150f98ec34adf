// One cache that cannot list (the TrafficSplitter CRD deleted) holds back only what reads it: the
// controller says which cache it is, and RealtimeAPI rollouts are still judged (a failing one
// rolled back), also by a controller that starts while that cache cannot list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../../src/kube/client.ts";
import { isApiError } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  installCrds,
  setUpControllerBed,
  startController,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

const SPLITTER_CRD =
  "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/trafficsplitters.cortexdeploy.dev";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;
let restarted: ControllerProcess | undefined;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-stale"));
});

afterAll(async () => {
  await restarted?.stop();
  // Put the CRD back for the test files after this one.
  await installCrds(client);
  await tearDownControllerBed({ client, ns, controller });
});

describe("the TrafficSplitter CRD deleted under a running controller", () => {
  it("still judges RealtimeAPI rollouts, and names the cache that cannot list", async () => {
    await applyApi(client, ns, echoApi("held", { tag: "v1" }));
    await waitForPhase(client, ns, "held", "Ready");

    await client.delete(SPLITTER_CRD);
    await eventually("the TrafficSplitter CRD gone", async () => {
      try {
        await client.get(SPLITTER_CRD);
        return false;
      } catch (err) {
        return isApiError(err, 404);
      }
    });
    // The informer finds no TrafficSplitters to list any more.
    await controller.waitForLog(
      "a failed list of TrafficSplitters",
      (l) =>
        l.msg === "list/watch failed; retrying" && String(l.path).endsWith("/trafficsplitters"),
    );

    // A revision whose container exits is judged failed and rolled back, not held.
    await applyApi(client, ns, echoApi("held", { image: "sandbox.test/crash:1" }));
    const api = await waitForPhase(client, ns, "held", "RolledBack");
    expect(condition(api, "RolledBack")).toMatchObject({
      status: "True",
      reason: "CrashLoopBackOff",
    });
    const warned = controller.logs.find(
      (l) => l.level === "warn" && Array.isArray(l.caches) && l.caches.includes("splitters"),
    );
    expect(warned).toMatchObject({
      msg: "caches not fresh; RealtimeAPI rollouts go on, as they do not read them",
      caches: ["splitters"],
    });
    expect(api.status?.currentRevision).toBe(1);
  });

  it("lets a controller that starts without it roll RealtimeAPIs out", async () => {
    await controller.stop();
    restarted = await startController(["--namespace", ns, "--leader-election-namespace", ns]);
    const acting = await restarted.waitForLog("acting", (l) => l.msg === "acting");
    expect(acting.waiting_for_caches).toEqual(["splitters"]);

    await applyApi(client, ns, echoApi("held", { tag: "v3" }));
    const api = await waitForPhase(client, ns, "held", "Ready");
    expect(api.status).toMatchObject({ currentRevision: 3, lastReadyRevision: 3 });
  });
});
