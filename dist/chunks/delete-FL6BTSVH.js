import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  deleteApis,
  selectForDelete
} from "./chunk-TXIHUOS4.js";
import "./chunk-YBTXVF7M.js";
import "./chunk-TRAC7J73.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-FRWRDC5O.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-WR62DIA3.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-M27PJ6NQ.js";
import "./chunk-OQU3YSMS.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-76MV7B3H.js";
import "./chunk-PU3PLDT3.js";
import "./chunk-FZVE6M4T.js";
import "./chunk-6XWRUFJL.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  deleteApis,
  selectForDelete
};
