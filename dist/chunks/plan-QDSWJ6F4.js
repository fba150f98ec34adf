import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-4DAQPE6A.js";
import "./chunk-GACIPQ3F.js";
import "./chunk-OGNQYPIA.js";
import "./chunk-CVHTUD5U.js";
import "./chunk-UWZLKIEG.js";
import "./chunk-JV4CEZL6.js";
import "./chunk-EQ45TEFW.js";
import "./chunk-XYJMAW5Z.js";
import "./chunk-BSK7IOA7.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-ZRT6AH67.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-TD6JBESK.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-YOXCTENX.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-SUX2H25H.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-EEXP2E6B.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-5UPG5FBY.js";
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
  plan
};
