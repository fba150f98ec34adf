import { describe, expect, it } from "vitest";
import { balancedOptions, MIB, planUpload } from "../../../src/artifacts/parts.ts";

describe("planUpload", () => {
  const opts = { partSize: 16 * MIB, multipartThreshold: 32 * MIB };

  it("sends files up to the threshold in one PUT", () => {
    expect(planUpload(0, opts)).toEqual({ multipart: false });
    expect(planUpload(32 * MIB, opts)).toEqual({ multipart: false });
  });

  it("splits larger files into contiguous parts that cover every byte", () => {
    const size = 300 * 1000 * 1000;
    const plan = planUpload(size, opts);
    if (!plan.multipart) throw new Error("expected multipart");
    expect(plan.partSize).toBe(16 * MIB);
    expect(plan.parts).toHaveLength(Math.ceil(size / (16 * MIB)));
    expect(plan.parts[0]).toEqual({ number: 1, start: 0, end: 16 * MIB });
    plan.parts.forEach((p, i) => {
      expect(p.number).toBe(i + 1);
      if (i > 0) expect(p.start).toBe(plan.parts[i - 1]?.end);
    });
    expect(plan.parts.at(-1)?.end).toBe(size);
  });

  it("grows the part size (in whole MiB) to stay within 10,000 parts", () => {
    const size = 500 * 1024 * MIB; // 500 GiB
    const plan = planUpload(size, opts);
    if (!plan.multipart) throw new Error("expected multipart");
    expect(plan.parts.length).toBeLessThanOrEqual(10_000);
    expect(plan.partSize % MIB).toBe(0);
  });

  it("never plans parts below S3's 5 MiB minimum", () => {
    const plan = planUpload(20 * MIB, { partSize: MIB, multipartThreshold: 8 * MIB });
    if (!plan.multipart) throw new Error("expected multipart");
    expect(plan.partSize).toBe(5 * MIB);
  });
});

describe("balancedOptions", () => {
  const opts = { partSize: 16 * MIB, multipartThreshold: 64 * MIB };

  it("splits a file that would otherwise leave request slots idle", () => {
    // One 250 MB model: twice its fair share over 16 slots is 31 MB, so the 64 MiB floor rules.
    expect(balancedOptions(250e6, 16, opts).multipartThreshold).toBe(64 * MIB);
  });

  it("keeps whole-file PUTs when there are enough bytes to fill the slots", () => {
    // 8 x 256 MB and more: twice the fair share is ~290 MB, above each large file.
    const t = balancedOptions(2.3e9, 16, opts).multipartThreshold;
    expect(t).toBeCloseTo(2 * (2.3e9 / 16));
    expect(planUpload(256e6, balancedOptions(2.3e9, 16, opts))).toEqual({ multipart: false });
  });

  it("never allows a single PUT near S3's 5 GiB limit", () => {
    expect(balancedOptions(1e12, 4, opts).multipartThreshold).toBe(4096 * MIB);
  });
});
