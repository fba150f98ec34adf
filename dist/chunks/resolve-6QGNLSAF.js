import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
} from "./chunk-GXGAZ2QD.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-4IAASZCI.js";
import "./chunk-5ZXHR5OE.js";
export {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
};
