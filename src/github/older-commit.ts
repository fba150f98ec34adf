// A push run must not replace what a newer commit deployed. "Re-run jobs" on an old workflow run,
// or a run GitHub started late, would otherwise put the older model back and prune what the newer
// commit added, with no one asking for a rollback (that is what `rollback-to` is for).
import { belongsToConfig } from "../kube/changes.ts";
import { deployedBy } from "../kube/meanwhile.ts";
import type { Live } from "../kube/objects.ts";
import { refOf } from "../kube/render.ts";
import { ANNOTATIONS } from "../kube/resource.ts";

/** GitHub's answer to "compare BASE...HEAD": how HEAD stands to BASE. */
export type Comparison = "ahead" | "behind" | "identical" | "diverged";

/** The commits this config's live objects were deployed from (not ours), each with one object. */
export function deployedCommits(
  live: readonly Live[],
  configId: string,
  ours: string,
): Map<string, Live> {
  const out = new Map<string, Live>();
  for (const o of live) {
    const commit = o.metadata.annotations?.[ANNOTATIONS.commit];
    if (!belongsToConfig(o, configId) || commit === undefined || commit === ours) continue;
    if (/^[0-9a-f]{40}$/.test(commit) && !out.has(commit)) out.set(commit, o);
  }
  return out;
}

export interface OlderCommitCheck {
  /** Why the deploy must stop, or undefined. */
  refusal?: string | undefined;
  /** Comparisons GitHub could not answer: the deploy goes on, with these said. */
  warnings: string[];
}

/**
 * Compares our commit with each deployed one; a deployed commit that contains ours (ours is
 * `behind` it) stops the deploy. A comparison GitHub cannot make (a commit it does not know,
 * deployed from a clone; a token without `contents: read`) is a warning, not a refusal.
 */
export async function checkOlderCommit(
  deployed: ReadonlyMap<string, Live>,
  ours: string,
  compare: (base: string, head: string) => Promise<Comparison>,
): Promise<OlderCommitCheck> {
  const warnings: string[] = [];
  const newer: string[] = [];
  await Promise.all(
    [...deployed].map(async ([commit, object]) => {
      try {
        if ((await compare(commit, ours)) === "behind")
          newer.push(`${refOf(object)}: ${deployedBy(object.metadata)}`);
      } catch (err) {
        warnings.push(
          `could not check that commit ${ours.slice(0, 12)} is not older than ${commit.slice(0, 12)} ` +
            `(deployed to ${refOf(object)}): ${(err as Error).message}`,
        );
      }
    }),
  );
  if (newer.length === 0) return { warnings };
  newer.sort();
  return {
    warnings,
    refusal:
      `commit ${ours.slice(0, 12)} is older than what is deployed:\n${newer.map((n) => `  ${n}`).join("\n")}\n` +
      "Deploying it would roll those APIs back (a re-run of an old workflow run does this). " +
      "Nothing was applied. To go back on purpose, run the workflow with `rollback-to`; " +
      "a force-push that resets the branch deploys as usual.",
  };
}
