import { describe, expect, it } from "vitest";
import { type Claimant, heldBy } from "../../../controller/src/controller/claim.ts";
import type { KubeObject } from "../../../controller/src/controller/kube/types.ts";

type Owner = { kind: string; name: string; uid: string; controller?: boolean };

const owned = (...owners: Owner[]) =>
  ({
    metadata: { name: "front", ownerReferences: owners.map((o) => ({ apiVersion: "v1", ...o })) },
  }) as KubeObject;

const api: Claimant = { kind: "RealtimeAPI", namespace: "ml", name: "front", uid: "u1" };

describe("heldBy", () => {
  it("is undefined for an object the claimant owns, even beside other owners", () => {
    expect(heldBy(owned({ kind: "RealtimeAPI", name: "front", uid: "u1" }), api)).toBeUndefined();
    const shared = owned(
      { kind: "Other", name: "x", uid: "u0" },
      { kind: "RealtimeAPI", name: "front", uid: "u1", controller: true },
    );
    expect(heldBy(shared, api)).toBeUndefined();
  });

  it("counts an earlier object of the same kind and name as the claimant's", () => {
    const earlier = owned({ kind: "RealtimeAPI", name: "front", uid: "u-old", controller: true });
    expect(heldBy(earlier, api)).toBeUndefined();
  });

  it("names the controlling owner, else the first, else says there is none", () => {
    const splitter = owned(
      { kind: "Other", name: "x", uid: "u0" },
      { kind: "TrafficSplitter", name: "front", uid: "u2", controller: true },
    );
    expect(heldBy(splitter, api)).toBe("TrafficSplitter front");
    expect(heldBy(owned({ kind: "Other", name: "x", uid: "u0" }), api)).toBe("Other x");
    expect(heldBy({ metadata: { name: "front" } } as KubeObject, api)).toBe(
      "something else (it has no owner)",
    );
  });
});
