// Drift repair: a hand edit of a derived object sets the reconciler's force flag, and the flag must
// outlive a failed forced write. The retry would otherwise skip the object (its applied hash did
// not change) and leave the edit in place until the next resync, or for good.
import { describe, expect, it } from "vitest";
import {
  applyIfChanged,
  DriftRepairError,
  DriftReports,
  takeOver,
} from "../../../controller/src/controller/apply-if-changed.ts";
import { type Caches, createCaches } from "../../../controller/src/controller/caches.ts";
import type { EventRecorder } from "../../../controller/src/controller/events.ts";
import { RESOURCES, resourcePath } from "../../../controller/src/controller/kube/paths.ts";
import type { Deployment, KubeObject } from "../../../controller/src/controller/kube/types.ts";
import { ControllerMetrics } from "../../../controller/src/controller/metrics.ts";
import { Reconciler } from "../../../controller/src/controller/reconcile.ts";
import { renderService } from "../../../controller/src/controller/render/service.ts";
import { SplitterReconciler } from "../../../controller/src/controller/splitter/reconcile.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";
import { KubeApiError, type KubeClient } from "../../../src/kube/client.ts";
import { API, OPTIONS, rawSpec } from "./fixtures.ts";

type Obj = KubeObject & { spec?: Record<string, unknown>; [k: string]: unknown };

/**
 * Just enough of an API server for a reconcile: objects by path, applies merged into them, and
 * writes to a path that fail while `failing` holds it.
 */
class FakeApiServer {
  readonly objects = new Map<string, Obj>();
  readonly writes: { verb: string; path: string }[] = [];
  readonly failing = new Map<string, number>();
  private rv = 1;

  private write(verb: string, path: string): void {
    this.writes.push({ verb, path });
    const left = this.failing.get(path) ?? 0;
    if (left > 0) {
      this.failing.set(path, left - 1);
      throw new KubeApiError(verb, path, 500, { message: "etcdserver: request timed out" });
    }
  }

  private store(path: string, obj: Obj): Obj {
    const stored = {
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: obj.metadata.uid ?? "uid",
        resourceVersion: `${++this.rv}`,
      },
    };
    this.objects.set(path, stored);
    return structuredClone(stored);
  }

  /** An object that exists before the test (the RealtimeAPI, the splitter). */
  seed(path: string, obj: Obj): Obj {
    return this.store(path, obj);
  }

  applies(path: string): number {
    return this.writes.filter((w) => w.verb === "PATCH" && w.path === path).length;
  }

  readonly client = {
    get: async (path: string) => {
      const obj = this.objects.get(path);
      if (obj === undefined) throw new KubeApiError("GET", path, 404, { reason: "NotFound" });
      return structuredClone(obj);
    },
    apply: async (path: string, body: Obj) => {
      this.write("PATCH", path);
      const old = this.objects.get(path);
      return this.store(path, {
        ...old,
        ...body,
        metadata: { ...old?.metadata, ...body.metadata },
        spec: { ...old?.spec, ...body.spec },
      });
    },
    mergePatch: async (path: string, body: Obj) => {
      const target = path.replace(/\/status$/, "");
      this.write("PATCH", target);
      return this.store(target, { ...(this.objects.get(target) as Obj), ...body });
    },
    create: async (path: string, body: Obj) => {
      this.write("POST", path);
      return this.store(`${path}/${body.metadata.name}`, body);
    },
    replace: async (path: string, body: Obj) => {
      this.write("PUT", path);
      return this.store(path, body);
    },
    delete: async (path: string) => {
      this.write("DELETE", path);
      this.objects.delete(path);
    },
  };
}

const log = createLogger("test", { write: () => {} });
const events: EventRecorder = { record: async () => {} };

function setUp(): { server: FakeApiServer; caches: Caches } {
  const server = new FakeApiServer();
  const caches = createCaches(server.client as unknown as KubeClient, log, "ml");
  return { server, caches };
}

const SERVICE = "/api/v1/namespaces/ml/services/iris";

