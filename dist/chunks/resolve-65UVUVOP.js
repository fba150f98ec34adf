import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
} from "./chunk-EEXP2E6B.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-5ZXHR5OE.js";
export {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
};
