import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  findRepoRoot
} from "./chunk-2UD43XG2.js";
import {
  sha256Hex
} from "./chunk-2UFWVGAS.js";

// src/kube/config-id.ts
import path from "node:path";
function configIdForPath(repoRelativePath) {
  const normalized = repoRelativePath.split(path.sep).join("/").replace(/^\.\//, "");
  return sha256Hex(normalized).slice(0, 16);
}
function configIdentity(configFile, explicitId) {
  const absolute = path.resolve(configFile);
  const root = findRepoRoot(path.dirname(absolute));
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  return { id: explicitId ?? configIdForPath(relative), path: relative };
}

export {
  configIdForPath,
  configIdentity
};
