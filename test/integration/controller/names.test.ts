// A held name: the Deployment or Service an API or a TrafficSplitter would get already exists and
// is not its own. The controller reports it and writes nothing; the holder is left as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Deployment } from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-names"));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;

describe("a name already held", () => {
  it("is reported by an API whose Deployment name belongs to something else, which is left alone", async () => {
    const mine: Deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "mine", namespace: ns, labels: { team: "theirs" } },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "mine" } },
        template: {
          metadata: { labels: { app: "mine" } },
          spec: { containers: [{ name: "c", image: "sandbox.test/http-echo:mine" }] },
        },
      },
    };
    const before = await client.create<Deployment>(
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      mine,
      "someone-else",
    );
    await applyApi(client, ns, echoApi("mine"));
    const api = await waitForPhase(client, ns, "mine", "Failed");
    expect(condition(api, "Ready")).toMatchObject({
      status: "False",
      reason: "NameTaken",
      message:
        "a Deployment named mine already exists and belongs to something else (it has no owner); rename this one, or delete that Deployment",
    });
    // The Deployment controller writes its status, so compare what we could have written.
    const after = await client.get<Deployment>(deploymentPath("mine"));
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.labels).toEqual({ team: "theirs" });
    expect(after.metadata.ownerReferences).toBeUndefined();
    expect(after.metadata.managedFields?.map((m) => m.manager)).not.toContain(
      "cortex-deploy-controller",
    );
  });

  it("is reported by a TrafficSplitter named like an API, whose objects stay the API's", async () => {
    await applyApi(client, ns, echoApi("front"));
    await waitForPhase(client, ns, "front", "Ready");
    const before = await client.get<Deployment>(deploymentPath("front"));
    const path = `/apis/cortexdeploy.dev/v1alpha1/namespaces/${ns}/trafficsplitters/front`;
    await client.apply(
      path,
      {
        apiVersion: "cortexdeploy.dev/v1alpha1",
        kind: "TrafficSplitter",
        metadata: { name: "front", namespace: ns },
        spec: {
          apis: [{ name: "front", weight: 100, shadow: false }],
          networking: { endpoint: "/f" },
        },
      },
      "cortex-deploy",
    );
    const ready = await eventually("the splitter's status", async () => {
      const s = await client.get<{
        status?: {
          phase?: string;
          conditions?: { type: string; reason: string; message: string }[];
        };
      }>(path);
      return s.status?.phase === "Failed"
        ? s.status.conditions?.find((c) => c.type === "Ready")
        : undefined;
    });
    expect(ready).toMatchObject({
      reason: "NameTaken",
      message:
        "a Deployment named front already exists and belongs to RealtimeAPI front; rename this one, or delete that Deployment",
    });
    const after = await client.get<Deployment>(deploymentPath("front"));
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.metadata.labels?.["cortexdeploy.dev/traffic-splitter"]).toBeUndefined();
    expect(after.metadata.ownerReferences?.map((o) => o.kind)).toEqual(["RealtimeAPI"]);
  });
});