describe("a RealtimeAPI reconcile asked to put back a hand edit", () => {
  it("keeps asking until the forced write succeeds", async () => {
    const { server, caches } = setUp();
    caches.apis.remember(
      server.seed(resourcePath(RESOURCES.realtimeApis, "ml", "iris"), {
        apiVersion: "cortexdeploy.dev/v1alpha1",
        kind: "RealtimeAPI",
        metadata: {
          name: "iris",
          namespace: "ml",
          uid: "uid-1",
          generation: 1,
          resourceVersion: "1",
        },
        spec: rawSpec(),
      }),
    );
    const reconciler = new Reconciler({
      client: server.client as unknown as KubeClient,
      caches,
      events,
      metrics: new ControllerMetrics(),
      log,
      options: {
        render: OPTIONS,
        historyLimit: 10,
        crashRestarts: 3,
        unschedulableTimeoutMs: 600_000,
        progressingRecheckMs: 5_000,
      },
      runtime: new Map(),
      now: () => Date.parse("2025-01-01T00:00:00Z"),
    });
    await reconciler.reconcile("ml/iris");
    expect(server.applies(SERVICE)).toBe(1);
    // Unchanged, not forced: skipped.
    await reconciler.reconcile("ml/iris");
    expect(server.applies(SERVICE)).toBe(1);

    // A hand edit of the Service was seen; the forced write fails once.
    reconciler.forceApply.add("ml/iris");
    server.failing.set(SERVICE, 1);
    await expect(reconciler.reconcile("ml/iris")).rejects.toThrow(/request timed out/);
    expect(server.applies(SERVICE)).toBe(2);

    // The retry still forces the write, and then the flag is spent.
    await reconciler.reconcile("ml/iris");
    expect(server.applies(SERVICE)).toBe(3);
    expect(reconciler.forceApply.has("ml/iris")).toBe(false);
    await reconciler.reconcile("ml/iris");
    expect(server.applies(SERVICE)).toBe(3);
  });
});

describe("a TrafficSplitter reconcile asked to put back a hand edit", () => {
  it("keeps asking until the forced write succeeds", async () => {
    const { server, caches } = setUp();
    const service = "/api/v1/namespaces/ml/services/split";
    caches.splitters.remember(
      server.seed(resourcePath(RESOURCES.trafficSplitters, "ml", "split"), {
        apiVersion: "cortexdeploy.dev/v1alpha1",
        kind: "TrafficSplitter",
        metadata: {
          name: "split",
          namespace: "ml",
          uid: "uid-2",
          generation: 1,
          resourceVersion: "1",
        },
        spec: { apis: [{ name: "iris", weight: 100 }] },
      }),
    );
    const reconciler = new SplitterReconciler({
      client: server.client as unknown as KubeClient,
      caches,
      events,
      log,
      render: { image: OPTIONS.image, replicas: 2, terminationGracePeriodSeconds: 60 },
      now: () => Date.parse("2025-01-01T00:00:00Z"),
    });
    await reconciler.reconcile("ml/split");
    expect(server.applies(service)).toBe(1);

    reconciler.forceApply.add("ml/split");
    server.failing.set(service, 1);
    await expect(reconciler.reconcile("ml/split")).rejects.toThrow(/request timed out/);
    expect(server.applies(service)).toBe(2);

    await reconciler.reconcile("ml/split");
    expect(server.applies(service)).toBe(3);
    expect(reconciler.forceApply.has("ml/split")).toBe(false);
    await reconciler.reconcile("ml/split");
    expect(server.applies(service)).toBe(3);
  });
});

