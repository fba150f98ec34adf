import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
} from "./chunk-U22UCRV2.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-JTPOSMGM.js";
import "./chunk-5ZXHR5OE.js";
export {
  DEFAULT_MOUNT,
  compareFiles,
  findRepoRoot,
  normalizeMode,
  resolveArtifacts
};
