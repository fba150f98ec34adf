import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  computePlan
} from "./chunk-GACIPQ3F.js";
import {
  gitMetadata,
  locatorFor,
  missingTargets
} from "./chunk-OGNQYPIA.js";
import {
  localRefs
} from "./chunk-ZRT6AH67.js";
import {
  refusalMessage,
  renderApis
} from "./chunk-LT4LYPIC.js";
import {
  configIdentity
} from "./chunk-YOXCTENX.js";
import {
  withClient
} from "./chunk-ZF2MBM3L.js";
import {
  DeployError
} from "./chunk-FZVE6M4T.js";

// src/commands/plan.ts
async function plan(opts) {
  const { config, namespace } = opts;
  const refusal = refusalMessage(config.apis);
  if (refusal) throw new DeployError(refusal.replace("Nothing was applied.", "Nothing to plan."));
  const identity = configIdentity(config.file, opts.configId);
  const git = opts.git ?? await gitMetadata(config.dir, process.env);
  const refs = await localRefs(config, opts, opts.warn);
  const rendered = renderApis(config.apis, {
    namespace,
    configId: identity.id,
    configPath: identity.path,
    git,
    artifacts: refs
  });
  return withClient(opts, async (client) => {
    const missing = await missingTargets(client, namespace, config.apis);
    const result = await computePlan(client, {
      namespace,
      rendered,
      configId: identity.id,
      prune: opts.prune,
      locate: locatorFor(config)
    });
    result.errors.push(...missing);
    result.artifacts = await artifactPlans(refs, opts);
    return result;
  });
}
async function artifactPlans(refs, opts) {
  if (refs.size === 0) return [];
  const { checkManifest } = await import("./manifest-check-2B73VPDY.js");
  return Promise.all(
    [...refs].map(async ([api, ref]) => {
      const check = await checkManifest(ref, { endpoint: opts.endpoint, region: opts.region });
      const base = { api, manifest: ref.manifest };
      if (check.ok) return { ...base, state: "present" };
      if (check.missing) return { ...base, state: "upload" };
      if (check.refused)
        return { ...base, state: "refused", code: check.code, note: check.message };
      return { ...base, state: "unchecked", note: check.message };
    })
  );
}

export {
  plan
};
