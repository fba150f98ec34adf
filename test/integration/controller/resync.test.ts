// The periodic resync re-applies every derived object (drift repair) but, when that changes
// nothing, says so at debug level only: an "applied" line at info for every API and splitter on
// every resync, with nothing written, buried the writes that happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  echoApi,
  eventually,
  type LogLine,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-resync", ["--resync-period", "1s"]));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

const splitterPath = (name: string) =>
  `/apis/cortexdeploy.dev/v1alpha1/namespaces/${ns}/trafficsplitters/${name}`;

const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;

describe("the periodic resync of objects that are as rendered", () => {
  it("writes them again without logging that it applied them", async () => {
    await applyApi(client, ns, echoApi("quiet"));
    await waitForPhase(client, ns, "quiet", "Ready");
    await client.apply(
      splitterPath("hush"),
      {
        apiVersion: "cortexdeploy.dev/v1alpha1",
        kind: "TrafficSplitter",
        metadata: { name: "hush", namespace: ns },
        spec: {
          apis: [{ name: "quiet", weight: 100, shadow: false }],
          networking: { endpoint: "/hush" },
        },
      },
      "cortex-deploy",
    );
    await eventually("splitter hush Ready", async () => {
      const s = await client.get<{ status?: { phase?: string } }>(splitterPath("hush"));
      return s.status?.phase === "Ready";
    });
    const [api, splitter] = await Promise.all([
      client.get<Deployment>(deploymentPath("quiet")),
      client.get<Deployment>(deploymentPath("hush")),
    ]);
    const from = controller.logs.length;
    const since = (match: (l: LogLine) => boolean) => controller.logs.slice(from).filter(match);

    const applied = (l: LogLine) =>
      l.level === "info" && /^(applied|created|took back) /.test(l.msg);

    // Three resyncs of the API (each one reconcile): no write said at info, one said at debug.
    await eventually("three resyncs of the API", async () => {
      return since((l) => l.api === `${ns}/quiet` && l.msg === "reconciled").length >= 3;
    });
    expect(since((l) => l.api === `${ns}/quiet` && applied(l))).toEqual([]);
    expect(
      since((l) => l.api === `${ns}/quiet` && l.msg === "deployment already as rendered"),
    ).toContainEqual(expect.objectContaining({ level: "debug" }));
    // Three of the splitter's.
    await eventually("three resyncs of the splitter", async () => {
      return (
        since((l) => l.splitter === `${ns}/hush` && l.msg === "deployments already as rendered")
          .length >= 3
      );
    });
    expect(since((l) => l.splitter === `${ns}/hush` && applied(l))).toEqual([]);
    // Nothing was written indeed.
    const [apiAfter, splitterAfter] = await Promise.all([
      client.get<Deployment>(deploymentPath("quiet")),
      client.get<Deployment>(deploymentPath("hush")),
    ]);
    expect(apiAfter.metadata.resourceVersion).toBe(api.metadata.resourceVersion);
    expect(splitterAfter.metadata.resourceVersion).toBe(splitter.metadata.resourceVersion);
  });
});
