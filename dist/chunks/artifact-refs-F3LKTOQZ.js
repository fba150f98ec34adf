import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-3DBW4ETB.js";
import "./chunk-JNG4RPL5.js";
import "./chunk-5APKSHJT.js";
import "./chunk-HDC5WNID.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
};
