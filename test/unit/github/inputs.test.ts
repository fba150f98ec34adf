import { describe, expect, it } from "vitest";
import {
  checkDryRun,
  clusterOf,
  InputError,
  parseHumanDuration,
  pathStyleWarning,
  readInputs,
} from "../../../src/github/inputs.ts";

const get = (values: Record<string, string>) => (name: string) => values[name] ?? "";

const KUBECONFIG =
  "apiVersion: v1\nclusters:\n- name: c\n  cluster:\n    server: https://k8s:6443\n" +
  "contexts:\n- name: prod\n  context:\n    cluster: c\n";

describe("readInputs", () => {
  it("fills the documented defaults", () => {
    const inputs = readInputs(get({}));
    expect(inputs).toMatchObject({
      config: "cortex.yaml",
      command: "auto",
      namespace: "default",
      prefix: "cortex-deploy",
      s3ForcePathStyle: undefined,
      uploadConcurrency: 16,
      wait: true,
      timeoutSeconds: 900,
      prune: true,
      forceConflicts: false,
      previewTtlSeconds: 7 * 86_400,
      allowForkPreviews: false,
      previewCopySecret: true,
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

  it("leaves path-style addressing to the endpoint unless it is set either way", () => {
    // Unset: on with s3-endpoint, off for AWS. Some stores (Alibaba OSS) refuse path-style.
    expect(readInputs(get({ "s3-force-path-style": "" })).s3ForcePathStyle).toBeUndefined();
    expect(readInputs(get({ "s3-force-path-style": "false" })).s3ForcePathStyle).toBe(false);
    expect(readInputs(get({ "s3-force-path-style": "true" })).s3ForcePathStyle).toBe(true);
  });

  it("warns when path-style is turned off with an endpoint, which was the old default's spelling", () => {
    expect(pathStyleWarning(false, "http://minio:9000")).toMatch(
      /s3-force-path-style is false with the S3 endpoint http:\/\/minio:9000/,
    );
    expect(pathStyleWarning(false, undefined)).toBeUndefined();
    expect(pathStyleWarning(undefined, "http://minio:9000")).toBeUndefined();
    expect(pathStyleWarning(true, "http://minio:9000")).toBeUndefined();
  });

  it("takes kube-context as the CLI's --context, and passes it with every command's cluster", () => {
    expect(readInputs(get({})).kubeContext).toBeUndefined();
    const inputs = readInputs(get({ "kube-context": " prod ", kubeconfig: KUBECONFIG }));
    expect(clusterOf(inputs, "ml")).toEqual({
      namespace: "ml",
      kubeconfig: KUBECONFIG,
      kubeconfigSource: "the kubeconfig input",
      context: "prod",
    });
  });

  it("checks the kubeconfig input's shape up front, as each of gc-kubeconfigs", () => {
    // People pass a path, or the base64 some guides store; messages never quote the input.
    expect(() => readInputs(get({ kubeconfig: "~/.kube/config" }))).toThrow(
      new InputError(
        "input kubeconfig is not a kubeconfig: expected its contents (a mapping with clusters, " +
          "contexts and users), not a file path",
      ),
    );
    const encoded = Buffer.from(KUBECONFIG).toString("base64").replace(/.{60}/g, "$&\n");
    expect(() => readInputs(get({ kubeconfig: encoded }))).toThrow(
      new InputError(
        "input kubeconfig is a kubeconfig encoded in base64: give its contents as they are " +
          "(what `base64 -d` prints), not encoded",
      ),
    );
    expect(() => readInputs(get({ kubeconfig: "clusters:\n- name: c\n bad: [\n" }))).toThrow(
      /^input kubeconfig is not valid YAML at line 3, column \d+: /,
    );
    // Empty: the runner's own kubeconfig is used (and the flows warn).
    expect(readInputs(get({ kubeconfig: "" })).kubeconfig).toBe("");
    const runner = clusterOf(readInputs(get({})), "ml");
    expect(runner).toMatchObject({ namespace: "ml", context: undefined });
    expect(runner.kubeconfig).toBeUndefined();
    expect(runner.kubeconfigSource).toBeUndefined();
  });

  it("takes gc-contexts as more contexts of the kubeconfig, each once and not kube-context's", () => {
    expect(readInputs(get({})).gcContexts).toEqual([]);
    expect(readInputs(get({ "gc-contexts": " prod, qa\n\nstaging ,\n" })).gcContexts).toEqual([
      "prod",
      "qa",
      "staging",
    ]);
    expect(() => readInputs(get({ "gc-contexts": "prod\nqa\nprod" }))).toThrow(
      "input gc-contexts: context prod is given twice",
    );
    expect(() => readInputs(get({ "gc-contexts": "prod", "kube-context": "prod" }))).toThrow(
      "input gc-contexts: context prod is kube-context's, which gc reads already",
    );
  });

  it("takes config-id as the CLI's --config-id, refusing what a label cannot hold", () => {
    expect(readInputs(get({})).configId).toBeUndefined();
    expect(readInputs(get({ "config-id": " 05b393d52418c39b " })).configId).toBe(
      "05b393d52418c39b",
    );
    expect(() => readInputs(get({ "config-id": "not valid!" }))).toThrow(
      /input config-id: the config id 'not valid!' is not a valid label value/,
    );
  });

  it("takes over changed fields only when force-conflicts says so", () => {
    expect(readInputs(get({ "force-conflicts": "true" })).forceConflicts).toBe(true);
    expect(() => readInputs(get({ "force-conflicts": "always" }))).toThrow(
      /input force-conflicts: expected true or false/,
    );
  });

  it("takes command gc, whose minimum age defaults to the CLI's 7d and may be 0", () => {
    expect(readInputs(get({ command: "gc" })).command).toBe("gc");
    expect(readInputs(get({})).gcMinAge).toEqual({ seconds: 7 * 86_400, text: "7d" });
    expect(readInputs(get({ "gc-min-age": " 36h " })).gcMinAge).toEqual({
      seconds: 36 * 3600,
      text: "36h",
    });
    expect(readInputs(get({ "gc-min-age": "0s" })).gcMinAge.seconds).toBe(0);
    expect(readInputs(get({ "gc-min-age": "1d12h" })).gcMinAge.seconds).toBe(1.5 * 86_400);
    expect(readInputs(get({})).gcKubeconfigs).toEqual([]);
  });

  it.each([
    [
      { command: "ship" },
      /^input command: 'ship' is not one of auto, validate, plan, deploy, preview, teardown, rollback, cleanup, gc$/,
    ],
    [
      { "gc-min-age": "week" },
      /^input gc-min-age: expected a duration such as 36h, 7d or 0s, got 'week'$/,
    ],
    [
      { "gc-min-age": "-1h" },
      /^input gc-min-age: expected a duration such as 36h, 7d or 0s, got '-1h'$/,
    ],
    [{ wait: "maybe" }, /input wait: expected true or false, got 'maybe'/],
    [{ "upload-concurrency": "0" }, /input upload-concurrency: expected a whole number from 1/],
    // Number() reads hex and exponents; a typo must not become a concurrency.
    [{ "upload-concurrency": "0x10" }, /input upload-concurrency: expected a whole number/],
    [{ "upload-concurrency": "1e1" }, /input upload-concurrency: expected a whole number/],
    [{ timeout: "soon" }, /input timeout: expected a positive duration/],
    // Node's timers hold at most ~24.8 days: a longer wait used to time out at once.
    [{ timeout: "30d" }, /input timeout: at most 7d, got '30d'/],
    // A far-off expiry is an Invalid Date, which crashed the preview comment.
    [{ "preview-ttl": "200000000d" }, /input preview-ttl: at most 365d, got '200000000d'/],
  ])("names the bad input %j", (values, message) => {
    expect(() => readInputs(get(values))).toThrow(InputError);
    expect(() => readInputs(get(values))).toThrow(message);
  });
});

describe("checkDryRun", () => {
  it("lets dry-run through for cleanup and gc, and for validate and plan, which change nothing", () => {
    for (const command of ["cleanup", "gc", "validate", "plan"] as const)
      expect(() => checkDryRun(command, true)).not.toThrow();
  });

  it("refuses dry-run: true for the commands that would change the cluster all the same", () => {
    expect(() => checkDryRun("deploy", true)).toThrow(
      new InputError(
        "input dry-run: true applies to cleanup and gc only, so this deploy was not run (it " +
          "would have changed the cluster); for a deploy that changes nothing use `command: plan`.",
      ),
    );
    expect(() => checkDryRun("preview", true)).toThrow(/this preview was not run.*command: plan/);
    expect(() => checkDryRun("teardown", true)).toThrow(
      /this teardown was not run .*; set dry-run to false to run it\.$/,
    );
    expect(() => checkDryRun("rollback", true)).toThrow(/this rollback was not run/);
    for (const command of ["deploy", "preview", "teardown", "rollback"] as const)
      expect(() => checkDryRun(command, false)).not.toThrow();
  });
});

describe("parseHumanDuration", () => {
  it("reads days and Go durations", () => {
    expect(parseHumanDuration("7d")).toBe(604_800);
    expect(parseHumanDuration("1h30m")).toBe(5_400);
  });
});
