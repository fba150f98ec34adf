// Whether a controller runs, from its leader Lease: held and renewed lately, else why not; and
// reading the Lease, where only a 404 says "absent" and any other failure says nothing.
import { describe, expect, it } from "vitest";
import { KubeApiError, type KubeClient, KubeConnectionError } from "../../../src/kube/client.ts";
import {
  CONTROLLER_LEASE,
  controllerPresence,
  type LeaseObject,
  noControllerLine,
  readControllerLease,
} from "../../../src/kube/controller-presence.ts";

const now = Date.parse("2026-01-01T12:00:00Z");
const ago = (s: number) => new Date(now - s * 1000).toISOString();
const held = (renewTime: string | null, leaseDurationSeconds = 12): LeaseObject => ({
  spec: { holderIdentity: "controller-7d9f-abcde", leaseDurationSeconds, renewTime },
});
const presence = (read: Parameters<typeof controllerPresence>[0]) =>
  controllerPresence(read, CONTROLLER_LEASE, now);

describe("controllerPresence", () => {
  it("says no controller runs when there is no Lease", () => {
    expect(presence("absent")).toEqual({
      state: "none",
      why: "no Lease cortex-deploy-system/cortex-deploy-controller",
    });
  });

  it("says no controller runs when the last leader released the Lease", () => {
    // As the elector leaves it on SIGTERM.
    const released = { spec: { holderIdentity: "", leaseDurationSeconds: 1, renewTime: null } };
    expect(presence(released)).toEqual({
      state: "none",
      why: "Lease cortex-deploy-system/cortex-deploy-controller released",
    });
    expect(presence({ spec: { holderIdentity: null } }).state).toBe("none");
    expect(presence({}).state).toBe("none");
  });

  it("says no controller runs when the holder stopped renewing, and since when", () => {
    expect(presence(held(ago(3 * 3600)))).toEqual({
      state: "none",
      why: "Lease cortex-deploy-system/cortex-deploy-controller last renewed 3h ago",
    });
    expect(presence(held(ago(61))).state).toBe("none");
  });

  it("counts a Lease renewed within a generous window as a running controller", () => {
    expect(presence(held(ago(2)))).toEqual({ state: "running" });
    // At least 60 s, for clock skew and a takeover between leaders…
    expect(presence(held(ago(59))).state).toBe("running");
    // …and three lease durations for long leases.
    expect(presence(held(ago(80), 30)).state).toBe("running");
    expect(presence(held(ago(100), 30)).state).toBe("none");
    // A clock behind the controller's: renewed "in the future".
    expect(presence(held(new Date(now + 5000).toISOString())).state).toBe("running");
  });

  it("says nothing when the Lease could not be read, or its renewal cannot be told", () => {
    expect(presence("unknown")).toEqual({ state: "unknown" });
    expect(presence(held(null))).toEqual({ state: "unknown" });
    expect(presence(held("not a time"))).toEqual({ state: "unknown" });
  });

  it("words the line for people", () => {
    expect(noControllerLine("no Lease a/b", "iris")).toBe(
      "no cortex-deploy controller is running (no Lease a/b): iris will not roll out until one " +
        "runs; install it with cortex-deploy install --with-controller",
    );
  });
});

describe("readControllerLease", () => {
  const failing = (err: Error) =>
    ({
      request: () => Promise.reject(err),
    }) as unknown as KubeClient;
  const path = "/apis/coordination.k8s.io/v1/namespaces/cortex-deploy-system/leases/x";

  it("reads the Lease at its path", async () => {
    const asked: string[] = [];
    const lease = held(ago(1));
    const client = {
      request: (method: string, p: string) => {
        asked.push(`${method} ${p}`);
        return Promise.resolve(lease);
      },
    } as unknown as KubeClient;
    const ref = { namespace: "cortex-deploy-system", name: "x" };
    expect(await readControllerLease(client, ref)).toBe(lease);
    expect(asked).toEqual([`GET ${path}`]);
  });

  it("takes a 404 for an absent Lease and anything else for unknown", async () => {
    const ref = { namespace: "cortex-deploy-system", name: "x" };
    const notFound = new KubeApiError("GET", path, 404, { reason: "NotFound" });
    const forbidden = new KubeApiError("GET", path, 403, { reason: "Forbidden" });
    const down = new KubeConnectionError(
      "https://k8s",
      Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
    );
    expect(await readControllerLease(failing(notFound), ref)).toBe("absent");
    expect(await readControllerLease(failing(forbidden), ref)).toBe("unknown");
    expect(await readControllerLease(failing(down), ref)).toBe("unknown");
    expect(await readControllerLease(failing(new Error("bug")), ref)).toBe("unknown");
  });
});
