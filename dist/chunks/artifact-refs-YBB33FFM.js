import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-WA65AIC4.js";
import "./chunk-CSNZHIMR.js";
import "./chunk-7UF6UVQM.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
};
