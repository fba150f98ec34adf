// gc against the sandbox's real API server and S3 gateway. The references are what deploy and the
// controller leave (RealtimeAPIs, ControllerRevisions written in the controller's format, a
// Deployment whose rollout left an old ReplicaSet, made by the real Deployment controller); what
// is in S3 is checked straight from the gateway, never through the code under test. The Action's
// `command: gc` runs the same way, in process with GitHub's environment contract.
import { createHash, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { blobKey, manifestKey, serializeManifest } from "../../../src/artifacts/manifest.ts";
import { uploadRefs } from "../../../src/commands/artifact-refs.ts";
import { InterruptedError } from "../../../src/commands/common.ts";
import { deploy } from "../../../src/commands/deploy.ts";
import { type GcOptions, gc } from "../../../src/commands/gc.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { DeployError } from "../../../src/kube/errors.ts";
import { LABELS, MANAGED_BY } from "../../../src/kube/resource.ts";
import {
  serviceAccountClient,
  serviceAccountToken,
  tokenKubeconfig,
} from "../../support/service-account.ts";
import {
  listKeys,
  type S3Env,
  s3FromEnv,
  uniquePrefix,
  verifyPrefix,
} from "../artifacts/helpers.ts";
import {
  cli,
  connect,
  getApi,
  installCrds,
  makeProject,
  type Project,
  realtimeYaml,
  recorder,
  recordRevision,
  uniqueNamespace,
} from "./helpers.ts";
import { runAction } from "./run-action.ts";

let client: KubeClient;
let project: Project;
let s3: S3Env;

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  project = await makeProject();
  s3 = s3FromEnv();
});

afterAll(() => {
  client.close();
  s3.client.destroy();
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Writes the files, then cortex.yaml with one API listing them as artifacts. */
async function version(name: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files))
    await writeFile(path.join(project.dir, file), text);
  const list = Object.keys(files)
    .map((f) => `    - path: ${f}\n`)
    .join("");
  return project.write(realtimeYaml(name, `x/${name}:1`, `  artifacts:\n${list}`));
}

function s3Of(prefix: string) {
  return { bucket: s3.bucket, prefix, endpoint: s3.endpoint, forcePathStyle: true };
}

async function deployTo(ns: string, config: Awaited<ReturnType<typeof version>>, prefix: string) {
  await deploy({
    client,
    config,
    namespace: ns,
    ...s3Of(prefix),
    wait: false,
    timeoutSeconds: 30,
    prune: true,
    forceConflicts: false,
    git: { commit: "1".repeat(40), ref: "refs/heads/main", actor: "ci" },
    log: recorder(),
  });
}

/** Uploads without deploying (what `cortex-deploy upload` leaves); returns the manifest hash. */
async function uploadOnly(name: string, prefix: string, files: Record<string, string>) {
  const { refs } = await uploadRefs(await version(name, files), s3Of(prefix), () => {});
  const manifest = refs.get(name)?.manifest;
  if (!manifest) throw new Error("upload wrote no manifest");
  return manifest;
}

async function putOrphan(prefix: string): Promise<string> {
  const body = `orphan ${randomBytes(8).toString("hex")}`;
  const key = blobKey(prefix, sha256(body));
  await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }));
  return key;
}

/**
 * A new prefix with an API deployed from it (its manifest: `live`) and what nothing uses: an
 * uploaded manifest with its own blob and an orphan blob (`gone`); `before`, every key.
 */
async function liveAndUnused(name: string) {
  const prefix = uniquePrefix(name);
  const ns = uniqueNamespace(name);
  await deployTo(ns, await version("iris", { "live.bin": `live ${prefix}\n` }), prefix);
  const live = (await getApi(client, ns, "iris")).spec.artifacts?.manifest ?? "";
  const unused = await uploadOnly("iris", prefix, { "old.bin": `old ${prefix}\n` });
  const orphan = await putOrphan(prefix);
  const gone = [manifestKey(prefix, unused), blobKey(prefix, sha256(`old ${prefix}\n`)), orphan];
  return { prefix, live, unused, gone, before: await listKeys(s3, prefix) };
}

