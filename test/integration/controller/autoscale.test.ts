// Autoscaling on in-flight requests through the proxies: load scales an API up, and once it stops
// the API comes back down after the (shortened) stabilisation period.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  echoApi,
  eventually,
  httpGet,
  isPodReady,
  listPods,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-scale"));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

/** A model server that takes 300 ms per request, so requests pile up in the proxy. */
const SLOW_SERVER =
  'require("http").createServer((q, s) => setTimeout(() => s.end("ok\\n"), 300)).listen(Number(process.env.PORT))';

function load(ip: string, clients: number) {
  let running = true;
  let served = 0;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const reply = await httpGet(ip, 8888, "/", 10_000).catch(() => undefined);
      if (reply?.status === 200) served++;
    }
  });
  return {
    get served() {
      return served;
    },
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function replicas(): Promise<number | undefined> {
  const d = await client.get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/slow`);
  return d.spec?.replicas;
}

describe("autoscaling", () => {
  it("scales up under load through the proxies and back down after the stabilisation period", async () => {
    const api = echoApi("slow", {
      replicas: 1,
      maxReplicas: 3,
      maxConcurrency: 1,
      command: ["node", "-e", SLOW_SERVER],
      autoscaling: {
        target_in_flight: 1,
        window: "10s",
        downscale_stabilization_period: "10s",
        upscale_stabilization_period: "0s",
        panic_window: "0s",
      },
    });
    await applyApi(client, ns, api);
    await waitForPhase(client, ns, "slow", "Ready");
    const [pod] = (await listPods(client, ns, "slow")).filter(isPodReady);
    const ip = pod?.status?.podIP as string;

    const traffic = load(ip, 6);
    const scaledUp = await eventually(
      "3 replicas",
      async () => ((await replicas()) === 3 ? 3 : undefined),
      120_000,
      500,
    );
    const { body } = await httpGet("127.0.0.1", controller.metricsPort, "/metrics");
    const inFlight = Number(
      /^cortex_controller_api_in_flight_requests\{namespace="[^"]+",api="slow"\} (\S+)$/m.exec(
        body,
      )?.[1],
    );
    await traffic.stop();

    expect(scaledUp).toBe(3);
    expect(traffic.served).toBeGreaterThan(0);
    expect(inFlight).toBeGreaterThan(0);
    const up = controller.logs.filter(
      (l) => l.msg === "scaled" && l.api === `${ns}/slow` && (l.to as number) > (l.from as number),
    );
    expect(up.length).toBeGreaterThan(0);

    const scaledDown = await eventually(
      "back to 1 replica",
      async () => ((await replicas()) === 1 ? 1 : undefined),
      180_000,
      500,
    );
    expect(scaledDown).toBe(1);
    const api2 = await waitForPhase(client, ns, "slow", "Ready");
    expect(api2.status?.desiredReplicas).toBe(1);
  });
});
