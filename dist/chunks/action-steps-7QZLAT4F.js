import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  endpointUrl,
  planStep,
  runPlanCommand
} from "./chunk-QCZ4WDKF.js";
import "./chunk-3T4OKPIS.js";
import "./chunk-NJAURRWY.js";
import "./chunk-TOUTH3KX.js";
import "./chunk-NSDZKYTQ.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-YIYP4Y5E.js";
import "./chunk-SK6ARP4O.js";
import "./chunk-OKNXQM4Z.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-GJTXB5GE.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-4LXGDSD2.js";
import "./chunk-CC722A6T.js";
import "./chunk-GAG6NEEA.js";
import "./chunk-L7FMGZYY.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-JIAOWVZR.js";
import "./chunk-O5ASGKOR.js";
import "./chunk-JRR32XU3.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-4SQES3UX.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-USP2LHNV.js";
import "./chunk-AFPXDAIS.js";
import "./chunk-ZJ24YRQ5.js";
import "./chunk-B7OOKQJF.js";
import "./chunk-GMWZZHGP.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-332YSSNY.js";
import "./chunk-RVCX6DLI.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  endpointUrl,
  planStep,
  runPlanCommand
};