/** A token of a new ServiceAccount `name`, in a namespace of its own, that may do nothing. */
async function nobodyToken(name: string): Promise<string> {
  const ns = uniqueNamespace(name);
  await client.request("POST", "/api/v1/namespaces", {
    body: { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
  });
  return serviceAccountToken(client, ns, name);
}

function run(prefix: string, extra: Partial<GcOptions> = {}) {
  const log = recorder();
  const result = gc({
    ...s3Of(prefix),
    clusters: [{ client }],
    minAgeSeconds: 0,
    minAgeText: "0s",
    delete: false,
    log,
    ...extra,
  });
  return { log, result };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error("gc succeeded");
    },
    (err: Error) => err,
  );
}

/** A Deployment labelled as the controller labels its own, whose downloader fetches `manifest`. */
function deployment(name: string, prefix: string, manifest: string) {
  const labels = { [LABELS.managedBy]: MANAGED_BY, [LABELS.api]: name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels },
    spec: {
      replicas: 0,
      selector: { matchLabels: { [LABELS.api]: name } },
      template: {
        metadata: { labels },
        spec: {
          initContainers: [
            {
              name: "downloader",
              image: "sandbox.test/none:1",
              env: [
                { name: "CORTEX_BUCKET", value: s3.bucket },
                // Spelled otherwise than gc's --prefix: the same prefix all the same.
                { name: "CORTEX_PREFIX", value: `/${prefix}/` },
                { name: "CORTEX_MANIFEST", value: manifest },
              ],
            },
          ],
          containers: [{ name: "api", image: "sandbox.test/none:1" }],
        },
      },
    },
  };
}

async function replicaSetManifests(ns: string, name: string): Promise<string[]> {
  const list = await client.request<{
    items: {
      spec: {
        template: { spec: { initContainers: { env: { name: string; value: string }[] }[] } };
      };
    }[];
  }>("GET", `/apis/apps/v1/namespaces/${ns}/replicasets`, {
    query: { labelSelector: `${LABELS.api}=${name}` },
  });
  return list.items
    .map(
      (rs) =>
        rs.spec.template.spec.initContainers[0]?.env.find((e) => e.name === "CORTEX_MANIFEST")
          ?.value ?? "",
    )
    .sort();
}

/**
 * The sandbox's kubeconfig with two contexts: staging (its admin; the current-context) and prod
 * (the admin again, in another namespace, or given `prodToken`, that token's user).
 */
async function twoContexts(name: string, prodToken?: string): Promise<string> {
  const admin = parse(await readFile(process.env.KUBECONFIG ?? "", "utf8")) as {
    clusters: { name: string }[];
    users: { name: string }[];
  };
  const cluster = admin.clusters[0]?.name;
  const adminUser = admin.users[0]?.name;
  const users = prodToken
    ? [...admin.users, { name: "prod", user: { token: prodToken } }]
    : admin.users;
  const file = path.join(project.dir, `${name}.kubeconfig`);
  await writeFile(
    file,
    stringify({
      ...admin,
      users,
      contexts: [
        { name: "staging", context: { cluster, user: adminUser } },
        {
          name: "prod",
          context: { cluster, user: prodToken ? "prod" : adminUser, namespace: "prod" },
        },
      ],
      "current-context": "staging",
    }),
  );
  return file;
}

