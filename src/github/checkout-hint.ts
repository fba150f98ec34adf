// A job without actions/checkout shows up as a missing cortex.yaml (the runner always has a
// workspace folder, empty until a checkout fills it). When the file is missing and the workspace
// holds no .git, the error asks about the checkout, where the annotation and job summary show it.
import { readdir } from "node:fs/promises";
import type { ConfigError, LoadResult } from "../config/index.ts";

const MISSING = "cannot read the file: no such file";

/** Whether `workspace` holds no checkout: no .git in it (or it cannot be read). */
export async function noCheckoutIn(workspace: string): Promise<boolean> {
  const entries = await readdir(workspace).catch(() => [] as string[]);
  return !entries.includes(".git");
}

/** The message of a missing config file in a workspace with no checkout (pure). */
export function checkoutHint(message: string, workspace: string): string {
  return `${message}; the workspace ${workspace} has no .git: did the job run actions/checkout before this step?`;
}

/** `loaded`, its missing-file error asking about the checkout when the workspace has none. */
export async function withCheckoutHint(loaded: LoadResult, workspace: string): Promise<LoadResult> {
  const missing = (e: ConfigError) => e.message === MISSING;
  if (loaded.ok || !loaded.errors.some(missing) || !(await noCheckoutIn(workspace))) return loaded;
  return {
    ...loaded,
    errors: loaded.errors.map((e) =>
      missing(e) ? { ...e, message: checkoutHint(e.message, workspace) } : e,
    ),
  };
}
