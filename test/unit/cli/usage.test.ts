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
