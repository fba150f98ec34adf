import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  artifactsRef
} from "./chunk-LT4LYPIC.js";
import {
  apisWithArtifacts,
  artifactsView
} from "./chunk-T3RL4JAD.js";
import {
  DeployError
} from "./chunk-JYJVQZ72.js";
import {
  regionFromEnv
} from "./chunk-VE5DZ3QN.js";

// src/commands/artifact-refs.ts
function bucketNameProblem(bucket) {
  const flags = "(--bucket and --prefix; in the Action, the bucket and prefix inputs)";
  if (/^https?:\/\//i.test(bucket)) {
    return `the bucket "${bucket}" is a URL; give the bucket's name alone, and an S3-compatible endpoint as --s3-endpoint (in the Action, the s3-endpoint input)`;
  }
  const s3Url = /^s3:\/\//i.test(bucket);
  if (s3Url || bucket.includes("/")) {
    const [name = "", ...rest] = bucket.replace(/^s3:\/\//i, "").split("/");
    const path = rest.filter((p) => p !== "").join("/");
    const split = path === "" ? `: "${name}"` : ` and the key path as the prefix: bucket "${name}", prefix "${path}"`;
    return `the bucket "${bucket}" is ${s3Url ? "an S3 URL" : "a path"}; give the bucket's name alone${split} ${flags}`;
  }
  if (/\s/.test(bucket))
    return `the bucket "${bucket}" has white space in it; a bucket name has none`;
  return void 0;
}
function s3Location(config, s3) {
  const needing = apisWithArtifacts(config);
  if (needing.length === 0) return void 0;
  if (!s3.bucket) {
    throw new DeployError(
      `${needing.map((a) => a.name).join(", ")} list${needing.length === 1 ? "s" : ""} artifacts, so an S3 bucket is needed: set --bucket or CORTEX_DEPLOY_BUCKET (in the Action, the \`bucket\` input).`
    );
  }
  const problem = bucketNameProblem(s3.bucket);
  if (problem !== void 0) throw new DeployError(`${problem}.`);
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
  const where = s3Location(config, s3);
  const refs = /* @__PURE__ */ new Map();
  if (where === void 0) return { refs };
  const apis = apisWithArtifacts(config);
  const { uploadArtifacts } = await import("./upload-Y74M33YT.js");
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
async function localRefs(config, s3) {
  const where = s3Location(config, s3);
  const refs = /* @__PURE__ */ new Map();
  if (where === void 0) return refs;
  const apis = apisWithArtifacts(config);
  const [{ resolveArtifacts }, { createHashPool }, { buildManifest }] = await Promise.all([
    import("./resolve-4GPU4LQU.js"),
    import("./hash-L6AAANYC.js"),
    import("./manifest-write-YL3X3GYY.js")
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
  bucketNameProblem,
  s3Location,
  uploadRefs,
  localRefs
};
