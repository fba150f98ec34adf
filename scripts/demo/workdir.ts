// The demo's own repository: a copy of examples/iris in a folder of its own, made a git repository
// so that every change the demo makes is a commit, as a team's pushes would be, and `history`
// shows the commit of each revision. The repository's examples/iris is never modified.
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { withImage } from "./config-edit.ts";
import { exampleDir, python } from "./paths.ts";

const run = promisify(execFile);

export interface WorkDir {
  dir: string;
  /** cortex.yaml's path. */
  config: string;
  readConfig(): Promise<string>;
  writeConfig(text: string): Promise<void>;
  /** Trains the model as version `version` into model/ (a new artifact hash). */
  train(version: string): Promise<string>;
  /** Commits everything; returns the commit SHA. */
  commit(message: string): Promise<string>;
}

async function git(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd: dir, timeout: 30_000 });
  return stdout.trim();
}

/** Skipped when copying: caches, and the virtualenv if someone made one inside the example. */
function copied(src: string): boolean {
  const base = path.basename(src);
  return base !== "__pycache__" && base !== ".venv";
}

/** Copies examples/iris into `dir` (made afresh) and makes it a git repository. */
export async function makeWorkDir(dir: string, image?: string): Promise<WorkDir> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(exampleDir, dir, { recursive: true, filter: copied });
  // The example ignores model/ (scripts/python-env.sh trains it); here it is committed, so a new
  // model is a commit like any other change.
  await writeFile(path.join(dir, ".gitignore"), "__pycache__/\n");
  const config = path.join(dir, "cortex.yaml");
  await git(dir, "init", "-q", "-b", "main");
  await git(dir, "config", "user.name", "cortex-deploy demo");
  await git(dir, "config", "user.email", "demo@cortex-deploy.invalid");
  await git(dir, "config", "commit.gpgsign", "false");
  const work: WorkDir = {
    dir,
    config,
    readConfig: () => readFile(config, "utf8"),
    writeConfig: (text) => writeFile(config, text),
    async train(version) {
      const { stdout } = await run(
        python,
        [path.join(dir, "train.py"), "--out", path.join(dir, "model"), "--version", version],
        { cwd: dir, timeout: 120_000 },
      );
      return stdout.trim();
    },
    async commit(message) {
      await git(dir, "add", "-A");
      await git(dir, "commit", "-q", "--allow-empty", "-m", message);
      return git(dir, "rev-parse", "HEAD");
    },
  };
  if (image !== undefined) {
    await work.writeConfig(withImage(await work.readConfig(), image));
  }
  return work;
}
