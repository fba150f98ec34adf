// With no controller running, deploy --wait says so after a short grace period instead of only
// at its timeout, and status says so under its table; while a controller holds its Lease, neither
// says it. No controller runs here: the Lease a controller would hold is written by the test, as
// the other tests write status. Each test uses a Lease of its own (a real controller in another
// test file holds the default one, cortex-deploy-system/cortex-deploy-controller).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { microTime } from "../../../controller/src/controller/leader/lease.ts";
import { type DeployOptions, deploy } from "../../../src/commands/deploy.ts";
import { controllerNote, formatStatus, status } from "../../../src/commands/status.ts";
import { watchStatus } from "../../../src/commands/status-watch.ts";
import type { CortexConfig } from "../../../src/config/index.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import type { LeaseRef } from "../../../src/kube/controller-presence.ts";
import {
  connect,
  installCrds,
  intercepted,
  makeProject,
  type Project,
  readyStatus,
  realtimeYaml,
  recorder,
  setStatus,
  uniqueNamespace,
} from "./helpers.ts";

let client: KubeClient;
let project: Project;
const namespaces: string[] = [];

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  project = await makeProject();
});

afterAll(async () => {
  for (const ns of namespaces)
    await client.request("DELETE", `/api/v1/namespaces/${ns}`).catch(() => undefined);
  client.close();
});

const git = { commit: "1111111111111111111111111111111111111111", ref: "refs/heads/main" };

function namespace(prefix: string): string {
  const ns = uniqueNamespace(prefix);
  namespaces.push(ns);
  return ns;
}

/** A Lease of the test's own, not created yet. */
function leaseRef(): LeaseRef {
  return { namespace: namespace("lease"), name: "cortex-deploy-controller" };
}

const leasePath = (ref: LeaseRef) =>
  `/apis/coordination.k8s.io/v1/namespaces/${ref.namespace}/leases/${ref.name}`;

/** Writes the Lease as a leader renewing it now would (the elector's fields). */
async function holdLease(ref: LeaseRef): Promise<void> {
  await client
    .request("POST", "/api/v1/namespaces", { body: { metadata: { name: ref.namespace } } })
    .catch(() => undefined);
  const now = microTime(Date.now());
  const spec = {
    holderIdentity: "stand-in-controller",
    leaseDurationSeconds: 12,
    acquireTime: now,
    renewTime: now,
    leaseTransitions: 0,
  };
  await client.request("POST", `/apis/coordination.k8s.io/v1/namespaces/${ref.namespace}/leases`, {
    body: {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: ref.name },
      spec,
    },
  });
}

/** As the elector leaves it when its leader stops gracefully. */
async function releaseLease(ref: LeaseRef): Promise<void> {
  await client.request("PATCH", leasePath(ref), {
    body: { spec: { holderIdentity: "", leaseDurationSeconds: 1, renewTime: null } },
    contentType: "application/merge-patch+json",
  });
}

/**
 * The client, and a promise that resolves once a read of `ref` has been answered: the test then
 * knows the deploy has decided whether to warn, and can end its wait by writing status.
 */
function watchingLeaseReads(ref: LeaseRef): { client: KubeClient; read: Promise<void> } {
  let answered = () => {};
  const read = new Promise<void>((resolve) => {
    answered = resolve;
  });
  const watched = intercepted(
    client,
    () => {},
    (_method, path) => {
      if (path === leasePath(ref)) answered();
    },
  );
  return { client: watched, read };
}

function run(
  config: CortexConfig,
  ns: string,
  lease: LeaseRef,
  extra: Partial<DeployOptions> = {},
) {
  const log = recorder();
  const result = deploy({
    client,
    config,
    namespace: ns,
    prefix: "cortex-deploy",
    wait: true,
    timeoutSeconds: 20,
    prune: true,
    forceConflicts: false,
    git,
    log,
    advanced: { controllerGraceMs: 100, controllerLease: lease },
    ...extra,
  });
  return { result, log };
}

/**
 * Deploys with --wait; once the deploy has read the Lease (after the grace period), writes Ready
 * status as the controller would, so the wait ends. Returns what it printed.
 */
async function deployReadAndReady(
  config: CortexConfig,
  ns: string,
  lease: LeaseRef,
  generation: number,
): Promise<string[]> {
  const watching = watchingLeaseReads(lease);
  // On code that never reads the Lease, the deploy times out instead.
  const { result, log } = run(config, ns, lease, { client: watching.client });
  await Promise.race([watching.read, result]);
  await setStatus(client, ns, "iris", readyStatus(generation, generation));
  const r = await result;
  expect(r.failure).toBeUndefined();
  return log.lines;
}

const warnings = (lines: string[]) =>
  lines.filter((l) => l.startsWith("no cortex-deploy controller is running"));

