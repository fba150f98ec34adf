import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  parseDuration
} from "./chunk-4GQHQ2MF.js";
import {
  require_dist
} from "./chunk-L7FMGZYY.js";
import {
  checkConfigId
} from "./chunk-O5ASGKOR.js";
import {
  __toESM
} from "./chunk-5ZXHR5OE.js";

// src/github/event.ts
var COMMANDS = [
  "validate",
  "plan",
  "deploy",
  "preview",
  "teardown",
  "rollback",
  "cleanup",
  "gc"
];
function isCommand(value) {
  return COMMANDS.includes(value);
}
var UNDERSTOOD = "push to the default branch (deploy), pull_request opened/synchronize/reopened (preview), pull_request closed (teardown), workflow_dispatch (rollback when rollback-to is set, else deploy from the default branch) and schedule (cleanup)";
function otherBranch(event) {
  const branch = (event.payload.ref ?? event.ref).replace(/^refs\/heads\//, "");
  const defaultBranch = event.payload.repository?.default_branch;
  if (defaultBranch === void 0 || branch === defaultBranch) return void 0;
  return { branch, defaultBranch };
}
function resolveCommand(requested, event) {
  if (requested !== "auto") return { ok: true, command: requested };
  const { eventName, payload } = event;
  switch (eventName) {
    case "push": {
      const other = otherBranch(event);
      if (other) {
        return {
          ok: false,
          message: `command: auto deploys pushes to the default branch (${other.defaultBranch}), and this push is to ${other.branch}. Set \`command: deploy\` to deploy from other branches.`
        };
      }
      return { ok: true, command: "deploy" };
    }
    case "pull_request":
      switch (payload.action) {
        case "opened":
        case "synchronize":
        case "reopened":
          return { ok: true, command: "preview" };
        case "closed":
          return { ok: true, command: "teardown" };
        default:
          return {
            ok: false,
            message: `command: auto does nothing for pull_request.${payload.action ?? "(no action)"}; limit the workflow to \`types: [opened, synchronize, reopened, closed]\`.`
          };
      }
    case "workflow_dispatch": {
      if (event.rollbackTo.trim() !== "") return { ok: true, command: "rollback" };
      const other = otherBranch(event);
      if (other) {
        return {
          ok: false,
          message: `command: auto deploys a workflow_dispatch run on the default branch (${other.defaultBranch}), and this run is on ${other.branch}. Run it on ${other.defaultBranch}, or set \`command: deploy\` to deploy from other branches.`
        };
      }
      return { ok: true, command: "deploy" };
    }
    case "schedule":
      return { ok: true, command: "cleanup" };
    default:
      return {
        ok: false,
        message: `command: auto does not know the event '${eventName}'. It understands ${UNDERSTOOD}. Set \`command\` explicitly for other events.`
      };
  }
}

// src/github/secrets.ts
var import_yaml = __toESM(require_dist(), 1);
var SECRET_KEY_NAMES = /* @__PURE__ */ new Set([
  "token",
  "client-key-data",
  "client-certificate-data",
  "password",
  "id-token",
  "refresh-token",
  "access-token",
  "secret",
  "client-secret"
]);
var SECRET_KEYS = new RegExp(`^\\s*-?\\s*(${[...SECRET_KEY_NAMES].join("|")})\\s*:\\s*(.+)$`);
function kubeconfigSecrets(kubeconfig) {
  const out = /* @__PURE__ */ new Set();
  for (const line of kubeconfig.split(/\r?\n/)) {
    const m = SECRET_KEYS.exec(line);
    const value = m?.[2]?.trim().replace(/^["']|["']$/g, "");
    if (value !== void 0 && value.length >= 6) out.add(value);
  }
  return [...out];
}
function maskKubeconfig(kubeconfig, setSecret) {
  let structured = [];
  try {
    structured = structuredKubeconfigSecrets((0, import_yaml.parse)(kubeconfig));
  } catch {
  }
  for (const secret of /* @__PURE__ */ new Set([...kubeconfigSecrets(kubeconfig), ...structured]))
    setSecret(secret);
}
function structuredKubeconfigSecrets(doc) {
  const out = /* @__PURE__ */ new Set();
  const visit = (node, key) => {
    if (typeof node === "string") {
      if (key !== void 0 && SECRET_KEY_NAMES.has(key) && node.length >= 6) out.add(node);
      return;
    }
    if (Array.isArray(node)) {
      if (key === "args") for (const secret of argSecrets(node)) out.add(secret);
      for (const item of node) visit(item, key === "env" ? "env" : void 0);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node;
    if (key === "env" && typeof record.value === "string" && record.value.length >= 6) {
      out.add(record.value);
    }
    for (const [k, v] of Object.entries(record)) visit(v, k);
  };
  visit(doc, void 0);
  return [...out];
}
var SECRET_FLAG = /^--?[\w-]*(token|secret|password|key)$/i;
function argSecrets(args) {
  const out = [];
  args.forEach((arg, i) => {
    if (typeof arg !== "string") return;
    const eq = arg.indexOf("=");
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (!SECRET_FLAG.test(flag)) return;
    const value = eq < 0 ? args[i + 1] : arg.slice(eq + 1);
    if (typeof value === "string" && value.length >= 6 && !value.startsWith("-")) out.push(value);
  });
  return out;
}
function environmentSecrets(env) {
  const names = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN"
  ];
  return names.map((n) => env[n] ?? "").filter((v) => v.length >= 6);
}

// src/github/kubeconfig-list.ts
var import_yaml2 = __toESM(require_dist(), 1);
var SEPARATOR = /^---[ \t]*(#.*)?$/;
function splitKubeconfigs(raw) {
  if (raw.trim() === "") return [];
  const parts = [];
  let current = [];
  let start = 1;
  raw.split(/\r?\n/).forEach((line, i) => {
    if (!SEPARATOR.test(line)) {
      current.push(line);
      return;
    }
    parts.push({ text: current.join("\n"), line: start });
    current = [];
    start = i + 2;
  });
  parts.push({ text: current.join("\n"), line: start });
  return parts;
}
function maskKubeconfigList(raw, setSecret) {
  for (const part of splitKubeconfigs(raw)) maskKubeconfig(part.text, setSecret);
}
function isBlank(text) {
  return text.split("\n").every((l) => /^\s*(#.*)?$/.test(l));
}
function readKubeconfigList(raw, name) {
  const parts = splitKubeconfigs(raw);
  const clusters = [];
  for (const [i, part] of parts.entries()) {
    const where = `input ${name}: kubeconfig ${i + 1} of ${parts.length} (from line ${part.line})`;
    if (isBlank(part.text)) {
      return {
        ok: false,
        message: `${where} is empty: is a secret not set? Give each cluster's kubeconfig contents, separated by lines \`---\`, with no \`---\` before the first or after the last`
      };
    }
    const doc = (0, import_yaml2.parseDocument)(part.text);
    const error = doc.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      const line = at ? ` at line ${part.line + at.line - 1}, column ${at.col}` : "";
      const what = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
      return { ok: false, message: `${where} is not valid YAML${line}: ${what}` };
    }
    const value = doc.toJS();
    const clustersOf = value !== null && typeof value === "object" && !Array.isArray(value) ? value.clusters : void 0;
    if (!Array.isArray(clustersOf) || clustersOf.length === 0) {
      return {
        ok: false,
        message: `${where} is not a kubeconfig: expected its contents (a mapping with clusters, contexts and users), not a file path`
      };
    }
    clusters.push({
      kubeconfig: part.text,
      kubeconfigSource: `kubeconfig ${i + 1} of ${name}, from line ${part.line}`
    });
  }
  return { ok: true, clusters };
}

// src/github/preview-replicas.ts
var DEFAULT_PREVIEW_REPLICAS = { min: 1, max: 2 };
function parsePreviewReplicas(raw) {
  const text = raw.trim();
  if (text === "") return { ok: true, value: DEFAULT_PREVIEW_REPLICAS };
  if (text === "config") return { ok: true, value: "config" };
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  const min = Number(m?.[1]);
  const max = Number(m?.[2] ?? m?.[1]);
  if (!m || max < 1 || min > max || max > 1e3) {
    return {
      ok: false,
      message: `input preview-replicas: expected MIN-MAX (e.g. 1-2, with 1 \u2264 MAX \u2264 1000 and MIN \u2264 MAX) or 'config', got '${raw}'`
    };
  }
  return { ok: true, value: { min, max } };
}
function capApi(api, cap) {
  if (api.kind !== "RealtimeAPI") return { api };
  const a = api.autoscaling;
  const max = Math.min(a.max_replicas, cap.max);
  const min = Math.min(a.min_replicas, cap.min, max);
  const init = Math.min(Math.max(Math.min(a.init_replicas, Math.max(cap.min, 1)), min), max);
  if (max === a.max_replicas && min === a.min_replicas && init === a.init_replicas) return { api };
  return {
    api: {
      ...api,
      autoscaling: { ...a, min_replicas: min, max_replicas: max, init_replicas: init }
    },
    change: {
      name: api.name,
      from: { min: a.min_replicas, max: a.max_replicas, init: a.init_replicas },
      to: { min, max, init }
    }
  };
}
function previewConfig(config, replicas) {
  if (replicas === "config") return { config, capped: [] };
  const capped = [];
  const apis = config.apis.map((api) => {
    const r = capApi(api, replicas);
    if (r.change) capped.push(r.change);
    return r.api;
  });
  return { config: { ...config, apis }, capped };
}
function describeCap(c) {
  const f = c.from;
  const t = c.to;
  return `${c.name}: replicas min ${f.min}\u2192${t.min}, max ${f.max}\u2192${t.max}, init ${f.init}\u2192${t.init} (preview cap)`;
}

// src/github/inputs.ts
var InputError = class extends Error {
};
function bool(get, name, fallback) {
  return optionalBool(get, name) ?? fallback;
}
function optionalBool(get, name) {
  const raw = get(name).trim();
  if (raw === "") return void 0;
  if (/^(true|yes|on|1)$/i.test(raw)) return true;
  if (/^(false|no|off|0)$/i.test(raw)) return false;
  throw new InputError(`input ${name}: expected true or false, got '${raw}'`);
}
function configIdInput(get) {
  const raw = get("config-id").trim();
  if (raw === "") return void 0;
  const problem = checkConfigId(raw);
  if (problem !== void 0) throw new InputError(`input config-id: ${problem}`);
  return raw;
}
function parseWholeNumber(raw) {
  return /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
}
var MAX_UPLOAD_CONCURRENCY = 1024;
function int(get, name, fallback, min, max) {
  const raw = get(name).trim();
  if (raw === "") return fallback;
  const n = parseWholeNumber(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(
      `input ${name}: expected a whole number from ${min} to ${max}, got '${raw}'`
    );
  }
  return n;
}
function parseHumanDuration(raw) {
  const days = /^(\d+)d(.*)$/.exec(raw.trim());
  if (days) {
    const rest = days[2] ?? "";
    return Number(days[1]) * 86400 + (rest === "" ? 0 : parseDuration(rest));
  }
  return parseDuration(raw.trim());
}
var MAX_TIMEOUT_SECONDS = 7 * 86400;
var MAX_PREVIEW_TTL_SECONDS = 365 * 86400;
function boundedDuration(raw, maxSeconds) {
  let seconds = Number.NaN;
  try {
    seconds = parseHumanDuration(raw);
  } catch {
  }
  if (!(seconds > 0)) return { ok: false, tooLong: false };
  if (seconds > maxSeconds) return { ok: false, tooLong: true };
  return { ok: true, seconds };
}
function nonNegativeDuration(raw) {
  let seconds = Number.NaN;
  try {
    seconds = parseHumanDuration(raw);
  } catch {
  }
  return seconds >= 0 && Number.isFinite(seconds) ? seconds : void 0;
}
function minAge(get, name) {
  const text = get(name).trim() || "7d";
  const seconds = nonNegativeDuration(text);
  if (seconds === void 0)
    throw new InputError(`input ${name}: expected a duration such as 36h, 7d or 0s, got '${text}'`);
  return { seconds, text };
}
function kubeconfigList(get, name) {
  const read = readKubeconfigList(get(name), name);
  if (!read.ok) throw new InputError(read.message);
  return read.clusters;
}
function duration(get, name, fallback, maxSeconds) {
  const raw = get(name).trim() || fallback;
  const d = boundedDuration(raw, maxSeconds);
  if (d.ok) return d.seconds;
  throw new InputError(
    d.tooLong ? `input ${name}: at most ${maxSeconds / 86400}d, got '${raw}'` : `input ${name}: expected a positive duration such as 90s, 15m or 7d, got '${raw}'`
  );
}
function readInputs(get) {
  const command = get("command").trim() || "auto";
  if (command !== "auto" && !isCommand(command)) {
    throw new InputError(`input command: '${command}' is not one of auto, ${COMMANDS.join(", ")}`);
  }
  const previewReplicas = parsePreviewReplicas(get("preview-replicas"));
  if (!previewReplicas.ok) throw new InputError(previewReplicas.message);
  return {
    config: get("config").trim() || "cortex.yaml",
    command,
    namespace: get("namespace").trim() || "default",
    bucket: get("bucket").trim(),
    prefix: get("prefix").trim() || "cortex-deploy",
    awsRegion: get("aws-region").trim(),
    s3Endpoint: get("s3-endpoint").trim(),
    s3ForcePathStyle: optionalBool(get, "s3-force-path-style"),
    kubeconfig: get("kubeconfig"),
    uploadConcurrency: int(get, "upload-concurrency", 16, 1, MAX_UPLOAD_CONCURRENCY),
    wait: bool(get, "wait", true),
    timeoutSeconds: duration(get, "timeout", "15m", MAX_TIMEOUT_SECONDS),
    prune: bool(get, "prune", true),
    forceConflicts: bool(get, "force-conflicts", false),
    configId: configIdInput(get),
    rollbackTo: get("rollback-to").trim(),
    previewTtlSeconds: duration(get, "preview-ttl", "7d", MAX_PREVIEW_TTL_SECONDS),
    allowForkPreviews: bool(get, "allow-fork-previews", false),
    previewCopySecret: bool(get, "preview-copy-secret", true),
    endpointUrlTemplate: get("endpoint-url-template").trim(),
    githubToken: get("github-token"),
    previewReplicas: previewReplicas.value,
    dryRun: bool(get, "dry-run", false),
    gcMinAge: minAge(get, "gc-min-age"),
    gcKubeconfigs: kubeconfigList(get, "gc-kubeconfigs")
  };
}
function pathStyleWarning(forcePathStyle, endpoint) {
  if (forcePathStyle !== false || !endpoint) return void 0;
  return `s3-force-path-style is false with the S3 endpoint ${endpoint}: the bucket is addressed as a host name (virtual-hosted style), which most S3-compatible stores do not serve. Leave the input empty to use path-style with an endpoint.`;
}

export {
  resolveCommand,
  maskKubeconfig,
  environmentSecrets,
  maskKubeconfigList,
  previewConfig,
  describeCap,
  InputError,
  parseWholeNumber,
  MAX_UPLOAD_CONCURRENCY,
  MAX_TIMEOUT_SECONDS,
  boundedDuration,
  nonNegativeDuration,
  readInputs,
  pathStyleWarning
};
