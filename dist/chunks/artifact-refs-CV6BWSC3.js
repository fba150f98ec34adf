import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-LEP6M7RH.js";
import {
  apisWithArtifacts
} from "./chunk-P4D3AXWM.js";
import "./chunk-WBGEU65H.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-4RYHZF57.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
};
