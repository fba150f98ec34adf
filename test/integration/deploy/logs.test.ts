// logs and failure diagnostics through the sandbox's API server and process kubelet. The pods are
// created by the test with the API's label, standing in for the controller's Deployment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy } from "../../../src/commands/deploy.ts";
import { logs } from "../../../src/commands/logs.ts";
import type { KubeClient } from "../../../src/kube/client.ts";
import { diagnoseApi } from "../../../src/kube/diagnose.ts";
import { describeKubeError } from "../../../src/kube/errors.ts";
import { objectPath } from "../../../src/kube/objects.ts";
import type { PodLike } from "../../../src/kube/pod-diagnostics.ts";
import { LABELS } from "../../../src/kube/resource.ts";
import { serviceAccountClient } from "../../support/service-account.ts";
import {
  connect,
  getApi,
  installCrds,
  makeProject,
  realtimeYaml,
  recorder,
  uniqueNamespace,
} from "./helpers.ts";

let client: KubeClient;
let ns: string;

beforeAll(async () => {
  client = await connect();
  await installCrds(client);
  ns = uniqueNamespace("logs");
  const project = await makeProject();
  const config = await project.write(
    realtimeYaml("echo") +
      realtimeYaml("crashy") +
      realtimeYaml("deaf") +
      realtimeYaml("held") +
      realtimeYaml("doomed") +
      realtimeYaml("restarts") +
      realtimeYaml("unfetched") +
      realtimeYaml("forbidden") +
      realtimeYaml("reborn") +
      realtimeYaml("rerun") +
      realtimeYaml("steady") +
      realtimeYaml("sleepy"),
  );
  await deploy({
    client,
    config,
    namespace: ns,
    prefix: "p",
    wait: false,
    timeoutSeconds: 10,
    prune: true,
    forceConflicts: false,
    git: {},
    log: recorder(),
  });
});

afterAll(() => client.close());

async function createPod(
  api: string,
  name: string,
  image: string,
  apiContainer: Record<string, unknown> = {},
  podSpec: Record<string, unknown> = {},
): Promise<void> {
  await client.request("POST", `/api/v1/namespaces/${ns}/pods`, {
    body: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, labels: { [LABELS.api]: api } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          { name: "api", image, env: [{ name: "PORT", value: "8080" }], ...apiContainer },
          {
            name: "proxy",
            image: "sandbox.test/http-echo:proxy",
            env: [{ name: "PORT", value: "8888" }],
          },
        ],
        ...podSpec,
      },
    },
  });
}

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function pod(name: string): Promise<PodLike> {
  return client.request("GET", `/api/v1/namespaces/${ns}/pods/${name}`);
}

const running = (name: string) =>
  until(`${name} running`, async () => {
    const p = await pod(name);
    return p.status?.containerStatuses?.find((c) => c.name === "api")?.state?.running
      ? p
      : undefined;
  });

/** The lines `logs` prints without following, and what it warns. */
async function readLogs(
  name: string,
  opts: { previous?: boolean; sinceSeconds?: number } = {},
): Promise<{ out: string[]; warned: string[] }> {
  const out: string[] = [];
  const log = recorder();
  await logs({
    client,
    namespace: ns,
    name,
    follow: false,
    ...opts,
    write: (l) => out.push(l),
    log,
  });
  return { out, warned: log.lines };
}