describe("a write the server-side apply cannot make (a hand edit it can only merge with)", () => {
  const live = {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "iris",
      namespace: "ml",
      uid: "svc-uid",
      resourceVersion: "41",
      labels: { team: "ml" },
      managedFields: [{ manager: "kubectl-patch", operation: "Update" as const }],
    },
    spec: {
      type: "ClusterIP",
      clusterIP: "10.0.0.7",
      clusterIPs: ["10.0.0.7"],
      ipFamilies: ["IPv4"],
      selector: { "cortexdeploy.dev/api": "iris" },
      ports: [{ name: "http", port: 81, targetPort: 8888, protocol: "TCP" as const }],
    },
  };

  function refusingServer(replace: (path: string, body: Obj) => Promise<Obj>) {
    const server = new FakeApiServer();
    server.objects.set(SERVICE, structuredClone(live));
    const client = {
      ...server.client,
      apply: async (path: string) => {
        throw new KubeApiError("PATCH", path, 422, {
          message: 'Service "iris" is invalid: spec.ports[1].name: Duplicate value: "http"',
        });
      },
      replace,
    };
    const caches = createCaches(client as unknown as KubeClient, log, "ml");
    caches.services.remember(structuredClone(live));
    return { client: client as unknown as KubeClient, caches };
  }

  it("replaces the object whole, keeping what the server set and its resourceVersion", async () => {
    let put: Obj | undefined;
    const { client, caches } = refusingServer(async (_path, body) => {
      put = body;
      return { ...body, metadata: { ...body.metadata, resourceVersion: "42" } };
    });
    const r = await applyIfChanged(
      client,
      RESOURCES.services,
      caches.services,
      renderService(API),
      true,
    );
    expect(r).toMatchObject({ wrote: true, created: false });
    expect(r.replacedBecause).toMatch(/Duplicate value/);
    expect(put?.metadata).toMatchObject({ uid: "svc-uid", resourceVersion: "41" });
    expect(put?.metadata.labels).toMatchObject({ team: "ml", "cortexdeploy.dev/api": "iris" });
    expect(put?.metadata.managedFields).toBeUndefined();
    expect(put?.metadata.annotations?.["cortexdeploy.dev/applied-hash"]).toBeDefined();
    expect(put?.spec).toMatchObject({ clusterIP: "10.0.0.7", clusterIPs: ["10.0.0.7"] });
    expect(put?.spec?.ports).toEqual([
      { name: "http", port: 80, targetPort: 8888, protocol: "TCP" },
    ]);
  });

  it("tells the owner once by a Warning when replacing fails too, and a Normal when it works", async () => {
    let fail = true;
    const { client, caches } = refusingServer(async (path, body) => {
      if (fail)
        throw new KubeApiError("PUT", path, 409, { message: "the object has been modified" });
      return body;
    });
    const recorded: { type: string; reason: string; note: string }[] = [];
    const reports = new DriftReports({
      record: async (_ref, type, reason, note) => {
        recorded.push({ type, reason, note });
      },
    });
    const write = () =>
      reports.track(
        API,
        "RealtimeAPI",
        "Service iris",
        log,
        applyIfChanged(client, RESOURCES.services, caches.services, renderService(API), true),
      );
    await expect(write()).rejects.toBeInstanceOf(DriftRepairError);
    await expect(write()).rejects.toBeInstanceOf(DriftRepairError);
    expect(recorded).toEqual([
      expect.objectContaining({ type: "Warning", reason: "DriftRepairFailed" }),
    ]);
    fail = false;
    await write();
    expect(recorded[1]).toMatchObject({ type: "Normal", reason: "DriftRepaired" });
    expect(recorded[1]?.note).toMatch(/Service iris.*Duplicate value/);
  });

  it("keeps a handed-over Deployment's replicas", () => {
    const liveDeployment: Deployment = {
      metadata: { name: "iris", namespace: "ml", resourceVersion: "9" },
      spec: { replicas: 5, progressDeadlineSeconds: 600 },
    };
    const rendered: Deployment = {
      metadata: { name: "iris", namespace: "ml" },
      spec: { replicas: undefined, progressDeadlineSeconds: 300 },
    };
    expect(takeOver(liveDeployment, rendered).spec).toEqual({
      replicas: 5,
      progressDeadlineSeconds: 300,
    });
  });
});

