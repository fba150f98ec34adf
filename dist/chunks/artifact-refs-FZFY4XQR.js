import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-TE2ENVXC.js";
import {
  apisWithArtifacts
} from "./chunk-RXOSCHL7.js";
import "./chunk-M3EZSDZR.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-22LOABTM.js";
import "./chunk-PUABCNCY.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
};