describe("logs", () => {
  it("prints every pod's API container log, each line prefixed with its pod, and follows new pods", async () => {
    await createPod("echo", "echo-a", "sandbox.test/http-echo:first");
    await running("echo-a");
    // The server may start a moment after the container does; read until its line is there.
    const lines = await until("echo-a's first line", async () => {
      const out: string[] = [];
      const read = await logs({
        client,
        namespace: ns,
        name: "echo",
        follow: false,
        write: (l) => out.push(l),
        log: recorder(),
      });
      expect(read).toBe(1);
      return out.length > 0 ? out : undefined;
    });
    expect(lines).toContain("echo-a http-echo first listening on 8080");
    // The proxy sidecar's log is not the API's.
    expect(lines.some((l) => l.includes("listening on 8888"))).toBe(false);

    const followed: string[] = [];
    const stop = new AbortController();
    const following = logs({
      client,
      namespace: ns,
      name: "echo",
      follow: true,
      write: (l) => followed.push(l),
      log: recorder(),
      signal: stop.signal,
    });
    await createPod("echo", "echo-b", "sandbox.test/http-echo:second");
    await until("the new pod's line", async () =>
      followed.includes("echo-b http-echo second listening on 8080") ? true : undefined,
    );
    stop.abort();
    expect(await following).toBe(2);
    expect(followed).toContain("echo-a http-echo first listening on 8080");
  });

  it("follows each run of a container that restarts", async () => {
    await createPod("restarts", "restarts-a", "sandbox.test/crash:1");
    const followed: string[] = [];
    const stop = new AbortController();
    const following = logs({
      client,
      namespace: ns,
      name: "restarts",
      follow: true,
      write: (l) => followed.push(l),
      log: recorder(),
      signal: stop.signal,
    });
    const line = "restarts-a sandbox.test/crash: exiting with status 1";
    await until("two runs' lines", async () =>
      followed.filter((l) => l === line).length >= 2 ? true : undefined,
    );
    stop.abort();
    expect(await following).toBe(1);
  });

  it("with previous, prints each restarted container's previous run, not its current one", async () => {
    // Run 1 prints "run 1" and exits; run 2 prints "run 2" and stays (the count kept in an
    // emptyDir), so the two runs' logs differ.
    await createPod(
      "rerun",
      "rerun-a",
      "sandbox.test/crash:rerun",
      {
        command: [
          "/bin/sh",
          "-c",
          "n=$(cat /mnt/state/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /mnt/state/n; echo run $n; [ $n -ge 2 ] && exec sleep 3600; exit 1",
        ],
        volumeMounts: [{ name: "state", mountPath: "/mnt/state" }],
      },
      { volumes: [{ name: "state", emptyDir: {} }] },
    );
    // A pod that never restarted has no previous run: it is skipped, not an error line.
    await createPod("rerun", "rerun-b", "sandbox.test/http-echo:rerun");
    await running("rerun-b");
    // Both the restart in the pod's status (what logs goes by) and the second run's line.
    await until("the second run", async () => {
      const api = (await pod("rerun-a")).status?.containerStatuses?.find((c) => c.name === "api");
      if (api?.restartCount !== 1) return undefined;
      return (await readLogs("rerun")).out.includes("rerun-a run 2") ? true : undefined;
    });
    expect(await readLogs("rerun", { previous: true })).toEqual({
      out: ["rerun-a run 1"],
      warned: [],
    });
  });

  it("with previous and no restarted container, says so and prints nothing", async () => {
    await createPod("steady", "steady-a", "sandbox.test/http-echo:steady");
    await running("steady-a");
    // It has a current log: there is something --previous leaves out.
    await until("steady-a's line", async () =>
      (await readLogs("steady")).out.length > 0 ? true : undefined,
    );
    expect(await readLogs("steady", { previous: true })).toEqual({
      out: [],
      warned: [
        `steady: no container has restarted, so there is no previous log; \`cortex-deploy logs steady -n ${ns}\` shows the current ones`,
      ],
    });
  });

  it("with since, leaves out lines older than the window", async () => {
    await createPod("sleepy", "sleepy-a", "sandbox.test/crash:sleepy", {
      command: ["/bin/sh", "-c", "echo woke up; exec sleep 3600"],
    });
    const line = "sleepy-a woke up";
    await until("sleepy-a's line", async () =>
      (await readLogs("sleepy")).out.includes(line) ? true : undefined,
    );
    expect((await readLogs("sleepy", { sinceSeconds: 3600 })).out).toEqual([line]);
    // The line was printed before it was read: 2.5 s later it is older than a 1 s window.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await readLogs("sleepy", { sinceSeconds: 1 })).toEqual({ out: [], warned: [] });
    expect((await readLogs("sleepy")).out).toEqual([line]);
  });

  it("shows a failing init container's log (the downloader's), which is all there is", async () => {
    await client.request("POST", `/api/v1/namespaces/${ns}/pods`, {
      body: {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "unfetched-a", labels: { [LABELS.api]: "unfetched" } },
        spec: {
          terminationGracePeriodSeconds: 1,
          initContainers: [{ name: "downloader", image: "sandbox.test/crash:1" }],
          containers: [{ name: "api", image: "sandbox.test/http-echo:never" }],
        },
      },
    });
    const lines = await until("the downloader's line", async () => {
      const out: string[] = [];
      await logs({
        client,
        namespace: ns,
        name: "unfetched",
        follow: false,
        write: (l) => out.push(l),
        log: recorder(),
      });
      return out.length > 0 ? out : undefined;
    });
    expect(lines).toContain("unfetched-a/downloader sandbox.test/crash: exiting with status 1");
  });

  it("stops following once the API and its last pod are deleted", async () => {
    await createPod("doomed", "doomed-a", "sandbox.test/http-echo:doomed");
    await running("doomed-a");
    const followed: string[] = [];
    const following = logs({
      client,
      namespace: ns,
      name: "doomed",
      follow: true,
      write: (l) => followed.push(l),
      log: recorder(),
    });
    await until("doomed-a's line", async () => (followed.length > 0 ? true : undefined));
    await client.delete(objectPath("RealtimeAPI", ns, "doomed"));
    await client.delete(`/api/v1/namespaces/${ns}/pods/doomed-a`);
    expect(await following).toBe(1);
    expect(followed.at(-1)).toBe("(doomed was deleted)");
  });

  it("fails with the reason when the credentials may not read pod logs (no pods/log)", async () => {
    await createPod("forbidden", "forbidden-a", "sandbox.test/http-echo:forbidden");
    await running("forbidden-a");
    const limited = await serviceAccountClient(client, {
      namespace: ns,
      name: "deployer",
      rules: {
        [ns]: [
          {
            apiGroups: ["cortexdeploy.dev"],
            resources: ["realtimeapis", "trafficsplitters"],
            verbs: ["get"],
          },
          { apiGroups: [""], resources: ["pods"], verbs: ["list", "watch"] },
        ],
      },
    });
    const out: string[] = [];
    try {
      const failure = await logs({
        client: limited,
        namespace: ns,
        name: "forbidden",
        follow: false,
        write: (l) => out.push(l),
        log: recorder(),
      }).then(
        () => "",
        (err: unknown) => describeKubeError(err),
      );
      expect(failure).toMatch(/permission denied: .* may not get pods\/log/);
      // The refusal is not printed as if it were the pod's log.
      expect(out).toEqual([]);
    } finally {
      limited.close();
    }
  });

  it("refuses an API that does not exist", async () => {
    const err = await logs({
      client,
      namespace: ns,
      name: "nope",
      follow: false,
      write: () => {},
      log: recorder(),
    }).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(err).toBe(`no RealtimeAPI or TrafficSplitter named nope in namespace ${ns}`);
  });
});

