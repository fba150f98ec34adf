import { describe, expect, it } from "vitest";
import { heldBy } from "../../../controller/src/controller/claim.ts";
import type { KubeObject } from "../../../controller/src/controller/kube/types.ts";

const owned = (...owners: { kind: string; name: string; uid: string; controller?: boolean }[]) =>
  ({
    metadata: {
      name: "front",
      ownerReferences: owners.map((o) => ({ apiVersion: "v1", ...o })),
    },
  }) as KubeObject;

describe("heldBy", () => {
  it("is undefined for an object the owner holds, even beside other owners", () => {
    expect(heldBy(owned({ kind: "RealtimeAPI", name: "front", uid: "u1" }), "u1")).toBeUndefined();
    expect(
      heldBy(
        owned(
          { kind: "Other", name: "x", uid: "u0" },
          { kind: "RealtimeAPI", name: "front", uid: "u1", controller: true },
        ),
        "u1",
      ),
    ).toBeUndefined();
  });

  it("names the controlling owner, else the first, else says there is none", () => {
    expect(
      heldBy(
        owned(
          { kind: "Other", name: "x", uid: "u0" },
          { kind: "TrafficSplitter", name: "front", uid: "u2", controller: true },
        ),
        "u1",
      ),
    ).toBe("TrafficSplitter front");
    expect(heldBy(owned({ kind: "Other", name: "x", uid: "u0" }), "u1")).toBe("Other x");
    expect(heldBy({ metadata: { name: "front" } } as KubeObject, "u1")).toBe(
      "something else (it has no owner)",
    );
  });
});
