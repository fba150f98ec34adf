// plan on the sandbox's API server, through the CLI's entry point (in process): the diff of a
// changed file, --detailed-exitcode, pruning, a namespace that does not exist yet, and every
// deployable example of Cortex's own repository planning cleanly; status (and --watch, as its own
// process) and history through the CLI.

import type { ChildProcess } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { plan } from "../../../src/commands/plan.ts";
import { loadConfigFile } from "../../../src/config/index.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { namespaceState } from "../../../src/kube/namespace.ts";
import { listResources } from "../../../src/kube/objects.ts";
import { formatPlanText, planFailed } from "../../../src/kube/plan.ts";
import { type ProcessResult, repoRoot, runNode } from "../../support/run-node.ts";
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

describe("plan", () => {
  it("shows the changed field of a changed file, and exits 2 with --detailed-exitcode", async () => {
    const ns = uniqueNamespace("plan");
    await project.write(realtimeYaml("iris") + realtimeYaml("hello"));
    const deployed = await cli("deploy", "-c", project.file, "-n", ns, "--no-wait");
    expect(deployed.output).toContain("realtimeapi/iris: created");
    expect(deployed.code).toBe(0);

    const same = await cli("plan", "-c", project.file, "-n", ns, "--detailed-exitcode");
    expect(same.output).toContain("= realtimeapi/iris: up to date");
    expect(same.code).toBe(0);

    await project.write(
      realtimeYaml("iris", "sandbox.test/http-echo:v2", "  autoscaling:\n    min_replicas: 2\n"),
    );
    const before = (await listResources(client, "RealtimeAPI", ns)).items.map(
      (o) => o.metadata.resourceVersion,
    );
    const changed = await cli("plan", "-c", project.file, "-n", ns, "--detailed-exitcode");
    expect(changed.code).toBe(2);
    expect(changed.output).toContain("~ realtimeapi/iris: will be updated");
    expect(changed.output).toContain(
      '~ spec.pod.containers[api].image: "sandbox.test/http-echo:iris" → "sandbox.test/http-echo:v2"',
    );
    expect(changed.output).toContain("~ spec.autoscaling.min_replicas: 1 → 2");
    expect(changed.output).toContain("~ spec.autoscaling.init_replicas: 1 → 2");
    expect(changed.output).toContain(
      "- realtimeapi/hello: will be deleted (no longer in cortex.yaml)",
    );
    expect(changed.output).toContain("0 to create, 1 to update, 1 to delete, 0 unchanged");
    // A plan writes nothing.
    const after = (await listResources(client, "RealtimeAPI", ns)).items.map(
      (o) => o.metadata.resourceVersion,
    );
    expect(after).toEqual(before);

    // --format json: the same plan for scripts, with the exit codes of --detailed-exitcode.
    const json = await cli(
      "plan",
      ...["-c", project.file, "-n", ns, "--detailed-exitcode", "--format", "json"],
    );
    expect(json.code).toBe(2);
    const body = JSON.parse(json.stdout);
    expect(body).toMatchObject({ namespace: ns, hasChanges: true, failed: false, errors: [] });
    expect(body.items.map((i: { ref: string; action: string }) => [i.ref, i.action])).toEqual([
      ["realtimeapi/iris", "update"],
      ["realtimeapi/hello", "prune"],
    ]);
    expect(body.items[0].changes).toContainEqual({
      path: "spec.autoscaling.min_replicas",
      op: "change",
      old: 1,
      new: 2,
    });

    const noPrune = await cli("plan", "-c", project.file, "-n", ns, "--no-prune");
    expect(noPrune.output).toContain(
      "! realtimeapi/hello: no longer in cortex.yaml, kept (prune is off)",
    );
    expect(noPrune.code).toBe(0);
  });

  it("shows an API another cortex.yaml holds as rejected, not as an update, as deploy refuses it", async () => {
    const ns = uniqueNamespace("plan-taken");
    await project.write(realtimeYaml("iris"));
    const other = ["-c", project.file, "-n", ns, "--no-wait", "--config-id", "other-config"];
    expect((await cli("deploy", ...other)).code).toBe(0);

    const text = await cli("plan", "-c", project.file, "-n", ns, "--detailed-exitcode");
    expect(text.code).toBe(1);
    expect(text.output).toContain(
      "x realtimeapi/iris: rejected\n    realtimeapi/iris already exists and belongs to another " +
        "cortex.yaml (config id other-config, cortex.yaml)",
    );
    expect(text.output).toContain("deploy refuses to take it over");
    expect(text.output).not.toContain("will be updated");
    expect(text.output).not.toContain("metadata.labels");
    expect(text.output).toContain("0 to create, 0 to update, 0 to delete, 0 unchanged, 1 rejected");

    const json = await cli("plan", "-c", project.file, "-n", ns, "--format", "json");
    expect(json.code).toBe(1);
    const body = JSON.parse(json.stdout);
    expect(body).toMatchObject({ hasChanges: false, failed: true, errors: [] });
    expect(body.items).toEqual([
      {
        ref: "realtimeapi/iris",
        action: "error",
        changes: [],
        error: expect.stringContaining("already exists and belongs to another cortex.yaml"),
      },
    ]);
    // And deploy does refuse it.
    const deployed = await cli("deploy", "-c", project.file, "-n", ns, "--no-wait");
    expect(deployed.code).toBe(1);
    expect(deployed.output).toContain("Nothing was applied.");
  });

  it("says a failed spec is rolled out again in words, never as the internal spec.retry", async () => {
    const ns = uniqueNamespace("plan-again");
    await project.write(realtimeYaml("iris"));
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);
    await setStatus(client, ns, "iris", { observedGeneration: 1, phase: "Failed" });

    const again = await cli("plan", "-c", project.file, "-n", ns, "--detailed-exitcode");
    expect(again.code).toBe(2);
    expect(again.output).toContain(
      "~ realtimeapi/iris: will be updated (rolling the same spec out again: it ended Failed)",
    );
    expect(again.output).not.toContain("spec.retry");

    // Deployed again (spec.retry 1), Ready, then a changed file: the diff is the change alone.
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);
    await setStatus(client, ns, "iris", readyStatus(2, 1));
    await project.write(realtimeYaml("iris", "sandbox.test/http-echo:v2"));
    const changed = await cli("plan", "-c", project.file, "-n", ns, "--format", "json");
    const [item] = JSON.parse(changed.stdout).items;
    expect(item.changes.map((c: { path: string }) => c.path)).toEqual([
      "spec.pod.containers[api].image",
    ]);
  });

  it("rejects an API named like a TrafficSplitter that stays, as deploy does", async () => {
    const ns = uniqueNamespace("plan-clash");
    const front =
      "- name: front\n  kind: TrafficSplitter\n  apis:\n    - name: iris\n      weight: 100\n";
    await project.write(realtimeYaml("iris") + front);
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);
    await project.write(realtimeYaml("iris") + realtimeYaml("front"));
    const args = ["-c", project.file, "-n", ns, "--no-prune"];
    const planned = await cli("plan", ...args);
    expect(planned.code).toBe(1);
    expect(planned.output).toContain(
      "x realtimeapi/front: rejected\n    realtimeapi/front: a TrafficSplitter of that name already exists",
    );
    expect(planned.output).not.toContain("realtimeapi/front: will be created");
    const deployed = await cli("deploy", ...args, "--no-wait");
    expect(deployed.code).toBe(1);
    expect(deployed.output).toContain(
      "realtimeapi/front: a TrafficSplitter of that name already exists",
    );
    // Pruned, the splitter leaves the name free: both pass.
    expect((await cli("plan", "-c", project.file, "-n", ns)).code).toBe(0);
  });

  it("fails a plan that would prune an API a TrafficSplitter still routes to", async () => {
    const ns = uniqueNamespace("plan-routed");
    const front =
      "- name: front\n  kind: TrafficSplitter\n  apis:\n    - name: a\n      weight: 100\n" +
      "    - name: b\n      weight: 0\n      shadow: true\n";
    await project.write(realtimeYaml("a") + realtimeYaml("b") + front);
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);
    await project.write(realtimeYaml("a") + front);
    const planned = await cli("plan", "-c", project.file, "-n", ns);
    expect(planned.code).toBe(1);
    expect(planned.output).toContain("x realtimeapi/b: TrafficSplitter front still routes to it");
  });

  it("plans into a namespace that does not exist yet without creating it", async () => {
    const ns = uniqueNamespace("plan-new");
    const config = await project.write(realtimeYaml("iris"));
    const result = await plan({ client, config, namespace: ns, prefix: "p", prune: true, git: {} });
    const text = formatPlanText(result);
    expect(text[0]).toBe(`+ namespace/${ns}: will be created`);
    expect(text).toContain("+ realtimeapi/iris: will be created");
    expect(planFailed(result)).toBe(false);
    expect(await namespaceState(client, ns)).toBe("missing");
  });

  it("says a namespace being deleted is why, in plan and deploy, and applies nothing", async () => {
    const ns = uniqueNamespace("plan-gone");
    const nsPath = `/api/v1/namespaces/${ns}`;
    // A finalizer of nobody's keeps the namespace Terminating for as long as the test needs.
    await client.request("POST", "/api/v1/namespaces", {
      body: { metadata: { name: ns, finalizers: ["cortex-deploy.test/hold"] } },
    });
    try {
      await client.request("DELETE", nsPath);
      expect(await namespaceState(client, ns)).toBe("terminating");
      await project.write(realtimeYaml("iris"));
      const why = `namespace ${ns} is being deleted (Terminating), and nothing can be created in it until it is gone`;

      const planned = await cli("plan", "-c", project.file, "-n", ns);
      expect(planned.code).toBe(1);
      expect(planned.output).toContain(why);
      expect(planned.output).not.toContain("permission denied");

      const deployed = await cli("deploy", "-c", project.file, "-n", ns, "--no-wait");
      expect(deployed.code).toBe(1);
      expect(deployed.output).toContain(`${why}; wait for that (kubectl get namespace ${ns})`);
      expect(deployed.output).toContain("Nothing was applied.");
      // Refused before the artifacts: no upload line.
      expect(deployed.output).not.toContain("artifacts:");
      expect((await listResources(client, "RealtimeAPI", ns)).items).toEqual([]);
      expect((await cli("status", "-n", ns)).output).toBe(
        `namespace ${ns} is being deleted (Terminating)`,
      );
    } finally {
      await client.request("PATCH", nsPath, {
        body: { metadata: { finalizers: null } },
        contentType: "application/merge-patch+json",
      });
    }
  });

  it("exits 1 with the server's reason when the plan has a rejected object", async () => {
    const ns = uniqueNamespace("plan-bad");
    const config = await project.write(realtimeYaml("iris"));
    const api = config.apis[0];
    if (api?.kind !== "RealtimeAPI") throw new Error("fixture");
    api.update_strategy.max_surge = 0;
    api.update_strategy.max_unavailable = "0%";
    const result = await plan({ client, config, namespace: ns, prefix: "p", prune: true, git: {} });
    expect(planFailed(result)).toBe(true);
    expect(formatPlanText(result).join("\n")).toMatch(
      /x realtimeapi\/iris: rejected\n\s+the API server rejected the object:\n\s+\S*cortex\.yaml:\d+:\d+: spec\.update_strategy: Invalid value: .*max_surge and max_unavailable must not both be zero/,
    );
  });
});

