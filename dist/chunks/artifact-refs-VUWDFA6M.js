import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-3UIH6UQP.js";
import {
  apisWithArtifacts
} from "./chunk-JRR32XU3.js";
import "./chunk-MIIS74OA.js";
import "./chunk-LQ25JPI4.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-DXUXFUHW.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-4RYHZF57.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
};
