import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  localRefs,
  s3Location,
  uploadRefs
} from "./chunk-AWUU6KBZ.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import {
  apisWithArtifacts
} from "./chunk-WTPEHKLK.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BUGBPGEU.js";
import "./chunk-R24KJZDK.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-454V2JIS.js";
import "./chunk-5ZXHR5OE.js";
export {
  apisWithArtifacts,
  localRefs,
  s3Location,
  uploadRefs
};
