import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  error,
  setFailed,
  setSecret,
  summary,
  warning
} from "./chunk-F5P7TITF.js";
import {
  cell,
  codeCell,
  codeSpan,
  escapeHtml,
  inlineText,
  quoteBlock
} from "./chunk-TD6JBESK.js";
import {
  describeConfigError,
  formatConfigError
} from "./chunk-A5T5TBQU.js";

// src/github/run-context.ts
function runContextFromEnv(env, cwd, payload) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const fromPayload = payload?.repository?.id;
  const id = (env.GITHUB_REPOSITORY_ID ?? "").trim() || String(fromPayload ?? "");
  const [owner = "", repo = ""] = repository.split("/");
  const serverUrl = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "");
  const runUrl = repository && env.GITHUB_RUN_ID ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` : "";
  return {
    repository,
    repositoryId: /^[0-9]{1,20}$/.test(id) ? id : "",
    owner,
    repo,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/$/, ""),
    runUrl,
    actor: env.GITHUB_ACTOR ?? "",
    sha: env.GITHUB_SHA ?? "",
    workspace: env.GITHUB_WORKSPACE || cwd,
    runnerTemp: env.RUNNER_TEMP || ""
  };
}
function commitLink(ctx, sha) {
  const short = sha.slice(0, 7);
  if (sha === "") return "-";
  if (ctx.repository === "") return `\`${short}\``;
  return `[\`${short}\`](${ctx.serverUrl}/${ctx.repository}/commit/${sha})`;
}

// src/github/format.ts
function formatBytes(bytes) {
  if (bytes < 1e3) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1e3) break;
    value /= 1e3;
    unit = u;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}
function formatSeconds(seconds) {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m}m ${String(s).padStart(2, "0")}s`;
}
function endpointCell(endpoint) {
  if (endpoint === "") return "-";
  if (/^https?:\/\/[^\s<>|`\\]*$/.test(endpoint)) return endpoint;
  return codeCell(endpoint);
}
var STATUS_ICON = {
  ready: "\u2705",
  failed: "\u274C",
  rolledBack: "\u21A9\uFE0F",
  progressing: "\u23F3",
  pending: "\u23F3"
};
function statusText(state, fallback) {
  if (state === void 0) return fallback;
  const words = {
    ready: "Ready",
    failed: "Failed",
    rolledBack: "Rolled back",
    progressing: "Progressing",
    pending: "Pending"
  };
  const icon = STATUS_ICON[state];
  return `${icon ? `${icon} ` : ""}${words[state] ?? state}`;
}
function formatUtc(date) {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

// src/github/masked.ts
var MIN_MASKED_LENGTH = 4;
var REDACTED = "***";
function maskedLines(value) {
  return value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length >= MIN_MASKED_LENGTH);
}
var MIN_BASE64_FORM = 8;
function base64Forms(value) {
  const bytes = Buffer.from(value, "utf8");
  const forms = [];
  for (const skip of [0, 1, 2]) {
    const rest = bytes.subarray(skip);
    const whole = Math.floor(rest.length / 3) * 4 + rest.length % 3;
    const form = rest.toString("base64").slice(0, whole);
    if (form.length >= MIN_BASE64_FORM) forms.push(form);
  }
  return forms;
}
function encodings(value) {
  return [
    value,
    inlineText(value),
    escapeHtml(value),
    value.replaceAll("|", "\\|"),
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    ...base64Forms(value)
  ];
}
var MaskedValues = class {
  constructor(setSecret2) {
    this.setSecret = setSecret2;
  }
  setSecret;
  values = /* @__PURE__ */ new Set();
  /** Every encoding of every value, longest first; rebuilt after a value is added. */
  patterns;
  /** Masks each line of `value` in the job log and remembers it for `redact`. */
  add(value) {
    for (const line of maskedLines(value)) {
      this.setSecret(line);
      if (this.values.has(line)) continue;
      this.values.add(line);
      this.patterns = void 0;
    }
  }
  /**
   * `text` with every masked value replaced by ***. Longest first, so a value that contains
   * another is replaced whole rather than leaving its rest behind.
   */
  redact(text) {
    if (this.values.size === 0 || text === "") return text;
    this.patterns ??= [...new Set([...this.values].flatMap(encodings))].sort(
      (a, b) => b.length - a.length
    );
    let out = text;
    for (const pattern of this.patterns) out = out.replaceAll(pattern, REDACTED);
    return out;
  }
};
var masked = new MaskedValues((value) => setSecret(value));
function mask(value) {
  masked.add(value);
}
function redact(text) {
  return masked.redact(text);
}
function redactDeep(value) {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)]));
  }
  return value;
}

// src/github/run-report.ts
function reportRevision(report) {
  return report.apis.find((a) => a.kind === "RealtimeAPI" && a.revision !== void 0)?.revision;
}
function formatReplicas(r) {
  if (r === void 0) return "-";
  const parts = [];
  if (r.ready !== void 0 || r.desired !== void 0) {
    parts.push(`${r.ready ?? 0}/${r.desired ?? "?"} ready`);
  }
  if (r.min !== void 0 && r.max !== void 0) {
    parts.push(r.min === r.max ? `${r.min}` : `${r.min}\u2013${r.max}`);
  }
  return parts.length === 0 ? "-" : parts.join(" \xB7 ");
}

