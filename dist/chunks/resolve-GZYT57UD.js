import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
} from "./chunk-ONYTPDX2.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-LLRDR4D5.js";
import "./chunk-454V2JIS.js";
import "./chunk-5ZXHR5OE.js";
export {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
};
