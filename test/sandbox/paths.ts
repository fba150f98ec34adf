// Where the sandbox's own files live, resolved from this file so callers may run from any cwd.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const sandboxSrcDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(sandboxSrcDir, "..", "..");
export const buildScript = join(sandboxSrcDir, "build.sh");
export const testImagesFile = join(sandboxSrcDir, "images.yaml");
export const kubeletMain = join(sandboxSrcDir, "kubelet", "main.ts");
export const watchdogScript = join(sandboxSrcDir, "watchdog.sh");
/** The CLI's stable home, so `up`, `env`, `status` and `down` find the same sandbox. */
export const defaultCliDir = join(repoRoot, ".sandbox");
export const stateFileName = "sandbox.json";
