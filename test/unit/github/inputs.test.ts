import { describe, expect, it } from "vitest";
import { InputError, parseHumanDuration, readInputs } from "../../../src/github/inputs.ts";

const get = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("readInputs", () => {
  it("fills the documented defaults", () => {
    const inputs = readInputs(get({}));
    expect(inputs).toMatchObject({
      config: "cortex.yaml",
      command: "auto",
      namespace: "default",
      prefix: "cortex-deploy",
      s3ForcePathStyle: false,
      uploadConcurrency: 16,
      wait: true,
      timeoutSeconds: 900,
      prune: true,
      previewTtlSeconds: 7 * 86_400,
      allowForkPreviews: false,
    });
  });

  it("parses booleans, numbers and durations", () => {
    const inputs = readInputs(
      get({ wait: "false", "upload-concurrency": "64", timeout: "90s", "preview-ttl": "2d12h" }),
    );
    expect(inputs.wait).toBe(false);
    expect(inputs.uploadConcurrency).toBe(64);
    expect(inputs.timeoutSeconds).toBe(90);
    expect(inputs.previewTtlSeconds).toBe(2.5 * 86_400);
  });

  it.each([
    [{ command: "ship" }, /input command: 'ship' is not one of/],
    [{ wait: "maybe" }, /input wait: expected true or false, got 'maybe'/],
    [{ "upload-concurrency": "0" }, /input upload-concurrency: expected a whole number from 1/],
    [{ timeout: "soon" }, /input timeout: expected a duration/],
  ])("names the bad input %j", (values, message) => {
    expect(() => readInputs(get(values))).toThrow(InputError);
    expect(() => readInputs(get(values))).toThrow(message);
  });
});

describe("parseHumanDuration", () => {
  it("reads days and Go durations", () => {
    expect(parseHumanDuration("7d")).toBe(604_800);
    expect(parseHumanDuration("1h30m")).toBe(5_400);
  });
});