describe("gc", () => {
  it("deletes only what no API, revision or ReplicaSet needs, manifests before blobs", async () => {
    const prefix = uniquePrefix("gc");
    const ns = uniqueNamespace("gc");
    const other = uniqueNamespace("gc-other");
    const shared = `shared weights ${prefix}\n`;
    // M0: the API's first spec, now only its ControllerRevision (a rollback target) names it.
    await deployTo(ns, await version("iris", { "shared.bin": shared, "v0.bin": "v0\n" }), prefix);
    const first = await getApi(client, ns, "iris");
    await recordRevision(client, first, 1);
    const m0 = first.spec.artifacts?.manifest ?? "";
    // M1: what the API runs now, in two namespaces (one manifest, two APIs).
    const v1 = await version("iris", { "shared.bin": shared, "v1.bin": "v1\n" });
    await deployTo(ns, v1, prefix);
    await deployTo(other, v1, prefix);
    const live = await getApi(client, ns, "iris");
    await recordRevision(client, live, 2);
    const m1 = live.spec.artifacts?.manifest ?? "";
    expect(new Set([m0, m1]).size).toBe(2);
    // M3 and M4: a Deployment rolled from M3 to M4; only its old ReplicaSet still names M3.
    const m3 = await uploadOnly("dep", prefix, { "v3.bin": "v3\n" });
    const m4 = await uploadOnly("dep", prefix, { "v4.bin": "v4\n" });
    await client.request("POST", `/apis/apps/v1/namespaces/${ns}/deployments`, {
      body: deployment("dep", prefix, m3),
    });
    await vi.waitFor(async () => expect(await replicaSetManifests(ns, "dep")).toEqual([m3]), {
      timeout: 30_000,
      interval: 200,
    });
    await client.request("PUT", `/apis/apps/v1/namespaces/${ns}/deployments/dep`, {
      body: deployment("dep", prefix, m4),
    });
    await vi.waitFor(
      async () => expect(await replicaSetManifests(ns, "dep")).toEqual([m3, m4].sort()),
      { timeout: 30_000, interval: 200 },
    );
    // M2: uploaded, never deployed; its v2 blob is its own, its shared blob is not.
    const m2 = await uploadOnly("iris", prefix, { "shared.bin": shared, "v2.bin": "v2\n" });
    const orphan = await putOrphan(prefix);
    // Not ours (listed, but not of our shapes; not even listed): never touched, whatever its age.
    const strays = [`${prefix}/blobs/sha256/abc.partial`, `${prefix}/blobs/sha256/README`];
    for (const Key of strays)
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body: "x" }));

    const before = await listKeys(s3, prefix);
    const gone = [manifestKey(prefix, m2), blobKey(prefix, sha256("v2\n")), orphan].sort();
    for (const key of gone) expect(before).toContain(key);

    // Report only: the plan names M2 and the orphan, and nothing changes.
    const dry = run(prefix);
    const plan = (await dry.result).plan;
    expect(plan.delete.manifests.map((o) => o.key)).toEqual([manifestKey(prefix, m2)]);
    expect(plan.delete.blobs.map((o) => o.key).sort()).toEqual(
      [blobKey(prefix, sha256("v2\n")), orphan].sort(),
    );
    expect(plan.referenced.manifests.map((o) => o.key).sort()).toEqual(
      [m0, m1, m3, m4].map((m) => manifestKey(prefix, m)).sort(),
    );
    expect(plan.foreign).toBe(1);
    expect(dry.log.text()).toContain("would delete: 1 manifest");
    expect(dry.log.text()).toContain(manifestKey(prefix, m2));
    expect(await listKeys(s3, prefix)).toEqual(before);

    // A minimum age keeps all of it: S3's own dates say it is minutes old...
    const young = await run(prefix, { minAgeSeconds: 3600, minAgeText: "1h", delete: true }).result;
    expect(young.plan.delete).toEqual({ manifests: [], blobs: [] });
    expect(young.plan.young.blobs.map((o) => o.key).sort()).toEqual(
      [blobKey(prefix, sha256("v2\n")), orphan].sort(),
    );
    expect(await listKeys(s3, prefix)).toEqual(before);
    // ...and two hours from now it would be old enough.
    const later = await run(prefix, {
      minAgeSeconds: 3600,
      minAgeText: "1h",
      advanced: { now: Date.now() + 2 * 3600_000 },
    }).result;
    expect(later.plan.delete.blobs).toHaveLength(2);

    // The CLI, with the cluster named twice (as staging and prod sharing a bucket would be).
    const kubeconfig = process.env.KUBECONFIG ?? "";
    const args = ["gc", "--prefix", prefix, "--min-age", "0s", "--kubeconfig", kubeconfig];
    const { code, output: text } = await cli(...args, "--kubeconfig", kubeconfig);
    expect(code).toBe(0);
    // Each cluster's 7 references (2 APIs, 2 revisions, the Deployment, 2 ReplicaSets), or more if
    // a controller of another test file reconciles the APIs meanwhile.
    const refs = new RegExp(
      `gc: s3://${s3.bucket}/${prefix}/: (\\d+) references to it in 2 clusters`,
    );
    expect(Number(refs.exec(text)?.[1])).toBeGreaterThanOrEqual(14);
    expect(text).toContain("would delete: 1 manifest");
    expect(text).toContain(
      `cortex-deploy gc --prefix ${prefix} --min-age 0s --kubeconfig ${kubeconfig} --kubeconfig ${kubeconfig} --delete`,
    );
    expect(await listKeys(s3, prefix)).toEqual(before);

    // Delete, one key per DeleteObjects request so that batching is exercised.
    const deleting = run(prefix, {
      delete: true,
      advanced: { batchSize: 1, progressIntervalMs: 0 },
    });
    const done = await deleting.result;
    expect(done.deleted.manifests.map((o) => o.key)).toEqual([manifestKey(prefix, m2)]);
    expect(done.deleted.blobs).toHaveLength(2);
    expect(deleting.log.text()).toContain("gc: deleted 1/2 blobs");
    expect(deleting.log.text()).toContain("gc: deleted 1 manifest");
    const after = await listKeys(s3, prefix);
    expect(after).toEqual(before.filter((k) => !gone.includes(k)));
    for (const stray of strays) expect(after).toContain(stray);
    for (const Key of strays)
      await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key }));
    // What stays is intact: every blob hashes to its key, every manifest to its name, and each
    // manifest names only blobs that are there.
    const state = await verifyPrefix(s3, prefix);
    expect([...state.manifests.keys()].sort()).toEqual([m0, m1, m3, m4].sort());
    expect(state.blobs).toContain(sha256(shared));

    // A second run finds nothing more to delete.
    const again = await run(prefix, { delete: true }).result;
    expect(again.deleted).toEqual({ manifests: [], blobs: [] });
  });

  /** Deploys one API named `name` to a prefix and namespace of its own; says who uses its manifest. */
  async function deployOne(name: string) {
    const prefix = uniquePrefix(`gc-${name}`);
    const ns = uniqueNamespace(`gc-${name}`);
    await deployTo(ns, await version(name, { [`${name}.bin`]: `${name} ${prefix}\n` }), prefix);
    const manifest = (await getApi(client, ns, name)).spec.artifacts?.manifest ?? "";
    const user = `realtimeapi/${name} in namespace ${ns} (cluster ${client.server})`;
    return { prefix, manifest, key: manifestKey(prefix, manifest), user };
  }

  /** A deleting run, with an orphan it could delete, must delete nothing; returns its message. */
  async function deletesNothing(prefix: string, extra: Partial<GcOptions> = {}) {
    await putOrphan(prefix);
    const before = await listKeys(s3, prefix);
    const err = await failure(run(prefix, { delete: true, ...extra }).result);
    expect(err).toBeInstanceOf(DeployError);
    expect(err.message).toMatch(/^gc deleted nothing: /);
    expect(await listKeys(s3, prefix)).toEqual(before);
    return err.message;
  }

  it("deletes nothing when a referenced manifest is gone from S3, and says which", async () => {
    const { prefix, key, user } = await deployOne("ghost");
    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));
    await uploadOnly("spare", prefix, { "spare.bin": "spare\n" });
    expect(await deletesNothing(prefix)).toContain(
      `s3://${s3.bucket}/${key} is not in S3 but is used by ${user}`,
    );
  });

  it("deletes nothing when a referenced manifest's bytes do not hash to its key, and says which", async () => {
    const { prefix, manifest, key, user } = await deployOne("forged");
    // A valid manifest, but another one: read as if it were this one, it names none of the API's
    // blobs, and gc would delete them.
    const other = serializeManifest([]);
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: other }));
    expect(await deletesNothing(prefix)).toContain(
      `s3://${s3.bucket}/${key}, used by ${user}, has SHA-256 ${sha256(other)}, not the ${manifest} its key names`,
    );
  });

  it("deletes nothing when a referenced manifest is larger than it reads, and says which", async () => {
    const { prefix, key, user } = await deployOne("huge");
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    const cap = 64;
    expect(head.ContentLength).toBeGreaterThan(cap);
    expect(await deletesNothing(prefix, { advanced: { manifestMaxBytes: cap } })).toContain(
      `s3://${s3.bucket}/${key}, used by ${user}, is larger than the ${cap} bytes gc reads of a manifest (S3 says ${head.ContentLength} bytes)`,
    );
  });

  it("deletes nothing when a cluster does not let it list every namespace", async () => {
    const prefix = uniquePrefix("gc-rbac");
    const ns = uniqueNamespace("gc-rbac");
    await client.request("POST", "/api/v1/namespaces", {
      body: { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    });
    const limited = await serviceAccountClient(client, {
      namespace: ns,
      name: "gc",
      rules: {
        [ns]: [{ apiGroups: ["cortexdeploy.dev"], resources: ["realtimeapis"], verbs: ["list"] }],
      },
    });
    try {
      await uploadOnly("spare", prefix, { "spare.bin": "spare\n" });
      const before = await listKeys(s3, prefix);
      const err = await failure(
        run(prefix, { delete: true, clusters: [{ client }, { client: limited }] }).result,
      );
      expect(err.message).toMatch(/^gc deleted nothing: /);
      expect(err.message).toContain(
        `cluster ${limited.server}: cannot list realtimeapis in every namespace: permission denied: system:serviceaccount:${ns}:gc may not list realtimeapis.cortexdeploy.dev (cluster-wide)`,
      );
      expect(await listKeys(s3, prefix)).toEqual(before);
    } finally {
      limited.close();
    }
  });

  it("keeps what a deploy started using after the plan, and stops cleanly when interrupted", async () => {
    const prefix = uniquePrefix("gc-race");
    const ns = uniqueNamespace("gc-race");
    const files = { "late.bin": `late ${prefix}\n` };
    const late = await uploadOnly("late", prefix, files);
    const orphan = await putOrphan(prefix);

    // Ctrl-C after the plan: nothing deleted, and it says so.
    const stop = new AbortController();
    const interrupted = await failure(
      run(prefix, {
        delete: true,
        signal: stop.signal,
        advanced: {
          afterPlan: async () => stop.abort(new InterruptedError("interrupted by SIGINT")),
        },
      }).result,
    );
    expect(interrupted).toBeInstanceOf(InterruptedError);
    expect(interrupted.message).toBe("interrupted by SIGINT: nothing was deleted");
    expect(await listKeys(s3, prefix)).toContain(orphan);

    // A deploy of the uploaded files lands between the plan and the delete.
    const racing = run(prefix, {
      delete: true,
      advanced: {
        afterPlan: async (plan) => {
          expect(plan.delete.manifests.map((o) => o.key)).toEqual([manifestKey(prefix, late)]);
          await deployTo(ns, await version("late", files), prefix);
        },
      },
    });
    const result = await racing.result;
    expect((await getApi(client, ns, "late")).spec.artifacts?.manifest).toBe(late);
    expect(result.keptOnReread).toBe(2);
    expect(racing.log.text()).toContain(
      "gc: kept 1 manifest that a deploy started using meanwhile",
    );
    const after = await listKeys(s3, prefix);
    expect(after).toEqual(
      [manifestKey(prefix, late), blobKey(prefix, sha256(files["late.bin"]))].sort(),
    );
  });

  it("says exactly what it deleted when Ctrl-C comes between batches", async () => {
    const prefix = uniquePrefix("gc-stop");
    const orphans: string[] = [];
    for (let i = 0; i < 12; i++) orphans.push(await putOrphan(prefix));
    const stop = new AbortController();
    const lines: string[] = [];
    const log = {
      info: (line: string) => {
        lines.push(line);
        // The first batch is done: stop now, as Ctrl-C would.
        if (line.startsWith("gc: deleted 1/"))
          stop.abort(new InterruptedError("interrupted by SIGINT"));
      },
      warn: (line: string) => void lines.push(line),
    };
    const err = await failure(
      run(prefix, {
        delete: true,
        log,
        signal: stop.signal,
        advanced: { batchSize: 1, progressIntervalMs: 0 },
      }).result,
    );
    expect(err).toBeInstanceOf(InterruptedError);
    const said =
      /^interrupted by SIGINT: deleted 0 manifests \(0 B\), (\d+) blobs? \(.*\) before stopping; the rest is still in S3 and a re-run deletes it$/.exec(
        err.message,
      );
    expect(said, err.message).not.toBeNull();
    const left = await listKeys(s3, prefix);
    expect(left.length).toBe(12 - Number(said?.[1]));
    expect(left.length).toBeGreaterThan(0);
  });
});

