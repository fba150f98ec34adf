import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  plan
} from "./chunk-QUGXB5O4.js";
import "./chunk-SFSY7SZX.js";
import "./chunk-2SFTIYMU.js";
import "./chunk-LN3FCBQL.js";
import "./chunk-NDWEX6FV.js";
import "./chunk-JV4CEZL6.js";
import "./chunk-Z5N4UBJR.js";
import "./chunk-53XXCAAU.js";
import "./chunk-5JMQ7LUJ.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-IZXNXFDN.js";
import "./chunk-LT4LYPIC.js";
import "./chunk-J6NCMGA2.js";
import "./chunk-TD6JBESK.js";
import "./chunk-G4TVXNY4.js";
import "./chunk-LYJWYY25.js";
import "./chunk-IJQPKFB2.js";
import "./chunk-ZBB4VLNY.js";
import "./chunk-3PPBRAAG.js";
import "./chunk-3N4HTFBA.js";
import "./chunk-5UPG5FBY.js";
import "./chunk-BCMFZ37F.js";
import "./chunk-KA24AOKZ.js";
import "./chunk-44FFRA3Q.js";
import "./chunk-3PKWYSW7.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-TCZGVXT6.js";
import "./chunk-EPVDL62P.js";
import "./chunk-YHS6YUQK.js";
import "./chunk-332YSSNY.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  plan
};
