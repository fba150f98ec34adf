import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  ANNOTATIONS
} from "./chunk-332YSSNY.js";

// src/kube/rollback-mark.ts
var ROLLBACK_MARK_ANNOTATIONS = [
  ANNOTATIONS.rollbackOf,
  ANNOTATIONS.rolledBackBy,
  ANNOTATIONS.rollbackRunUrl
];
function rollbackAnnotations(mark) {
  const out = { [ANNOTATIONS.rollbackOf]: String(mark.revision) };
  if (mark.actor) out[ANNOTATIONS.rolledBackBy] = mark.actor;
  if (mark.runUrl) out[ANNOTATIONS.rollbackRunUrl] = mark.runUrl;
  return out;
}
function readRollbackMark(annotations) {
  const a = annotations ?? {};
  const of = a[ANNOTATIONS.rollbackOf];
  if (of === void 0 || !/^\d+$/.test(of)) return void 0;
  const mark = { revision: Number(of) };
  if (a[ANNOTATIONS.rolledBackBy]) mark.actor = a[ANNOTATIONS.rolledBackBy];
  if (a[ANNOTATIONS.rollbackRunUrl]) mark.runUrl = a[ANNOTATIONS.rollbackRunUrl];
  return mark;
}
function describeRollback(mark) {
  return `rollback to ${mark.revision}` + (mark.actor ? ` by ${mark.actor}` : "") + (mark.runUrl ? `, ${mark.runUrl}` : "");
}

export {
  ROLLBACK_MARK_ANNOTATIONS,
  rollbackAnnotations,
  readRollbackMark,
  describeRollback
};
