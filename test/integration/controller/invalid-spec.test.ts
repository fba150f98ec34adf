// A spec the API server cannot turn into a Deployment, applied past cortex.yaml's rules (kubectl,
// an older CLI): the controller says so in the status, where deploy's wait reads it, instead of
// retrying in its log while the API shows no status at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  apiPath,
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  httpGet,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;

beforeAll(async () => {
  ({ client, ns, controller } = await setUpControllerBed("ctrl-invalid"));
});

afterAll(() => tearDownControllerBed({ client, ns, controller }));

describe("a Deployment the API server cannot build", () => {
  it("fails the API with the server's reason", async () => {
    // Artifacts mounted where compute.shm mounts shared memory: two volume mounts at one path,
    // which server-side apply refuses with a 500 rather than a 422.
    const api = echoApi("shm");
    const container = (api.spec.pod as { containers: { compute: { shm: string | null } }[] })
      .containers[0];
    if (container) container.compute.shm = "64Mi";
    api.spec.artifacts = {
      bucket: "b",
      prefix: "p",
      manifest: "a".repeat(64),
      mounts: ["/dev/shm"],
    };
    await applyApi(client, ns, api);
    const failed = await waitForPhase(client, ns, "shm", "Failed");
    expect(condition(failed, "Ready")).toMatchObject({
      status: "False",
      reason: "InvalidSpec",
      message: expect.stringMatching(
        /^the API server rejected the Deployment of revision 1: .*mountPath.*\/dev\/shm/,
      ),
    });

    // The phase gauge says so, and drops the API's series once it is deleted.
    const phaseLines = async (): Promise<string[]> => {
      const { body } = await httpGet("127.0.0.1", controller.metricsPort, "/metrics");
      return body
        .split("\n")
        .filter((l) => l.startsWith(`cortex_controller_api_phase{namespace="${ns}",api="shm",`));
    };
    const exported = await eventually("shm's phase exported", async () => {
      const lines = await phaseLines();
      return lines.length > 0 ? lines : undefined;
    });
    expect(exported).toEqual(
      ["Ready", "NotReady", "Progressing", "Failed", "RolledBack"].map(
        (p) =>
          `cortex_controller_api_phase{namespace="${ns}",api="shm",phase="${p}"} ${p === "Failed" ? 1 : 0}`,
      ),
    );
    await client.delete(apiPath(ns, "shm"));
    await eventually("shm's phase dropped", async () => (await phaseLines()).length === 0);
  });
});
