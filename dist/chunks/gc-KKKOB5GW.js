import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  gc
} from "./chunk-IBAFYQIT.js";
import "./chunk-S6A6OYJH.js";
import "./chunk-Y2LMNQ7K.js";
import "./chunk-EQ45TEFW.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-ZF2MBM3L.js";
import "./chunk-7VA77F3F.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-VQJSBGHP.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  gc
};
