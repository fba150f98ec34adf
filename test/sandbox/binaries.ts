// Runs build.sh, which builds the sandbox binaries once per version set and prints their folder.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { buildScript } from "./paths.ts";

export const requiredBinaries = [
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "kubectl",
  "etcd",
  "versitygw",
] as const;

/** Returns the bin folder; forwards build.sh's progress lines (stderr) as they come. */
export function ensureBinaries(onProgress: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [buildScript], { stdio: ["ignore", "pipe", "pipe"] });
    const stdout: string[] = [];
    const tail: string[] = [];
    createInterface({ input: child.stdout }).on("line", (line) => stdout.push(line));
    createInterface({ input: child.stderr }).on("line", (line) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      onProgress(line);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const bin = stdout.at(-1)?.trim() ?? "";
      if (code !== 0) {
        reject(new Error(`build.sh failed (exit ${code}):\n${tail.join("\n")}`));
        return;
      }
      const missing = requiredBinaries.filter((b) => !existsSync(join(bin, b)));
      if (missing.length > 0) {
        reject(
          new Error(`build.sh printed ${bin || "nothing"}, which lacks ${missing.join(", ")}`),
        );
        return;
      }
      resolve(bin);
    });
  });
}
