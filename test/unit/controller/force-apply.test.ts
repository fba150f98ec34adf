// Drift repair: a hand edit of a derived object sets the reconciler's force flag, and the flag must
// outlive a failed forced write. The retry would otherwise skip the object (its applied hash did
// not change) and leave the edit in place until the next resync, or for good.
import { describe, expect, it } from "vitest";
import { type Caches, createCaches } from "../../../controller/src/controller/caches.ts";
import type { EventRecorder } from "../../../controller/src/controller/events.ts";
import { RESOURCES, resourcePath } from "../../../controller/src/controller/kube/paths.ts";
import type { KubeObject } from "../../../controller/src/controller/kube/types.ts";
import { ControllerMetrics } from "../../../controller/src/controller/metrics.ts";
import { Reconciler } from "../../../controller/src/controller/reconcile.ts";
import { SplitterReconciler } from "../../../controller/src/controller/splitter/reconcile.ts";
import { createLogger } from "../../../controller/src/lib/log.ts";
import { KubeApiError, type KubeClient } from "../../../src/kube/client.ts";
import { OPTIONS, rawSpec } from "./fixtures.ts";

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
