import { describe, expect, it } from "vitest";
import { type EndpointSlice, readyEndpoints } from "../../../scripts/demo/endpoints.ts";

const slice = (name: string, endpoints: EndpointSlice["endpoints"]): EndpointSlice => ({
  metadata: { name },
  endpoints,
  ports: [{ name: "http", port: 8888 }],
});

describe("readyEndpoints", () => {
  it("keeps ready endpoints, drops not-ready and terminating ones, across slices", () => {
    const got = readyEndpoints([
      slice("iris-a", [
        { addresses: ["10.213.4.10"], conditions: { ready: true }, targetRef: { name: "p10" } },
        { addresses: ["10.213.4.9"], conditions: { ready: false }, targetRef: { name: "p9" } },
        {
          addresses: ["10.213.4.8"],
          conditions: { ready: false, serving: true, terminating: true },
          targetRef: { name: "p8" },
        },
      ]),
      slice("iris-b", [{ addresses: ["10.213.4.2"], targetRef: { name: "p2" } }]),
    ]);
    // A missing `ready` means ready; sorted numerically (10.213.4.2 before 10.213.4.10).
    expect(got).toEqual([
      { ip: "10.213.4.2", pod: "p2" },
      { ip: "10.213.4.10", pod: "p10" },
    ]);
  });

  it("lists an address once when two slices name it (a slice being replaced)", () => {
    const e = { addresses: ["10.0.0.5"], conditions: { ready: true } };
    expect(readyEndpoints([slice("a", [e]), slice("b", [e])])).toHaveLength(1);
  });

  it("is empty for a Service without endpoints", () => {
    expect(readyEndpoints([slice("a", undefined)])).toEqual([]);
    expect(readyEndpoints([])).toEqual([]);
  });
});
