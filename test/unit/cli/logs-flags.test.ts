// `cortex-deploy logs`' flags, checked before any cluster is contacted (run in process):
// --since takes a positive duration, --previous does not go with --follow.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cliInProcess } from "../../support/cli-in-process.ts";

const { printed, cli } = cliInProcess();

afterEach(() => {
  vi.restoreAllMocks();
  printed.length = 0;
});

const usage = "usage: cortex-deploy logs NAME [-f | -p] [--tail N] [--since D] [-n NS]";

describe("logs flags", () => {
  it("refuses --previous with --follow: a previous run's log is complete", async () => {
    for (const flags of [
      ["--previous", "--follow"],
      ["-p", "-f"],
    ]) {
      printed.length = 0;
      expect(await cli("logs", "api", ...flags)).toBe(2);
      expect(printed.join("\n")).toBe(
        `cortex-deploy logs: --previous reads runs that have ended; it cannot be used with --follow\n${usage}`,
      );
    }
  });

  it("takes --since as a positive duration, never 0, negative or a word", async () => {
    for (const bad of ["0s", "0", "-1m", "x", "10 minutes", ""]) {
      printed.length = 0;
      expect(await cli("logs", "api", `--since=${bad}`)).toBe(2);
      expect(printed.join("\n")).toBe(
        bad === ""
          ? `cortex-deploy logs: --since is empty (an unset variable?); give a value or leave the flag out\n${usage}`
          : `cortex-deploy logs: --since must be a positive duration such as 90s or 10m, not '${bad}'\n${usage}`,
      );
    }
  });

  it("describes --since and --previous in its help, one line each", async () => {
    expect(await cli("logs", "--help")).toBe(0);
    const help = printed.join("\n");
    expect(help).toContain(usage);
    expect(help).toMatch(/\n {6}--since D +only lines newer than D, e.g. 10m, 1h\n/);
    expect(help).toMatch(
      /\n {2}-p, --previous +the log of each restarted container's previous run \(what it printed before it died\)\n/,
    );
  });
});