describe("a RealtimeAPI whose object the API server refuses and the controller may not replace", () => {
  const API_PATH = resourcePath(RESOURCES.realtimeApis, "ml", "iris");
  const DEPLOYMENT = resourcePath(RESOURCES.deployments, "ml", "iris");

  /** Applies to `refused` fail with 422; replacing anything fails with `replaceStatus`. */
  function setUpRefusing(refused: string, replaceStatus: number) {
    const server = new FakeApiServer();
    const recorded: { reason: string; note: string }[] = [];
    const client = {
      ...server.client,
      apply: async (path: string, body: Obj) => {
        if (path === refused)
          throw new KubeApiError("PATCH", path, 422, {
            message: `${path} is invalid: spec.template.spec.containers[0].env[0].name: Invalid value: "A=B"`,
          });
        return server.client.apply(path, body);
      },
      replace: async (path: string) => {
        throw new KubeApiError("PUT", path, replaceStatus, {
          message: `cannot update resource at ${path}`,
        });
      },
    };
    const caches = createCaches(client as unknown as KubeClient, log, "ml");
    caches.apis.remember(
      server.seed(API_PATH, {
        apiVersion: "cortexdeploy.dev/v1alpha1",
        kind: "RealtimeAPI",
        metadata: { name: "iris", namespace: "ml", uid: "uid-1", generation: 1 },
        spec: rawSpec(),
      }),
    );
    // The live objects exist (a hand edit of them is what the apply could not merge with).
    for (const path of [DEPLOYMENT, SERVICE]) {
      server.seed(path, {
        metadata: {
          name: "iris",
          namespace: "ml",
          ownerReferences: [
            {
              apiVersion: "cortexdeploy.dev/v1alpha1",
              kind: "RealtimeAPI",
              name: "iris",
              uid: "uid-1",
            },
          ],
        },
        spec: {},
      });
    }
    const reconciler = new Reconciler({
      client: client as unknown as KubeClient,
      caches,
      events: {
        record: async (_ref, _type, reason, note) => {
          recorded.push({ reason, note });
        },
      },
      metrics: new ControllerMetrics(),
      log,
      options: {
        render: OPTIONS,
        historyLimit: 10,
        crashRestarts: 3,
        unschedulableTimeoutMs: 600_000,
        progressingRecheckMs: 5_000,
      },
      runtime: new Map(),
      now: () => Date.parse("2025-01-01T00:00:00Z"),
    });
    const status = () =>
      server.objects.get(API_PATH)?.status as
        | {
            phase?: string;
            observedGeneration?: number;
            conditions?: { type: string; reason: string; message: string }[];
          }
        | undefined;
    return { reconciler, recorded, status };
  }

  it("marks the API InvalidSpec with the server's message and the missing permission, once", async () => {
    const { reconciler, recorded, status } = setUpRefusing(DEPLOYMENT, 403);
    await expect(reconciler.reconcile("ml/iris")).resolves.toEqual({});
    const ready = status()?.conditions?.find((c) => c.type === "Ready");
    expect(status()).toMatchObject({ phase: "Failed", observedGeneration: 1 });
    expect(ready?.reason).toBe("InvalidSpec");
    expect(ready?.message).toMatch(/rejected the Deployment of revision 1: .*Invalid value: "A=B"/);
    expect(ready?.message).toMatch(/lacks the permission to update deployments/);
    // Told once, as InvalidSpec, not as a Deployment that differs from what the controller renders.
    await reconciler.reconcile("ml/iris");
    expect(recorded.map((e) => e.reason)).toEqual(["InvalidSpec"]);
  });

  it("marks the API failed when a hand-edited Service cannot be replaced for want of update", async () => {
    const { reconciler, recorded, status } = setUpRefusing(SERVICE, 403);
    await expect(reconciler.reconcile("ml/iris")).resolves.toEqual({});
    const degraded = status()?.conditions?.find((c) => c.type === "Degraded");
    expect(status()?.phase).toBe("Failed");
    expect(degraded?.reason).toBe("DriftRepairFailed");
    expect(degraded?.message).toMatch(
      /rejected the Service: .*lacks the permission to update services/,
    );
    expect(recorded.map((e) => e.reason)).toEqual(["DriftRepairFailed"]);
  });

  it("retries when replacing failed for a reason a retry can fix", async () => {
    const { reconciler, status } = setUpRefusing(SERVICE, 409);
    await expect(reconciler.reconcile("ml/iris")).rejects.toBeInstanceOf(DriftRepairError);
    expect(status()?.phase).toBeUndefined();
  });
});
