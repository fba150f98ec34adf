// The record (ControllerRevision) of the RealtimeAPI's current spec deleted by hand: the controller
// records it again from the spec, with the result it had, and the pods that run stay as they are.
// Recorded as a new rollout instead, a Ready revision whose pods crash now was rolled back to an
// older revision, silently, and a rolled-back spec was rolled out again.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ControllerRevision,
  Deployment,
} from "../../../controller/src/controller/kube/types.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import {
  applyApi,
  type ControllerProcess,
  condition,
  echoApi,
  eventually,
  getApi,
  setUpControllerBed,
  tearDownControllerBed,
  waitForPhase,
} from "./support.ts";

let client: KubeClient;
let ns: string;
let controller: ControllerProcess;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cortex-deploy-lost-"));
  ({ client, ns, controller } = await setUpControllerBed("ctrl-lost-rev"));
});

afterAll(async () => {
  await tearDownControllerBed({ client, ns, controller });
  await rm(dir, { recursive: true, force: true });
});

async function revisions(api: string): Promise<ControllerRevision[]> {
  const list = await client.get<{ items: ControllerRevision[] }>(
    `/apis/apps/v1/namespaces/${ns}/controllerrevisions?labelSelector=${encodeURIComponent(`cortexdeploy.dev/api=${api}`)}`,
  );
  return list.items.sort((a, b) => a.revision - b.revision);
}

function deployment(name: string): Promise<Deployment> {
  return client.get<Deployment>(`/apis/apps/v1/namespaces/${ns}/deployments/${name}`);
}

/** Deletes a record and waits until the controller has made it again (a new uid). */
async function deleteAndWaitForRecord(api: string, lost: ControllerRevision) {
  await client.delete(`/apis/apps/v1/namespaces/${ns}/controllerrevisions/${lost.metadata.name}`);
  return eventually(`${lost.metadata.name} recorded again`, async () => {
    const r = (await revisions(api)).find((c) => c.metadata.name === lost.metadata.name);
    return r !== undefined && r.metadata.uid !== lost.metadata.uid ? r : undefined;
  });
}

const result = (r: ControllerRevision | undefined) =>
  r?.metadata.annotations?.["cortexdeploy.dev/result"];

describe("the running revision's record, deleted while its pods crash", () => {
  it("is recorded again as Ready, and the Deployment keeps running it", async () => {
    // Revision 2 serves while a file exists, then exits, as a server does that loses a dependency.
    const marker = join(dir, "healthy");
    await writeFile(marker, "");
    const script = `test -f ${marker} || { echo 'lost ${marker}'; exit 1; }; node http-echo.mjs & while test -f ${marker}; do sleep 0.2; done; kill $!; exit 1`;
    await applyApi(client, ns, echoApi("lost", { tag: "v1" }));
    await waitForPhase(client, ns, "lost", "Ready");
    await applyApi(client, ns, echoApi("lost", { tag: "v2", command: ["/bin/sh", "-c", script] }));
    await waitForPhase(client, ns, "lost", "Ready");
    await rm(marker);
    await eventually("revision 2 Degraded", async () => {
      const api = await getApi(client, ns, "lost");
      return condition(api, "Degraded")?.status === "True";
    });
    const before = await deployment("lost");
    const [, v2] = await revisions("lost");
    expect(result(v2)).toBe("Ready");

    const again = await deleteAndWaitForRecord("lost", v2 as ControllerRevision);
    expect(again.revision).toBe(2);
    expect(result(again)).toBe("Ready");
    expect(again.metadata.annotations?.["cortexdeploy.dev/spec-hash"]).toBe(
      v2?.metadata.annotations?.["cortexdeploy.dev/spec-hash"],
    );
    const api = await eventually("the status written after the record", async () => {
      const a = await getApi(client, ns, "lost");
      return a.status?.lastReadyRevision === 2 && a;
    });
    expect(api.status?.currentRevision).toBe(2);
    expect(condition(api, "RolledBack")?.status).toBe("False");
    // The Deployment was not touched: still revision 2's template.
    const after = await deployment("lost");
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.spec?.template?.spec.containers[0]?.command).toEqual(["/bin/sh", "-c", script]);
    expect(after.metadata.annotations?.["cortexdeploy.dev/revision"]).toBe("2");
    const events = await client.get<{
      items: { reason: string; note?: string; regarding: { name: string } }[];
    }>(`/apis/events.k8s.io/v1/namespaces/${ns}/events`);
    const told = events.items.filter(
      (e) => e.regarding.name === "lost" && e.reason === "RevisionRecordedAgain",
    );
    expect(told[0]?.note).toMatch(
      /^the record of revision 2 \(ControllerRevision lost-\w+\) was deleted; it is recorded again from the RealtimeAPI's spec as Ready/,
    );
    expect(
      events.items.filter((e) => e.regarding.name === "lost" && e.reason === "RolledBack"),
    ).toEqual([]);
  });
});

describe("a rolled-back spec's record, deleted", () => {
  it("is recorded again as RolledBack, and the spec is not rolled out again", async () => {
    await applyApi(client, ns, echoApi("back", { tag: "v1" }));
    await waitForPhase(client, ns, "back", "Ready");
    await applyApi(client, ns, echoApi("back", { image: "sandbox.test/crash:1" }));
    const rolledBack = await waitForPhase(client, ns, "back", "RolledBack");
    const before = await deployment("back");
    const [, v2] = await revisions("back");
    expect(result(v2)).toBe("RolledBack");

    const again = await deleteAndWaitForRecord("back", v2 as ControllerRevision);
    expect(result(again)).toBe("RolledBack");
    expect(again.metadata.annotations?.["cortexdeploy.dev/result-message"]).toBe(
      condition(rolledBack, "RolledBack")?.message,
    );
    const api = await waitForPhase(client, ns, "back", "RolledBack");
    expect(api.status?.currentRevision).toBe(1);
    const after = await deployment("back");
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.spec?.template?.spec.containers[0]?.image).toBe("sandbox.test/http-echo:v1");
  });
});
