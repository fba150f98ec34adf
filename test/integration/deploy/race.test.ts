// Deploys that overlap (two pushes, two cortex.yaml files with one API name, a deploy and a
// rollback): each reads the cluster, uploads for a while, then writes. Another writer's change is
// put between two requests of the deploy under test (an intercepting client), so every race here
// happens the same way on every run. No controller runs; status is written as it would write it.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy } from "../../../src/commands/deploy.ts";
import { type CortexConfig, loadConfigFile } from "../../../src/config/index.ts";
import type { KubeClient, RequestOptions } from "../../../src/kube/client.ts";
import { DeployError } from "../../../src/kube/errors.ts";
import { listResources } from "../../../src/kube/objects.ts";
import {
  connect,
  getApi,
  installCrds,
  intercepted,
  makeProject,
  type Project,
  readyStatus,
  realtimeYaml,
  recorder,
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

function run(
  config: CortexConfig,
  namespace: string,
  commit: string,
  extra: Partial<Parameters<typeof deploy>[0]> = {},
) {
  const log = recorder();
  const result = deploy({
    client,
    config,
    namespace,
    prefix: "cortex-deploy",
    wait: false,
    timeoutSeconds: 60,
    prune: true,
    forceConflicts: false,
    git: { commit, ref: "refs/heads/main", actor: "ci" },
    log,
    ...extra,
  });
  return { result, log };
}

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DeployError);
  return (err as Error).message;
}

/** A cortex.yaml at `sub/cortex.yaml` of the project's repository. */
async function configAt(sub: string, yaml: string): Promise<CortexConfig> {
  const file = path.join(project.dir, sub, "cortex.yaml");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, yaml);
  const loaded = await loadConfigFile(file);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
  return loaded.config;
}

/** A write (not a read) of the RealtimeAPI `name`. */
const writing = (name: string) => (method: string, p: string) =>
  method !== "GET" && p.endsWith(`/realtimeapis/${name}`);
const isDryRun = (opts: RequestOptions) => opts.query?.dryRun !== undefined;

/** A client that runs `write` once, before the first request that `when` picks. */
function once(
  when: (method: string, path: string, opts: RequestOptions) => boolean,
  write: () => Promise<unknown>,
): KubeClient {
  let done = false;
  return intercepted(client, async (method, p, opts) => {
    if (done || !when(method, p, opts)) return;
    done = true;
    await write();
  });
}