// src/github/summary.ts
function renderSummary(report, ctx) {
  const failed = report.failure !== void 0;
  const lines = [
    `## ${failed ? "\u274C " : ""}${inlineText(report.title)}${failed ? " failed" : ""}`,
    ""
  ];
  const facts = [];
  if (report.namespace) facts.push(`Namespace ${codeSpan(report.namespace)}`);
  if (report.commit) facts.push(`commit ${commitLink(ctx, report.commit)}`);
  const revision = reportRevision(report);
  if (revision !== void 0) facts.push(`revision ${revision}`);
  if (report.previewUrl) facts.push(`preview ${report.previewUrl}`);
  if (facts.length > 0) lines.push(`${facts.join(" \xB7 ")}`, "");
  if (failed) lines.push(quoteBlock(report.failure ?? ""), "");
  if (report.apis.length > 0) {
    lines.push(
      "| API | kind | change | status | revision | replicas | endpoint |",
      "|---|---|---|---|---|---|---|",
      ...report.apis.map(
        (a2) => `| ${cell(a2.name)} | ${a2.kind} | ${a2.change} | ${statusText(a2.state, "-")} | ${a2.revision ?? "-"} | ${formatReplicas(a2.replicas)} | ${endpointCell(a2.endpoint)} |`
      ),
      ""
    );
  }
  const a = report.artifacts;
  if (a) {
    lines.push(
      `**Artifacts:** ${a.uploadedFiles} uploaded (${formatBytes(a.uploadedBytes)}), ${a.skippedFiles} skipped, already in S3 (${formatBytes(a.skippedBytes)}).`,
      ""
    );
  }
  for (const note of report.notes) lines.push(note, "");
  if (report.phases.length > 0) {
    const total = report.phases.reduce((sum, p) => sum + p.seconds, 0);
    lines.push(
      "| phase | time |",
      "|---|---|",
      ...report.phases.map((p) => `| ${cell(p.name)} | ${formatSeconds(p.seconds)} |`),
      `| **total** | **${formatSeconds(total)}** |`,
      ""
    );
  }
  return `${lines.join("\n")}
`;
}
async function appendJobSummary(build) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  build(summary);
  const text = redact(summary.stringify());
  await summary.emptyBuffer().addRaw(text).write();
}
async function writeSummary(report, ctx) {
  await appendJobSummary((s) => s.addRaw(renderSummary(report, ctx)));
}

// src/github/report.ts
import path from "node:path";
function annotation(e, workspace) {
  return {
    title: "cortex.yaml",
    file: path.relative(workspace, path.resolve(e.file)) || e.file,
    startLine: e.line,
    startColumn: e.column
  };
}
function annotateConfigErrors(errors, workspace) {
  for (const e of errors) error(describeConfigError(e), annotation(e, workspace));
}
function annotateConfigWarnings(warnings, workspace) {
  for (const w of warnings) warning(describeConfigError(w), annotation(w, workspace));
}
function addWarnings(s, warnings) {
  if (warnings.length === 0) return;
  s.addRaw(`${warnings.length} warning${warnings.length === 1 ? "" : "s"}:`, true);
  s.addCodeBlock(escapeHtml(warnings.map(formatConfigError).join("\n")), "text");
}
async function summarizeConfigErrors(file, errors, warnings = []) {
  await appendJobSummary((s) => {
    s.addHeading("cortex-deploy: cortex.yaml is not valid", 2);
    s.addRaw(`${errors.length} error${errors.length === 1 ? "" : "s"} in ${codeSpan(file)}:`, true);
    s.addCodeBlock(escapeHtml(errors.map(formatConfigError).join("\n")), "text");
    addWarnings(s, warnings);
  });
}
async function summarizeValidConfig(file, apis, warnings = []) {
  await appendJobSummary((s) => {
    s.addHeading("cortex-deploy: cortex.yaml is valid", 2);
    s.addRaw(`${codeSpan(file)} defines ${apis.length} API${apis.length === 1 ? "" : "s"}.`, true);
    s.addTable([
      [
        { data: "API", header: true },
        { data: "kind", header: true },
        { data: "endpoint", header: true }
      ],
      ...apis.map((api) => [api.name, api.kind, api.networking.endpoint].map(escapeHtml))
    ]);
    addWarnings(s, warnings);
  });
}
async function failBeforeChanges(message) {
  setFailed(message);
  try {
    await appendJobSummary((s) => {
      s.addRaw(`## cortex-deploy failed

${quoteBlock(message)}

Nothing was changed.
`);
    });
  } catch (err) {
    warning(`could not write the job summary: ${err.message}`);
  }
}

export {
  mask,
  redact,
  redactDeep,
  reportRevision,
  formatReplicas,
  formatBytes,
  endpointCell,
  statusText,
  formatUtc,
  runContextFromEnv,
  commitLink,
  appendJobSummary,
  writeSummary,
  annotateConfigErrors,
  annotateConfigWarnings,
  summarizeConfigErrors,
  summarizeValidConfig,
  failBeforeChanges
};
