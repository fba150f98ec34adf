// bench/deploy: wall time of deploy and plan for many APIs on a sandbox API server this script
// starts (no kubelet: the objects are only stored, as the figures are about cortex-deploy's side).
// One run compares against kubectl on the same objects: `kubectl apply --server-side` (what a
// plain CI job does on every push) and `kubectl diff --server-side` (the closest thing to plan).
//   npx tsx bench/deploy.ts [--apis 50] [--runs 5]
// Status is set to Ready for every API as the controller would, so the timed no-change deploy
// includes its wait (which returns at once). Goal (issue 5): no-change deploy of 50 APIs < 3 s.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { silentReporter } from "../src/commands/common.ts";
import { deploy } from "../src/commands/deploy.ts";
import { plan } from "../src/commands/plan.ts";
import { type CortexConfig, loadConfigFile } from "../src/config/index.ts";
import { KubeClient } from "../src/kube/client.ts";
import { findDeployDir, installManifests, readDeployManifests } from "../src/kube/install.ts";
import { objectPath } from "../src/kube/objects.ts";
import { planHasChanges } from "../src/kube/plan.ts";
import { renderApis } from "../src/kube/render.ts";
import { CONTROLLER_FIELD_MANAGER } from "../src/kube/resource.ts";
import { ensureBinaries } from "../test/sandbox/binaries.ts";
import { startSandbox } from "../test/sandbox/index.ts";

const { values } = parseArgs({
  options: {
    apis: { type: "string", default: "50" },
    runs: { type: "string", default: "5" },
  },
});
const apiCount = Number(values.apis);
const runs = Number(values.runs);
if (!(apiCount > 0 && runs > 0)) throw new Error("--apis and --runs must be positive numbers");

const namespace = "bench";

