import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  gitMetadata,
  locatorFor,
  missingTargets
} from "./chunk-BTUMMAXM.js";
import {
  localRefs
} from "./chunk-5Q5V3HOQ.js";
import {
  configIdentity
} from "./chunk-GMTD5YWP.js";
import {
  withClient
} from "./chunk-5QPRQZQV.js";
import {
  computePlan
} from "./chunk-MWUQDB75.js";
import {
  refusalMessage,
  renderApis
} from "./chunk-2UFWVGAS.js";
import {
  DeployError
} from "./chunk-ZCC5ZNP4.js";

// src/commands/plan.ts
async function plan(opts) {
  const { config, namespace } = opts;
  const refusal = refusalMessage(config.apis);
  if (refusal) throw new DeployError(refusal.replace("Nothing was applied.", "Nothing to plan."));
  const identity = configIdentity(config.file, opts.configId);
  const git = opts.git ?? await gitMetadata(config.dir, process.env);
  const refs = await localRefs(config, opts);
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
    return result;
  });
}

export {
  plan
};