describe("failure diagnostics", () => {
  /** A ContainerLog Event on the API reborn, as the controller keeps one, saying `line`. */
  const keepLogNote = (uid: string, line: string, at: Date) =>
    client.request("POST", `/api/v1/namespaces/${ns}/events`, {
      body: {
        apiVersion: "v1",
        kind: "Event",
        metadata: { generateName: "reborn-" },
        involvedObject: {
          apiVersion: "cortexdeploy.dev/v1alpha1",
          kind: "RealtimeAPI",
          namespace: ns,
          name: "reborn",
          uid,
        },
        type: "Warning",
        reason: "ContainerLog",
        message: `last lines of reborn-${line}/api (exit code 1):\n${line}`,
        firstTimestamp: at.toISOString(),
        lastTimestamp: at.toISOString(),
      },
    });

  it("leaves out the logs the controller kept for an earlier API of the same name", async () => {
    const live = await getApi(client, ns, "reborn");
    const note = (uid: string, line: string) => keepLogNote(uid, line, new Date());
    // The first life's crash, then this one's.
    await note("00000000-0000-0000-0000-000000000000", "first-life");
    await note(live.metadata.uid ?? "", "second-life");
    const text = (await diagnoseApi(client, ns, "reborn", live)).join("\n");
    expect(text).toContain("second-life");
    expect(text).not.toContain("first-life");
  });

  it("with since, leaves out what an earlier rollout's failure recorded", async () => {
    const live = await getApi(client, ns, "reborn");
    const note = (line: string, at: Date) => keepLogNote(live.metadata.uid ?? "", line, at);
    const now = Date.now();
    await note("earlier-rollout", new Date(now - 5 * 60_000));
    await note("this-rollout", new Date(now));
    const since = (await diagnoseApi(client, ns, "reborn", live, { since: now - 5000 })).join("\n");
    expect(since).toContain("this-rollout");
    expect(since).not.toContain("earlier-rollout");
    // Without since (status, or a caller that cannot tell), both are kept.
    const all = (await diagnoseApi(client, ns, "reborn", live)).join("\n");
    expect(all).toContain("earlier-rollout");
  });

  it("shows the failing container's reason and the tail of its log, and the pod's events", async () => {
    await createPod("crashy", "crashy-a", "sandbox.test/crash:1");
    await until("a restart", async () => {
      const p = await pod("crashy-a");
      const api = p.status?.containerStatuses?.find((c) => c.name === "api");
      return (api?.restartCount ?? 0) > 0 && api?.lastState?.terminated ? true : undefined;
    });
    const lines = await diagnoseApi(client, ns, "crashy", await getApi(client, ns, "crashy"));
    const text = lines.join("\n");
    expect(text).toMatch(/logs of crashy-a\/api \(.*last exit code 1.*\), previous run:/);
    expect(text).toContain("  sandbox.test/crash: exiting with status 1");
    expect(text).toContain("recent events:");
    expect(text).toMatch(/pod\/crashy-a: /);
  });

  it("shows why a running container is not ready: its probe's events and its log", async () => {
    await createPod("deaf", "deaf-a", "sandbox.test/http-echo:deaf", {
      readinessProbe: { httpGet: { path: "/healthz", port: 9999 }, periodSeconds: 1 },
    });
    const text = await until("the kubelet's Unhealthy event", async () => {
      const lines = await diagnoseApi(client, ns, "deaf", await getApi(client, ns, "deaf"));
      const joined = lines.join("\n");
      return joined.includes("Unhealthy") ? joined : undefined;
    });
    expect(text).toMatch(
      /Warning\s+Unhealthy\s+pod\/deaf-a: Readiness probe failed: Get "http:\/\/[\d.]+:9999\/healthz": /,
    );
    expect(text).toMatch(/logs of deaf-a\/api/);
    expect(text).toContain("listening on 8080");
  });

  it("shows a pod held back by an init container that never ends, and that container's log", async () => {
    await createPod(
      "held",
      "held-a",
      "sandbox.test/http-echo:api",
      {},
      {
        initContainers: [
          {
            name: "downloader",
            image: "sandbox.test/http-echo:init",
            env: [{ name: "PORT", value: "7777" }],
          },
        ],
      },
    );
    const text = await until("the init container's log", async () => {
      const lines = await diagnoseApi(client, ns, "held", await getApi(client, ns, "held"));
      const joined = lines.join("\n");
      return joined.includes("listening on 7777") ? joined : undefined;
    });
    expect(text).toMatch(
      /pods not ready:\n {2}held-a: Pending, created \d+s ago; init downloader running for \d+s, not ready; api waiting \(PodInitializing\)/,
    );
    expect(text).toContain("logs of held-a/downloader (init container still running):");
  });
});