function cortexYaml(n: number): string {
  const apis: string[] = [];
  for (let i = 0; i < n; i++) {
    apis.push(`- name: api-${i}
  kind: RealtimeAPI
  pod:
    port: 8080
    max_concurrency: 4
    containers:
      - name: api
        image: ghcr.io/acme/model-${i}:1.0.0
        env: { MODEL: "m${i}" }
        compute: { cpu: 500m, mem: 1Gi }
        readiness_probe:
          http_get: { path: /healthz, port: 8080 }
  autoscaling: { min_replicas: 1, max_replicas: 10 }
`);
  }
  return apis.join("");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function time(label: string, fn: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) / 1000);
  }
  const m = median(samples);
  console.log(
    `${label.padEnd(52)} median ${m.toFixed(3)} s  (min ${Math.min(...samples).toFixed(3)}, max ${Math.max(...samples).toFixed(3)}, ${runs} runs)`,
  );
  return samples;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { env, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      // kubectl diff exits 1 when there are differences; only >1 is an error.
      const code = (err as { code?: number } | null)?.code;
      if (err && code !== 1)
        reject(new Error(`${cmd} ${args.join(" ")}: ${stderr || err.message}`));
      else resolve();
    });
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const sandbox = await startSandbox({ kubelet: false });
  const repo = await mkdtemp(path.join(tmpdir(), "bench-deploy-"));
  try {
    console.log(
      `sandbox up in ${((performance.now() - started) / 1000).toFixed(1)} s; ${apiCount} RealtimeAPIs, ${runs} runs each`,
    );
    process.env.KUBECONFIG = sandbox.kubeconfig;
    const setup = await KubeClient.create();
    const deployDir = findDeployDir();
    if (!deployDir) throw new Error("controller/deploy/crds.yaml not found");
    await installManifests(setup, await readDeployManifests(deployDir, false), () => {});

    await mkdir(path.join(repo, ".git"));
    const file = path.join(repo, "cortex.yaml");
    await writeFile(file, cortexYaml(apiCount));
    const load = async (): Promise<CortexConfig> => {
      const r = await loadConfigFile(file);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
      return r.config;
    };
    const git = { commit: "0".repeat(40), ref: "refs/heads/main", actor: "bench" };
    const base = {
      namespace,
      prefix: "p",
      prune: true,
      forceConflicts: false,
      git,
      log: silentReporter,
    };

    // The first deploy creates everything; then the stand-in controller reports each API Ready.
    const t0 = performance.now();
    await deploy({ ...base, config: await load(), wait: false, timeoutSeconds: 60 });
    console.log(
      `${"first deploy (creates every object, no wait)".padEnd(52)} ${((performance.now() - t0) / 1000).toFixed(3)} s`,
    );
    for (let i = 0; i < apiCount; i++) {
      await setup.request("PATCH", `${objectPath("RealtimeAPI", namespace, `api-${i}`)}/status`, {
        body: {
          status: {
            observedGeneration: 1,
            phase: "Ready",
            readyReplicas: 1,
            desiredReplicas: 1,
            currentRevision: 1,
            conditions: [
              {
                type: "Ready",
                status: "True",
                reason: "Available",
                message: "",
                lastTransitionTime: new Date().toISOString(),
                observedGeneration: 1,
              },
            ],
          },
        },
        contentType: "application/merge-patch+json",
        query: { fieldManager: CONTROLLER_FIELD_MANAGER },
      });
    }

    // Each run does what a CI step does: load and validate cortex.yaml, connect, deploy, wait.
    const ours = await time(
      `cortex-deploy deploy, no change (${apiCount} APIs, with wait)`,
      async () => {
        const result = await deploy({
          ...base,
          config: await load(),
          wait: true,
          timeoutSeconds: 60,
        });
        if (result.apis.some((a) => a.action !== "unchanged") || result.failure) {
          throw new Error("the no-change deploy changed something or failed");
        }
      },
    );
    await time(`cortex-deploy plan, no change (${apiCount} APIs)`, async () => {
      const p = await plan({ ...base, config: await load() });
      if (planHasChanges(p)) throw new Error("the no-change plan has changes");
    });

    // As a CI step runs it: a fresh process of the bundled CLI (node startup and loading included),
    // the way the peers below are measured too.
    const cli = path.join(repo, "cli.mjs");
    await build({
      entryPoints: [path.join(import.meta.dirname, "../src/cli-main.ts")],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "esm",
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
      outfile: cli,
      logLevel: "error",
    });
    const cliEnv = { ...process.env, KUBECONFIG: sandbox.kubeconfig };
    const oursProcess = await time(
      `cortex-deploy deploy as a process (${apiCount} APIs, wait)`,
      () => run(process.execPath, [cli, "deploy", "-c", file, "-n", namespace], cliEnv),
    );
    await time(`cortex-deploy plan as a process (${apiCount} APIs)`, () =>
      run(process.execPath, [cli, "plan", "-c", file, "-n", namespace], cliEnv),
    );

    // The peers: the same objects as one YAML stream, through kubectl.
    const bin = await ensureBinaries(() => {});
    const kubectl = path.join(bin, "kubectl");
    const rendered = renderApis((await load()).apis, {
      namespace,
      configId: "bench",
      git,
      artifacts: new Map(),
    });
    const manifests = path.join(repo, "objects.json");
    await writeFile(manifests, JSON.stringify({ apiVersion: "v1", kind: "List", items: rendered }));
    const env = { ...process.env, KUBECONFIG: sandbox.kubeconfig };
    const peerApply = await time(`kubectl apply --server-side (${apiCount} objects)`, () =>
      run(
        kubectl,
        [
          "apply",
          "--server-side",
          "--field-manager=bench-kubectl",
          "--force-conflicts",
          "-f",
          manifests,
        ],
        env,
      ),
    );
    await time(`kubectl diff --server-side (${apiCount} objects)`, () =>
      run(
        kubectl,
        [
          "diff",
          "--server-side",
          "--field-manager=bench-kubectl",
          "--force-conflicts",
          "-f",
          manifests,
        ],
        env,
      ),
    );
    // Speed ratios: above 1 means cortex-deploy took less time than kubectl.
    const inProcess = median(peerApply) / median(ours);
    const asProcess = median(peerApply) / median(oursProcess);
    console.log(
      `no-change deploy vs kubectl apply --server-side: ${asProcess.toFixed(2)}x as a process, ` +
        `${inProcess.toFixed(1)}x in process (node startup and module loading excluded)`,
    );
    const goal = Math.max(median(ours), median(oursProcess)) < 3;
    console.log(
      `goal (no-change deploy of ${apiCount} APIs under 3 s): ${goal ? "met" : "NOT met"}`,
    );
    setup.close();
  } finally {
    await rm(repo, { recursive: true, force: true });
    await sandbox.stop();
  }
}

await main();
