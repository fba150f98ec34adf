// `cortex-deploy history` with the real controller: a spec deployed again from a newer commit
// (after another spec) is shown with that commit and time, the first commit in its NOTE.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy } from "../../../src/commands/deploy.ts";
import { history } from "../../../src/commands/history.ts";
import {
  type ControllerBed,
  eventually,
  setUpControllerBed,
  tearDownControllerBed,
} from "../controller/support.ts";
import { cli, makeProject, type Project, recorder } from "./helpers.ts";

let bed: ControllerBed;
let project: Project;

beforeAll(async () => {
  bed = await setUpControllerBed("history-cli");
  project = await makeProject();
});

afterAll(() => tearDownControllerBed(bed));

const sha = (digit: string) => digit.repeat(40);

const echo = (tag: string) =>
  `- name: iris\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n` +
  `        image: sandbox.test/http-echo:${tag}\n        compute:\n          cpu: 20m\n`;

async function deployEcho(tag: string, commit: string, actor: string) {
  const r = await deploy({
    client: bed.client,
    config: await project.write(echo(tag)),
    namespace: bed.ns,
    prefix: "cortex-deploy",
    wait: true,
    timeoutSeconds: 120,
    prune: true,
    forceConflicts: false,
    git: { commit, ref: "refs/heads/main", actor },
    log: recorder(),
  });
  expect(r.failure).toBeUndefined();
}

describe("history after a spec is deployed again", () => {
  it("names the commit, actor and time of its latest rollout, and keeps the first", async () => {
    await deployEcho("v1", sha("1"), "ada");
    await deployEcho("v2", sha("2"), "ada");
    // A revert: v1's spec again, from a newer commit, by someone else.
    await deployEcho("v1", sha("3"), "bob");
    await eventually("revision 3 Ready in history", async () => {
      const h = await history({ client: bed.client, namespace: bed.ns, name: "iris" });
      const three = h.revisions.find((r) => r.number === 3);
      return h.currentRevision === 3 && three?.result === "Ready" ? h : undefined;
    });

    const json = await cli("history", "iris", "-n", bed.ns, "--format", "json");
    expect(json.code, json.output).toBe(0);
    const body = JSON.parse(json.stdout) as {
      revisions: Record<string, unknown>[];
    };
    expect(
      body.revisions.map((r) => [r.number, r.commit, r.firstCommit, r.actor, r.result]),
    ).toEqual([
      [2, sha("2"), sha("2"), "ada", "Ready"],
      [3, sha("3"), sha("1"), "bob", "Ready"],
    ]);
    const three = body.revisions[1] ?? {};
    // Rolled out after revision 2, though first created before it.
    expect(Date.parse(String(three.deployed))).toBeGreaterThan(
      Date.parse(String(body.revisions[0]?.deployed)),
    );
    expect(Date.parse(String(three.created))).toBeLessThanOrEqual(
      Date.parse(String(body.revisions[0]?.created)),
    );

    const text = await cli("history", "iris", "-n", bed.ns);
    expect(text.code, text.output).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toMatch(/\sACTOR\s+NOTE$/);
    expect(lines[1]).toMatch(/^ 2\s+\S+ ago\s+222222222222\s+-\s+Ready\s+ada$/);
    expect(lines[2]).toMatch(
      /^\*3\s+\S+ ago\s+333333333333\s+-\s+Ready\s+bob\s+first deployed from 111111111111, \S+ ago$/,
    );
  });
});