describe("the Action's command: gc", () => {
  /** The Action on a schedule, with the S3 inputs of the sandbox. */
  function gcAction(prefix: string, inputs: Record<string, string>) {
    return runAction(
      project.dir,
      { command: "gc", bucket: s3.bucket, prefix, "s3-endpoint": s3.endpoint, ...inputs },
      { GITHUB_EVENT_NAME: "schedule", GITHUB_SHA: "5".repeat(40) },
    );
  }

  /** Bytes of the objects, as the gateway says. */
  async function sizeOf(keys: readonly string[]): Promise<number> {
    let total = 0;
    for (const Key of keys) {
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key }));
      total += head.ContentLength ?? Number.NaN;
    }
    return total;
  }

  it("reports on a dry run, deletes only unused objects older than gc-min-age, and says so", async () => {
    const { prefix, live, unused, gone, before } = await liveAndUnused("gc-action");
    const goneBytes = await sizeOf(gone);
    const kubeconfig = await readFile(process.env.KUBECONFIG ?? "", "utf8");
    // The same cluster twice, as the kubeconfig input and as another cluster of gc-kubeconfigs.
    const clusters = { kubeconfig, "gc-kubeconfigs": kubeconfig };
    const where = `s3://${s3.bucket}/${prefix}/`;

    const dry = await gcAction(prefix, { ...clusters, "dry-run": "true", "gc-min-age": "0s" });
    expect(dry.failed, dry.log).toBe(false);
    expect(await listKeys(s3, prefix)).toEqual(before);
    expect(Object.fromEntries(dry.outputs)).toMatchObject({
      "gc-deletable-objects": "3",
      "gc-deletable-bytes": String(goneBytes),
      "gc-deleted-objects": "0",
      "gc-deleted-bytes": "0",
    });
    expect(dry.log).toContain("::group::gc (dry run)");
    expect(dry.log).toContain(`gc: ${where}: 2 references to it in 2 clusters`);
    expect(dry.log).toContain(manifestKey(prefix, unused));
    expect(dry.log).toContain(
      "nothing was deleted; to delete these, run this step with `dry-run: false`",
    );
    expect(dry.summary).toContain(`## cortex-deploy: gc of ${where} (dry run)`);
    expect(dry.summary).toContain("| would delete | 1 manifest (");
    expect(dry.summary).toContain(`- cluster ${client.server} (the kubeconfig input)`);
    expect(dry.summary).toContain(
      `- cluster ${client.server} (kubeconfig 1 of gc-kubeconfigs, from line 1)`,
    );
    // The kubeconfig's credentials were masked before anything was logged.
    expect(dry.log).toMatch(/^::add-mask::/m);

    // Minutes old: a minimum age of an hour keeps all of it, even with deleting on.
    const young = await gcAction(prefix, { ...clusters, "dry-run": "false", "gc-min-age": "1h" });
    expect(young.failed, young.log).toBe(false);
    expect(await listKeys(s3, prefix)).toEqual(before);
    expect(young.outputs.get("gc-deletable-objects")).toBe("0");
    expect(young.outputs.get("gc-deleted-objects")).toBe("0");
    expect(young.summary).toContain("| kept, younger than 1h | 1 manifest (");

    const done = await gcAction(prefix, { ...clusters, "dry-run": "false", "gc-min-age": "0s" });
    expect(done.failed, done.log).toBe(false);
    expect(await listKeys(s3, prefix)).toEqual(before.filter((k) => !gone.includes(k)));
    expect(await listKeys(s3, prefix)).toContain(manifestKey(prefix, live));
    expect(Object.fromEntries(done.outputs)).toMatchObject({
      "gc-deletable-objects": "3",
      "gc-deletable-bytes": String(goneBytes),
      "gc-deleted-objects": "3",
      "gc-deleted-bytes": String(goneBytes),
    });
    expect(done.summary).toContain(`## cortex-deploy: gc of ${where}\n`);
    expect(done.summary).toContain("| deleted | 1 manifest (");
    expect(done.log).toContain("gc: deleted 1 manifest");
    // gc's warnings are annotations, labelled once.
    expect(done.log).toContain("::warning::with a minimum age of 0s, what an upload or deploy");
  });

  it("reads each cluster of gc-kubeconfigs: one it may not list stops it before any delete", async () => {
    const prefix = uniquePrefix("gc-action-rbac");
    const token = await nobodyToken("gc-nobody");
    await putOrphan(prefix);
    const before = await listKeys(s3, prefix);

    const r = await gcAction(prefix, {
      "dry-run": "false",
      "gc-min-age": "0s",
      "gc-kubeconfigs": await tokenKubeconfig("gc-nobody", token),
    });
    expect(r.failed).toBe(true);
    expect(await listKeys(s3, prefix)).toEqual(before);
    expect(r.log).toMatch(/^::error::gc deleted nothing: /m);
    // Which list is refused first varies: the four go out at once.
    expect(r.log).toContain(
      `cluster ${client.server} (kubeconfig 1 of gc-kubeconfigs, from line 1): cannot list `,
    );
    // Its token is masked, and nothing but the mask command prints it.
    expect(r.log).toContain(`::add-mask::${token}`);
    expect(r.log.replaceAll(`::add-mask::${token}`, "")).not.toContain(token);
    expect(r.log).not.toMatch(/\n\s+at .*\.ts:\d+/);
    expect(r.outputs.get("gc-deleted-objects")).toBe("");
    expect(r.summary).toContain(`## ❌ cortex-deploy: gc of s3://${s3.bucket}/${prefix}/ failed`);
  });

  it("reads each context of gc-contexts: one it may not list stops it before any delete", async () => {
    const { prefix, gone, before } = await liveAndUnused("gc-action-ctx");
    // The kubeconfig input with two contexts, staging (current) and prod.
    const both = await readFile(await twoContexts("gc-action-ctx"), "utf8");
    const dry = await gcAction(prefix, {
      kubeconfig: both,
      "gc-contexts": "prod",
      "dry-run": "true",
      "gc-min-age": "0s",
    });
    expect(dry.failed, dry.log).toBe(false);
    expect(dry.outputs.get("gc-deletable-objects")).toBe(String(gone.length));
    expect(dry.summary).toContain(`- cluster ${client.server} (the kubeconfig input)`);
    expect(dry.summary).toContain(
      `- cluster ${client.server} (context prod of the kubeconfig input)`,
    );

    const token = await nobodyToken("gc-action-prod");
    const refused = await gcAction(prefix, {
      kubeconfig: await readFile(await twoContexts("gc-action-ctx-rbac", token), "utf8"),
      "gc-contexts": "prod",
      "dry-run": "false",
      "gc-min-age": "0s",
    });
    expect(refused.failed).toBe(true);
    expect(refused.log).toMatch(/^::error::gc deleted nothing: /m);
    expect(refused.log).toContain(
      `cluster ${client.server} (context prod of the kubeconfig input): cannot list `,
    );
    expect(refused.log.replaceAll(`::add-mask::${token}`, "")).not.toContain(token);
    expect(await listKeys(s3, prefix)).toEqual(before);
  });

  it("fails on a gc-min-age that is not a duration, naming the input, and deletes nothing", async () => {
    const prefix = uniquePrefix("gc-action-age");
    await putOrphan(prefix);
    const before = await listKeys(s3, prefix);
    const r = await gcAction(prefix, { "dry-run": "false", "gc-min-age": "a week" });
    expect(r.failed).toBe(true);
    expect(r.log).toContain(
      "::error::input gc-min-age: expected a duration such as 36h, 7d or 0s, got 'a week'",
    );
    expect(r.summary).toContain("input gc-min-age");
    expect(await listKeys(s3, prefix)).toEqual(before);
  });
});

