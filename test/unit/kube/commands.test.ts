// The pure parts of the cluster commands, and the CLI's handling of flags before any cluster
// is contacted (run in process).
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { deployedCount, main } from "../../../src/cli.ts";
import { endpointUrl } from "../../../src/commands/action-steps.ts";
import { s3Location } from "../../../src/commands/artifact-refs.ts";
import { selectForDelete } from "../../../src/commands/delete.ts";
import { formatStatus, statusRow } from "../../../src/commands/status.ts";
import { externalTargets } from "../../../src/commands/targets.ts";
import { parseManifests, readDeployManifests } from "../../../src/kube/install.ts";
import type { Live } from "../../../src/kube/objects.ts";
import { renderApis } from "../../../src/kube/render.ts";
import type { RealtimeApiResource } from "../../../src/kube/resource.ts";
import { asLive, configOf, realtimeYaml } from "./helpers.ts";

const render = (yaml: string, configId = "mine") =>
  renderApis(configOf(yaml).apis, { namespace: "ml", configId, git: {}, artifacts: new Map() });

describe("status rows", () => {
  it("shows status, replicas, revision, endpoint and the last change", () => {
    const [iris] = render(realtimeYaml("iris")) as RealtimeApiResource[];
    if (!iris) throw new Error("fixture");
    const live: Live<RealtimeApiResource> = {
      ...asLive(iris),
      status: {
        observedGeneration: 1,
        phase: "Ready",
        readyReplicas: 2,
        desiredReplicas: 3,
        updatedReplicas: 2,
        currentRevision: 4,
        conditions: [
          {
            type: "Ready",
            status: "True",
            reason: "",
            message: "",
            lastTransitionTime: "2026-01-01T00:10:00Z",
          },
          {
            type: "Progressing",
            status: "False",
            reason: "",
            message: "",
            lastTransitionTime: "2026-01-01T00:30:00Z",
          },
        ],
      },
    };
    const row = statusRow(live);
    expect(row).toMatchObject({
      status: "Ready",
      ready: 2,
      requested: 3,
      upToDate: 2,
      revision: 4,
      endpoint: "/iris",
      lastChange: "2026-01-01T00:30:00Z",
    });
    expect(row.detail).toBeUndefined();
    const pending = statusRow(asLive(iris));
    expect(pending.status).toBe("Pending");
    expect(pending.detail).toBe("waiting for the controller to pick up generation 1");
    // Ready stays the phase after the rollout; pods that stopped being ready show all the same.
    const lost = structuredClone(live);
    const conditions = lost.status?.conditions ?? [];
    conditions[0] = {
      ...conditions[0],
      type: "Ready",
      status: "False",
      reason: "NoReplicasAvailable",
    } as (typeof conditions)[number];
    expect(statusRow(lost)).toMatchObject({ status: "NotReady", detail: "NoReplicasAvailable" });
    conditions.push({
      type: "Degraded",
      status: "True",
      reason: "CrashLoopBackOff",
      message: 'container "api" keeps exiting',
      lastTransitionTime: "2026-01-01T00:40:00Z",
    });
    expect(statusRow(lost)).toMatchObject({
      status: "Degraded",
      detail: 'CrashLoopBackOff: container "api" keeps exiting',
    });
    // The controller's own NotReady phase (no replica available) shows Degraded's reason too.
    const none = structuredClone(lost);
    if (none.status) none.status.phase = "NotReady";
    expect(statusRow(none)).toMatchObject({
      status: "Degraded",
      detail: 'CrashLoopBackOff: container "api" keeps exiting',
    });
    const lines = formatStatus([row, pending], Date.parse("2026-01-01T01:00:00Z"));
    expect(lines[0]).toMatch(
      /^API\s+KIND\s+STATUS\s+READY\s+REQUESTED\s+UP-TO-DATE\s+REVISION\s+LAST CHANGE\s+ENDPOINT$/,
    );
    expect(lines[1]).toMatch(/^iris\s+RealtimeAPI\s+Ready\s+2\s+3\s+2\s+4\s+30m ago\s+\/iris$/);
    expect(lines[2]).toMatch(/^iris\s+RealtimeAPI\s+Pending\s+-\s+-\s+-\s+-\s+60m ago\s+\/iris$/);
    // Under the table, why each row that is not Ready is so.
    expect(lines.slice(3)).toEqual([
      "",
      "iris: waiting for the controller to pick up generation 1",
    ]);
    expect(formatStatus([row], 0)).toHaveLength(2);
    // A note about them all (no controller runs) comes once, after the rows' lines.
    const noted = formatStatus([row, pending], 0, false, "no cortex-deploy controller is running");
    expect(noted.slice(3)).toEqual([
      "",
      "iris: waiting for the controller to pick up generation 1",
      "no cortex-deploy controller is running",
    ]);
    // status -A: the namespace first, and in the lines under the table.
    const all = formatStatus(
      [
        { ...row, namespace: "ml" },
        { ...pending, namespace: "ml-pr-7" },
      ],
      Date.parse("2026-01-01T01:00:00Z"),
      true,
    );
    expect(all[0]).toMatch(/^NAMESPACE\s+API\s+KIND\s+STATUS\s/);
    expect(all[1]).toMatch(/^ml\s+iris\s+RealtimeAPI\s+Ready\s/);
    expect(all[2]).toMatch(/^ml-pr-7\s+iris\s+RealtimeAPI\s+Pending\s/);
    expect(all.slice(3)).toEqual([
      "",
      "ml-pr-7/iris: waiting for the controller to pick up generation 1",
    ]);
  });

  it("shows a serving API whose metrics cannot be read as Degraded, and why", () => {
    const [iris] = render(realtimeYaml("iris")) as RealtimeApiResource[];
    if (!iris) throw new Error("fixture");
    const at = "2026-01-01T00:30:00Z";
    const live: Live<RealtimeApiResource> = {
      ...asLive(iris),
      status: {
        observedGeneration: 1,
        phase: "Ready",
        readyReplicas: 4,
        desiredReplicas: 4,
        currentRevision: 1,
        conditions: [
          {
            type: "Ready",
            status: "True",
            reason: "RevisionReady",
            message: "",
            lastTransitionTime: at,
          },
          {
            type: "Degraded",
            status: "True",
            reason: "MetricsUnavailable",
            message:
              "the proxies' metrics could not be read for 60 s (GET http://10.0.0.5:15000/metrics: connect ECONNREFUSED 10.0.0.5:15000); the replica count is held until they can",
            lastTransitionTime: at,
          },
        ],
      },
    };
    const row = statusRow(live);
    expect(row.status).toBe("Degraded");
    expect(row.detail).toMatch(/^MetricsUnavailable: the proxies' metrics could not be read/);
    expect(row.detail).toContain("ECONNREFUSED");
  });
});

describe("deploy's closing line", () => {
  it("counts APIs and TrafficSplitters apart", () => {
    const api = { kind: "RealtimeAPI" };
    const splitter = { kind: "TrafficSplitter" };
    expect(deployedCount([api])).toBe("1 API");
    expect(deployedCount([api, api, splitter])).toBe("2 APIs and 1 TrafficSplitter");
    expect(deployedCount([splitter, splitter])).toBe("0 APIs and 2 TrafficSplitters");
  });
});

describe("selectForDelete", () => {
  const live = [
    ...render(realtimeYaml("a") + realtimeYaml("b")).map((o) => asLive(o)),
    ...render(realtimeYaml("c"), "theirs").map((o) => asLive(o)),
  ];

  it("deletes only this config's objects, by name or all", () => {
    expect(selectForDelete(live, "mine", ["b"], false).objects.map((o) => o.metadata.name)).toEqual(
      ["b"],
    );
    expect(selectForDelete(live, "mine", [], true).objects.map((o) => o.metadata.name)).toEqual([
      "a",
      "b",
    ]);
  });

  it("refuses names another config deployed, or that do not exist", () => {
    expect(selectForDelete(live, "mine", ["c", "zz"], false).problems).toEqual([
      "realtimeapi/c was not deployed from this cortex.yaml (config id mine); not deleting it",
      "no API named zz in this namespace",
    ]);
  });
});

describe("TrafficSplitter targets", () => {
  it("lists targets that are not RealtimeAPIs of the file, with the splitters using them", () => {
    const config = configOf(`${realtimeYaml("a")}- name: s1
  kind: TrafficSplitter
  apis:
    - name: a
      weight: 50
    - name: outside
      weight: 50
- name: s2
  kind: TrafficSplitter
  apis:
    - name: outside
      weight: 100
`);
    expect([...externalTargets(config.apis)]).toEqual([["outside", ["s1", "s2"]]]);
  });
});

describe("the S3 location of artifacts", () => {
  beforeEach(() => {
    // The sandbox's environment sets a region; these tests say which one they mean.
    vi.stubEnv("AWS_REGION", "");
    vi.stubEnv("AWS_DEFAULT_REGION", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is needed only when an API lists artifacts, and then the bucket must be given", () => {
    expect(s3Location(configOf(realtimeYaml("plain")), { prefix: "p" })).toBeUndefined();
    const withFiles = configOf(
      realtimeYaml("iris", "x/iris:1", "  artifacts:\n    - path: model\n"),
    );
    expect(() => s3Location(withFiles, { prefix: "p" })).toThrow(
      "iris lists artifacts, so an S3 bucket is needed: set --bucket or CORTEX_DEPLOY_BUCKET (in the Action, the `bucket` input).",
    );
    expect(s3Location(withFiles, { bucket: "models", prefix: "p", endpoint: "http://s3" })).toEqual(
      {
        bucket: "models",
        prefix: "p",
        region: undefined,
        endpoint: "http://s3",
        forcePathStyle: undefined,
      },
    );
    expect(() => s3Location(withFiles, { bucket: "s3://b/models", prefix: "p" })).toThrow(
      'the bucket "s3://b/models" is an S3 URL; give the bucket\'s name alone and the key path as the prefix: bucket "b", prefix "models" (--bucket and --prefix; in the Action, the bucket and prefix inputs).',
    );
  });

  it("records the region the upload uses, the environment's when no flag gives one", () => {
    const withFiles = configOf(
      realtimeYaml("iris", "x/iris:1", "  artifacts:\n    - path: model\n"),
    );
    const region = (flag?: string) =>
      s3Location(withFiles, { bucket: "models", prefix: "p", region: flag })?.region;
    expect(region()).toBeUndefined();
    vi.stubEnv("AWS_DEFAULT_REGION", "us-west-2");
    expect(region()).toBe("us-west-2");
    // The pods' downloader may have no AWS_REGION: without it in the spec, "Region is missing".
    vi.stubEnv("AWS_REGION", "eu-west-1");
    expect(region()).toBe("eu-west-1");
    expect(region("ap-south-1")).toBe("ap-south-1");
  });
});

describe("endpointUrl", () => {
  it("fills the template's placeholders, the endpoint without its leading slash", () => {
    const values = { namespace: "ml", name: "iris", endpoint: "/v1/iris" };
    expect(endpointUrl("https://api.example.com/{namespace}/{endpoint}", values)).toBe(
      "https://api.example.com/ml/v1/iris",
    );
    expect(endpointUrl("", values)).toBe("/v1/iris");
    expect(endpointUrl("https://{name}.{namespace}.example.com", values)).toBe(
      "https://iris.ml.example.com",
    );
  });
});

describe("install manifests", () => {
  it("orders namespaces and CRDs before the rest, and names a malformed document's file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "install-"));
    await writeFile(
      path.join(dir, "crds.yaml"),
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: x.y }\n",
    );
    await writeFile(
      path.join(dir, "controller.yaml"),
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: c, namespace: cd }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: cd }\n",
    );
    expect((await readDeployManifests(dir, false)).map((m) => m.kind)).toEqual([
      "CustomResourceDefinition",
    ]);
    expect((await readDeployManifests(dir, true)).map((m) => m.kind)).toEqual([
      "Namespace",
      "CustomResourceDefinition",
      "Deployment",
    ]);
    expect(() => parseManifests("kind: Thing\n", "bad.yaml")).toThrow(
      "bad.yaml: every document needs apiVersion, kind and metadata.name",
    );
  });
});

