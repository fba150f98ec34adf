import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-ZRT6AH67.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import {
  apisWithArtifacts
} from "./chunk-SUX2H25H.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
};
