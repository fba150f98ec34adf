import { describe, expect, it } from "vitest";
import { IpPool, readyOnlyIp } from "../../sandbox/kubelet/ip-pool.ts";

describe("IpPool", () => {
  it("hands out .2 to .254 of the /24, never the gateway or broadcast", () => {
    const pool = new IpPool("10.213.7.0/24");
    const ips = new Set<string>();
    for (let i = 0; i < 253; i++) {
      const a = pool.allocate();
      expect(a).toBeDefined();
      if (a) ips.add(a.ip);
    }
    expect(ips.size).toBe(253);
    expect(ips.has("10.213.7.1")).toBe(false);
    expect(ips.has("10.213.7.255")).toBe(false);
    expect(ips.has("10.213.7.2")).toBe(true);
    expect(ips.has("10.213.7.254")).toBe(true);
    expect(pool.allocate()).toBeUndefined();
  });

  it("goes round-robin, so a released address is not reused at once", () => {
    const pool = new IpPool("10.213.7.0/24");
    const a = pool.allocate();
    const b = pool.allocate();
    expect([a?.ip, b?.ip]).toEqual(["10.213.7.2", "10.213.7.3"]);
    if (a) pool.release(a.octet);
    expect(pool.allocate()?.ip).toBe("10.213.7.4");
    expect(pool.inUse).toBe(2);
  });

  it("wraps around to free addresses and skips reserved ones", () => {
    const pool = new IpPool("127.0.0.0/24");
    pool.reserve(2);
    expect(pool.allocate()?.ip).toBe("127.0.0.3");
    for (let i = 4; i <= 254; i++) pool.allocate();
    pool.release(3);
    expect(pool.allocate()?.ip).toBe("127.0.0.3");
  });

  it("lets a pod keep its previous address when that one is free", () => {
    const pool = new IpPool("10.213.7.0/24");
    expect(pool.claim("10.213.7.9")).toEqual({ ip: "10.213.7.9", octet: 9 });
    expect(pool.claim("10.213.7.9")).toBeUndefined();
    expect(pool.claim("10.213.8.9")).toBeUndefined();
    expect(pool.claim("10.213.7.1")).toBeUndefined();
    expect(pool.allocate()?.ip).toBe("10.213.7.2");
  });

  it("rejects a CIDR that is not a /24", () => {
    expect(() => new IpPool("10.213.0.0/16")).toThrow(/must be a \/24/);
  });
});

describe("readyOnlyIp", () => {
  it("gives distinct loopback addresses, never .0 or .255", () => {
    const ips = Array.from({ length: 10_000 }, (_, i) => readyOnlyIp(i));
    expect(new Set(ips).size).toBe(10_000);
    expect(ips.filter((ip) => !/^127\.213\.\d+\.\d+$/.test(ip))).toEqual([]);
    const lastOctets = new Set(ips.map((ip) => Number(ip.split(".")[3])));
    expect(Math.min(...lastOctets)).toBe(1);
    expect(Math.max(...lastOctets)).toBe(254);
  });
});
