import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  parseDuration
} from "./chunk-4GQHQ2MF.js";
import {
  checkConfigId
} from "./chunk-O5ASGKOR.js";

// src/github/event.ts
var COMMANDS = [
  "validate",
  "plan",
  "deploy",
  "preview",
  "teardown",
  "rollback",
  "cleanup"
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
    throw new InputError(
      `input command: '${command}' is not one of auto, validate, plan, deploy, preview, teardown, rollback, cleanup`
    );
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
    dryRun: bool(get, "dry-run", false)
  };
}
function pathStyleWarning(forcePathStyle, endpoint) {
  if (forcePathStyle !== false || !endpoint) return void 0;
  return `s3-force-path-style is false with the S3 endpoint ${endpoint}: the bucket is addressed as a host name (virtual-hosted style), which most S3-compatible stores do not serve. Leave the input empty to use path-style with an endpoint.`;
}

export {
  resolveCommand,
  previewConfig,
  describeCap,
  InputError,
  parseWholeNumber,
  MAX_UPLOAD_CONCURRENCY,
  parseHumanDuration,
  MAX_TIMEOUT_SECONDS,
  boundedDuration,
  readInputs,
  pathStyleWarning
};
