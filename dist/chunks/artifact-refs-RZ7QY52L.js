import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-YZQ6ELBS.js";
import "./chunk-3DMJP7RN.js";
import "./chunk-TF6QFQ4V.js";
import "./chunk-RIRWRMTC.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
};
