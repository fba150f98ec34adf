import { describe, expect, it } from "vitest";
import { InputError, readInputs } from "../../../src/github/inputs.ts";

const read = (values: Record<string, string>) => readInputs((name) => values[name] ?? "");

describe("the inputs of the GitHub flows", () => {
  it("caps preview replicas at 1-2 unless told otherwise", () => {
    expect(read({}).previewReplicas).toEqual({ min: 1, max: 2 });
    expect(read({ "preview-replicas": "0-3" }).previewReplicas).toEqual({ min: 0, max: 3 });
    expect(read({ "preview-replicas": "config" }).previewReplicas).toBe("config");
  });

  it("fails on a preview-replicas value it cannot use, before anything is touched", () => {
    expect(() => read({ "preview-replicas": "5-2" })).toThrow(InputError);
    expect(() => read({ "preview-replicas": "5-2" })).toThrow(/input preview-replicas/);
  });

  it("reads preview-max-compute, no limit by default", () => {
    expect(read({}).previewMaxCompute).toEqual([]);
    expect(
      read({ "preview-max-compute": "cpu=2, gpu=0" }).previewMaxCompute.map((l) => l.key),
    ).toEqual(["cpu", "gpu"]);
  });

  it("fails on a preview-max-compute value it cannot use, before anything is touched", () => {
    expect(() => read({ "preview-max-compute": "gpus=0" })).toThrow(InputError);
    expect(() => read({ "preview-max-compute": "gpus=0" })).toThrow(
      /^input preview-max-compute: unknown key 'gpus'/,
    );
  });

  it("reads dry-run (cleanup) as a boolean, off by default", () => {
    expect(read({}).dryRun).toBe(false);
    expect(read({ "dry-run": "true" }).dryRun).toBe(true);
    expect(() => read({ "dry-run": "maybe" })).toThrow(/input dry-run: expected true or false/);
  });

  it("takes preview-ttl in days", () => {
    expect(read({ "preview-ttl": "2d" }).previewTtlSeconds).toBe(172_800);
    expect(read({}).previewTtlSeconds).toBe(604_800);
  });
});
