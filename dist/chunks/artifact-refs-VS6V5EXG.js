import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-IS2XPXDN.js";
import "./chunk-6UPLSDH3.js";
import "./chunk-4WTDKO2W.js";
import "./chunk-JHSAL5PI.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
};
