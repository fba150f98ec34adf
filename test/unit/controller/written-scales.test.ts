// The autoscaler sees its own scale write until the cache catches up, so it does not repeat it.
import { describe, expect, it } from "vitest";
import type { Deployment } from "../../../controller/src/controller/kube/types.ts";
import { WrittenScales } from "../../../controller/src/controller/written-scales.ts";

const dep = (rv: string, replicas: number): Deployment => ({
  metadata: { name: "iris", namespace: "ml", resourceVersion: rv },
  spec: { replicas },
});

describe("WrittenScales", () => {
  it("shows the written count while the cache is unchanged, for at most the window", () => {
    let now = 0;
    const scales = new WrittenScales(60_000, () => now);
    const before = dep("10", 4);
    expect(scales.view("ml/iris", before)?.spec?.replicas).toBe(4);
    scales.record("ml/iris", 3, before);
    // A dead watch: the cache still holds the Deployment from before the write.
    now = 2_000;
    expect(scales.view("ml/iris", before)?.spec?.replicas).toBe(3);
    now = 59_999;
    expect(scales.view("ml/iris", before)?.spec?.replicas).toBe(3);
    // Long enough: write again if the cache still says 4.
    now = 60_000;
    expect(scales.view("ml/iris", before)?.spec?.replicas).toBe(4);
  });

  it("gives way to the cache as soon as it changes", () => {
    let now = 0;
    const scales = new WrittenScales(60_000, () => now);
    scales.record("ml/iris", 3, dep("10", 4));
    now = 1_000;
    // Someone else scaled it to 5 meanwhile: that is what the autoscaler must see.
    expect(scales.view("ml/iris", dep("11", 5))?.spec?.replicas).toBe(5);
    expect(scales.view("ml/iris", dep("10", 4))?.spec?.replicas).toBe(4);
    expect(scales.view("ml/other", undefined)).toBeUndefined();
  });

  it("forgets writes past the window, so deleted APIs do not pile up", () => {
    let now = 0;
    const scales = new WrittenScales(60_000, () => now);
    for (let i = 0; i < 100; i++) scales.record(`ml/gone-${i}`, 2, dep("10", 1));
    expect(scales.size).toBe(100);
    // Those APIs were deleted: nothing views them again. The next write anywhere sweeps them.
    now = 60_000;
    scales.record("ml/iris", 3, dep("10", 4));
    expect(scales.size).toBe(1);
    expect(scales.view("ml/iris", dep("10", 4))?.spec?.replicas).toBe(3);
  });
});
