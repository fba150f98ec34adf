// history and rollback on the sandbox's API server. Most ControllerRevisions are written by the
// test in the controller's format (labels, ownerReference, revision, data.spec), standing in for
// the controller; the rollback mark's tests run the real controller, which records it.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestKey } from "../../../src/artifacts/manifest.ts";
import { deploy } from "../../../src/commands/deploy.ts";
import { history } from "../../../src/commands/history.ts";
import { rollback } from "../../../src/commands/rollback.ts";
import type { CortexConfig } from "../../../src/config/index.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { DeployError } from "../../../src/kube/errors.ts";
import { runnerOf } from "../../../src/kube/git-meta.ts";
import { formatHistory } from "../../../src/kube/revisions.ts";
import {
  type ControllerBed,
  eventually,
  setUpControllerBed,
  tearDownControllerBed,
} from "../controller/support.ts";
import {
  cli,
  connect,
  getApi,
  installCrds,
  intercepted,
  makeProject,
  type Project,
  readyStatus,
  realtimeYaml,
  recorder,
  recordRevision,
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

const sha = (digit: string) => digit.repeat(40);

/** The rollback mark's annotations among `annotations`. */
const rollbackMarks = (annotations: Record<string, string> | undefined) =>
  Object.keys(annotations ?? {}).filter((k) => k.startsWith("cortexdeploy.dev/roll"));

async function deployAt(config: CortexConfig, ns: string, commit: string, extra = {}) {
  return deploy({
    client,
    config,
    namespace: ns,
    prefix: "cortex-deploy",
    wait: false,
    timeoutSeconds: 30,
    prune: true,
    forceConflicts: false,
    git: { commit, ref: "refs/heads/main", actor: "ci" },
    log: recorder(),
    ...extra,
  });
}

/** Deploys each version in turn, recording a revision per deploy as the controller would. */
async function deployHistory(ns: string, images: string[]) {
  for (const [i, image] of images.entries()) {
    await deployAt(await project.write(realtimeYaml("iris", image)), ns, sha(String(i + 1)));
    const live = await getApi(client, ns, "iris");
    await recordRevision(client, live, i + 1);
    await setStatus(client, ns, "iris", readyStatus(live.metadata.generation ?? 1, i + 1));
  }
}

function rollbackTo(ns: string, to: string, extra = {}) {
  const log = recorder();
  return {
    log,
    result: rollback({
      client,
      namespace: ns,
      names: ["iris"],
      to,
      wait: false,
      timeoutSeconds: 30,
      forceConflicts: false,
      log,
      ...extra,
    }),
  };
}

describe("rollback and a deploy that overlap", () => {
  it("does not claim the outcome of a deploy made while it waited (stand-in controller)", async () => {
    const ns = uniqueNamespace("rollback-superseded");
    await deployHistory(ns, ["x/iris:1", "x/iris:2"]);
    const { result } = rollbackTo(ns, "1", { wait: true, timeoutSeconds: 120 });
    let finished = false;
    void result.finally(() => {
      finished = true;
    });
    // Once the rollback applied revision 1's spec (generation 3), a deploy writes generation 4,
    // which the controller reports Ready as revision 9: not what the rollback asked for.
    for (let i = 0; (await getApi(client, ns, "iris")).metadata.generation !== 3; i++) {
      if (finished || i > 2000) throw new Error("the rollback never applied generation 3");
      await new Promise((r) => setTimeout(r, 50));
    }
    await deployAt(await project.write(realtimeYaml("iris", "x/iris:3")), ns, sha("3"));
    await setStatus(client, ns, "iris", readyStatus(4, 9));
    const r = await result;
    expect(r.apis[0]).toMatchObject({ name: "iris", state: "failed", target: 1 });
    expect(r.apis[0]?.revision).toBeUndefined();
    expect(r.failure).toContain(
      "changed by someone else: iris (superseded while waiting: it is at generation 4 (this run applied 3), last deployed by commit 333333333333 of cortex.yaml by ci;",
    );
  });
});

describe("history", () => {
  it("lists the revisions the controller recorded (stand-in ControllerRevisions)", async () => {
    const ns = uniqueNamespace("history");
    await deployHistory(ns, ["x/iris:1", "x/iris:2"]);
    const h = await history({ client, namespace: ns, name: "iris" });
    expect(h.currentRevision).toBe(2);
    expect(h.revisions.map((r) => [r.number, r.commit, r.result])).toEqual([
      [1, sha("1"), "Ready"],
      [2, sha("2"), "Ready"],
    ]);
    const lines = formatHistory(h.revisions, h.currentRevision, Date.now());
    expect(lines[1]).toMatch(/^ 1\s+\S+ ago\s+111111111111\s+-\s+Ready\s+ci$/);
    expect(lines[2]).toMatch(/^\*2\s/);
    // The CLI's --format json: the same revisions, every field present.
    const json = await cli("history", "iris", "-n", ns, "--format", "json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.currentRevision).toBe(2);
    expect(
      parsed.revisions.map((r: Record<string, unknown>) => [
        r.number,
        r.commit,
        r.result,
        r.rollback,
      ]),
    ).toEqual([
      [1, sha("1"), "Ready", null],
      [2, sha("2"), "Ready", null],
    ]);
    expect(parsed.revisions[1].spec.pod.containers[0].image).toBe("x/iris:2");
  });

  it("leaves out the revisions of an earlier API of the same name", async () => {
    const ns = uniqueNamespace("history");
    await deployHistory(ns, ["x/iris:1"]);
    // An orphaned revision of the API's first life (deleted with --cascade=orphan, then made
    // again): it carries the name's label, not this API as its owner.
    const live = await getApi(client, ns, "iris");
    await client.request("POST", `/apis/apps/v1/namespaces/${ns}/controllerrevisions`, {
      body: {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: {
          name: "iris-first-life",
          labels: {
            "cortexdeploy.dev/api": "iris",
            "app.kubernetes.io/managed-by": "cortex-deploy",
          },
          annotations: { "cortexdeploy.dev/result": "Failed" },
        },
        revision: 7,
        data: { spec: live.spec },
      },
    });
    const h = await history({ client, namespace: ns, name: "iris" });
    expect(h.revisions.map((r) => [r.number, r.result])).toEqual([[1, "Ready"]]);
    const back = rollbackTo(ns, "7");
    await expect(back.result).rejects.toThrow(/7/);
  });
});

describe("rollback to previous over several APIs (stand-in ControllerRevisions)", () => {
  /** Deploys iris and lite at `commit`, recording a revision for each API whose spec changed. */
  async function deployBoth(ns: string, commit: string, iris: string, lite?: string) {
    const yaml = realtimeYaml("iris", iris) + (lite ? realtimeYaml("lite", lite) : "");
    const result = await deployAt(await project.write(yaml), ns, commit);
    for (const api of result.apis) {
      if (api.action === "unchanged") continue;
      const live = await getApi(client, ns, api.name);
      const revision = (live.status?.currentRevision ?? 0) + 1;
      await recordRevision(client, live, revision);
      await setStatus(client, ns, api.name, readyStatus(live.metadata.generation ?? 1, revision));
    }
  }

  const image = async (ns: string, name: string) =>
    (await getApi(client, ns, name)).spec.pod.containers[0]?.image;

  it("undoes the last deploy: an API it did not change keeps its spec", async () => {
    const ns = uniqueNamespace("rb-several");
    await deployBoth(ns, sha("1"), "x/iris:1", "x/lite:1");
    await deployBoth(ns, sha("2"), "x/iris:2", "x/lite:2");
    await deployBoth(ns, sha("3"), "x/iris:3", "x/lite:2"); // lite unchanged
    const log = recorder();
    const result = await rollback({
      client,
      namespace: ns,
      names: ["iris", "lite"],
      to: "previous",
      wait: false,
      timeoutSeconds: 30,
      forceConflicts: false,
      log,
    });
    expect(await image(ns, "iris")).toBe("x/iris:2");
    // Not x/lite:1: the deploy being undone never touched lite.
    expect(await image(ns, "lite")).toBe("x/lite:2");
    expect(result.apis.map((a) => [a.name, a.action, a.target, a.left])).toEqual([
      ["iris", "update", 2, undefined],
      ["lite", "unchanged", 2, "the last deploy (commit 333333333333) did not change it"],
    ]);
    expect(log.lines).toContain(
      "realtimeapi/lite: left as it is at revision 2: the last deploy (commit 333333333333) did not change it",
    );
  });

  it("puts back the APIs it rolled back when the server refuses another (all or nothing)", async () => {
    const ns = uniqueNamespace("rb-undo");
    await deployBoth(ns, sha("1"), "x/iris:1", "x/lite:1");
    await deployBoth(ns, sha("2"), "x/iris:2", "x/lite:2");
    const before = await getApi(client, ns, "iris");
    // The dry runs pass; just before lite is written for real, a deploy changes lite.
    let done = false;
    const racing = intercepted(client, async (method, p, opts) => {
      if (done || method !== "PATCH" || !p.endsWith("/realtimeapis/lite")) return;
      if (opts.query?.dryRun !== undefined) return;
      done = true;
      await deployAt(await project.write(realtimeYaml("lite", "x/lite:9")), ns, sha("3"), {
        prune: false,
      });
    });
    const message = await rollback({
      client: racing,
      namespace: ns,
      names: ["iris", "lite"],
      to: "previous",
      wait: false,
      timeoutSeconds: 30,
      forceConflicts: false,
      log: recorder(),
    }).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toContain("realtimeapi/lite: it changed after this deploy read the cluster");
    expect(message).toContain(
      "Nothing is left applied. realtimeapi/iris was written and put back as before.",
    );
    const iris = await getApi(client, ns, "iris");
    expect(iris.spec).toEqual(before.spec);
    expect(iris.metadata.annotations).toEqual(before.metadata.annotations);
    expect(await image(ns, "lite")).toBe("x/lite:9");
  });

  it("leaves an API that is new in the last deploy, and refuses when nothing can go back", async () => {
    const ns = uniqueNamespace("rb-new");
    await deployBoth(ns, sha("1"), "x/iris:1");
    await deployBoth(ns, sha("2"), "x/iris:2", "x/lite:1");
    const names = ["iris", "lite"];
    const opts = { client, namespace: ns, names, to: "previous", wait: false, timeoutSeconds: 30 };
    const result = await rollback({ ...opts, forceConflicts: false, log: recorder() });
    expect(await image(ns, "iris")).toBe("x/iris:1");
    expect(result.apis.find((a) => a.name === "lite")?.left).toBe("it has no earlier revision");

    const only = await rollback({
      ...opts,
      names: ["lite"],
      forceConflicts: false,
      log: recorder(),
    })
      .then(() => "")
      .catch((e: Error) => e.message);
    expect(only).toContain("there is no revision before the current one (1)");
  });
});

describe("rollback (stand-in ControllerRevisions)", () => {
  it("re-applies an earlier revision's spec exactly, with that revision's commit", async () => {
    const ns = uniqueNamespace("rollback");
    await deployHistory(ns, ["x/iris:1", "x/iris:2"]);
    const first = (await history({ client, namespace: ns, name: "iris" })).revisions[0];
    const { result, log } = rollbackTo(ns, "previous");
    const r = await result;
    expect(r.apis[0]).toMatchObject({ name: "iris", action: "update", target: 1 });
    expect(log.lines[0]).toBe(
      `realtimeapi/iris: re-applied the spec of revision 1 (commit ${sha("1").slice(0, 12)})`,
    );
    const live = await getApi(client, ns, "iris");
    expect(live.spec).toEqual(first?.spec);
    expect(live.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("1"));
    expect(live.metadata.annotations?.["cortexdeploy.dev/rollback-of"]).toBe("1");
    // Deploying the file that holds that same spec again writes only to clear the rollback's
    // mark (the spec, and so the generation, stay); after that it is a no-op.
    const yaml = realtimeYaml("iris", "x/iris:1");
    const again = await deployAt(await project.write(yaml), ns, sha("1"));
    expect(again.apis[0]?.action).toBe("update");
    const cleared = await getApi(client, ns, "iris");
    expect(rollbackMarks(cleared.metadata.annotations)).toEqual([]);
    expect(cleared.metadata.generation).toBe(live.metadata.generation);
    const third = await deployAt(await project.write(yaml), ns, sha("1"));
    expect(third.apis[0]?.action).toBe("unchanged");
  });

  it("picks a revision by number or by commit SHA prefix", async () => {
    const ns = uniqueNamespace("rollback-to");
    await deployHistory(ns, ["x/iris:1", "x/iris:2", "x/iris:3"]);
    await rollbackTo(ns, "2222222").result;
    expect((await getApi(client, ns, "iris")).spec.pod.containers[0]?.image).toBe("x/iris:2");
    await rollbackTo(ns, "1").result;
    expect((await getApi(client, ns, "iris")).spec.pod.containers[0]?.image).toBe("x/iris:1");
  });

  it("fails before changing anything when the revision's artifacts manifest is gone from S3", async () => {
    const ns = uniqueNamespace("rollback-s3");
    const bucket = process.env.CORTEX_DEPLOY_BUCKET;
    const endpoint = process.env.AWS_ENDPOINT_URL;
    if (!bucket || !endpoint)
      throw new Error("the sandbox did not set CORTEX_DEPLOY_BUCKET / AWS_ENDPOINT_URL");
    const prefix = `rollback-${ns}`;
    const s3 = { bucket, prefix, endpoint, forcePathStyle: true };
    await writeFile(path.join(project.dir, "model.txt"), `weights for ${ns}\n`);
    const v1 = await project.write(
      realtimeYaml("iris", "x/iris:1", "  artifacts:\n    - path: model.txt\n"),
    );
    await deployAt(v1, ns, sha("1"), s3);
    let live = await getApi(client, ns, "iris");
    const manifest = live.spec.artifacts?.manifest ?? "";
    expect(manifest).toMatch(/^[0-9a-f]{64}$/);
    await recordRevision(client, live, 1);
    await deployAt(await project.write(realtimeYaml("iris", "x/iris:2")), ns, sha("2"), s3);
    live = await getApi(client, ns, "iris");
    await recordRevision(client, live, 2);
    await setStatus(client, ns, "iris", readyStatus(live.metadata.generation ?? 1, 2));

    // The manifest exists: the check passes (a dry run of rollback would work)...
    const s3client = new S3Client({
      endpoint,
      forcePathStyle: true,
      region: process.env.AWS_REGION ?? "us-east-1",
    });
    const key = manifestKey(prefix, manifest);
    await s3client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    // ...now lose it, as a bucket lifecycle rule would.
    await s3client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const before = await getApi(client, ns, "iris");
    const err = await rollbackTo(ns, "previous").result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeployError);
    expect((err as Error).message).toContain(
      `iris: cannot roll back to revision 1: its artifacts manifest s3://${bucket}/${key} is gone from S3`,
    );
    expect((err as Error).message).toContain("Nothing was changed.");
    const after = await getApi(client, ns, "iris");
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);

    // Put it back and the same rollback goes through.
    await s3client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "{}" }));
    await rollbackTo(ns, "previous").result;
    expect((await getApi(client, ns, "iris")).spec.artifacts?.manifest).toBe(manifest);
    s3client.destroy();
  });

  it("explains what it cannot roll back to, and changes nothing", async () => {
    const ns = uniqueNamespace("rollback-none");
    await deployHistory(ns, ["x/iris:1"]);
    const err = await rollbackTo(ns, "previous").result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as Error).message).toContain(
      "iris: cannot roll back to 'previous': there is no revision before the current one (1)",
    );
    const missing = await rollback({
      client,
      namespace: ns,
      names: ["nope"],
      to: "previous",
      wait: false,
      timeoutSeconds: 1,
      forceConflicts: false,
      log: recorder(),
    }).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(missing).toContain(`nope: no RealtimeAPI of that name in namespace ${ns}`);
  });
});

