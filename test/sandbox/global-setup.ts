// vitest globalSetup for the integration project: one sandbox for the whole run.
// Tests read the sandbox through process.env (KUBECONFIG, AWS_*, CORTEX_DEPLOY_BUCKET,
// SANDBOX_IMAGES, SANDBOX_DIR, SANDBOX_BIN): vitest starts its workers after global setup, with
// the main process's environment. `inject("sandbox")` gives the same values, typed.
//
// SANDBOX_KUBELET=ready-only|none changes the kubelet mode (default: process), for debugging.
// With SANDBOX_DIR pointing at a running sandbox (`npm run sandbox -- up` then
// `eval "$(npm run -s sandbox -- env)"`), the run reuses it and leaves it running.
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import {
  defaultImageFiles,
  findRunningSandbox,
  type KubeletMode,
  type SandboxNetwork,
  startSandbox,
} from "./index.ts";
import { repoRoot } from "./paths.ts";
import { ensureDebianTool } from "./system-tools.ts";

// The suite's tests run the controller image (proxy, downloader) and the iris example too.
const suiteImageFiles = [
  join(repoRoot, "controller", "sandbox-images.yaml"),
  join(repoRoot, "examples", "iris", "sandbox-images.yaml"),
];

export interface ProvidedSandbox {
  dir: string;
  env: Record<string, string>;
  network: SandboxNetwork | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    sandbox: ProvidedSandbox;
  }
}

function kubeletMode(value: string | undefined): KubeletMode | false {
  if (value === undefined || value === "" || value === "process") return "process";
  if (value === "ready-only") return "ready-only";
  if (value === "none") return false;
  throw new Error(`SANDBOX_KUBELET must be process, ready-only or none, not "${value}"`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureDebianTool(
    "iptables",
    "iptables",
    "the metrics-unavailable test blocks a pod's GET /metrics with it",
  );
  const reuseDir = process.env.SANDBOX_DIR;
  const existing = reuseDir ? await findRunningSandbox(reuseDir) : undefined;
  if (existing) {
    console.error(`sandbox: reusing the running sandbox in ${existing.dir}`);
    Object.assign(process.env, existing.env);
    project.provide("sandbox", {
      dir: existing.dir,
      env: existing.env,
      network: existing.network ?? null,
    });
    return async () => {};
  }
  const started = performance.now();
  const sandbox = await startSandbox({
    kubelet: kubeletMode(process.env.SANDBOX_KUBELET),
    imageFiles: [...new Set([...defaultImageFiles(), ...suiteImageFiles])],
    // Only build.sh's progress is worth showing (a first build takes minutes).
    onProgress: (line) => {
      if (!line.startsWith("sandbox: ")) console.error(line);
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`sandbox: up in ${seconds}s (${sandbox.dir}, network ${sandbox.network.mode})`);
  Object.assign(process.env, sandbox.env);
  project.provide("sandbox", { dir: sandbox.dir, env: sandbox.env, network: sandbox.network });
  return async () => {
    await sandbox.stop();
  };
}
