// `status --watch` as a user runs it: its own process, rows printed again only when they change,
// and Ctrl-C (SIGINT) ending it with exit 0.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../../src/kube/client.ts";
import { type ProcessResult, runNode } from "../../support/run-node.ts";
import {
  cli,
  connect,
  installCrds,
  makeProject,
  type Project,
  readyStatus,
  realtimeYaml,
  setStatus,
  uniqueNamespace,
} from "./helpers.ts";

let client: KubeClient;
let project: Project;

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  project = await makeProject();
});

afterAll(() => client.close());

interface Row {
  name: string;
  status: string;
  revision: number | null;
}

/** Waits until the watch has printed `count` JSON lines, and returns them parsed. */
async function linesOf(out: { text: string }, count: number): Promise<{ apis: Row[] }[]> {
  for (let i = 0; i < 600; i++) {
    const lines = out.text.split("\n").filter((l) => l !== "");
    if (lines.length >= count) return lines.map((l) => JSON.parse(l) as { apis: Row[] });
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the watch printed ${JSON.stringify(out.text)}, not ${count} lines`);
}

describe("status --watch", () => {
  it("prints the rows again each time they change, once, and exits 0 on Ctrl-C", async () => {
    const ns = uniqueNamespace("watch");
    await project.write(realtimeYaml("iris"));
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);

    let child: ChildProcess | undefined;
    const out = { text: "" };
    const done: Promise<ProcessResult> = runNode(
      "dist/cli.js",
      ["status", "--watch", "-n", ns, "--format", "json"],
      {
        onSpawn: (c) => {
          child = c;
          c.stdout?.on("data", (d: Buffer) => {
            out.text += d.toString();
          });
        },
      },
    );
    const [first] = await linesOf(out, 1);
    expect(first?.apis.map((r) => [r.name, r.status, r.revision])).toEqual([
      ["iris", "Pending", null],
    ]);

    // The stand-in controller makes it Ready, then a second API appears.
    await setStatus(client, ns, "iris", readyStatus(1, 1));
    const second = (await linesOf(out, 2))[1];
    expect(second?.apis.map((r) => [r.name, r.status, r.revision])).toEqual([["iris", "Ready", 1]]);
    await project.write(realtimeYaml("iris") + realtimeYaml("lite"));
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);
    const third = (await linesOf(out, 3))[2];
    expect(third?.apis.map((r) => [r.name, r.status])).toEqual([
      ["iris", "Ready"],
      ["lite", "Pending"],
    ]);

    child?.kill("SIGINT");
    const result = await done;
    expect(result.code).toBe(0);
    // Polls that found nothing new printed nothing: one line per change, three changes.
    expect(result.stdout.trim().split("\n")).toHaveLength(3);
    expect(result.stderr).toBe("");
  });
});
