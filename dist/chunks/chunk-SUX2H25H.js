import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/commands/artifact-view.ts
function apisWithArtifacts(config) {
  return config.apis.filter(
    (a) => a.kind === "RealtimeAPI" && a.artifacts.length > 0
  );
}
async function withArtifactsChecked(loaded) {
  if (!loaded.ok) return loaded;
  const apis = apisWithArtifacts(loaded.config);
  if (apis.length === 0) return loaded;
  const [{ resolveArtifacts }, { ArtifactConfigError }] = await Promise.all([
    import("./resolve-65UVUVOP.js"),
    import("./errors-RK3EDBC7.js")
  ]);
  try {
    await resolveArtifacts(artifactsView(loaded.config, apis));
    return loaded;
  } catch (err) {
    if (!(err instanceof ArtifactConfigError)) throw err;
    const errors = err.errors.map((e) => ({ ...e }));
    return { ok: false, errors, warnings: loaded.warnings };
  }
}
function artifactsView(config, apis) {
  const indexed = apis.map((api) => ({ ...api, index: config.apis.indexOf(api) }));
  return { file: config.file, dir: config.dir, apis: indexed, locate: config.locate };
}

export {
  apisWithArtifacts,
  withArtifactsChecked,
  artifactsView
};
