// The controller image's entry point as a real process: a Node warning raised while a command runs
// comes out as one JSON log line of that command, not as Node's plain-text notice.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../proxy/support/processes.ts";

const MAIN = path.join(repoRoot, "controller/src/main.ts");

// Raised once, when the command has finished and the event loop empties, so it is certain to
// come after main.ts has set up its handling.
const RAISE_WARNING =
  "data:text/javascript,let once = false; process.on('beforeExit', () => { if (!once) { once = true; " +
  "process.emitWarning('something to know', { type: 'TestWarning', code: 'T1' }); } });";

describe("main.js (real process)", () => {
  it("logs a Node warning as a JSON line of the running command", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--import", RAISE_WARNING, MAIN, "proxy", "--help"],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("usage: main.js proxy [flags]");
    const lines = run.stderr.split("\n").filter((l) => l !== "");
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        level: "warn",
        component: "proxy",
        msg: "TestWarning: something to know",
        code: "T1",
      }),
    ]);
  });
});
