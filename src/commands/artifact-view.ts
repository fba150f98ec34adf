// The slice of cortex.yaml the artifact code reads, and validate's check of the artifact paths.
// Kept apart from artifact-refs.ts so validate loads neither the Kubernetes nor the S3 client.
import type { ArtifactsConfig } from "../artifacts/types.ts";
import type { ConfigError, CortexConfig, LoadResult, RealtimeApiConfig } from "../config/index.ts";

export function apisWithArtifacts(config: CortexConfig): RealtimeApiConfig[] {
  return config.apis.filter(
    (a): a is RealtimeApiConfig => a.kind === "RealtimeAPI" && a.artifacts.length > 0,
  );
}

/**
 * A loaded cortex.yaml checked further for what only the disk can tell: artifact paths that match
 * nothing, leave the repository or collide. Validate reports these as it reports the schema's, so
 * a push is not the first to find them. Nothing is hashed.
 */
export async function withArtifactsChecked(loaded: LoadResult): Promise<LoadResult> {
  if (!loaded.ok) return loaded;
  const apis = apisWithArtifacts(loaded.config);
  if (apis.length === 0) return loaded;
  const [{ resolveArtifacts }, { ArtifactConfigError }] = await Promise.all([
    import("../artifacts/resolve.ts"),
    import("../artifacts/errors.ts"),
  ]);
  try {
    await resolveArtifacts(artifactsView(loaded.config, apis));
    return loaded;
  } catch (err) {
    if (!(err instanceof ArtifactConfigError)) throw err;
    const errors: ConfigError[] = err.errors.map((e) => ({ ...e }));
    return { ok: false, errors, warnings: loaded.warnings };
  }
}

/** Config restricted to the APIs with artifacts, in the shape the uploader reads. */
export function artifactsView(
  config: CortexConfig,
  apis: readonly RealtimeApiConfig[],
): ArtifactsConfig {
  // `apis` skips the APIs without artifacts; errors must still point at the right one.
  const indexed = apis.map((api) => ({ ...api, index: config.apis.indexOf(api) }));
  return { file: config.file, dir: config.dir, apis: indexed, locate: config.locate };
}
