// The resolver against the real config loader: a CortexConfig is accepted as it is, and artifact
// errors point at the lines of cortex.yaml where the paths are written.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArtifactConfigError } from "../../../src/artifacts/errors.ts";
import { resolveArtifacts } from "../../../src/artifacts/resolve.ts";
import type { ArtifactsConfig } from "../../../src/artifacts/types.ts";
import { type CortexConfig, loadConfigFile } from "../../../src/config/index.ts";
import { runCli } from "../../support/cli-in-process.ts";

let repo: string;
beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), "artifacts-loader-"));
  await mkdir(join(repo, ".git"));
  await mkdir(join(repo, "models"));
  await writeFile(join(repo, "models/model.onnx"), "weights");
});
afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

const yaml = (artifacts: string) => `- name: iris
  kind: RealtimeAPI
  pod:
    containers:
    - name: api
      image: example/iris:1
  artifacts:
${artifacts}`;

async function load(text: string): Promise<CortexConfig> {
  await writeFile(join(repo, "cortex.yaml"), text);
  const result = await loadConfigFile(join(repo, "cortex.yaml"));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join("\n"));
  return result.config;
}

describe("resolveArtifacts with a loaded cortex.yaml", () => {
  it("takes the loader's config as it is, with the mount defaulted", async () => {
    const config: ArtifactsConfig = await load(yaml("  - path: models/*.onnx\n"));
    const [api] = await resolveArtifacts(config);
    expect(api?.files.map((f) => [f.mount, f.path])).toEqual([["/mnt/artifacts", "model.onnx"]]);
  });

  it("reports a glob that matches nothing at its own line and column", async () => {
    const config = await load(
      yaml("  - path: models/model.onnx\n    mount: /m\n  - path: models/*.bin\n"),
    );
    const err = await resolveArtifacts(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArtifactConfigError);
    expect((err as ArtifactConfigError).errors).toEqual([
      expect.objectContaining({ line: 10, column: 11, path: "[0].artifacts[1].path" }),
    ]);
  });

  it("is what validate runs: every bad symlink of a folder in one run, each at its line", async () => {
    await symlink("/etc/passwd", join(repo, "models/outside"));
    await symlink("loopA", join(repo, "models/loopA"));
    await symlink(".", join(repo, "models/selfdir"));
    const file = join(repo, "cortex.yaml");
    await writeFile(file, yaml("  - path: models\n    mount: /m\n"));
    const run = await runCli("validate", "-c", file);
    expect(run.code).toBe(1);
    const at = `${file}:8:11: error: [0].artifacts[0].path:`;
    expect(run.printed.filter((line) => line.includes(": error: "))).toEqual([
      `${at} models/loopA is a symlink loop`,
      `${at} models/outside is a symlink to /etc/passwd, outside the repository`,
      `${at} models/selfdir is a symlink loop`,
    ]);
  });
});