describe("install, status and history through the CLI", () => {
  it("installs the CRDs idempotently, then shows the APIs and their (empty) history", async () => {
    const installed = await cli("install");
    expect(installed.code, installed.output).toBe(0);
    expect(installed.output).toContain(
      "customresourcedefinition/realtimeapis.cortexdeploy.dev applied",
    );
    expect(installed.output).toContain("custom resource definitions established");

    const ns = uniqueNamespace("status");
    await project.write(realtimeYaml("iris"));
    expect((await cli("deploy", "-c", project.file, "-n", ns, "--no-wait")).code).toBe(0);
    const status = await cli("status", "-n", ns);
    expect(status.code).toBe(0);
    expect(status.output).toMatch(/^API\s+KIND\s+STATUS\s+READY/m);
    expect(status.output).toMatch(/^iris\s+RealtimeAPI\s+Pending\s+-/m);
    // No controller runs here: the line under the table says what the API waits for.
    expect(status.output).toMatch(/^iris: waiting for the controller to pick up generation 1$/m);
    const some = await cli("status", "iris", "nope", "-n", ns);
    expect(some.code).toBe(1);
    expect(some.output).toMatch(/^iris\s+RealtimeAPI\s+Pending\s+-/m);
    expect(some.output).toContain(`cortex-deploy status: no API named nope in namespace ${ns}`);
    expect(some.output).not.toContain("no APIs in namespace");
    // -A: this namespace's API and another's, each on its row after its namespace.
    const other = uniqueNamespace("status-pr");
    expect((await cli("deploy", "-c", project.file, "-n", other, "--no-wait")).code).toBe(0);
    const all = await cli("status", "-A", "iris");
    expect(all.code, all.output).toBe(0);
    expect(all.output).toMatch(/^NAMESPACE\s+API\s+KIND\s+STATUS/m);
    for (const n of [ns, other]) {
      expect(all.output).toMatch(new RegExp(`^${n}\\s+iris\\s+RealtimeAPI\\s+Pending\\s`, "m"));
      expect(all.output).toContain(`${n}/iris: waiting for the controller to pick up generation 1`);
    }
    // --format json: the same rows for scripts, every field present.
    const json = await cli("status", "iris", "nope", "-n", ns, "--format", "json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      apis: [
        {
          kind: "RealtimeAPI",
          name: "iris",
          namespace: ns,
          status: "Pending",
          ready: null,
          requested: null,
          upToDate: null,
          revision: null,
          endpoint: "/iris",
          lastChange: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          detail: "waiting for the controller to pick up generation 1",
        },
      ],
      namespace: ns,
      namespaceState: "exists",
      missing: ["nope"],
    });
    expect(json.output).toContain(`cortex-deploy status: no API named nope in namespace ${ns}`);
    // No namespace is not a namespace without APIs: the JSON says which.
    const empty = await cli("status", "-n", `${ns}-typo`, "--format", "json");
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual({
      apis: [],
      namespace: `${ns}-typo`,
      namespaceState: "missing",
      missing: [],
    });
    const allJson = await cli("status", "-A", "nope", "--format", "json");
    expect(allJson.code).toBe(1);
    expect(JSON.parse(allJson.stdout)).toEqual({
      apis: [],
      namespace: null,
      namespaceState: null,
      missing: ["nope"],
    });
    const typo = await cli("status", "-n", `${ns}-typo`);
    expect(typo.code).toBe(0);
    expect(typo.output).toBe(`namespace ${ns}-typo does not exist`);
    const history = await cli("history", "iris", "-n", ns);
    expect(history.code).toBe(0);
    expect(history.output).toBe("iris: no revisions yet (the controller records them)");
    const historyJson = await cli("history", "iris", "-n", ns, "--format", "json");
    expect(historyJson.code).toBe(0);
    expect(JSON.parse(historyJson.stdout)).toEqual({
      name: "iris",
      currentRevision: null,
      revisions: [],
    });
    const none = await cli("history", "nope", "-n", ns);
    expect(none.code).toBe(1);
    expect(none.output).toBe(`cortex-deploy history: no RealtimeAPI named nope in namespace ${ns}`);
    // A script parsing stdout reads the failure, not empty input; the exit code stays 1.
    const noneJson = await cli("history", "nope", "-n", ns, "--format", "json");
    expect(noneJson.code).toBe(1);
    expect(JSON.parse(noneJson.stdout)).toEqual({
      error: {
        message: `no RealtimeAPI named nope in namespace ${ns}`,
        exitCode: 1,
        file: null,
        errors: [],
        warnings: [],
      },
    });
  });
});

