// The controller as a local process (the sandbox runs no controller of its own): built from
// controller/src when its bundle is missing or older than the sources, started against the
// sandbox's kubeconfig, its JSON log written to a file. A small shell guard stops it when the
// demo's process dies without cleaning up (SIGKILL), so it never outlives the sandbox.
import { spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { readdir, rename, stat } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { httpRequest } from "./http.ts";
import { controllerBundle, repoRoot } from "./paths.ts";

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const s = await stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

/** Builds controller/dist/main.js as `npm run build` does, when it is missing or stale. */
export async function ensureControllerBundle(say: (line: string) => void): Promise<void> {
  const built = await stat(controllerBundle).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newestMtime(path.join(repoRoot, "controller", "src")),
    await newestMtime(path.join(repoRoot, "src")),
  );
  if (built >= sources) return;
  say(
    built === 0
      ? "building controller/dist/main.js"
      : "rebuilding controller/dist/main.js (sources changed)",
  );
  const esbuild = await import("esbuild");
  // Written beside and renamed over: pods already running the old bundle keep their copy.
  const tmp = `${controllerBundle}.${process.pid}.tmp`;
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: ["controller/src/main.ts"],
    outfile: tmp,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    banner: {
      js: "import { createRequire as __cdCreateRequire } from 'node:module';\nconst require = __cdCreateRequire(import.meta.url);",
    },
    legalComments: "none",
    logLevel: "warning",
  });
  await rename(tmp, controllerBundle);
}

export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// $1 is the owner's pid; the rest is the command. The guard forwards SIGTERM/SIGINT to the
// command, and stops it when the owner is gone.
const GUARD = `owner=$1; shift
"$@" & child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
while kill -0 "$owner" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1 & wait $!; done
kill -TERM "$child" 2>/dev/null
wait "$child"`;

export interface LocalController {
  pid: number;
  metricsPort: number;
  logFile: string;
  stop(): Promise<void>;
}

export interface ControllerOptions {
  kubeconfig: string;
  namespace: string;
  logFile: string;
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function startLocalController(opts: ControllerOptions): Promise<LocalController> {
  const metricsPort = await freePort();
  const args = [
    controllerBundle,
    "controller",
    "--kubeconfig",
    opts.kubeconfig,
    // Only the demo's namespace: on a shared sandbox, other namespaces have their own controller.
    "--namespace",
    opts.namespace,
    "--leader-election-namespace",
    opts.namespace,
    "--metrics-host",
    "127.0.0.1",
    "--metrics-port",
    String(metricsPort),
  ];
  const fd = openSync(opts.logFile, "a");
  const child = spawn(
    "sh",
    ["-c", GUARD, "guard", String(process.pid), process.execPath, ...args],
    {
      cwd: repoRoot,
      stdio: ["ignore", fd, fd],
      detached: true,
    },
  );
  closeSync(fd);
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the controller");
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      resolve();
    }),
  );
  const stop = async () => {
    if (exitCode !== undefined) return;
    process.kill(pid, "SIGTERM");
    const gone = await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]);
    // The guard and the controller share a process group (detached), started by us.
    if (!gone) process.kill(-pid, "SIGKILL");
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(
        `the controller exited at start (code ${exitCode}); its log:\n${tail(opts.logFile)}`,
      );
    }
    const ok = await httpRequest("GET", "127.0.0.1", metricsPort, "/healthz", undefined, 1000).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `the controller did not answer /healthz within 60s; its log:\n${tail(opts.logFile)}`,
      );
    }
    await sleep(250);
  }
  return { pid, metricsPort, logFile: opts.logFile, stop };
}