describe("gc --context: the clusters as contexts of one kubeconfig", () => {
  it("reads every context named and names each in its report", async () => {
    const { prefix, live, gone, before } = await liveAndUnused("gc-ctx");
    const file = await twoContexts("gc-ctx");
    const args = ["gc", "--prefix", prefix, "--min-age", "0s", "--kubeconfig", file];

    const r = await cli(...args, "--context", "staging", "--context", "prod", "--delete");
    expect(r.code, r.output).toBe(0);
    // One API server, so both contexts see the same references: what shows both were read is
    // that the report names each.
    expect(r.output).toMatch(
      new RegExp(`gc: s3://${s3.bucket}/${prefix}/: \\d+ references to it in 2 clusters`),
    );
    expect(r.output).toContain(
      `  cluster ${client.server} (context staging of --kubeconfig ${file})\n`,
    );
    expect(r.output).toContain(
      `  cluster ${client.server} (context prod of --kubeconfig ${file})\n`,
    );
    expect(await listKeys(s3, prefix)).toEqual(before.filter((k) => !gone.includes(k)));
    expect(await listKeys(s3, prefix)).toContain(manifestKey(prefix, live));

    // A prefix no context uses: the advice for one more cluster names the flag in use.
    const unusedPrefix = uniquePrefix("gc-ctx-unused");
    await putOrphan(unusedPrefix);
    const dry = await cli(
      "gc",
      "--prefix",
      unusedPrefix,
      "--min-age",
      "0s",
      "--kubeconfig",
      file,
      "--context",
      "prod",
    );
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toContain("If another cluster deploys from it, give its --context too.");
  });

  it("deletes nothing when a context may not list, naming that context", async () => {
    const prefix = uniquePrefix("gc-ctx-rbac");
    const file = await twoContexts("gc-ctx-rbac", await nobodyToken("gc-prod"));
    await putOrphan(prefix);
    const before = await listKeys(s3, prefix);
    const args = ["gc", "--prefix", prefix, "--min-age", "0s", "--delete"];

    const r = await cli(...args, "--kubeconfig", file, "--context", "staging", "--context", "prod");
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/^cortex-deploy gc: gc deleted nothing: /);
    // Which list is refused first varies: the four go out at once.
    expect(r.output).toContain(
      `cluster ${client.server} (context prod of --kubeconfig ${file}): cannot list `,
    );
    expect(r.output).not.toContain("(context staging of");
    expect(await listKeys(s3, prefix)).toEqual(before);

    // The same file as the default kubeconfig: the context is named with where it was found.
    vi.stubEnv("KUBECONFIG", file);
    const byDefault = await cli(...args, "--context", "staging", "--context", "prod").finally(() =>
      vi.unstubAllEnvs(),
    );
    expect(byDefault.code).toBe(1);
    expect(byDefault.output).toContain(
      `cluster ${client.server} (context prod of KUBECONFIG (${file})): cannot list `,
    );
    expect(await listKeys(s3, prefix)).toEqual(before);
  });

  it("deletes nothing when the kubeconfig has no such context, and lists those it has", async () => {
    const prefix = uniquePrefix("gc-ctx-typo");
    await putOrphan(prefix);
    const before = await listKeys(s3, prefix);
    const file = await twoContexts("gc-ctx-typo");
    const r = await cli(
      "gc",
      "--prefix",
      prefix,
      "--min-age",
      "0s",
      "--delete",
      "--kubeconfig",
      file,
      "--context",
      "staging",
      "--context",
      "prd",
    );
    expect(r.code).toBe(1);
    expect(r.output).toBe(
      `cortex-deploy gc: --kubeconfig ${file} has no context prd (its contexts: staging, prod)`,
    );
    expect(await listKeys(s3, prefix)).toEqual(before);
  });
});
