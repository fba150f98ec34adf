import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-XKOWO64O.js";
import "./chunk-DUXG2NWM.js";
import "./chunk-E4RZ2ZAL.js";
import "./chunk-SR6BPKUP.js";
import "./chunk-KBN455TY.js";
import "./chunk-KHBZCADU.js";
import "./chunk-JV4CEZL6.js";
import "./chunk-52FBRUZ2.js";
import "./chunk-G64I23XW.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-AWUU6KBZ.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-POE4W5PP.js";
import "./chunk-ZIZXTXUZ.js";
import "./chunk-TD6JBESK.js";
import "./chunk-K72GEYXI.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-BJT667HP.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-WTPEHKLK.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-ONYTPDX2.js";
import "./chunk-5UPG5FBY.js";
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
  endpointUrl,
  planStep,
  runPlanCommand
};
