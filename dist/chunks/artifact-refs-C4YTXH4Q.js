import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-XFCUDUOJ.js";
import "./chunk-CSNZHIMR.js";
import "./chunk-XI6MGQ3C.js";
import "./chunk-5KSCQY2O.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
};
