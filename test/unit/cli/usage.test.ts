// How the CLI answers a command line it cannot run as given: a mistyped command, help asked
// the long way round (run in process; no cluster is contacted).
import { afterEach, describe, expect, it, vi } from "vitest";
import { cliInProcess } from "../../support/cli-in-process.ts";

const { printed, cli } = cliInProcess();

afterEach(() => {
  vi.restoreAllMocks();
  printed.length = 0;
});

describe("an unknown command", () => {
  it("suggests the command probably meant, as an unknown flag does", async () => {
    expect(await cli("delpoy")).toBe(2);
    expect(printed[0]).toMatch(
      /^cortex-deploy: unknown command 'delpoy'; did you mean 'deploy'\?\n/,
    );
    printed.length = 0;
    expect(await cli("launch")).toBe(2);
    expect(printed[0]).toMatch(/^cortex-deploy: unknown command 'launch'\n/);
  });
});

describe("help COMMAND", () => {
  it("shows that command's help, as COMMAND --help does", async () => {
    expect(await cli("deploy", "--help")).toBe(0);
    const help = printed.join("\n");
    expect(help).toMatch(/^usage: cortex-deploy deploy /);
    printed.length = 0;
    expect(await cli("help", "deploy")).toBe(0);
    expect(printed.join("\n")).toBe(help);
  });

  it("says so when there is no such command, and shows the tool's help without one", async () => {
    expect(await cli("help", "delpoy")).toBe(2);
    expect(printed[0]).toMatch(/^cortex-deploy: unknown command 'delpoy'; did you mean 'deploy'\?/);
    printed.length = 0;
    expect(await cli("help")).toBe(0);
    expect(printed.join("\n")).toMatch(/^cortex-deploy: ship /);
  });
});

describe("the version", () => {
  it("is printed for -v as for --version", async () => {
    expect(await cli("--version")).toBe(0);
    const version = [...printed];
    expect(version).toHaveLength(1);
    printed.length = 0;
    expect(await cli("-v")).toBe(0);
    expect(printed).toEqual(version);
  });

  it("is the only -v: no command has a -v flag it could be mistaken for", async () => {
    expect(await cli("--help")).toBe(0);
    const names = [...printed.join("\n").matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1] ?? "");
    expect(names).toContain("deploy");
    for (const name of names) {
      printed.length = 0;
      expect(await cli(name, "--help")).toBe(0);
      expect(printed.join("\n"), name).not.toMatch(/^ {2}-v, /m);
    }
  });
});

describe("flags that exclude each other", () => {
  const usage = "usage: cortex-deploy status [NAME...] [-n NS | -A] [-w] [--format text|json]";

  it("refuses status -n with -A, which used to ignore -n", async () => {
    for (const flags of [
      ["-n", "ml", "-A"],
      ["--all-namespaces", "--namespace=default"],
    ]) {
      printed.length = 0;
      expect(await cli("status", ...flags)).toBe(2);
      expect(printed.join("\n")).toBe(
        "cortex-deploy status: -n/--namespace and -A/--all-namespaces exclude each other; " +
          `give one or the other\n${usage}`,
      );
    }
  });

  it("does not count -n's default as given", async () => {
    // A kubeconfig that cannot be read: the next check after the flags', before any cluster.
    expect(await cli("status", "-A", "--kubeconfig", "/nonexistent/kubeconfig")).toBe(2);
    expect(printed[0]).toMatch(/^cortex-deploy status: cannot read --kubeconfig \/nonexistent/);
  });
});

describe("a negative number given to a flag", () => {
  it("gets the flag's own message, not 'needs a value'", async () => {
    for (const [args, message] of [
      [
        ["deploy", "--timeout", "-5m"],
        "--timeout must be a positive duration such as 90s or 10m, not '-5m'",
      ],
      [["logs", "iris", "--tail", "-1"], "--tail must be a whole number of at least 1, not '-1'"],
      [["status", "-n", "-1"], "--namespace: '-1' is not a valid namespace name"],
    ] as const) {
      printed.length = 0;
      expect(await cli(...args)).toBe(2);
      expect(printed[0]).toContain(`cortex-deploy ${args[0]}: ${message}`);
    }
  });

  it("still needs a value when the next word is a flag", async () => {
    expect(await cli("deploy", "--timeout", "--wait")).toBe(2);
    expect(printed[0]).toMatch(/^cortex-deploy deploy: --timeout needs a value /);
  });
});
