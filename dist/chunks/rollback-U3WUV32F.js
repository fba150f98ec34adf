import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  rollback
} from "./chunk-SLNP2NOH.js";
import "./chunk-6MNX76FN.js";
import "./chunk-D7K62HWL.js";
import "./chunk-XHVOBQAV.js";
import "./chunk-EJ3R4IMW.js";
import "./chunk-IEEP46LX.js";
import "./chunk-A6YXORES.js";
import "./chunk-VP4HWAEJ.js";
import "./chunk-I7U37745.js";
import "./chunk-3WY2JRIN.js";
import "./chunk-CDJ24ZCD.js";
import "./chunk-OJ5DXWPU.js";
import "./chunk-R7UXBKNO.js";
import "./chunk-E5ZOTLEY.js";
import "./chunk-VEHN3BLQ.js";
import "./chunk-2UFWVGAS.js";
import "./chunk-333GHZRX.js";
import "./chunk-YB5KCKJP.js";
import "./chunk-EZYHZWNQ.js";
import "./chunk-65QILXQ2.js";
import "./chunk-PUABCNCY.js";
import "./chunk-R4J5LWM6.js";
import "./chunk-2B7W3GXR.js";
import "./chunk-VE5DZ3QN.js";
import "./chunk-7P5KE4UV.js";
import "./chunk-GQRYKDSJ.js";
import "./chunk-5ZXHR5OE.js";
export {
  rollback
};
