// Bundles the Action (dist/index.js), the CLI (dist/cli.js) and the controller image's single entry
// point (controller/dist/main.js) with esbuild. `--check` builds into a temporary folder and fails
// when the committed dist/ differs from a fresh build.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const check = process.argv.includes("--check");

// Bundled CommonJS dependencies call require(); ESM output needs one.
const requireShim =
  "import { createRequire as __cdCreateRequire } from 'node:module';\n" +
  "const require = __cdCreateRequire(import.meta.url);";

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  banner: { js: requireShim },
  legalComments: "none",
  logLevel: "warning",
  // Keep output identical across machines: no absolute paths, stable chunk names.
  chunkNames: "chunks/[name]-[hash]",
};

async function build(distDir, controllerDistDir) {
  // The Action and the CLI share chunks; heavy clients (Kubernetes, S3) are imported lazily so
  // that `validate` starts fast.
  await esbuild.build({
    ...common,
    entryPoints: { index: "src/index.ts", cli: "src/cli-main.ts" },
    outdir: distDir,
    splitting: true,
  });
  await esbuild.build({
    ...common,
    entryPoints: { main: "controller/src/main.ts" },
    outdir: controllerDistDir,
  });
}

async function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full));
  }
  return out.sort();
}

if (check) {
  const tmp = await mkdtemp(path.join(tmpdir(), "cortex-deploy-dist-"));
  try {
    await build(path.join(tmp, "dist"), path.join(root, "controller", "dist"));
    const fresh = await listFiles(path.join(tmp, "dist"));
    const committed = await listFiles(path.join(root, "dist")).catch(() => []);
    const problems = [];
    for (const f of fresh) {
      if (!committed.includes(f)) problems.push(`missing from dist/: ${f}`);
      else {
        const [a, b] = await Promise.all([
          readFile(path.join(tmp, "dist", f)),
          readFile(path.join(root, "dist", f)),
        ]);
        if (!a.equals(b)) problems.push(`differs from a fresh build: dist/${f}`);
      }
    }
    for (const f of committed) if (!fresh.includes(f)) problems.push(`stale file in dist/: ${f}`);
    if (problems.length > 0) {
      console.error(problems.join("\n"));
      console.error("dist/ is stale: run `npm run build` and commit dist/.");
      process.exitCode = 1;
    } else {
      console.log(`dist/ matches a fresh build (${fresh.length} files)`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
} else {
  await rm(path.join(root, "dist"), { recursive: true, force: true });
  await build(path.join(root, "dist"), path.join(root, "controller", "dist"));
  console.log("built dist/ and controller/dist/");
}
