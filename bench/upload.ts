// bench/upload: this project against `aws s3 sync` and `rclone copy` on the same versitygw, in one
// run, each on a fresh prefix, then each again after `touch`ing every file (as a CI checkout
// has). Also measures the gateway's ceiling (parallel PUTs of in-memory bytes) and the hashing
// floor (`sha256sum` over the files), and a bare client with no AWS SDK (bench/upload/bare-client.ts)
// as a reference; checks issue 4's goals against them.
//   npx tsx bench/upload.ts [--scale 1] [--concurrency 16] [--rounds 1] [--gateway-dir DIR] [--keep]
// Peers run with their default settings, as CI jobs use them. rclone is installed with apt-get
// when missing. The data set lives in a temporary folder and is deleted at the end.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, statfsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { startS3Gateway } from "../test/sandbox/index.ts";
import { type Ceiling, measureCeiling } from "./upload/ceiling.ts";
import { parseTimes, processCpuSeconds, withTimes } from "./upload/cpu.ts";
import { datasetShape, generateDataset, touchAll } from "./upload/dataset.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    concurrency: { type: "string", default: "16" },
    keep: { type: "boolean", default: false },
    rounds: { type: "string", default: "1" },
    "gateway-dir": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(`usage: npx tsx bench/upload.ts [flags]

Times cortex-deploy's upload against aws s3 sync and rclone copy on one versitygw (first upload,
then again after touching every file), with the gateway's ceiling and the hashing floor, and
checks issue 4's goals.

  --scale N          data set size factor (1 = 2,208 files, ~3.1 GB)      [default: 1]
  --concurrency N    requests in flight for every tool                    [default: 16]
  --rounds N         rounds; the table keeps each tool's best             [default: 1]
  --gateway-dir DIR  where versitygw stores (e.g. /dev/shm, to take the disk out)
  --keep             keep the generated data set`);
  process.exit(0);
}
const scale = Number(values.scale);
// Each round runs every tool, starting with a different one, on fresh prefixes; the table keeps
// each tool's best round, so a burst of load on a shared machine does not decide the ranking.
const rounds = Math.max(1, Number(values.rounds) || 1);
if (!(scale > 0)) throw new Error("--scale must be a positive number");

interface Run {
  tool: string;
  run: "first" | "touched";
  seconds: number;
  /** File bytes the tool sent, from its own report. */
  bytesSent: number;
  /** CPU seconds of the tool's processes and of versitygw during the run. */
  cpu?: { tool: number; gateway: number };
  note?: string;
}

function exec(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; stdout: string; stderr: string; cpuSeconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const [sh, shArgs] = withTimes(command, args);
    const child = spawn(sh, shArgs, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - started) / 1000;
      const times = parseTimes(stderr);
      if (code === 0)
        resolve({ seconds, stdout, stderr: times.stderr, cpuSeconds: times.cpuSeconds });
      else reject(new Error(`${command} exited ${code}:\n${stderr.slice(-2000)}`));
    });
  });
}

function ensureRclone(): void {
  try {
    execFileSync("rclone", ["version"], { stdio: "ignore" });
  } catch {
    console.error("bench: installing rclone (apt-get install -y rclone)");
    execFileSync("apt-get", ["install", "-y", "rclone"], { stdio: "inherit" });
  }
}

// Every measurement starts with no dirty pages: otherwise a run pays for the write-back of what
// ran before it (the freshly generated data set, the previous tool's objects), and the order of
// the runs, not the tools, decides. The disk here writes about 380 MB/s; the page cache absorbs
// a few GB above that.
const settleDisk = () => execFileSync("sync");

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mb = (bytes: number) => `${fmt(bytes / 1e6, 1)} MB`;

// Where versitygw keeps the objects. On this machine's disk, its buffered writes cost it 10-30%
// more CPU from run to run (time in the page-cache copy while write-back runs), noise that lands
// on whichever tool is being timed. Real S3 has no such cost on the client's machine, so by
// default the gateway writes to memory (/dev/shm) when there is room for two copies of the data
// set beside what is there; --gateway-dir picks another place (e.g. a disk folder).
const dataBytes = datasetShape(scale).reduce((a, g) => a + (g.count * (g.min + g.max)) / 2, 0);
function gatewayBase(): string {
  if (values["gateway-dir"]) return values["gateway-dir"];
  try {
    const fs = statfsSync("/dev/shm");
    if (fs.bavail * fs.bsize > 3 * dataBytes) return "/dev/shm";
  } catch {
    // no /dev/shm
  }
  return tmpdir();
}

