import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/artifacts/region.ts
function regionFromEnv(env = process.env) {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || void 0;
}

export {
  regionFromEnv
};
