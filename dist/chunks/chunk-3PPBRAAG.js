import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  specIdentity
} from "./chunk-332YSSNY.js";

// src/kube/hash.ts
import { createHash } from "node:crypto";
function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
function sha256Hex(text) {
  return createHash("sha256").update(text).digest("hex");
}
function specHash(spec, labels) {
  return sha256Hex(canonicalJson({ spec: specIdentity(spec), labels }));
}

export {
  sha256Hex,
  specHash
};