describe("deploys that overlap", () => {
  it("does not take over an API another cortex.yaml created after this deploy read the cluster", async () => {
    const ns = uniqueNamespace("race-create");
    const x = await configAt("x", realtimeYaml("shared", "sandbox.test/http-echo:x"));
    const y = await configAt(
      "y",
      realtimeYaml("shared", "sandbox.test/http-echo:y") + realtimeYaml("only-y"),
    );
    await run(await configAt("z", realtimeYaml("elsewhere")), ns, sha("9")).result;
    // Y read the namespace (no `shared`) and uploads; X creates `shared` meanwhile.
    const meanwhile = () =>
      run(x, ns, sha("2"), {
        git: { commit: sha("2"), ref: "refs/heads/main", actor: "xavier" },
      }).result;
    const message = await failure(
      run(y, ns, sha("3"), { client: once(writing("shared"), meanwhile) }).result,
    );
    expect(message).toContain(
      "realtimeapi/shared: another deploy created it after this one read the cluster " +
        "(commit 222222222222 of x/cortex.yaml by xavier); it was not overwritten",
    );
    expect(message).toContain("Nothing was applied.");
    const shared = await getApi(client, ns, "shared");
    expect(shared.spec.pod.containers[0]?.image).toBe("sandbox.test/http-echo:x");
    expect(shared.metadata.annotations?.["cortexdeploy.dev/config-path"]).toBe("x/cortex.yaml");
    const names = (await listResources(client, "RealtimeAPI", ns)).items.map(
      (o) => o.metadata.name,
    );
    expect(names.sort()).toEqual(["elsewhere", "shared"]);
  });

  it("does not overwrite an API another deploy changed after this one read the cluster", async () => {
    const ns = uniqueNamespace("race-update");
    await run(await project.write(realtimeYaml("echo", "sandbox.test/http-echo:v1")), ns, sha("1"))
      .result;
    const v2 = await project.write(realtimeYaml("echo", "sandbox.test/http-echo:v2"));
    const v3 = await project.write(realtimeYaml("echo", "sandbox.test/http-echo:v3"));
    // An older push (v3's run read first) finishes its upload after a newer one deployed v2.
    const message = await failure(
      run(v3, ns, sha("3"), {
        client: once(writing("echo"), () => run(v2, ns, sha("2")).result),
      }).result,
    );
    expect(message).toContain(
      "realtimeapi/echo: it changed after this deploy read the cluster: its spec changed to " +
        "generation 2 (was 1), by commit 222222222222 of cortex.yaml by ci; it was not overwritten",
    );
    expect(message).toContain("Another deploy (or a rollback, or kubectl) wrote these APIs");
    expect(message).toContain("Nothing was applied.");
    const echo = await getApi(client, ns, "echo");
    expect(echo.spec.pod.containers[0]?.image).toBe("sandbox.test/http-echo:v2");
    expect(echo.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("2"));
  });

  it("puts back what it wrote when another deploy changes an API between its dry run and its write", async () => {
    const ns = uniqueNamespace("race-undo");
    const both = (tag: string) =>
      project.write(
        realtimeYaml("a", `sandbox.test/http-echo:${tag}`) +
          realtimeYaml("b", `sandbox.test/http-echo:${tag}`),
      );
    await run(await both("v1"), ns, sha("1")).result;
    const before = await getApi(client, ns, "a");
    const onlyB = await project.write(realtimeYaml("b", "sandbox.test/http-echo:other"));
    const v2 = await both("v2");
    // The dry runs pass; then, just before b is written for real, another deploy changes b.
    const meanwhile = () => run(onlyB, ns, sha("2"), { prune: false }).result;
    const message = await failure(
      run(v2, ns, sha("3"), {
        client: once(
          (m, p, opts) => m === "PATCH" && p.endsWith("/realtimeapis/b") && !isDryRun(opts),
          meanwhile,
        ),
      }).result,
    );
    expect(message).toContain(
      "realtimeapi/b: it changed after this deploy read the cluster: its spec changed to " +
        "generation 2 (was 1), by commit 222222222222 of cortex.yaml by ci; it was not overwritten",
    );
    expect(message).toContain(
      "Nothing is left applied. realtimeapi/a was written and put back as before.",
    );
    const a = await getApi(client, ns, "a");
    expect(a.spec).toEqual(before.spec);
    expect(a.metadata.annotations).toEqual(before.metadata.annotations);
    const b = await getApi(client, ns, "b");
    expect(b.spec.pod.containers[0]?.image).toBe("sandbox.test/http-echo:other");
  });

  it("leaves, when it puts back its writes, an API another deploy changed after it wrote it", async () => {
    const ns = uniqueNamespace("race-undo-other");
    const both = (tag: string) =>
      project.write(
        realtimeYaml("a", `sandbox.test/http-echo:${tag}`) +
          realtimeYaml("b", `sandbox.test/http-echo:${tag}`),
      );
    await run(await both("v1"), ns, sha("1")).result;
    const onlyA = await project.write(realtimeYaml("a", "sandbox.test/http-echo:other-a"));
    const onlyB = await project.write(realtimeYaml("b", "sandbox.test/http-echo:other-b"));
    const v2 = await both("v2");
    // b's write is refused (another deploy changed b just before it), so a's write is put back;
    // but after a was written and before it is put back, a third deploy changes a.
    let aWritten = false;
    let bChanged = false;
    let aChanged = false;
    const busy = intercepted(client, async (method, p, opts) => {
      const real = !isDryRun(opts);
      if (p.endsWith("/realtimeapis/a") && aWritten && bChanged && !aChanged) {
        aChanged = true;
        await run(onlyA, ns, sha("4"), { prune: false }).result;
      } else if (method === "PATCH" && p.endsWith("/realtimeapis/a") && real) {
        aWritten = true;
      } else if (method === "PATCH" && p.endsWith("/realtimeapis/b") && real && !bChanged) {
        bChanged = true;
        await run(onlyB, ns, sha("2"), { prune: false }).result;
      }
    });
    const message = await failure(run(v2, ns, sha("3"), { client: busy }).result);
    expect(aChanged).toBe(true);
    expect(message).toContain("realtimeapi/b: it changed after this deploy read the cluster");
    expect(message).toContain(
      "Changed by someone else after this deploy wrote them, so left as they are:\n" +
        "  realtimeapi/a: its spec changed to generation 3 (was 2), by commit 444444444444 of " +
        "cortex.yaml by ci\nNothing was pruned.",
    );
    const a = await getApi(client, ns, "a");
    expect(a.spec.pod.containers[0]?.image).toBe("sandbox.test/http-echo:other-a");
    expect(a.metadata.annotations?.["cortexdeploy.dev/commit"]).toBe(sha("4"));
  });

  it("is not stopped by the controller's status writes between its reads and writes", async () => {
    const ns = uniqueNamespace("race-status");
    await run(await project.write(realtimeYaml("echo", "sandbox.test/http-echo:v1")), ns, sha("1"))
      .result;
    // The controller reports status before each of the first three writes to echo: each time,
    // the object's resourceVersion moves on after the deploy read it.
    let churn = 0;
    const busy = intercepted(client, async (method, p) => {
      if (method !== "PATCH" || !p.endsWith("/realtimeapis/echo") || churn >= 3) return;
      churn++;
      await setStatus(client, ns, "echo", readyStatus(1, churn));
    });
    const v2 = await project.write(realtimeYaml("echo", "sandbox.test/http-echo:v2"));
    const { result, log } = run(v2, ns, sha("2"), { client: busy });
    await result;
    expect(churn).toBe(3);
    expect(log.lines).toContain("realtimeapi/echo: configured");
    expect((await getApi(client, ns, "echo")).spec.pod.containers[0]?.image).toBe(
      "sandbox.test/http-echo:v2",
    );
  });

  describe("prune", () => {
    /** echo and extra at v1; the file without extra; an older run's file with extra at v2. */
    async function setUp(prefix: string) {
      const ns = uniqueNamespace(prefix);
      const echo = realtimeYaml("echo", "sandbox.test/http-echo:v1");
      await run(
        await project.write(echo + realtimeYaml("extra", "sandbox.test/http-echo:v1")),
        ns,
        sha("1"),
      ).result;
      const without = await project.write(echo);
      const changed = await project.write(
        echo + realtimeYaml("extra", "sandbox.test/http-echo:v2"),
      );
      return { ns, without, changed };
    }
    const names = async (ns: string) =>
      (await listResources(client, "RealtimeAPI", ns)).items.map((o) => o.metadata.name).sort();

    for (const [when, at] of [
      ["before its last read", (_m: string, p: string) => p.endsWith("/realtimeapis/extra")],
      [
        "between its last read and the delete",
        (m: string, p: string) => m === "DELETE" && p.endsWith("/realtimeapis/extra"),
      ],
    ] as const) {
      it(`keeps an API another deploy updated ${when}, saying so`, async () => {
        const { ns, without, changed } = await setUp("race-prune");
        // This deploy read extra at generation 1; an older run then updates it (and reports it
        // Ready) before this one prunes.
        const { result, log } = run(without, ns, sha("3"), {
          client: once(at, () => run(changed, ns, sha("2")).result),
        });
        const r = await result;
        expect(r.pruned).toEqual([]);
        expect(log.lines).toContain(
          "realtimeapi/extra: no longer in cortex.yaml, but not deleted: its spec changed to " +
            "generation 2 (was 1), by commit 222222222222 of cortex.yaml by ci",
        );
        expect(await names(ns)).toEqual(["echo", "extra"]);
        expect((await getApi(client, ns, "extra")).spec.pod.containers[0]?.image).toBe(
          "sandbox.test/http-echo:v2",
        );
      });
    }

    it("prunes an API whose status alone changed after it was read", async () => {
      const { ns, without } = await setUp("race-prune-status");
      const { result, log } = run(without, ns, sha("3"), {
        client: once(
          (m, p) => m === "DELETE" && p.endsWith("/realtimeapis/extra"),
          () => setStatus(client, ns, "extra", readyStatus(1, 1)),
        ),
      });
      expect((await result).pruned).toEqual(["realtimeapi/extra"]);
      expect(log.lines).toContain("realtimeapi/extra: deleted (no longer in cortex.yaml)");
      expect(await names(ns)).toEqual(["echo"]);
    });
  });

  describe("a deploy superseded while it waits", () => {
    /** What the controller writes when the rollout of `generation` crashed and was rolled back. */
    function crashed(generation: number) {
      const now = new Date().toISOString();
      return {
        observedGeneration: generation,
        phase: "RolledBack",
        currentRevision: 1,
        conditions: [
          {
            type: "Ready" as const,
            status: "False" as const,
            reason: "RolledBack",
            message: "revision 3 crashed",
            lastTransitionTime: now,
            observedGeneration: generation,
          },
          {
            type: "RolledBack" as const,
            status: "True" as const,
            reason: "CrashLoopBackOff",
            message: "api exited with code 1",
            lastTransitionTime: now,
            observedGeneration: generation,
          },
        ],
      };
    }

    it("says who superseded it, not the other rollout's diagnosis, and still fails", async () => {
      const ns = uniqueNamespace("race-wait");
      const v1 = await project.write(realtimeYaml("echo", "sandbox.test/http-echo:v1"));
      const v2 = await project.write(realtimeYaml("echo", "sandbox.test/http-echo:v2"));
      // This deploy writes generation 1; before its wait lists the APIs (the second list: the
      // first is its read), another run deploys generation 2, and that rollout crashes.
      let lists = 0;
      const busy = intercepted(client, async (m, p) => {
        if (m !== "GET" || !p.endsWith("/realtimeapis") || ++lists !== 2) return;
        await run(v2, ns, sha("2"), {
          git: {
            commit: sha("2"),
            ref: "refs/heads/main",
            actor: "bob",
            runUrl: "https://github.com/acme/ml/actions/runs/8",
          },
        }).result;
        await setStatus(client, ns, "echo", crashed(2));
      });
      const { result, log } = run(v1, ns, sha("1"), { client: busy, wait: true });
      const r = await result;
      expect(lists).toBe(2);
      const said = log.lines.filter((l) => l.startsWith("echo: "));
      expect(said).toEqual([
        "echo: superseded while waiting: it is at generation 2 (this run applied 1), last " +
          "deployed by commit 222222222222 of cortex.yaml by bob, " +
          "https://github.com/acme/ml/actions/runs/8; that outcome is not this run's to report",
      ]);
      expect(log.text()).not.toContain("conditions:");
      expect(r.apis[0]).toMatchObject({ state: "failed", superseded: true });
      expect(r.failure).toMatch(/^changed by someone else: echo \(superseded while waiting/);
    });
  });
});
