// gc's plan: which of the prefix's objects go and why the others stay, from references, parsed
// manifests and a listing made up here (no S3, no cluster).
import { describe, expect, it } from "vitest";
import {
  type ArtifactRoot,
  isInTarget,
  neededKeys,
  ourKey,
  type PlanInput,
  planGc,
  type StoredObject,
} from "../../../src/artifacts/gc-plan.ts";
import { blobKey, type Manifest, manifestKey } from "../../../src/artifacts/manifest.ts";

const hex = (c: string) => c.repeat(64);
const DAY = 86_400_000;
const NOW = Date.parse("2026-03-01T12:00:00Z");
const target = { bucket: "models", prefix: "cortex-deploy" };

function manifest(...blobs: string[]): Manifest {
  return {
    version: 1,
    files: blobs.map((b, i) => ({
      path: `f${i}`,
      mount: "/mnt/a",
      sha256: hex(b),
      size: 10,
      mode: 0o644,
    })),
  };
}

function stored(key: string, ageDays: number, size = 100): StoredObject {
  return { key, size, lastModified: new Date(NOW - ageDays * DAY) };
}

const root = (m: string, source: string, prefix = "cortex-deploy"): ArtifactRoot => ({
  bucket: "models",
  prefix,
  manifest: hex(m),
  source,
});

const mKey = (m: string) => manifestKey("cortex-deploy", hex(m));
const bKey = (b: string) => blobKey("cortex-deploy", hex(b));
const keys = (objects: readonly StoredObject[]) => objects.map((o) => o.key);

function plan(overrides: Partial<PlanInput>) {
  return planGc({
    target,
    roots: [],
    manifests: new Map(),
    objects: [],
    now: NOW,
    minAgeMs: 7 * DAY,
    ...overrides,
  });
}

