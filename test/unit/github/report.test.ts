// A run that stops before it changes anything says why in the job summary, line by line.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { failBeforeChanges } from "../../../src/github/report.ts";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("failBeforeChanges", () => {
  it("quotes a failure of several lines line by line, each still escaped", async () => {
    const summary = path.join(await mkdtemp(path.join(tmpdir(), "report-")), "summary.md");
    await writeFile(summary, "");
    vi.stubEnv("GITHUB_STEP_SUMMARY", summary);
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    await failBeforeChanges("input kubeconfig: two problems:\n  <b>one</b>\n  @org/two");
    expect(process.exitCode).toBe(1);
    const nb = "\u00a0\u00a0";
    expect(await readFile(summary, "utf8")).toBe(
      "## cortex-deploy failed\n\n" +
        "> input kubeconfig: two problems:\\\n" +
        `> ${nb}\\<b\\>one\\</b\\>\\\n` +
        `> ${nb}@\u200borg/two\n\n` +
        "Nothing was changed.\n",
    );
  });
});
