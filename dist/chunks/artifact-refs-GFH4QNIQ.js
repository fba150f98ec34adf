import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  bucketNameProblem,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-GGASQBG3.js";
import {
  apisWithArtifacts
} from "./chunk-FNV5POFL.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-65QILXQ2.js";
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
