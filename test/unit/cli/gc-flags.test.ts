// `cortex-deploy gc`'s flags, checked before anything is contacted (run in process): the bucket,
// --min-age, the repeatable --kubeconfig, and the help that states the multi-cluster rule.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main, shellQuote } from "../../../src/cli.ts";

let dir: string;
const printed: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "gc-flags-"));
  await writeFile(path.join(dir, "empty.yaml"), "  \n");
  await writeFile(path.join(dir, "ok.yaml"), "apiVersion: v1\nkind: Config\n");
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  printed.length = 0;
});

async function cli(...args: string[]): Promise<number> {
  const capture = (...a: unknown[]) => void printed.push(a.join(" "));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
  return main(args);
}

describe("gc flags", () => {
  it("needs a bucket", async () => {
    vi.stubEnv("CORTEX_DEPLOY_BUCKET", "");
    expect(await cli("gc")).toBe(2);
    expect(printed[0]).toBe(
      "cortex-deploy gc: name the bucket: --bucket NAME, or set CORTEX_DEPLOY_BUCKET\nusage: cortex-deploy gc [--bucket NAME] [--prefix P] [--kubeconfig FILE]... [--min-age D] [--delete]",
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

  it("says what it does and the multi-cluster rule in its help and the command list", async () => {
    expect(await cli("gc", "--help")).toBe(0);
    const help = printed.join("\n");
    expect(help).toContain(
      "delete S3 artifacts no API, revision or ReplicaSet uses (a report without --delete)",
    );
    expect(help).toMatch(
      /--kubeconfig FILE +kubeconfig of a cluster that deploys from this bucket and prefix; repeat it for each/,
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