describe("deploy --wait with no controller running", () => {
  it("says so once after the grace period, and keeps waiting", async () => {
    const ns = namespace("nolease");
    const lease = leaseRef();
    const lines = await deployReadAndReady(await project.write(realtimeYaml("iris")), ns, lease, 1);
    expect(warnings(lines)).toEqual([
      `no cortex-deploy controller is running (no Lease ${lease.namespace}/${lease.name}): iris ` +
        "will not roll out until one runs; install it with cortex-deploy install --with-controller",
    ]);
    // Still waiting after the warning: the status written then made the deploy succeed.
    expect(lines.at(-1)).toMatch(/^iris: Ready/);
  });

  it("names the missing controller when it times out", async () => {
    const ns = namespace("nolease-timeout");
    const lease = leaseRef();
    const { result, log } = run(await project.write(realtimeYaml("iris")), ns, lease, {
      timeoutSeconds: 3,
    });
    const r = await result;
    const name = `${lease.namespace}/${lease.name}`;
    expect(r.failure).toBe(
      "timed out after 3s waiting for iris to be Ready (waiting for the controller to pick up generation 1). " +
        `No status was reported: no cortex-deploy controller is running (no Lease ${name}); ` +
        "install it with cortex-deploy install --with-controller",
    );
    expect(warnings(log.lines)).toHaveLength(1);
    // Said while waiting, before the diagnosis that follows the timeout.
    const said = log.lines.findIndex((l) => l.startsWith("no cortex-deploy controller"));
    const diagnosis = log.lines.findLastIndex((l) =>
      l.startsWith("iris: waiting for the controller"),
    );
    expect(said).toBeGreaterThan(-1);
    expect(said).toBeLessThan(diagnosis);
  });

  it("says nothing while a controller holds the Lease, and speaks once it is released", async () => {
    const ns = namespace("held");
    const lease = leaseRef();
    await holdLease(lease);
    const held = await deployReadAndReady(await project.write(realtimeYaml("iris")), ns, lease, 1);
    expect(warnings(held)).toEqual([]);

    await releaseLease(lease);
    const released = await deployReadAndReady(
      await project.write(realtimeYaml("iris", "sandbox.test/http-echo:v2")),
      ns,
      lease,
      2,
    );
    expect(warnings(released)).toEqual([
      `no cortex-deploy controller is running (Lease ${lease.namespace}/${lease.name} released): ` +
        "iris will not roll out until one runs; install it with cortex-deploy install --with-controller",
    ]);
  });
});

describe("status with no controller running", () => {
  async function pendingApi(): Promise<string> {
    const ns = namespace("status-nolease");
    const config = await project.write(realtimeYaml("iris"));
    const r = await run(config, ns, leaseRef(), { wait: false }).result;
    expect(r.apis[0]?.action).toBe("create");
    return ns;
  }

  /** What the CLI prints, given the Lease to read. */
  async function shown(ns: string, lease: LeaseRef): Promise<string[]> {
    const rows = await status({ client, namespace: ns });
    return formatStatus(rows, Date.now(), false, await controllerNote(client, rows, lease));
  }

  it("says so once under the table while an API is Pending, and not while one holds the Lease", async () => {
    const ns = await pendingApi();
    const lease = leaseRef();
    const line =
      `no cortex-deploy controller is running (no Lease ${lease.namespace}/${lease.name}): ` +
      "Pending APIs will not roll out until one runs; install it with cortex-deploy install --with-controller";
    const without = await shown(ns, lease);
    expect(without[1]).toMatch(/^iris\s+RealtimeAPI\s+Pending\s/);
    expect(without.slice(2)).toEqual([
      "",
      "iris: waiting for the controller to pick up generation 1",
      line,
    ]);

    await holdLease(lease);
    expect((await shown(ns, lease)).slice(2)).toEqual([
      "",
      "iris: waiting for the controller to pick up generation 1",
    ]);
  });

  it("status --watch shows the line, and shows the table again without it once a controller runs", async () => {
    const ns = await pendingApi();
    const lease = leaseRef();
    const notes: (string | undefined)[] = [];
    const stop = new AbortController();
    let changed = () => {};
    const watching = watchStatus({
      client,
      namespace: ns,
      controllerLease: lease,
      signal: stop.signal,
      intervalMs: 50,
      onRows: (_rows, note) => {
        notes.push(note);
        changed();
      },
      onError: () => undefined,
    });
    const next = () =>
      new Promise<void>((resolve) => {
        changed = resolve;
      });
    try {
      await next();
      expect(notes).toEqual([
        expect.stringContaining(`(no Lease ${lease.namespace}/${lease.name})`),
      ]);
      const second = next();
      await holdLease(lease);
      await second;
    } finally {
      stop.abort();
      await watching;
    }
    expect(notes).toHaveLength(2);
    expect(notes[1]).toBeUndefined();
  });
});
