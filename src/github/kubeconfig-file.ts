// The kubeconfig input holds contents, not a path. It is written to a file only this user can read
// (0600), in the runner's per-job temporary folder, and KUBECONFIG points at it: the Kubernetes
// client, exec credential plugins and any later tool read the same file, and nothing needs the
// secret in an environment variable or on a command line. The file is removed when the run ends.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface KubeconfigFile {
  path: string;
  remove(): Promise<void>;
}

export async function writeKubeconfigFile(
  contents: string,
  runnerTemp: string,
): Promise<KubeconfigFile> {
  const dir = await mkdtemp(path.join(runnerTemp || tmpdir(), "cortex-deploy-"));
  const file = path.join(dir, "kubeconfig");
  // mode applies at creation; the folder from mkdtemp is 0700 as well.
  await writeFile(file, contents, { mode: 0o600, flag: "wx" });
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
