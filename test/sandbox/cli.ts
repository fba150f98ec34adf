// The sandbox CLI: `npm run sandbox -- up|down|status|env [--dir D] [--kubelet MODE]`.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { exportLines } from "./env.ts";
import { findRunningSandbox, type KubeletMode, startSandbox, stopSandboxIn } from "./index.ts";
import { defaultCliDir } from "./paths.ts";
import { isRunning, residentKiB } from "./processes.ts";
import { readState } from "./state.ts";

const usage = `Usage: npm run sandbox -- <command> [options]

Commands:
  up       start a sandbox (Kubernetes control plane, process kubelet, S3) and leave it running
  down     stop the sandbox and everything it started
  status   show each component, its process and whether it is alive
  env      print export lines: eval "$(npm run -s sandbox -- env)"

Options:
  --dir D          sandbox folder (default: .sandbox in the repository)
  --kubelet MODE   up only: process (default), ready-only (pods marked Ready, nothing runs), none
  --watch-pid PID  up only: stop the sandbox by itself when process PID exits (CI scripts, tests)
  -h, --help       show this help

The first 'up' on a machine builds the binaries (about 6 minutes on 2 cores); later ones reuse them.`;

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

function kubeletMode(value: string | undefined): KubeletMode | false {
  if (value === undefined || value === "process") return "process";
  if (value === "ready-only") return "ready-only";
  if (value === "none") return false;
  return fail(`--kubelet must be process, ready-only or none, not "${value}"`);
}

async function up(dir: string, kubelet: KubeletMode | false, watchPid?: number): Promise<void> {
  const started = performance.now();
  const sandbox = await startSandbox({
    dir,
    kubelet,
    owner: watchPid ?? null,
    onProgress: (line) => console.error(line),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`sandbox up in ${seconds}s: ${dir} (network ${sandbox.network.mode})`);
  console.error(
    `  eval "$(npm run -s sandbox -- env${dir === defaultCliDir ? "" : ` --dir ${dir}`})"`,
  );
}

async function down(dir: string): Promise<void> {
  const stopped = await stopSandboxIn(dir);
  console.error(stopped ? `sandbox in ${dir} stopped` : `no sandbox running in ${dir}`);
}

async function status(dir: string): Promise<void> {
  const state = await readState(dir);
  if (!state) fail(`no sandbox in ${dir}`);
  console.log(`sandbox ${state.dir}: ${state.status}`);
  if (state.network) {
    const net = state.network;
    console.log(
      `  network ${net.mode}: host ${net.hostIp}, pods ${net.podCidr}${net.bridge ? `, bridge ${net.bridge}` : ""}`,
    );
  }
  let totalKiB = 0;
  let allAlive = true;
  const records = state.watchdog ? [...state.processes, state.watchdog] : state.processes;
  for (const proc of records) {
    const alive = isRunning(proc);
    const kib = alive ? residentKiB(proc.pid) : 0;
    totalKiB += kib;
    if (!alive && proc !== state.watchdog) allAlive = false;
    const rss = alive ? `${(kib / 1024).toFixed(0)} MiB` : "";
    console.log(
      `  ${proc.name.padEnd(24)} pid ${String(proc.pid).padEnd(8)} ${(alive ? "alive" : "dead").padEnd(6)} ${rss}`,
    );
  }
  console.log(`  total RSS ${(totalKiB / 1024).toFixed(0)} MiB`);
  for (const [name, value] of Object.entries(state.env)) {
    if (!name.includes("SECRET")) console.log(`  ${name}=${value}`);
  }
  if (state.status !== "running" || !allAlive) process.exitCode = 1;
}

async function env(dir: string): Promise<void> {
  const state = await findRunningSandbox(dir);
  if (!state) fail(`no running sandbox in ${dir}; start one with: npm run sandbox -- up`);
  console.log(exportLines(state.env));
}

async function main(): Promise<void> {
  // `sandbox status | head` closes the pipe early; that is not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      kubelet: { type: "string" },
      "watch-pid": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || command === undefined || command === "help") {
    console.log(usage);
    return;
  }
  if (positionals.length > 1) fail(`unexpected argument "${positionals[1]}"\n\n${usage}`);
  const dir = resolve(values.dir ?? defaultCliDir);
  if (values.kubelet !== undefined && command !== "up") fail("--kubelet applies to up only");
  if (values["watch-pid"] !== undefined && command !== "up") fail("--watch-pid applies to up only");
  const watchPid = values["watch-pid"] === undefined ? undefined : Number(values["watch-pid"]);
  if (watchPid !== undefined && !(Number.isInteger(watchPid) && watchPid > 0)) {
    fail(`--watch-pid must be a process id, not "${values["watch-pid"]}"`);
  }
  if (watchPid !== undefined && !isRunning({ pid: watchPid, startTime: "" })) {
    fail(`--watch-pid ${watchPid}: no such process`);
  }
  switch (command) {
    case "up":
      return up(dir, kubeletMode(values.kubelet), watchPid);
    case "down":
      return down(dir);
    case "status":
      return status(dir);
    case "env":
      return env(dir);
    default:
      fail(`unknown command "${command}"\n\n${usage}`);
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
