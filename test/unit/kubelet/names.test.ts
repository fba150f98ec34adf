import { describe, expect, it } from "vitest";
import {
  bridgeName,
  netnsName,
  netnsPrefix,
  parseSubnetIndex,
  subnetForIndex,
  subnetIndexOfCidr,
  vethName,
} from "../../sandbox/kubelet/network-names.ts";
import { hostView, podHostname } from "../../sandbox/kubelet/pod-worker.ts";
import { parseQuantity, resourceValue } from "../../sandbox/kubelet/quantity.ts";

describe("network names", () => {
  it("fit Linux's 15-character interface names at the largest index and octet", () => {
    expect(bridgeName(254).length).toBeLessThanOrEqual(15);
    expect(vethName(254, 254).length).toBeLessThanOrEqual(15);
    expect(vethName(254, 254)).toBe("cdv254-254");
  });

  it("give each sandbox a namespace prefix no other sandbox's names start with", () => {
    expect(netnsName(1, 5).startsWith(netnsPrefix(1))).toBe(true);
    expect(netnsName(12, 5).startsWith(netnsPrefix(1))).toBe(false);
  });

  it("derive the subnet from the index and back", () => {
    expect(subnetForIndex(9)).toEqual({ hostIp: "10.213.9.1", podCidr: "10.213.9.0/24" });
    expect(subnetIndexOfCidr("10.213.9.0/24")).toBe(9);
    expect(() => subnetIndexOfCidr("127.0.0.0/24")).toThrow(/not a 10\.213\.N\.0\/24/);
  });

  it("read the subnet index from `ip -o -4 addr` lines", () => {
    expect(parseSubnetIndex("5: cdsb3    inet 10.213.3.1/24 scope global cdsb3")).toBe(3);
    expect(parseSubnetIndex("2: eth0    inet 10.0.0.5/24 brd 10.0.0.255")).toBeUndefined();
  });
});

describe("quantities", () => {
  it("parse decimal and binary suffixes", () => {
    expect(parseQuantity("100m")).toBeCloseTo(0.1);
    expect(parseQuantity("2")).toBe(2);
    expect(parseQuantity("1Gi")).toBe(2 ** 30);
    expect(parseQuantity("1.5k")).toBe(1500);
    expect(() => parseQuantity("lots")).toThrow(/invalid quantity/);
  });

  it("give a resourceFieldRef value, rounded up, with node capacity for an unset limit", () => {
    const capacity = { cpu: "64", memory: "256Gi" };
    expect(resourceValue("limits.cpu", undefined, { limits: { cpu: "250m" } }, capacity)).toBe("1");
    expect(resourceValue("limits.cpu", "1m", { limits: { cpu: "250m" } }, capacity)).toBe("250");
    expect(resourceValue("limits.cpu", undefined, undefined, capacity)).toBe("64");
    expect(
      resourceValue("requests.memory", "1Mi", { requests: { memory: "64Mi" } }, capacity),
    ).toBe("64");
  });
});

describe("pod worker helpers", () => {
  it("truncates a pod hostname to a 63-character DNS label", () => {
    const name = `${"a".repeat(62)}-b`;
    expect(podHostname({ metadata: { name }, spec: { containers: [] } })).toBe("a".repeat(62));
    expect(
      podHostname({ metadata: { name: "x" }, spec: { hostname: "web", containers: [] } }),
    ).toBe("web");
  });

  it("maps a path inside the container to the host through the deepest bind mount", () => {
    const mounts = [
      { source: "/v/a", target: "/mnt", readOnly: false, isFile: false },
      { source: "/v/b", target: "/mnt/artifacts", readOnly: false, isFile: false },
    ];
    expect(hostView("/mnt/artifacts/run.sh", mounts)).toBe("/v/b/run.sh");
    expect(hostView("/mnt/other", mounts)).toBe("/v/a/other");
    expect(hostView("/mntx/y", mounts)).toBe("/mntx/y");
    expect(hostView("/usr/bin/node", [])).toBe("/usr/bin/node");
  });
});
