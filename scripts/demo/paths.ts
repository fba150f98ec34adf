// Where things are, relative to this repository.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const exampleDir = path.join(repoRoot, "examples", "iris");
export const python = path.join(repoRoot, ".venv", "bin", "python");
export const controllerBundle = path.join(repoRoot, "controller", "dist", "main.js");
export const imageMaps = [
  path.join(exampleDir, "sandbox-images.yaml"),
  path.join(repoRoot, "controller", "sandbox-images.yaml"),
];
export const defaultReportDir = path.join(repoRoot, "demo-report");
