import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  gc
} from "./chunk-5TJDL3JA.js";
import "./chunk-S6A6OYJH.js";
import "./chunk-B36SQAF3.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-QQHKHRHG.js";
import "./chunk-AS56ZB3R.js";
import "./chunk-BUGBPGEU.js";
import "./chunk-R24KJZDK.js";
import "./chunk-GTOC5ZKG.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-CMLN5EX3.js";
import "./chunk-332YSSNY.js";
import "./chunk-LLRDR4D5.js";
import "./chunk-454V2JIS.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  gc
};