describe("a rollback is recorded (the real controller)", () => {
  const RUN = "https://github.com/acme/ml/actions/runs/9";
  let bed: ControllerBed;

  beforeAll(async () => {
    bed = await setUpControllerBed("rb-marked");
  });

  afterAll(() => tearDownControllerBed(bed));

  const echo = (tag: string) =>
    `- name: iris\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n` +
    `        image: sandbox.test/http-echo:${tag}\n        compute:\n          cpu: 20m\n`;

  async function deployEcho(tag: string, commit: string) {
    const r = await deployAt(await project.write(echo(tag)), bed.ns, commit, {
      wait: true,
      timeoutSeconds: 120,
    });
    expect(r.failure).toBeUndefined();
    return r;
  }

  /** The history once the controller has recorded the API's current revision as `n`. */
  function historyAt(n: number) {
    return eventually(`revision ${n} in history`, async () => {
      const h = await history({ client, namespace: bed.ns, name: "iris" });
      return h.currentRevision === n && h.revisions.some((r) => r.number === n) ? h : undefined;
    });
  }

  it("history names the rollback, its target, who and which run; the next deploy clears the API's mark", async () => {
    await deployEcho("v1", sha("1"));
    await deployEcho("v2", sha("2"));
    const back = await rollback({
      client,
      namespace: bed.ns,
      names: ["iris"],
      to: "1",
      wait: true,
      timeoutSeconds: 120,
      forceConflicts: false,
      log: recorder(),
      by: { actor: "alice", runUrl: RUN },
    });
    expect(back.failure).toBeUndefined();
    const live = await getApi(client, bed.ns, "iris");
    expect(live.metadata.annotations).toMatchObject({
      "cortexdeploy.dev/commit": sha("1"),
      "cortexdeploy.dev/actor": "ci",
      "cortexdeploy.dev/rollback-of": "1",
      "cortexdeploy.dev/rolled-back-by": "alice",
      "cortexdeploy.dev/rollback-run-url": RUN,
    });

    // Revision 1's spec is now revision 3, rolled out by alice's rollback.
    const h = await historyAt(3);
    expect(h.revisions.map((r) => [r.number, r.commit, r.rollback])).toEqual([
      [2, sha("2"), undefined],
      [3, sha("1"), { revision: 1, actor: "alice", runUrl: RUN }],
    ]);
    const lines = formatHistory(h.revisions, h.currentRevision, Date.now());
    expect(lines[0]).toMatch(/\sACTOR\s+NOTE$/);
    expect(lines[1]).toMatch(/^ 2\s.*\sReady\s+ci$/);
    expect(lines[2]).toMatch(
      /^\*3\s+\S+ ago\s+111111111111\s+-\s+Ready\s+ci\s+rollback to 1 by alice, /,
    );
    expect(lines[2]?.endsWith(RUN)).toBe(true);

    await deployEcho("v3", sha("3"));
    const after = await getApi(client, bed.ns, "iris");
    expect(after.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("3"));
    expect(rollbackMarks(after.metadata.annotations)).toEqual([]);
    const h4 = await historyAt(4);
    // Revision 3 keeps the note: its rollout was the rollback's.
    expect(h4.revisions.map((r) => [r.number, r.rollback?.revision])).toEqual([
      [2, undefined],
      [3, 1],
      [4, undefined],
    ]);
  });

  it("a CLI rollback is marked with the git user; re-deploying that spec clears the API's mark", async () => {
    // Revision 2 (v2) of the API above is the newest that did not come from a rollback: 3 → 5.
    const back = await rollback({
      client,
      namespace: bed.ns,
      names: ["iris"],
      to: "2",
      wait: true,
      timeoutSeconds: 120,
      forceConflicts: false,
      log: recorder(),
    });
    expect(back.failure).toBeUndefined();
    const runner = await runnerOf(process.cwd(), process.env);
    const live = await getApi(client, bed.ns, "iris");
    expect(live.metadata.annotations?.["cortexdeploy.dev/rollback-of"]).toBe("2");
    expect(live.metadata.annotations?.["cortexdeploy.dev/rolled-back-by"]).toBe(runner.actor);
    expect(live.metadata.annotations?.["cortexdeploy.dev/rollback-run-url"]).toBe(runner.runUrl);
    const h = await historyAt(5);
    expect(h.revisions.find((r) => r.number === 5)?.rollback?.revision).toBe(2);

    // The commit after the rollback holds v2 again: the same spec, so no new rollout.
    const again = await deployEcho("v2", sha("6"));
    expect(again.apis[0]?.action).toBe("update");
    const after = await getApi(client, bed.ns, "iris");
    expect(rollbackMarks(after.metadata.annotations)).toEqual([]);
    expect(after.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("6"));
    expect(after.metadata.generation).toBe(live.metadata.generation);
    // Nothing rolled out again: revision 5's rollout stays the rollback's.
    const h5 = await history({ client, namespace: bed.ns, name: "iris" });
    expect(h5.revisions.find((r) => r.number === 5)?.rollback?.revision).toBe(2);
  });
});
