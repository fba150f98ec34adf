import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  artifactsRef
} from "./chunk-LT4LYPIC.js";
import {
  apisWithArtifacts,
  artifactsView
} from "./chunk-SUX2H25H.js";
import {
  regionFromEnv
} from "./chunk-VE5DZ3QN.js";
import {
  checkBucketName
} from "./chunk-PU3PLDT3.js";
import {
  DeployError
} from "./chunk-FZVE6M4T.js";

// src/commands/artifact-refs.ts
function s3Location(config, s3, warn = () => {
}) {
  const needing = apisWithArtifacts(config);
  if (needing.length === 0) return void 0;
  if (!s3.bucket) {
    throw new DeployError(
      `${needing.map((a) => a.name).join(", ")} list${needing.length === 1 ? "s" : ""} artifacts, so an S3 bucket is needed: set --bucket or CORTEX_DEPLOY_BUCKET (in the Action, the \`bucket\` input).`
    );
  }
  checkBucketName(s3.bucket, warn);
  return {
    bucket: s3.bucket,
    prefix: s3.prefix,
    // The region the upload uses, so the pods' downloader, which may have no AWS_REGION, uses it.
    region: s3.region || regionFromEnv(),
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle
  };
}
async function uploadRefs(config, s3, log) {
  const where = s3Location(config, s3, (odd) => log(`warning: ${odd}`));
  const refs = /* @__PURE__ */ new Map();
  if (where === void 0) return { refs };
  const apis = apisWithArtifacts(config);
  const { uploadArtifacts } = await import("./upload-6NG4WJ3R.js");
  const result = await uploadArtifacts({
    config: artifactsView(config, apis),
    bucket: where.bucket,
    prefix: where.prefix,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    concurrency: s3.uploadConcurrency,
    log,
    signal: s3.signal
  });
  const byName = new Map(apis.map((a) => [a.name, a]));
  for (const r of result.apis) {
    const api = byName.get(r.name);
    if (api) refs.set(r.name, artifactsRef(api, r.manifest, where));
  }
  return { refs, summary: result.summary };
}
async function localRefs(config, s3, warn) {
  const where = s3Location(config, s3, warn);
  const refs = /* @__PURE__ */ new Map();
  if (where === void 0) return refs;
  const apis = apisWithArtifacts(config);
  const [{ resolveArtifacts }, { createHashPool }, { buildManifest }] = await Promise.all([
    import("./resolve-65UVUVOP.js"),
    import("./hash-Q3RAX7YY.js"),
    import("./manifest-write-MM5XAHWO.js")
  ]);
  const resolved = await resolveArtifacts(artifactsView(config, apis));
  const pool = createHashPool();
  try {
    const byName = new Map(apis.map((a) => [a.name, a]));
    for (const api of resolved) {
      const config2 = byName.get(api.name);
      if (!config2 || api.files.length === 0) continue;
      const files = await Promise.all(
        api.files.map(async (f) => {
          const d = await pool.hash(f.source, f.size);
          return { path: f.path, mount: f.mount, sha256: d.sha256, size: d.size, mode: f.mode };
        })
      );
      refs.set(api.name, artifactsRef(config2, buildManifest(where.prefix, files).sha256, where));
    }
  } finally {
    await pool.close();
  }
  return refs;
}

export {
  s3Location,
  uploadRefs,
  localRefs
};