const here = fileURLToPath(new URL(".", import.meta.url));
const work = await mkdtemp(join(tmpdir(), "bench-upload-"));
const dataDir = join(work, "data");
const gwDir = await mkdtemp(join(gatewayBase(), "bench-upload-s3-"));
console.error(`bench: versitygw stores objects in ${gwDir}`);
const gw = await startS3Gateway({ dir: gwDir });
const gatewayCpu = () => (gw.pid === undefined ? Number.NaN : processCpuSeconds(gw.pid));
// Each run stores a full copy of the data set: remove it from the gateway's posix folder (object
// a/b is the file <bucket>/a/b there) once measured, so disk use stays at about two copies.
const dropPrefix = (prefix: string) =>
  rm(join(gw.dir, "s3", gw.bucket, prefix), { recursive: true, force: true });
// The in-process ceiling measurement finds the gateway's keys where the SDK looks for them.
Object.assign(process.env, gw.env);
// As in the CLI: the SDK's notice about future Node versions is noise in the report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
try {
  ensureRclone();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...gw.env,
    AWS_EC2_METADATA_DISABLED: "true",
    RCLONE_CONFIG_BENCH_TYPE: "s3",
    RCLONE_CONFIG_BENCH_PROVIDER: "Other",
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: gw.accessKeyId,
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: gw.secretAccessKey,
    RCLONE_CONFIG_BENCH_ENDPOINT: gw.endpoint,
    RCLONE_CONFIG_BENCH_REGION: gw.region,
  };
  // Bundled like dist/cli.js, so node starts them without a TypeScript loader.
  await build({
    entryPoints: [join(here, "upload/ours.ts"), join(here, "upload/bare-client.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outdir: work,
    outExtension: { ".js": ".cjs" },
    logLevel: "error",
  });
  const ours = join(work, "ours.cjs");
  const bareClient = join(work, "bare-client.cjs");

  console.error(`bench: generating the data set (scale ${scale}) in ${dataDir}`);
  const data = await generateDataset(dataDir, scale);
  console.error(`bench: ${data.files.length} files, ${mb(data.bytes)}`);
  const stamp = Date.now().toString(36);
  const all: Run[] = [];
  const runs: Run[] = [];

  type Measured = Omit<Run, "tool" | "run" | "cpu"> & { cpuSeconds: number };
  const BARE = "bare client, no AWS SDK";
  // The last line a child process printed, as JSON (ours.ts and bare-client.ts end with one).
  const lastJson = <T>(stdout: string): T =>
    JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as T;
  const tools: {
    name: string;
    /** Which runs it takes part in; both unless said. */
    runs?: readonly Run["run"][];
    run: (prefix: string) => Promise<Measured>;
  }[] = [
    {
      name: "cortex-deploy",
      run: async (prefix) => {
        const r = await exec(
          "node",
          [ours, dataDir, gw.bucket, prefix, gw.endpoint, values.concurrency ?? "16"],
          env,
        );
        const out = lastJson<{ seconds: number; summary: { uploadedBytes: number } }>(r.stdout);
        return {
          seconds: r.seconds,
          bytesSent: out.summary.uploadedBytes,
          cpuSeconds: r.cpuSeconds,
          note: `in-process ${fmt(out.seconds)} s`,
        };
      },
    },
    {
      name: "aws s3 sync",
      run: async (prefix) => {
        const r = await exec(
          "aws",
          [
            "s3",
            "sync",
            dataDir,
            `s3://${gw.bucket}/${prefix}/`,
            "--endpoint-url",
            gw.endpoint,
            "--no-progress",
          ],
          env,
        );
        // One "upload: <file> to s3://..." line per file sent.
        const sent = [...r.stdout.matchAll(/^upload: (.+) to s3:\/\//gm)].map((m) => m[1] ?? "");
        const { statSync } = await import("node:fs");
        return {
          seconds: r.seconds,
          bytesSent: sent.reduce((a, f) => a + statSync(f).size, 0),
          cpuSeconds: r.cpuSeconds,
        };
      },
    },
    {
      name: "rclone copy",
      run: async (prefix) => {
        // rclone's AWS SDK refuses AWS_CA_BUNDLE with its own transport; the endpoint is http.
        const { AWS_CA_BUNDLE: _unused, ...rcloneEnv } = env;
        const r = await exec(
          "rclone",
          [
            "copy",
            dataDir,
            `bench:${gw.bucket}/${prefix}`,
            "--use-json-log",
            "--stats",
            "1h",
            "-v",
          ],
          rcloneEnv,
        );
        // The closing stats record counts the bytes transferred.
        const stats = r.stderr
          .split("\n")
          .filter((l) => l.includes('"stats"'))
          .map((l) => JSON.parse(l) as { stats: { bytes: number } })
          .at(-1);
        return {
          seconds: r.seconds,
          bytesSent: stats?.stats.bytes ?? Number.NaN,
          cpuSeconds: r.cpuSeconds,
        };
      },
    },
    {
      // A reference, not a peer: it cannot skip what is stored, so it takes no "touched" run.
      name: BARE,
      runs: ["first"],
      run: async (prefix) => {
        const r = await exec(
          "node",
          [bareClient, dataDir, gw.bucket, prefix, gw.endpoint, values.concurrency ?? "16"],
          env,
        );
        return {
          seconds: r.seconds,
          bytesSent: lastJson<{ bytes: number }>(r.stdout).bytes,
          cpuSeconds: r.cpuSeconds,
          note: "reference: our hashing, then 1 signed PUT per file (bench/upload/bare-client.ts)",
        };
      },
    },
  ];

  const chunk = 16 * 1024 * 1024;
  const sizes = (await Promise.all(data.files.map((f) => stat(f))))
    .map((s) => s.size)
    .sort((a, b) => b - a);
  const shapes = [
    { key: "mix", sizes, label: (c: Ceiling) => `${c.requests} PUTs` },
    {
      key: "16MiB",
      sizes: Array(Math.max(1, Math.round(data.bytes / chunk))).fill(chunk) as number[],
      label: (c: Ceiling) => `${c.requests} PUTs of 16 MiB`,
    },
  ] as const;
  const ceilingRuns: (Ceiling & { key: string })[] = [];

  // Every round measures the ceilings too, so they get the same best-of-rounds as the tools.
  for (let round = 0; round < rounds; round++) {
    const order = tools.map((_, i) => tools[(i + round) % tools.length] as (typeof tools)[number]);
    for (const tool of order) {
      const prefix = `bench-${stamp}-r${round}-${tool.name.split(" ")[0]}`;
      for (const run of tool.runs ?? (["first", "touched"] as const)) {
        if (run === "touched") await touchAll(dataDir);
        console.error(
          `bench: round ${round + 1}/${rounds}: ${tool.name}, ${run === "first" ? "first upload" : "after touch"}`,
        );
        settleDisk();
        const gateway0 = gatewayCpu();
        const { cpuSeconds, ...measured } = await tool.run(prefix);
        const cpu = { tool: cpuSeconds, gateway: gatewayCpu() - gateway0 };
        all.push({ tool: tool.name, run, ...measured, cpu });
      }
      await dropPrefix(prefix);
    }
    for (const shape of shapes) {
      const prefix = `bench-${stamp}-r${round}-ceiling-${shape.key}`;
      console.error(`bench: round ${round + 1}/${rounds}: gateway ceiling (${shape.key})`);
      settleDisk();
      const c = await measureCeiling({
        endpoint: gw.endpoint,
        bucket: gw.bucket,
        prefix,
        objectSizes: shape.sizes,
        concurrency: Number(values.concurrency),
        gatewayCpu,
      });
      ceilingRuns.push({ ...c, key: shape.key });
      await dropPrefix(prefix);
    }
  }
  const spreadNote = (seconds: number[]) =>
    rounds > 1 ? `rounds: ${seconds.map((x) => fmt(x, 1)).join(", ")} s` : "";
  for (const tool of tools)
    for (const run of tool.runs ?? (["first", "touched"] as const)) {
      const mine = all.filter((r) => r.tool === tool.name && r.run === run);
      const best = mine.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      runs.push({
        ...best,
        note: [best.note, spreadNote(mine.map((r) => r.seconds))].filter(Boolean).join("; "),
      });
    }
  const bestCeiling = (key: string) => {
    const mine = ceilingRuns.filter((c) => c.key === key);
    const best = mine.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    return { ...best, note: spreadNote(mine.map((c) => c.seconds)) };
  };
  const mixCeiling = bestCeiling("mix");
  const ceiling = bestCeiling("16MiB");

  console.error("bench: hashing floor (sha256sum)");
  const floor = await exec(
    "sh",
    ["-c", 'find "$1" -type f -print0 | xargs -0 sha256sum > /dev/null', "sh", dataDir],
    env,
  );

  const ourFirst = runs.find((r) => r.tool === "cortex-deploy" && r.run === "first") as Run;
  const ourTouched = runs.find((r) => r.tool === "cortex-deploy" && r.run === "touched") as Run;
  const awsFirst = runs.find((r) => r.tool === "aws s3 sync" && r.run === "first") as Run;
  const bareFirst = runs.find((r) => r.tool === BARE && r.run === "first") as Run;

  console.log(
    `\nupload benchmark: ${data.files.length} files, ${mb(data.bytes)} (scale ${scale}); versitygw storing in ${gwDir.startsWith("/dev/shm") ? "memory (/dev/shm)" : gwDir}; best of ${rounds} round(s); ${values.concurrency} requests at once for cortex-deploy, defaults for peers`,
  );
  const cpuCell = (cpu: Run["cpu"]) =>
    cpu === undefined ? "" : `${fmt(cpu.tool, 1)} / ${fmt(cpu.gateway, 1)}`;
  console.log(
    "| tool | run | wall s | file bytes sent | MB/s | time vs cortex-deploy | CPU s, tool / gateway | note |",
  );
  console.log("|---|---|---:|---:|---:|---:|---:|---|");
  for (const r of runs) {
    const base = r.run === "first" ? ourFirst : ourTouched;
    console.log(
      `| ${r.tool} | ${r.run} | ${fmt(r.seconds)} | ${mb(r.bytesSent)} | ${fmt(data.bytes / 1e6 / r.seconds, 0)} | ${fmt(r.seconds / base.seconds)}x | ${cpuCell(r.cpu)} | ${r.note ?? ""} |`,
    );
  }
  for (const [name, c] of [
    ["gateway ceiling, same object sizes", mixCeiling],
    ["gateway ceiling", ceiling],
  ] as const) {
    const label = (shapes.find((s) => s.key === c.key) as (typeof shapes)[number]).label(c);
    console.log(
      `| ${name} | ${label} | ${fmt(c.seconds)} | ${mb(c.bytes)} | ${fmt(c.mbPerSecond, 0)} | | ${cpuCell(c.cpu)} | ${c.note} |`,
    );
  }
  console.log(
    `| hashing floor | sha256sum | ${fmt(floor.seconds)} | | ${fmt(data.bytes / 1e6 / floor.seconds, 0)} | | ${fmt(floor.cpuSeconds, 1)} / - | |`,
  );
  console.log(
    `\nThe tool and versitygw share this machine's ${cpus().length} cores: with both busy, wall time follows the sum of their CPU seconds over the core count.`,
  );

  const ourRate = data.bytes / 1e6 / ourFirst.seconds;
  const goals = [
    [
      `first upload >= 1.5x faster than aws s3 sync`,
      awsFirst.seconds / ourFirst.seconds >= 1.5,
      `${fmt(awsFirst.seconds / ourFirst.seconds)}x`,
    ],
    [
      `first upload >= 80% of the gateway ceiling`,
      ourRate >= 0.8 * ceiling.mbPerSecond,
      `${fmt((100 * ourRate) / ceiling.mbPerSecond, 0)}%`,
    ],
    [`no-change run sends 0 file bytes`, ourTouched.bytesSent === 0, mb(ourTouched.bytesSent)],
    [
      `no-change run <= 1.2x the hashing floor`,
      ourTouched.seconds <= 1.2 * floor.seconds,
      `${fmt(ourTouched.seconds / floor.seconds)}x`,
    ],
  ] as const;
  console.log("\n| goal | result | figure |\n|---|---|---|");
  for (const [goal, ok, figure] of goals)
    console.log(`| ${goal} | ${ok ? "pass" : "FAIL"} | ${figure} |`);
  // Not a goal of issue 4, but says how much of the gap is the gateway's cost per request.
  console.log(
    `| (context) first upload vs the same-object-sizes ceiling | - | ${fmt((100 * ourRate) / mixCeiling.mbPerSecond, 0)}% |`,
  );
  // Nor this: what a client with no SDK at all, hashing as content addressing must, reaches.
  console.log(
    `| (context) bare client vs the gateway ceiling | - | ${fmt((100 * data.bytes) / 1e6 / bareFirst.seconds / ceiling.mbPerSecond, 0)}% |`,
  );
} finally {
  await gw.stop();
  await rm(gwDir, { recursive: true, force: true });
  if (values.keep) console.error(`bench: data kept in ${dataDir}`);
  else if (existsSync(work)) await rm(work, { recursive: true, force: true });
}
