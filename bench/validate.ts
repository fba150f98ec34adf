// Validation benchmark: parseConfig on a generated 200-API cortex.yaml (median of many runs after
// warm-up) next to the yaml library's own parse of the same text, the floor under any validator
// built on it; and the Action's cold start: `node dist/index.js` to exit on a valid file, with
// GitHub's environment contract (median of ~10 runs, next to a bare `node -e ""` for reference).
// Aims (issue 2): validation under 50 ms, cold start under 300 ms.
//
//   npx tsx bench/validate.ts [--runs 50] [--starts 10]
//
// Figures depend on the machine and on what else it runs; the medians are the point.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import { parseConfig } from "../src/config/index.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}
const runs = flag("runs", 50);
const starts = flag("starts", 10);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1
    ? (s[mid] as number)
    : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A realistic API: probes, env, compute, autoscaling, update strategy, artifacts. */
function realtimeApi(i: number): string {
  return `- name: api-${i}
  kind: RealtimeAPI
  pod:
    port: 8080
    max_concurrency: ${1 + (i % 8)}
    max_queue_length: 128
    containers:
      - name: api
        image: quay.io/acme/model-${i}:1.${i}
        command: [uvicorn, --host, 0.0.0.0, --port, "8080", main:app]
        env:
          MODEL_NAME: model-${i}
          WORKERS: "2"
        readiness_probe:
          http_get:
            path: /healthz
            port: 8080
          period_seconds: 5
        liveness_probe:
          tcp_socket: {port: 8080}
        compute:
          cpu: 500m
          mem: 1Gi
          shm: 256Mi
  autoscaling:
    min_replicas: 1
    max_replicas: 20
    target_in_flight: ${1 + (i % 8)}
    window: 60s
    panic_window: 6s
  update_strategy:
    max_surge: 25%
    max_unavailable: 0
  artifacts:
    - path: models/model-${i}
      mount: /mnt/model
`;
}

function generate(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count - 10; i++) parts.push(realtimeApi(i));
  for (let i = 0; i < 10; i++) {
    parts.push(`- name: split-${i}
  kind: TrafficSplitter
  apis:
    - {name: api-${2 * i}, weight: 80}
    - {name: api-${2 * i + 1}, weight: 20}
`);
  }
  return parts.join("");
}

function timeStart(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { ms: number; status: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && args[0] !== "-e") process.stderr.write(r.stdout + r.stderr);
  return { ms, status: r.status ?? -1 };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "cortex-bench-validate-"));
  try {
    const big = path.join(dir, "cortex.yaml");
    const text = generate(200);
    await writeFile(big, text);
    // validate resolves artifact paths (no hashing): each API's folder must exist.
    for (let i = 0; i < 200; i++) {
      await mkdir(path.join(dir, "models", `model-${i}`), { recursive: true });
      await writeFile(path.join(dir, "models", `model-${i}`, "weights.bin"), "w");
    }
    const bytes = await readFile(big);
    const first = parseConfig(bytes, big);
    if (!first.ok) throw new Error(`generated file is invalid: ${first.errors[0]?.message}`);
    console.log(`generated ${first.config.apis.length} APIs, ${bytes.length} bytes`);

    const load = loadavg()[0] ?? 0;
    console.log(
      `load average ${load.toFixed(1)} on ${cpus().length} cores (figures inflate with it)`,
    );

    // Interleaved, so both see the same machine load.
    const validate = () => parseConfig(bytes, big);
    const floor = () => parseDocument(text, { version: "1.1", lineCounter: new LineCounter() });
    for (let i = 0; i < 10; i++) {
      validate();
      floor();
    }
    const times: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      validate();
      times.push(performance.now() - t0);
      t0 = performance.now();
      floor();
      floors.push(performance.now() - t0);
    }
    const parse = median(times);
    const yamlOnly = median(floors);
    console.log(
      `parseConfig, 200 APIs: median ${parse.toFixed(2)} ms over ${runs} runs (aim < 50 ms)`,
    );
    console.log(
      `yaml parseDocument alone (floor): median ${yamlOnly.toFixed(2)} ms; parseConfig is ${(parse / yamlOnly).toFixed(2)}x that`,
    );

    const action = path.join(root, "dist", "index.js");
    if (!existsSync(action)) {
      console.log("dist/index.js does not exist yet (npm run build): cold start skipped");
      return;
    }
    const small = path.join(dir, "small.yaml");
    await writeFile(small, realtimeApi(0));
    // The runner creates these files before a step starts; the Action appends to them.
    await writeFile(path.join(dir, "summary.md"), "");
    await writeFile(path.join(dir, "output.txt"), "");
    const env = (config: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: dir,
      GITHUB_EVENT_NAME: "push",
      GITHUB_REF: "refs/heads/main",
      GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
      GITHUB_OUTPUT: path.join(dir, "output.txt"),
      INPUT_CONFIG: config,
      INPUT_COMMAND: "validate",
    });
    const measure = (args: readonly string[], e: NodeJS.ProcessEnv) => {
      timeStart(args, e); // warm the file cache
      const samples = Array.from({ length: starts }, () => timeStart(args, e));
      const failed = samples.filter((s) => s.status !== 0).length;
      return { ms: median(samples.map((s) => s.ms)), failed };
    };
    const bare = measure(["-e", ""], env(small));
    const one = measure([action], env(small));
    const many = measure([action], env(big));
    const line = (label: string, r: { ms: number; failed: number }) =>
      console.log(
        `${label}: median ${r.ms.toFixed(1)} ms over ${starts} runs${r.failed ? ` (${r.failed} FAILED)` : ""}`,
      );
    line('node -e "" (reference)', bare);
    line("node dist/index.js, 1-API file (aim < 300 ms)", one);
    line("node dist/index.js, 200-API file", many);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
