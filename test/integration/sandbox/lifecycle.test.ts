// The launcher leaves nothing behind: stop(), the CLI's `down`, and the watchdog when the owner
// is SIGKILLed all end every process they started.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startS3Gateway } from "../../sandbox/index.ts";
import { repoRoot } from "../../sandbox/paths.ts";
import { isRunning } from "../../sandbox/processes.ts";
import { readState, type SandboxState } from "../../sandbox/state.ts";

const run = promisify(execFile);
const cli = join(repoRoot, "test", "sandbox", "cli.ts");
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sandbox-lifecycle-"));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  // Whatever a failed test left running is stopped here, by its recorded pids.
  for (const dir of dirs.splice(0)) {
    await runCli(["down", "--dir", dir]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
});

function allRecords(state: SandboxState) {
  return state.watchdog ? [...state.processes, state.watchdog] : state.processes;
}

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", cli, ...args], {
      cwd: repoRoot,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

async function eventually(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error("no stdout"));
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`exited (${code}) before printing`)));
  });
}

describe("sandbox lifecycle", () => {
  it("stop() ends the S3 gateway and its watchdog and removes its temporary folder", async () => {
    const s3 = await startS3Gateway();
    const state = await readState(s3.dir);
    expect(state?.status).toBe("running");
    const records = allRecords(state as SandboxState);
    expect(records.map((r) => r.name).sort()).toEqual(["versitygw", "watchdog"]);
    expect(records.every(isRunning)).toBe(true);

    await s3.stop();
    expect(records.some(isRunning)).toBe(false);
    expect(existsSync(s3.dir)).toBe(false);
  });

  it("the watchdog tears everything down when the owner is SIGKILLed", async () => {
    const dir = await tempDir();
    const owner = spawn(
      process.execPath,
      ["--import", "tsx", join(import.meta.dirname, "fixtures", "s3-owner.ts"), dir],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] },
    );
    expect(await firstLine(owner)).toMatch(/^ready http:\/\//);
    const state = (await readState(dir)) as SandboxState;
    const records = allRecords(state);
    expect(records.every(isRunning)).toBe(true);

    owner.kill("SIGKILL");
    await eventually("every sandbox process to end", () => !records.some(isRunning));
    await eventually(
      "the state file to say stopped",
      async () => (await readState(dir))?.status === "stopped",
    );
  });

  it("the CLI starts a sandbox with up, shows it with status and env, and stops it with down", async () => {
    const dir = await tempDir();
    // --watch-pid: should this test run be killed, the watchdog still stops the sandbox.
    const up = await runCli([
      "up",
      "--dir",
      dir,
      "--kubelet",
      "none",
      "--watch-pid",
      String(process.pid),
    ]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).toMatch(/sandbox up in/);

    // `up` has exited; the sandbox outlives it, watched on behalf of this process.
    const state = (await readState(dir)) as SandboxState;
    expect(state.status).toBe("running");
    expect(state.ownerPid).toBe(process.pid);
    expect(state.watchdog && isRunning(state.watchdog)).toBe(true);
    expect(state.processes.map((p) => p.name).sort()).toEqual(
      ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "versitygw"].sort(),
    );
    expect(state.processes.every(isRunning)).toBe(true);

    const status = await runCli(["status", "--dir", dir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/kube-apiserver\s+pid \d+\s+alive/);

    const env = await runCli(["env", "--dir", dir]);
    expect(env.code).toBe(0);
    for (const name of [
      "KUBECONFIG",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_REGION",
      "AWS_ENDPOINT_URL",
      "CORTEX_DEPLOY_BUCKET",
      "SANDBOX_IMAGES",
      "SANDBOX_BIN",
    ]) {
      expect(env.stdout).toMatch(new RegExp(`^export ${name}='[^']+'$`, "m"));
    }
    // The kubeconfig works for kubectl, the real one from the same build.
    const kubeconfig = /^export KUBECONFIG='([^']+)'$/m.exec(env.stdout)?.[1] ?? "";
    const bin = /^export SANDBOX_BIN='([^']+)'$/m.exec(env.stdout)?.[1] ?? "";
    const { stdout: ns } = await run(join(bin, "kubectl"), [
      "--kubeconfig",
      kubeconfig,
      "get",
      "namespace",
      "kube-system",
      "-o",
      "jsonpath={.status.phase}",
    ]);
    expect(ns).toBe("Active");

    const down = await runCli(["down", "--dir", dir]);
    expect(down.code).toBe(0);
    expect(allRecords(state).some(isRunning)).toBe(false);
    expect((await readState(dir))?.status).toBe("stopped");
    expect((await runCli(["env", "--dir", dir])).code).toBe(1);
  });
});
