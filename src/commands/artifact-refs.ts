// Each RealtimeAPI's artifact reference: deploy uploads (the upload command's code) and names the
// manifest it wrote; plan only hashes the files, since the hash is all the spec needs and a plan
// must not write anywhere. The artifact code (and the S3 client) loads only when an API has
// artifacts, so deploys without them start faster.
import { checkBucketName } from "../artifacts/bucket-name.ts";
import type { ManifestFile } from "../artifacts/manifest.ts";
import type { UploadSummary } from "../artifacts/progress.ts";
import { regionFromEnv } from "../artifacts/region.ts";
import type { CortexConfig } from "../config/index.ts";
import { DeployError } from "../kube/errors.ts";
import { artifactsRef, type S3Location } from "../kube/render.ts";
import type { ArtifactsRef } from "../kube/resource.ts";
import { apisWithArtifacts, artifactsView } from "./artifact-view.ts";
import type { S3Options } from "./common.ts";

export { apisWithArtifacts };

/**
 * The S3 location, or a clear error when an API has artifacts and no usable bucket was given;
 * `warn` hears of a name only an old bucket may have.
 */
export function s3Location(
  config: CortexConfig,
  s3: S3Options,
  warn: (line: string) => void = () => {},
): S3Location | undefined {
  const needing = apisWithArtifacts(config);
  if (needing.length === 0) return undefined;
  if (!s3.bucket) {
    throw new DeployError(
      `${needing.map((a) => a.name).join(", ")} list${needing.length === 1 ? "s" : ""} artifacts, ` +
        "so an S3 bucket is needed: set --bucket or CORTEX_DEPLOY_BUCKET (in the Action, the `bucket` input).",
    );
  }
  checkBucketName(s3.bucket, warn);
  return {
    bucket: s3.bucket,
    prefix: s3.prefix,
    // The region the upload uses, so the pods' downloader, which may have no AWS_REGION, uses it.
    region: s3.region || regionFromEnv(),
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
  };
}

export interface UploadedRefs {
  refs: Map<string, ArtifactsRef>;
  summary?: UploadSummary;
}

export async function uploadRefs(
  config: CortexConfig,
  s3: S3Options,
  log: (line: string) => void,
): Promise<UploadedRefs> {
  const where = s3Location(config, s3, (odd) => log(`warning: ${odd}`));
  const refs = new Map<string, ArtifactsRef>();
  if (where === undefined) return { refs };
  const apis = apisWithArtifacts(config);
  const { uploadArtifacts } = await import("./upload.ts");
  const result = await uploadArtifacts({
    config: artifactsView(config, apis),
    bucket: where.bucket,
    prefix: where.prefix,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    concurrency: s3.uploadConcurrency,
    log,
    signal: s3.signal,
  });
  const byName = new Map(apis.map((a) => [a.name, a]));
  for (const r of result.apis) {
    const api = byName.get(r.name);
    if (api) refs.set(r.name, artifactsRef(api, r.manifest, where));
  }
  return { refs, summary: result.summary };
}

/** The manifest hashes deploy would upload, computed locally. */
export async function localRefs(
  config: CortexConfig,
  s3: S3Options,
  warn?: (line: string) => void,
): Promise<Map<string, ArtifactsRef>> {
  const where = s3Location(config, s3, warn);
  const refs = new Map<string, ArtifactsRef>();
  if (where === undefined) return refs;
  const apis = apisWithArtifacts(config);
  const [{ resolveArtifacts }, { createHashPool }, { buildManifest }] = await Promise.all([
    import("../artifacts/resolve.ts"),
    import("../artifacts/hash.ts"),
    import("../artifacts/manifest-write.ts"),
  ]);
  const resolved = await resolveArtifacts(artifactsView(config, apis));
  const pool = createHashPool();
  try {
    const byName = new Map(apis.map((a) => [a.name, a]));
    for (const api of resolved) {
      const config = byName.get(api.name);
      if (!config || api.files.length === 0) continue;
      const files: ManifestFile[] = await Promise.all(
        api.files.map(async (f) => {
          const d = await pool.hash(f.source, f.size);
          return { path: f.path, mount: f.mount, sha256: d.sha256, size: d.size, mode: f.mode };
        }),
      );
      refs.set(api.name, artifactsRef(config, buildManifest(where.prefix, files).sha256, where));
    }
  } finally {
    await pool.close();
  }
  return refs;
}
