// Shared by the deploy integration tests: a client for the sandbox's API server, the CRDs, a
// namespace per test, cortex.yaml projects on disk, a reporter that keeps what was printed, and a
// stand-in for the controller's writes (status and ControllerRevisions, in the controller's
// format) for tests that run without the controller.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Reporter } from "../../../src/commands/common.ts";
import { type CortexConfig, loadConfigFile } from "../../../src/config/index.ts";
import { KubeClient, type RequestOptions } from "../../../src/kube/client.ts";
import { findDeployDir, installManifests, readDeployManifests } from "../../../src/kube/install.ts";
import { getResource, type Live, objectPath } from "../../../src/kube/objects.ts";
import {
  ANNOTATIONS,
  CONTROLLER_FIELD_MANAGER,
  LABELS,
  MANAGED_BY,
  type RealtimeApiResource,
  type RealtimeApiStatus,
} from "../../../src/kube/resource.ts";
import { runCli } from "../../support/cli-in-process.ts";

export async function connect(): Promise<KubeClient> {
  if (!process.env.KUBECONFIG)
    throw new Error("KUBECONFIG is not set: the global setup did not run");
  return KubeClient.create();
}

export async function installCrds(client: KubeClient): Promise<void> {
  const dir = findDeployDir();
  if (!dir) throw new Error("controller/deploy/crds.yaml not found");
  await installManifests(client, await readDeployManifests(dir, false), () => {});
}

/**
 * The same client, running `before` (and waiting for it) ahead of each of its requests, and
 * `after` once each is answered (or failed): a test puts another writer's change at an exact
 * point between two requests of a command, or learns that a request was made, with no sleeps.
 */
export function intercepted(
  client: KubeClient,
  before: (method: string, path: string, opts: RequestOptions) => Promise<void> | void,
  after: (method: string, path: string) => void = () => {},
): KubeClient {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "request") {
        return async (method: string, path: string, opts: RequestOptions = {}) => {
          try {
            await before(method, path, opts);
            return await target.request(method, path, opts);
          } finally {
            after(method, path);
          }
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function uniqueNamespace(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString("hex")}`;
}

export interface Project {
  dir: string;
  file: string;
  /** Writes cortex.yaml and loads it with the real loader. */
  write(yaml: string): Promise<CortexConfig>;
}

/** A temporary repository (it has .git, so the config identity is its path in it). */
export async function makeProject(): Promise<Project> {
  const dir = await mkdtemp(path.join(tmpdir(), "deploy-it-"));
  await mkdir(path.join(dir, ".git"));
  const file = path.join(dir, "cortex.yaml");
  return {
    dir,
    file,
    async write(yaml: string) {
      await writeFile(file, yaml);
      const loaded = await loadConfigFile(file);
      if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
      return loaded.config;
    },
  };
}

export function realtimeYaml(
  name: string,
  image = `sandbox.test/http-echo:${name}`,
  extra = "",
): string {
  return `- name: ${name}\n  kind: RealtimeAPI\n  pod:\n    containers:\n      - name: api\n        image: ${image}\n${extra}`;
}

export interface Recorder extends Reporter {
  lines: string[];
  text(): string;
}

export function recorder(): Recorder {
  const lines: string[] = [];
  return {
    lines,
    info: (l) => lines.push(l),
    warn: (l) => lines.push(l),
    text: () => lines.join("\n"),
  };
}

export function getApi(client: KubeClient, namespace: string, name: string) {
  return getResource(client, "RealtimeAPI", namespace, name);
}

/** Writes status as the controller does (status subresource, its field manager). */
export async function setStatus(
  client: KubeClient,
  namespace: string,
  name: string,
  status: RealtimeApiStatus,
): Promise<void> {
  await client.request("PATCH", `${objectPath("RealtimeAPI", namespace, name)}/status`, {
    body: { status },
    contentType: "application/merge-patch+json",
    query: { fieldManager: CONTROLLER_FIELD_MANAGER },
  });
}

export function readyStatus(generation: number, revision: number): RealtimeApiStatus {
  const now = new Date().toISOString();
  return {
    observedGeneration: generation,
    phase: "Ready",
    readyReplicas: 1,
    desiredReplicas: 1,
    updatedReplicas: 1,
    replicas: 1,
    currentRevision: revision,
    lastReadyRevision: revision,
    conditions: [
      {
        type: "Ready",
        status: "True",
        reason: "Available",
        message: "",
        lastTransitionTime: now,
        observedGeneration: generation,
      },
      {
        type: "Progressing",
        status: "False",
        reason: "Complete",
        message: "",
        lastTransitionTime: now,
        observedGeneration: generation,
      },
    ],
  };
}

/** Records a ControllerRevision for the API's live spec, as the controller would. */
export async function recordRevision(
  client: KubeClient,
  api: Live<RealtimeApiResource>,
  revision: number,
  result = "Ready",
): Promise<void> {
  const a = api.metadata.annotations ?? {};
  const hash = a[ANNOTATIONS.specHash] ?? "0";
  await client.request(
    "POST",
    `/apis/apps/v1/namespaces/${api.metadata.namespace}/controllerrevisions`,
    {
      body: {
        apiVersion: "apps/v1",
        kind: "ControllerRevision",
        metadata: {
          name: `${api.metadata.name}-${hash.slice(0, 10)}`,
          labels: {
            [LABELS.api]: api.metadata.name,
            [LABELS.managedBy]: MANAGED_BY,
            [LABELS.revision]: String(revision),
          },
          annotations: {
            [ANNOTATIONS.specHash]: hash,
            [ANNOTATIONS.result]: result,
            // As the controller does when the rollout starts (ms: creation times have seconds).
            [ANNOTATIONS.rolloutStartedAt]: new Date().toISOString(),
          },
          ownerReferences: [
            {
              apiVersion: api.apiVersion,
              kind: api.kind,
              name: api.metadata.name,
              uid: api.metadata.uid,
              controller: true,
            },
          ],
        },
        revision,
        data: {
          spec: api.spec,
          annotations: {
            commit: a[ANNOTATIONS.commit],
            ref: a[ANNOTATIONS.ref],
            actor: a[ANNOTATIONS.actor],
          },
        },
      },
    },
  );
}

/**
 * Runs the CLI in this process and collects what it printed: `output` is everything in order,
 * `stdout` what went to console.log alone (the part a script would parse).
 */
export async function cli(...args: string[]) {
  const run = await runCli(...args);
  return { code: run.code, output: run.printed.join("\n"), stdout: run.stdout.join("\n") };
}
