import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  reportRevision
} from "./chunk-ERZOKR56.js";
import {
  setOutput
} from "./chunk-F5P7TITF.js";

// src/github/outputs.ts
function outputStatus(a) {
  if (a.state !== void 0) return a.state;
  return a.action === "unchanged" ? "up to date" : a.action === "delete" ? "deleted" : "applied";
}
function outputsFor(report) {
  const revision = reportRevision(report);
  return {
    revision: revision === void 0 ? "" : String(revision),
    apis: JSON.stringify(
      report.apis.map((a) => ({
        name: a.name,
        kind: a.kind,
        status: outputStatus(a),
        endpoint: a.endpoint,
        revision: a.revision ?? null
      }))
    ),
    endpoint: report.apis[0]?.endpoint ?? "",
    namespace: report.namespace,
    "uploaded-files": String(report.artifacts?.uploadedFiles ?? 0),
    "uploaded-bytes": String(report.artifacts?.uploadedBytes ?? 0),
    "skipped-files": String(report.artifacts?.skippedFiles ?? 0),
    "preview-url": report.previewUrl ?? ""
  };
}
function setOutputs(report, extra = {}) {
  const keep = report.failure !== void 0 && report.apis.length === 0;
  for (const [name, value] of Object.entries({ ...outputsFor(report), ...extra })) {
    if (keep && (name === "apis" || name === "endpoint")) continue;
    setOutput(name, value);
  }
}

export {
  outputsFor,
  setOutputs
};
