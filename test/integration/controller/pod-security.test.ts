// A namespace that enforces Pod Security "restricted": the splitter's pods, which run only our
// own container, are admitted and serve. (API pods also run the user's model server, which
// cortex.yaml does not restrict, so their namespaces need "baseline"; README says so.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pod } from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  echoApi,
  eventually,
  isPodReady,
  setUpControllerBed,
  tearDownControllerBed,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-psa"));
  await client.mergePatch(
    `/api/v1/namespaces/${ns}`,
    { metadata: { labels: { "pod-security.kubernetes.io/enforce": "restricted" } } },
    "tests",
  );
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

describe("a namespace enforcing Pod Security restricted", () => {
  it("admits and runs a TrafficSplitter's pods", async () => {
    await applyApi(client, ns, echoApi("target"));
    await client.apply(
      `/apis/cortexdeploy.dev/v1alpha1/namespaces/${ns}/trafficsplitters/split`,
      {
        apiVersion: "cortexdeploy.dev/v1alpha1",
        kind: "TrafficSplitter",
        metadata: { name: "split", namespace: ns },
        spec: {
          apis: [{ name: "target", weight: 100, shadow: false }],
          networking: { endpoint: "/split" },
        },
      },
      "cortex-deploy",
    );
    const pods = await eventually("a Ready splitter pod", async () => {
      const list = await client.get<{ items: Pod[] }>(
        `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent("cortexdeploy.dev/traffic-splitter=split")}`,
      );
      return list.items.some(isPodReady) ? list.items : undefined;
    });
    expect(pods.length).toBeGreaterThan(0);
  });
});
