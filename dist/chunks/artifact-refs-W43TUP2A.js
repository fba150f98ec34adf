import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-DADM663J.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import {
  apisWithArtifacts
} from "./chunk-T3RL4JAD.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-JYJVQZ72.js";
import "./chunk-MMNFD47T.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
};
