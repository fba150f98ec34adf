import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
} from "./chunk-4SQES3UX.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-USP2LHNV.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-5ZXHR5OE.js";
export {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
};