describe("the CLI before it reaches a cluster", () => {
  let dir: string;
  const printed: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cli-"));
    await mkdir(path.join(dir, ".git"));
    await writeFile(path.join(dir, "ok.yaml"), realtimeYaml("iris"));
    await writeFile(
      path.join(dir, "task.yaml"),
      `${realtimeYaml("iris")}- name: job\n  kind: TaskAPI\n  pod:\n    containers:\n      - name: api\n        image: x/t:1\n        command: [run]\n`,
    );
  });
  afterEach(() => {
    vi.restoreAllMocks();
    printed.length = 0;
  });
  const cli = async (...args: string[]) => {
    vi.spyOn(console, "log").mockImplementation(
      (...a: unknown[]) => void printed.push(a.join(" ")),
    );
    vi.spyOn(console, "error").mockImplementation(
      (...a: unknown[]) => void printed.push(a.join(" ")),
    );
    return main(args);
  };

  it("rejects contradicting flags, bad durations and stray arguments as usage errors (exit 2)", async () => {
    expect(await cli("deploy", "-c", path.join(dir, "ok.yaml"), "--wait", "--no-wait")).toBe(2);
    expect(printed.join("\n")).toContain("--wait and --no-wait contradict each other");
    expect(await cli("deploy", "-c", path.join(dir, "ok.yaml"), "--timeout", "soon")).toBe(2);
    expect(printed.join("\n")).toContain(
      "--timeout must be a positive duration such as 90s or 10m, not 'soon'",
    );
    expect(await cli("plan", "extra")).toBe(2);
    expect(await cli("history")).toBe(2);
    expect(printed.join("\n")).toContain("cortex-deploy history: name exactly one API");
  });

  it("refuses kinds it cannot deploy before contacting any cluster (exit 1)", async () => {
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = path.join(dir, "missing-kubeconfig");
    try {
      expect(await cli("deploy", "-c", path.join(dir, "task.yaml"))).toBe(1);
      expect(printed.join("\n")).toContain("cortex-deploy deploy: cannot deploy job (TaskAPI)");
      printed.length = 0;
      expect(await cli("deploy", "-c", path.join(dir, "ok.yaml"))).toBe(1);
      expect(printed.join("\n")).toMatch(
        /cortex-deploy deploy: cannot load KUBECONFIG \(.*missing-kubeconfig\): ENOENT/,
      );
      expect(printed.join("\n")).not.toMatch(/\n\s+at /);
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
    }
  });

  it("aims every cluster command at --context, refusing a context the kubeconfig lacks", async () => {
    const file = path.join(dir, "two-contexts.yaml");
    await writeFile(
      file,
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "c", cluster: { server: "https://k8s:6443" } }],
        users: [{ name: "u", user: { token: "t" } }],
        contexts: [
          { name: "staging", context: { cluster: "c", user: "u" } },
          { name: "prod", context: { cluster: "c", user: "u" } },
        ],
        "current-context": "staging",
      }),
    );
    const config = ["-c", path.join(dir, "ok.yaml")];
    for (const command of [
      ["status"],
      ["history", "iris"],
      ["logs", "iris"],
      ["delete", "--all", ...config],
      ["plan", ...config],
      ["install"],
    ]) {
      printed.length = 0;
      const args = [...command, "--kubeconfig", file];
      expect(await cli(...args, "--context", "prdo")).toBe(1);
      expect(printed.join("\n")).toContain(
        `--kubeconfig ${file} has no context prdo (its contexts: staging, prod)`,
      );
    }
  });

  it("documents every flag of the Action's inputs on deploy --help", async () => {
    expect(await cli("deploy", "--help")).toBe(0);
    const help = printed.join("\n");
    for (const flag of [
      "-c, --config",
      "-n, --namespace",
      "--bucket",
      "--prefix",
      "--s3-endpoint",
      "--wait",
      "--no-wait",
      "--timeout",
      "--prune",
      "--no-prune",
      "--force-conflicts",
    ]) {
      expect(help).toContain(flag);
    }
    printed.length = 0;
    expect(await cli("rollback", "--help")).toBe(0);
    expect(printed.join("\n")).toMatch(
      /--to REV +previous \(undo the last deploy: each API it changed goes back to its newest earlier revision that did not fail, the others stay\), a revision number, or a commit SHA \(prefix\) \[default: previous\]/,
    );
  });
});