/** Runs `fn` with these environment variables set (undefined: unset), then puts them back. */
async function withEnv<T>(
  vars: Record<string, string | undefined>,
  fn: () => Promise<T>,
): Promise<T> {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  try {
    return await fn();
  } finally {
    vi.unstubAllEnvs();
  }
}

describe("upload", () => {
  it("prints each API's manifest hash, the one plan finds in S3 and deploy names in the resource", async () => {
    const ns = uniqueNamespace("upload");
    const bucket = process.env.CORTEX_DEPLOY_BUCKET ?? "";
    await writeFile(path.join(project.dir, "weights.bin"), `weights ${ns}`);
    await project.write(
      realtimeYaml(
        "iris",
        "x/iris:1",
        "  artifacts:\n    - path: weights.bin\n      mount: /models\n",
      ),
    );
    const s3 = ["--bucket", bucket, "--prefix", `upload-${ns}`];
    // plan asks S3 (read-only) whether deploy would upload.
    const before = await cli("plan", "-c", project.file, "-n", ns, ...s3);
    expect(before.code, before.output).toBe(0);
    expect(before.output).toMatch(
      /^\+ artifacts of iris \(sha256:[0-9a-f]{12}\): will be uploaded \(only the files S3 does not have\)$/m,
    );
    const uploaded = await cli("upload", "-c", project.file, ...s3);
    expect(uploaded.code, uploaded.output).toBe(0);
    const hash = /^iris {2}sha256:([0-9a-f]{64})$/m.exec(uploaded.output)?.[1];
    expect(hash).toBeDefined();
    const after = await cli("plan", "-c", project.file, "-n", ns, ...s3);
    expect(after.output).toContain(
      `= artifacts of iris (sha256:${hash?.slice(0, 12)}): already in S3`,
    );
    // S3 out of reach (nothing listens there): shown, and the plan still succeeds.
    const unreachable = await cli(
      "plan",
      ...["-c", project.file, "-n", ns, ...s3, "--s3-endpoint", "http://127.0.0.1:9"],
    );
    expect(unreachable.code, unreachable.output).toBe(0);
    expect(unreachable.output).toMatch(
      /^! artifacts of iris \(sha256:[0-9a-f]{12}\): not checked in S3: S3 HEAD s3:\/\/\S+ failed: .*ECONNREFUSED/m,
    );
    // No credentials at all (a pull request from a fork): shown, and the plan still succeeds.
    const none = await withEnv(
      {
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_SHARED_CREDENTIALS_FILE: path.join(project.dir, "no-credentials"),
        AWS_CONFIG_FILE: path.join(project.dir, "no-config"),
        AWS_EC2_METADATA_DISABLED: "true",
      },
      () => cli("plan", "-c", project.file, "-n", ns, ...s3),
    );
    expect(none.code, none.output).toBe(0);
    expect(none.output).toMatch(
      /^! artifacts of iris \(sha256:[0-9a-f]{12}\): not checked in S3: S3 HEAD \S+ failed: CredentialsProviderError: .*\(no AWS credentials found/m,
    );
    expect(none.output).not.toContain("deploy would fail");
    // A mistyped bucket: S3's bare 404 to HEAD looked like "not uploaded yet". Deploy would fail.
    const typo = await cli(
      "plan",
      ...["-c", project.file, "-n", ns, "--bucket", `${bucket}-typo`, "--prefix", `upload-${ns}`],
    );
    expect(typo.code, typo.output).toBe(1);
    expect(typo.output).toMatch(
      new RegExp(
        `^x artifacts of iris \\(sha256:[0-9a-f]{12}\\): deploy would fail: the bucket ${bucket}-typo does not exist`,
        "m",
      ),
    );
    expect(typo.output).toMatch(
      /deploy would fail: S3 answered NoSuchBucket for the artifacts of iris$/,
    );
    const typoJson = await cli(
      "plan",
      ...["-c", project.file, "-n", ns, "--bucket", `${bucket}-typo`, "--prefix", `upload-${ns}`],
      ...["--format", "json"],
    );
    expect(typoJson.code).toBe(1);
    expect(JSON.parse(typoJson.stdout)).toMatchObject({
      failed: true,
      artifacts: [{ api: "iris", state: "refused", code: "NoSuchBucket" }],
    });
    // Credentials S3 refuses: worded as deploy words it, and the plan fails as deploy would.
    const denied = await withEnv({ AWS_SECRET_ACCESS_KEY: "not-the-secret" }, () =>
      cli("plan", "-c", project.file, "-n", ns, ...s3),
    );
    expect(denied.code, denied.output).toBe(1);
    expect(denied.output).toMatch(
      /^x artifacts of iris \(sha256:[0-9a-f]{12}\): deploy would fail: S3 HEAD s3:\/\/\S+ failed: AccessDenied: .*\(HTTP 403\) \(the credentials are wrong or lack permission: the role needs s3:ListBucket/m,
    );
    expect(denied.output).toMatch(
      /deploy would fail: S3 answered AccessDenied for the artifacts of iris$/,
    );
    const deployed = await cli("deploy", "-c", project.file, "-n", ns, "--no-wait", ...s3);
    expect(deployed.code, deployed.output).toBe(0);
    const [live] = (await listResources(client, "RealtimeAPI", ns)).items;
    expect(live?.spec.artifacts).toMatchObject({
      bucket,
      prefix: `upload-${ns}`,
      manifest: hash,
      mounts: ["/models"],
    });
  });
});

describe("the bucket's name", () => {
  it("is checked before S3 is asked, by upload, plan, deploy and gc, and an old-style one warned of", async () => {
    const ns = uniqueNamespace("bucket-name");
    await writeFile(path.join(project.dir, "weights.bin"), `weights ${ns}`);
    await project.write(
      realtimeYaml(
        "iris",
        "x/iris:1",
        "  artifacts:\n    - path: weights.bin\n      mount: /models\n",
      ),
    );
    const said = 'the bucket "Bad_Bucket!" has "!" in it, which no S3 bucket name has';
    for (const command of ["upload", "plan", "deploy"]) {
      const where = command === "upload" ? [] : ["-n", ns];
      const r = await cli(command, "-c", project.file, ...where, "--bucket", "Bad_Bucket!");
      expect(r.code, r.output).toBe(1);
      expect(r.output).toContain(said);
      // Refused here, not by S3 ("S3 HEAD ... BadRequest", blaming the region).
      expect(r.output).not.toContain("S3 HEAD");
    }
    const gc = await cli("gc", "--bucket", "Bad_Bucket!");
    expect(gc.code, gc.output).toBe(1);
    expect(gc.output).toContain(said);
    expect(await namespaceState(client, ns)).toBe("missing");

    // A name only an old us-east-1 bucket may have: a warning, then S3's answer (versitygw refuses
    // such names with a bare 400), whose hint is the name rather than the region.
    const warning =
      'warning: the bucket name "Legacy_Bucket" has uppercase letters and underscores';
    const upload = await cli("upload", "-c", project.file, "--bucket", "Legacy_Bucket");
    expect(upload.code, upload.output).toBe(1);
    expect(upload.output).toContain(warning);
    expect(upload.output).toMatch(
      /S3 HEAD s3:\/\/Legacy_Bucket\/\S+ failed: BadRequest: .*\(the bucket name "Legacy_Bucket" has uppercase/,
    );
    expect(upload.output).not.toContain("region other than the bucket's");
    const planned = await cli("plan", "-c", project.file, "-n", ns, "--bucket", "Legacy_Bucket");
    expect(planned.output).toContain(warning);
    const gcOld = await cli("gc", "--bucket", "Legacy_Bucket");
    expect(gcOld.output).toContain(warning);
  });
});

describe("Cortex's own examples", () => {
  it("every RealtimeAPI and TrafficSplitter file plans cleanly", async () => {
    const dir = path.resolve(repoRoot, "../shared/conformance/cortex-examples");
    const files = (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort();
    let planned = 0;
    for (const f of files) {
      const text = await readFile(path.join(dir, f), "utf8");
      const loaded = await loadConfigFile(path.join(dir, f));
      expect(loaded.ok, f).toBe(true);
      if (!loaded.ok) continue;
      const deployable = loaded.config.apis.every(
        (a) => a.kind === "RealtimeAPI" || a.kind === "TrafficSplitter",
      );
      if (!deployable) {
        expect(text, f).toMatch(/kind: (AsyncAPI|BatchAPI|TaskAPI)/);
        continue;
      }
      const ns = uniqueNamespace("example");
      const result = await plan({
        client,
        config: loaded.config,
        namespace: ns,
        prefix: "p",
        prune: true,
        git: {},
      });
      expect(planFailed(result), `${f}:\n${formatPlanText(result).join("\n")}`).toBe(false);
      expect(
        result.items.map((i) => i.action).every((a) => a === "create"),
        f,
      ).toBe(true);
      expect(result.items).toHaveLength(loaded.config.apis.length);
      planned++;
    }
    // 12 realtime examples and the traffic splitter one.
    expect(planned).toBe(13);
  });
});

// `status --watch` as a user runs it: its own process, rows printed again only when they change,
// and Ctrl-C (SIGINT) ending it with exit 0.
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