describe("planGc", () => {
  it("keeps a referenced manifest and every blob it names; deletes the rest when old", () => {
    const p = plan({
      roots: [root("1", "realtimeapi/iris")],
      manifests: new Map([[hex("1"), manifest("a", "b")]]),
      objects: [
        stored(mKey("1"), 30),
        stored(bKey("a"), 30),
        stored(bKey("b"), 30),
        stored(mKey("2"), 30, 50),
        stored(bKey("c"), 30, 1000),
      ],
    });
    expect(keys(p.referenced.manifests)).toEqual([mKey("1")]);
    expect(keys(p.referenced.blobs)).toEqual([bKey("a"), bKey("b")]);
    expect(keys(p.delete.manifests)).toEqual([mKey("2")]);
    expect(keys(p.delete.blobs)).toEqual([bKey("c")]);
    expect(p.young).toEqual({ manifests: [], blobs: [] });
    expect(p.roots).toBe(1);
  });

  it("keeps unreferenced objects younger than the minimum age, of unknown age, or from the future", () => {
    const p = plan({
      objects: [
        stored(bKey("a"), 6.9),
        stored(bKey("b"), 7.1),
        { key: bKey("c"), size: 1, lastModified: undefined },
        stored(bKey("d"), -0.01),
        stored(mKey("1"), 1),
      ],
    });
    expect(keys(p.young.blobs)).toEqual([bKey("a"), bKey("c"), bKey("d")]);
    expect(keys(p.young.manifests)).toEqual([mKey("1")]);
    expect(keys(p.delete.blobs)).toEqual([bKey("b")]);
  });

  it("with a minimum age of 0 deletes whatever is unreferenced and not from the future", () => {
    const p = plan({ minAgeMs: 0, objects: [stored(bKey("a"), 0), stored(bKey("b"), -0.01)] });
    expect(keys(p.delete.blobs)).toEqual([bKey("a")]);
    expect(keys(p.young.blobs)).toEqual([bKey("b")]);
  });

  it("never touches keys that are not of our shapes, nor other prefixes' keys", () => {
    const p = plan({
      minAgeMs: 0,
      objects: [
        stored("cortex-deploy/blobs/sha256/not-a-digest", 30),
        stored(`cortex-deploy/blobs/sha256/${"A".repeat(64)}`, 30),
        stored(`cortex-deploy/blobs/sha256/${hex("a")}/x`, 30),
        stored(`cortex-deploy/manifests/sha256/${hex("1")}`, 30),
        stored(`cortex-deploy/manifests/sha256/${hex("1")}.json.bak`, 30),
        stored(blobKey("cortex-deploy-staging", hex("a")), 30),
        stored(blobKey("", hex("a")), 30),
        stored(`other/cortex-deploy/blobs/sha256/${hex("a")}`, 30),
        stored("cortex-deploy/README", 30),
      ],
    });
    expect(p.foreign).toBe(9);
    expect(p.delete).toEqual({ manifests: [], blobs: [] });
  });

  it("counts references that spell the prefix differently as the same prefix", () => {
    const roots = [root("1", "a", "/cortex-deploy/"), root("2", "b", "cortex-deploy/")];
    const p = plan({
      roots,
      manifests: new Map([
        [hex("1"), manifest("a")],
        [hex("2"), manifest("b")],
      ]),
      objects: [
        stored(mKey("1"), 30),
        stored(mKey("2"), 30),
        stored(bKey("a"), 30),
        stored(bKey("b"), 30),
      ],
    });
    expect(p.delete).toEqual({ manifests: [], blobs: [] });
    expect(p.referenced.manifests).toHaveLength(2);
    expect(p.roots).toBe(2);
  });

  it("lets references to other buckets and prefixes protect nothing here", () => {
    const p = plan({
      roots: [
        { ...root("1", "other bucket"), bucket: "models-staging" },
        root("1", "other prefix", "cortex-deploy/previews"),
      ],
      objects: [stored(mKey("1"), 30)],
    });
    expect(keys(p.delete.manifests)).toEqual([mKey("1")]);
    expect(p.roots).toBe(0);
  });

  it("keeps a manifest shared by two APIs while either references it", () => {
    const manifests = new Map([[hex("1"), manifest("a")]]);
    const objects = [stored(mKey("1"), 30), stored(bKey("a"), 30)];
    const both = plan({
      roots: [root("1", "realtimeapi/iris in ml"), root("1", "realtimeapi/iris in staging")],
      manifests,
      objects,
    });
    expect(keys(both.referenced.manifests)).toEqual([mKey("1")]);
    const one = plan({ roots: [root("1", "realtimeapi/iris in staging")], manifests, objects });
    expect(keys(one.referenced.manifests)).toEqual([mKey("1")]);
    expect(keys(one.referenced.blobs)).toEqual([bKey("a")]);
    expect(one.delete).toEqual({ manifests: [], blobs: [] });
  });

  it("keeps a blob that a kept manifest shares with a deletable one", () => {
    const p = plan({
      roots: [root("1", "controllerrevision/iris-1")],
      manifests: new Map([[hex("1"), manifest("a", "e")]]),
      // Manifest 2 (not read: nothing references it) names "e" and "b".
      objects: [
        stored(mKey("1"), 30),
        stored(mKey("2"), 30),
        stored(bKey("a"), 30),
        stored(bKey("e"), 30),
        stored(bKey("b"), 30),
      ],
    });
    expect(keys(p.delete.manifests)).toEqual([mKey("2")]);
    expect(keys(p.delete.blobs)).toEqual([bKey("b")]);
    expect(keys(p.referenced.blobs)).toEqual([bKey("a"), bKey("e")]);
  });

  it("names the keys references need that S3 does not have, with who needs them", () => {
    const p = plan({
      roots: [root("1", "realtimeapi/iris"), root("1", "replicaset/iris-abc")],
      manifests: new Map([[hex("1"), manifest("a", "gone")]]),
      objects: [stored(mKey("1"), 30), stored(bKey("a"), 30)],
    });
    expect([...p.missing]).toEqual([[bKey("gone"), ["realtimeapi/iris", "replicaset/iris-abc"]]]);
  });

  it("refuses to plan with a referenced manifest it has not read", () => {
    expect(() => plan({ roots: [root("1", "realtimeapi/iris")] })).toThrow(/without reading/);
  });
});

describe("ourKey and isInTarget", () => {
  it("reads our key shapes at the bucket's root too", () => {
    expect(ourKey("", `manifests/sha256/${hex("1")}.json`)).toEqual({
      kind: "manifest",
      sha256: hex("1"),
    });
    expect(ourKey("/", `blobs/sha256/${hex("a")}`)).toEqual({ kind: "blob", sha256: hex("a") });
    expect(ourKey("", `x/blobs/sha256/${hex("a")}`)).toBeUndefined();
  });

  it("compares buckets exactly and prefixes by the keys they give", () => {
    const ref = { bucket: "models", prefix: "//cortex-deploy//", manifest: hex("1") };
    expect(isInTarget(ref, target)).toBe(true);
    expect(isInTarget({ ...ref, bucket: "Models" }, target)).toBe(false);
    expect(isInTarget({ ...ref, prefix: "cortex-deploy/v2" }, target)).toBe(false);
    expect(isInTarget({ ...ref, prefix: "" }, { bucket: "models", prefix: "/" })).toBe(true);
  });

  it("lists each needed key once with every distinct source", () => {
    const needed = neededKeys(
      target,
      [root("1", "x"), root("1", "x"), root("1", "y")],
      new Map([[hex("1"), manifest("a", "a")]]),
    );
    expect([...needed]).toEqual([
      [mKey("1"), ["x", "y"]],
      [bKey("a"), ["x", "y"]],
    ]);
  });
});
