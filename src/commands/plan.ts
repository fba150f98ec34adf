// `plan` (CLI and the Action's `command: plan`): what deploy would change, checked by the API
// server with a dry-run apply and shown as a diff per object. Writes nothing, uploads nothing.
import type { CortexConfig } from "../config/index.ts";
import { configIdentity } from "../kube/config-id.ts";
import { DeployError } from "../kube/errors.ts";
import { type GitMetadata, gitMetadata } from "../kube/git-meta.ts";
import { type ArtifactPlan, computePlan, type Plan } from "../kube/plan.ts";
import { refusalMessage, renderApis } from "../kube/render.ts";
import type { ArtifactsRef } from "../kube/resource.ts";
import { localRefs } from "./artifact-refs.ts";
import { type ClusterOptions, type S3Options, withClient } from "./common.ts";
import { locatorFor } from "./deploy.ts";
import { missingTargets } from "./targets.ts";

export interface PlanCommandOptions extends ClusterOptions, S3Options {
  config: CortexConfig;
  prune: boolean;
  configId?: string | undefined;
  git?: GitMetadata | undefined;
  /** Hears what is odd but not fatal (a bucket name only an old bucket may have). */
  warn?: ((line: string) => void) | undefined;
}

export async function plan(opts: PlanCommandOptions): Promise<Plan> {
  const { config, namespace } = opts;
  const refusal = refusalMessage(config.apis);
  if (refusal) throw new DeployError(refusal.replace("Nothing was applied.", "Nothing to plan."));
  const identity = configIdentity(config.file, opts.configId);
  const git = opts.git ?? (await gitMetadata(config.dir, process.env));
  const refs = await localRefs(config, opts, opts.warn);
  const rendered = renderApis(config.apis, {
    namespace,
    configId: identity.id,
    configPath: identity.path,
    git,
    artifacts: refs,
  });
  return withClient(opts, async (client) => {
    const missing = await missingTargets(client, namespace, config.apis);
    const result = await computePlan(client, {
      namespace,
      rendered,
      configId: identity.id,
      prune: opts.prune,
      locate: locatorFor(config),
    });
    result.errors.push(...missing);
    result.artifacts = await artifactPlans(refs, opts);
    return result;
  });
}

/**
 * Whether deploy would upload each API's artifacts: a HEAD of its manifest, which deploy writes
 * last. Read-only. A plan may run where S3 cannot be asked (a pull request from a fork has no
 * credentials) or does not answer: that is shown and the plan passes. When S3 answers with a
 * refusal (no such bucket, access denied), deploy would get it too: the plan fails.
 */
async function artifactPlans(
  refs: ReadonlyMap<string, ArtifactsRef>,
  opts: S3Options,
): Promise<ArtifactPlan[]> {
  if (refs.size === 0) return [];
  const { checkManifest } = await import("../kube/manifest-check.ts");
  return Promise.all(
    [...refs].map(async ([api, ref]): Promise<ArtifactPlan> => {
      const check = await checkManifest(ref, { endpoint: opts.endpoint, region: opts.region });
      const base = { api, manifest: ref.manifest };
      if (check.ok) return { ...base, state: "present" };
      if (check.missing) return { ...base, state: "upload" };
      if (check.refused)
        return { ...base, state: "refused", code: check.code, note: check.message };
      return { ...base, state: "unchecked", note: check.message };
    }),
  );
}
