// `cortex-deploy gc`'s flags, checked before anything is contacted (run in process): the bucket,
// --min-age, the repeatable --kubeconfig and --context, and the help that states the
// multi-cluster rule. gc itself is replaced by a stub that records the options it is given.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { shellQuote } from "../../../src/cli.ts";
import type { GcOptions } from "../../../src/commands/gc.ts";
import { cliInProcess } from "../../support/cli-in-process.ts";

const runs = vi.hoisted(() => [] as GcOptions[]);
vi.mock("../../../src/commands/gc.ts", () => ({
  gc: async (opts: GcOptions) => void runs.push(opts),
}));

let dir: string;
const { printed, cli } = cliInProcess();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gc-flags-"));
  await writeFile(path.join(dir, "empty.yaml"), "  \n");
  await writeFile(path.join(dir, "ok.yaml"), "apiVersion: v1\nkind: Config\n");
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  printed.length = 0;
  runs.length = 0;
});

describe("gc flags", () => {
  it("needs a bucket", async () => {
    vi.stubEnv("CORTEX_DEPLOY_BUCKET", "");
    expect(await cli("gc")).toBe(2);
    expect(printed[0]).toBe(
      "cortex-deploy gc: name the bucket: --bucket NAME, or set CORTEX_DEPLOY_BUCKET\nusage: cortex-deploy gc [--bucket NAME] [--prefix P] [--kubeconfig FILE]... [--context NAME]... [--min-age D] [--delete]",
    );
  });

  it("takes --min-age as a duration that may be 0, never negative or a word", async () => {
    for (const bad of ["soon", "-1h", "7 days", ""]) {
      printed.length = 0;
      expect(await cli("gc", "--bucket", "b", `--min-age=${bad}`)).toBe(2);
      expect(printed.join("\n")).toContain(
        bad === ""
          ? "--min-age is empty"
          : `--min-age must be a duration such as 36h, 7d or 0s, not '${bad}'`,
      );
      expect(printed.join("\n")).not.toMatch(/\n\s+at /);
    }
  });

  it("reads every --kubeconfig given, not only the last", async () => {
    const missing = path.join(dir, "missing.yaml");
    const ok = path.join(dir, "ok.yaml");
    expect(await cli("gc", "--bucket", "b", "--kubeconfig", missing, "--kubeconfig", ok)).toBe(2);
    expect(printed.join("\n")).toContain(`cannot read --kubeconfig ${missing}: ENOENT`);
    printed.length = 0;
    const empty = path.join(dir, "empty.yaml");
    expect(await cli("gc", "--bucket", "b", "--kubeconfig", empty, "--kubeconfig", ok)).toBe(2);
    expect(printed.join("\n")).toContain(`--kubeconfig ${empty} is empty`);
  });

  it("makes each --context one cluster of the one kubeconfig, or of the default one", async () => {
    const ok = path.join(dir, "ok.yaml");
    const kubeconfig = "apiVersion: v1\nkind: Config\n";
    expect(
      await cli(
        "gc",
        "--bucket",
        "b",
        "--kubeconfig",
        ok,
        "--context",
        "staging",
        "--context=prod",
      ),
    ).toBe(0);
    expect(runs[0]?.clusters).toEqual([
      { kubeconfig, kubeconfigSource: `--kubeconfig ${ok}`, context: "staging" },
      { kubeconfig, kubeconfigSource: `--kubeconfig ${ok}`, context: "prod" },
    ]);
    // The report's advice for a cluster left out names the flag in use.
    expect(runs[0]?.howTo).toEqual({ addCluster: "give its --context too" });
    expect(await cli("gc", "--bucket", "b", "--context", "staging", "--context", "prod")).toBe(0);
    expect(runs[1]?.clusters).toEqual([{ context: "staging" }, { context: "prod" }]);
    // Without --context, as before: each kubeconfig at its current-context.
    expect(await cli("gc", "--bucket", "b", "--kubeconfig", ok, "--kubeconfig", ok)).toBe(0);
    expect(runs[2]?.clusters).toEqual([
      { kubeconfig, kubeconfigSource: `--kubeconfig ${ok}` },
      { kubeconfig, kubeconfigSource: `--kubeconfig ${ok}` },
    ]);
    expect(runs[2]?.howTo).toBeUndefined();
  });

  it("refuses --context with several --kubeconfig, and a --context given twice", async () => {
    const ok = path.join(dir, "ok.yaml");
    const kubeconfigs = ["--kubeconfig", ok, "--kubeconfig", ok];
    expect(await cli("gc", "--bucket", "b", ...kubeconfigs, "--context", "prod")).toBe(2);
    expect(printed.join("\n")).toContain(
      "cortex-deploy gc: --context picks contexts of one kubeconfig, but several --kubeconfig were " +
        "given: give one kubeconfig with a --context for each cluster, or several --kubeconfig " +
        "without --context (each used at its current-context)\nusage: cortex-deploy gc ",
    );
    printed.length = 0;
    const twice = ["--context", "prod", "--context", "staging", "--context", "prod"];
    expect(await cli("gc", "--bucket", "b", "--kubeconfig", ok, ...twice)).toBe(2);
    expect(printed.join("\n")).toContain(
      "cortex-deploy gc: --context prod is given twice; name each cluster's context once",
    );
    printed.length = 0;
    expect(await cli("gc", "--bucket", "b", "--context", "prod", "--context=")).toBe(2);
    expect(printed.join("\n")).toContain("--context is empty");
    expect(runs).toEqual([]);
  });

  it("says what it does and the multi-cluster rule in its help and the command list", async () => {
    expect(await cli("gc", "--help")).toBe(0);
    const help = printed.join("\n");
    expect(help).toContain(
      "delete S3 artifacts no API, revision or ReplicaSet uses (a report without --delete)",
    );
    expect(help).toMatch(
      /--kubeconfig FILE +kubeconfig of a cluster that deploys from this bucket and prefix; repeat it for each/,
    );
    expect(help).toMatch(
      /--context NAME +a context of the kubeconfig \(one --kubeconfig at most\) for each cluster that deploys from it, e\.g\. --context staging --context prod/,
    );
    expect(help).toMatch(/--min-age D .*\[default: 7d\]/);
    printed.length = 0;
    expect(await cli("--help")).toBe(0);
    expect(printed.join("\n")).toMatch(/\n {2}gc +delete S3 artifacts no API/);
  });
});

describe("shellQuote", () => {
  it("leaves plain words alone and quotes the rest so a shell reads them back", () => {
    expect(shellQuote("--prefix=cortex-deploy/v2")).toBe("--prefix=cortex-deploy/v2");
    expect(shellQuote("/home/me/prod cluster.yaml")).toBe("'/home/me/prod cluster.yaml'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
  });
});
