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
