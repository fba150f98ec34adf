// vitest globalSetup for both projects: every temporary folder the tests (and the processes they
// start) make with os.tmpdir() goes under one folder for the run, removed at the end. Tests that
// forget to clean up, or fail before they do, then leave nothing behind on a shared CI machine.
// vitest starts its workers after global setup, with the main process's environment.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MARK = "CORTEX_DEPLOY_TEST_TMP";

export default async function setup(): Promise<() => Promise<void>> {
  // Both projects list this file; the first to run makes the folder, and (global teardowns run in
  // reverse) is the last to tear down, after the sandbox has stopped.
  if (process.env[MARK] !== undefined) return async () => {};
  const before = process.env.TMPDIR;
  const root = await mkdtemp(join(tmpdir(), "cortex-deploy-tests-"));
  process.env[MARK] = root;
  process.env.TMPDIR = root;
  return async () => {
    delete process.env[MARK];
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    await rm(root, { recursive: true, force: true });
  };
}
