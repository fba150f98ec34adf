#!/usr/bin/env node
import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);
import {
  alignColumns
} from "./chunks/chunk-VP4HWAEJ.js";
import {
  namespaceNameProblem
} from "./chunks/chunk-JKSDPEHS.js";
import {
  MAX_TIMEOUT_SECONDS,
  MAX_UPLOAD_CONCURRENCY,
  boundedDuration,
  closest,
  countProblems,
  firstRepeated,
  formatConfigError,
  loadConfigFile,
  nonNegativeDuration,
  parseWholeNumber,
  sortConfigErrors
} from "./chunks/chunk-A5T5TBQU.js";
import "./chunks/chunk-L7FMGZYY.js";
import "./chunks/chunk-G4TVXNY4.js";
import "./chunks/chunk-YOXCTENX.js";
import {
  plural
} from "./chunks/chunk-IJQPKFB2.js";
import {
  withArtifactsChecked
} from "./chunks/chunk-SUX2H25H.js";
import "./chunks/chunk-3PPBRAAG.js";
import "./chunks/chunk-EEXP2E6B.js";
import "./chunks/chunk-BCMFZ37F.js";
import "./chunks/chunk-5UPG5FBY.js";
import "./chunks/chunk-VQJSBGHP.js";
import "./chunks/chunk-PU3PLDT3.js";
import "./chunks/chunk-FZVE6M4T.js";
import "./chunks/chunk-6XWRUFJL.js";
import "./chunks/chunk-332YSSNY.js";
import "./chunks/chunk-5ZXHR5OE.js";

// src/cli.ts
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

// src/text/confirm-delete.ts
function deleteGate(opts) {
  if (!opts.all || opts.yes || opts.dryRun) return "proceed";
  return opts.interactive ? "ask" : "refuse";
}
function refusalMessage(namespace, configFile, count) {
  return `--all would delete ${plural(count, "API")} that ${configFile} deployed in namespace ${namespace}, and stdin is not a terminal to confirm it on, so nothing was deleted: pass --yes to delete them, or --dry-run to list them`;
}
function confirmQuestion(namespace, configFile, refs) {
  return [
    `This deletes ${plural(refs.length, "API")} that ${configFile} deployed in namespace ${namespace}:`,
    ...refs.map((ref) => `  ${ref}`),
    `Delete ${refs.length === 1 ? "it" : `these ${refs.length}`}? [y/N] `
  ].join("\n");
}
function confirmed(answer) {
  return /^y(es)?$/i.test((answer ?? "").trim());
}

// src/text/flag-args.ts
var NEGATIVE_NUMBER = /^-\d/;
function joinNegativeValues(args, flags) {
  const takesValue = /* @__PURE__ */ new Map();
  for (const [name, spec] of Object.entries(flags)) {
    if (spec.type !== "string") continue;
    takesValue.set(`--${name}`, name);
    if (spec.short) takesValue.set(`-${spec.short}`, name);
  }
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") return [...out, ...args.slice(i)];
    const name = takesValue.get(arg);
    const next = args[i + 1];
    if (name !== void 0 && next !== void 0 && NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

// src/text/flag-error.ts
function longName(flag, flags) {
  if (flag.startsWith("--")) return flag;
  const name = Object.keys(flags).find((n) => flags[n]?.short === flag.slice(1));
  return name === void 0 ? flag : `--${name}`;
}
function didYouMean(word, known) {
  const near = closest(word, known);
  return near === void 0 ? "" : `; did you mean '${near}'?`;
}
function flagErrorMessage(err, flags) {
  const message = err instanceof Error ? err.message : String(err);
  const code = err?.code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
    const known = Object.entries(flags).flatMap(([name, spec]) => [
      `--${name}`,
      ...spec.short ? [`-${spec.short}`] : []
    ]);
    return `unknown flag '${flag}'${flag.startsWith("--") ? didYouMean(flag, known) : ""}`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const given = /^Option '(?:-\w, )?(-{1,2}[\w-]+)/.exec(message)?.[1];
    const flag = given && longName(given, flags);
    if (flag && /argument missing/.test(message)) return `${flag} needs a value`;
    if (flag && /is ambiguous/.test(message))
      return `${flag} needs a value (one that starts with '-' is written ${flag}=VALUE)`;
    if (flag && /does not take an argument/.test(message)) {
      const off = `no-${flag.slice(2)}`;
      return `${flag} takes no value${off in flags ? `; --${off} turns it off` : ""}`;
    }
  }
  return message.split("\n")[0] ?? message;
}

// src/text/json-error.ts
function jsonError(message, exitCode, config) {
  return {
    error: {
      message,
      exitCode,
      file: config?.file ?? null,
      errors: [...config?.errors ?? []],
      warnings: [...config?.warnings ?? []]
    }
  };
}
function asksForJson(args) {
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") break;
    if (arg === "--format") json = args[++i] === "json";
    else if (arg?.startsWith("--format=")) json = arg === "--format=json";
  }
  return json;
}

// src/cli.ts
var UsageError = class extends Error {
};
function deployedCount(apis) {
  const splitters = apis.filter((a) => a.kind === "TrafficSplitter").length;
  const realtime = plural(apis.length - splitters, "API");
  return splitters === 0 ? realtime : `${realtime} and ${plural(splitters, "TrafficSplitter")}`;
}
var endpointOf = (api) => api.networking.endpoint;
var configOption = {
  type: "string",
  short: "c",
  arg: "FILE",
  default: "cortex.yaml",
  help: "path to cortex.yaml"
};
var kubeOptions = {
  kubeconfig: {
    type: "string",
    arg: "FILE",
    help: "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)"
  },
  context: {
    type: "string",
    arg: "NAME",
    help: "kubeconfig context to use (default: its current-context)"
  }
};
var clusterOptions = {
  namespace: {
    type: "string",
    short: "n",
    arg: "NS",
    default: "default",
    help: "Kubernetes namespace of the APIs"
  },
  ...kubeOptions
};
var formatOption = {
  format: {
    type: "string",
    arg: "text|json",
    default: "text",
    help: "text (for people) or json (for scripts, editors and bots)"
  }
};
var s3Options = {
  bucket: {
    type: "string",
    arg: "NAME",
    help: "name of the S3 bucket for artifacts (default: $CORTEX_DEPLOY_BUCKET)"
  },
  prefix: {
    type: "string",
    arg: "P",
    default: "cortex-deploy",
    help: `key prefix inside the bucket ("/" for the bucket's root)`
  },
  "aws-region": {
    type: "string",
    arg: "REGION",
    help: "region of the bucket (default: $AWS_REGION, then $AWS_DEFAULT_REGION)"
  },
  "s3-endpoint": {
    type: "string",
    arg: "URL",
    help: "S3-compatible endpoint URL (default: $AWS_ENDPOINT_URL_S3, then $AWS_ENDPOINT_URL, else AWS S3)"
  },
  "s3-force-path-style": {
    type: "boolean",
    help: "path-style S3 addressing (the default when an S3 endpoint is set)"
  },
  "no-s3-force-path-style": {
    type: "boolean",
    help: "virtual-hosted addressing even with an S3 endpoint (the default for AWS S3)"
  }
};
var uploadConcurrencyOption = {
  "upload-concurrency": {
    type: "string",
    arg: "N",
    default: "16",
    help: "most S3 uploads in flight at once"
  }
};
var identityOption = {
  "config-id": {
    type: "string",
    arg: "ID",
    help: "identity of this config for prune (default: hash of its repository's origin and its path there)"
  }
};
var waitOptions = {
  wait: { type: "boolean", help: "wait until the APIs are Ready (the default)" },
  "no-wait": { type: "boolean", help: "return once applied" },
  timeout: {
    type: "string",
    arg: "D",
    default: "15m",
    help: "how long to wait, e.g. 90s, 10m (at most 7d)"
  },
  "force-conflicts": {
    type: "boolean",
    help: "overwrite fields another field manager changed"
  }
};
var pruneOptions = {
  prune: {
    type: "boolean",
    help: "delete APIs this config deployed and no longer lists (default)"
  },
  "no-prune": { type: "boolean", help: "keep them" }
};
function str(values, name) {
  const v = values[name];
  if (v === "")
    throw new UsageError(
      `--${name} is empty (an unset variable?); give a value or leave the flag out`
    );
  return typeof v === "string" ? v : void 0;
}
function onOff(values, name, fallback) {
  const on = values[name] === true;
  const off = values[`no-${name}`] === true;
  if (on && off) throw new UsageError(`--${name} and --no-${name} contradict each other`);
  return on ? true : off ? false : fallback;
}
function seconds(values, name, maxSeconds = MAX_TIMEOUT_SECONDS) {
  const raw = str(values, name) ?? "";
  const d = boundedDuration(raw, maxSeconds);
  if (d.ok) return d.seconds;
  throw new UsageError(
    d.tooLong ? `--${name} must be at most ${maxSeconds / 86400}d, not '${raw}'` : `--${name} must be a positive duration such as 90s or 10m, not '${raw}'`
  );
}
function nonNegativeSeconds(values, name) {
  const raw = str(values, name) ?? "";
  const seconds2 = nonNegativeDuration(raw);
  if (seconds2 === void 0)
    throw new UsageError(`--${name} must be a duration such as 36h, 7d or 0s, not '${raw}'`);
  return seconds2;
}
function shellQuote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}
function positiveInt(values, name, max) {
  const raw = str(values, name) ?? "";
  const n = parseWholeNumber(raw);
  if (!Number.isInteger(n) || n < 1 || max !== void 0 && n > max) {
    const range = max === void 0 ? "of at least 1" : `from 1 to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${range}, not '${raw}'`);
  }
  return n;
}
function strs(values, name) {
  const v = values[name];
  const list = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  for (const item of list) if (item === "") str({ [name]: item }, name);
  return list;
}
async function readKubeconfig(file) {
  let kubeconfig;
  try {
    kubeconfig = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read --kubeconfig ${file}: ${err.message}`);
  }
  if (kubeconfig.trim() === "") throw new UsageError(`--kubeconfig ${file} is empty`);
  return { kubeconfig, kubeconfigSource: `--kubeconfig ${file}` };
}
async function cluster(values) {
  const file = str(values, "kubeconfig");
  const kubeconfig = file ? (await readKubeconfig(file)).kubeconfig : void 0;
  const namespace = str(values, "namespace") ?? "default";
  const problem = namespaceNameProblem(namespace);
  if (problem) throw new UsageError(`--namespace: ${problem}`);
  return {
    namespace,
    kubeconfig,
    kubeconfigSource: file ? `--kubeconfig ${file}` : void 0,
    context: str(values, "context")
  };
}
async function s3(values) {
  const { s3EndpointFromEnv } = await import("./chunks/common-4JGILWGU.js");
  return {
    bucket: str(values, "bucket") ?? process.env.CORTEX_DEPLOY_BUCKET,
    // The bucket's root is "/": an empty --prefix is more likely an unset variable.
    prefix: str(values, "prefix") ?? "cortex-deploy",
    region: str(values, "aws-region"),
    endpoint: s3EndpointFromEnv(str(values, "s3-endpoint"), process.env),
    forcePathStyle: onOff(values, "s3-force-path-style", void 0),
    uploadConcurrency: values["upload-concurrency"] === void 0 ? void 0 : positiveInt(values, "upload-concurrency", MAX_UPLOAD_CONCURRENCY)
  };
}
function printProblems(errors, warnings) {
  for (const e of sortConfigErrors([...errors, ...warnings])) console.error(formatConfigError(e));
}
var ConfigFileError = class extends Error {
  constructor(file, errors, warnings) {
    super(`${file}: ${countProblems(errors.length, warnings.length)}; nothing was changed`);
    this.file = file;
    this.errors = errors;
    this.warnings = warnings;
  }
  file;
  errors;
  warnings;
  get exitCode() {
    return invalidConfigExitCode(this.errors);
  }
};
async function loadConfig(file) {
  const result = await loadConfigFile(file);
  if (result.ok) {
    printProblems([], result.warnings);
    return result.config;
  }
  printProblems(result.errors, result.warnings);
  throw new ConfigFileError(file, result.errors, result.warnings);
}
function invalidConfigExitCode(errors) {
  return errors.some((e) => e.path === "" && /no such file|cannot read/i.test(e.message)) ? 2 : 1;
}
function outputFormat(values) {
  const format = String(values.format);
  if (format !== "text" && format !== "json")
    throw new UsageError(`--format must be text or json, not '${format}'`);
  return format;
}
var nullForUndefined = (_key, v) => v === void 0 ? null : v;
function printJson(value) {
  console.log(JSON.stringify(value, nullForUndefined, 2));
}
async function validate(values) {
  const file = String(values.config);
  const format = outputFormat(values);
  const result = await withArtifactsChecked(await loadConfigFile(file));
  const { warnings } = result;
  if (format === "json") {
    const body = result.ok ? {
      valid: true,
      file,
      apis: result.config.apis.map((a) => ({
        name: a.name,
        kind: a.kind,
        endpoint: endpointOf(a)
      })),
      errors: [],
      warnings
    } : { valid: false, file, apis: [], errors: result.errors, warnings };
    console.log(JSON.stringify(body, null, 2));
  } else if (result.ok) {
    printProblems([], warnings);
    const { apis } = result.config;
    const noted = warnings.length === 0 ? "" : ` (${countProblems(0, warnings.length)})`;
    console.log(`${file}: valid, ${plural(apis.length, "API")}${noted}`);
    const rows = apis.map((api) => ["", api.kind, api.name, endpointOf(api)]);
    for (const line of alignColumns(rows)) console.log(line);
  } else {
    printProblems(result.errors, warnings);
    console.error(`${file}: ${countProblems(result.errors.length, warnings.length)}`);
  }
  return result.ok ? 0 : invalidConfigExitCode(result.errors);
}
async function interruptible(fn, left) {
  const [{ InterruptedError }, { withInterrupt, interrupted }] = await Promise.all([
    import("./chunks/common-4JGILWGU.js"),
    import("./chunks/interrupt-NGCOBCF5.js")
  ]);
  return withInterrupt(
    (line) => console.error(line),
    async (signal) => {
      try {
        return await fn(signal);
      } catch (err) {
        if (err instanceof InterruptedError && err !== signal.reason) throw err;
        throw interrupted(signal, left) ?? err;
      }
    }
  );
}
async function upload(values) {
  const config = await loadConfig(String(values.config));
  const s3opts = await s3(values);
  const { uploadRefs, apisWithArtifacts } = await import("./chunks/artifact-refs-XJMO2Q56.js");
  if (apisWithArtifacts(config).length === 0) {
    console.log(`${config.file}: no API lists artifacts; nothing to upload`);
    return 0;
  }
  const { refs } = await interruptible(
    (signal) => uploadRefs(config, { ...s3opts, signal }, (line) => console.error(line)),
    "uploads in flight were aborted; what reached S3 is kept and a re-run sends only the rest"
  );
  for (const line of alignColumns([...refs].map(([name, ref]) => [name, `sha256:${ref.manifest}`])))
    console.log(line);
  return 0;
}
async function plan(values) {
  const json = outputFormat(values) === "json";
  const config = await loadConfig(String(values.config));
  const prune = onOff(values, "prune", true);
  const [{ plan: runPlan }, planText, where, s3opts] = await Promise.all([
    import("./chunks/plan-QDSWJ6F4.js"),
    import("./chunks/plan-Z7CE3ZI5.js"),
    cluster(values),
    s3(values)
  ]);
  const result = await runPlan({
    ...where,
    ...s3opts,
    config,
    prune,
    configId: str(values, "config-id"),
    warn: (line) => console.error(`warning: ${line}`)
  });
  if (json)
    printJson({
      ...result,
      hasChanges: planText.planHasChanges(result),
      failed: planText.planFailed(result)
    });
  else for (const line of planText.formatPlanText(result)) console.log(line);
  if (planText.planFailed(result)) return 1;
  return values["detailed-exitcode"] === true && planText.planHasChanges(result) ? 2 : 0;
}
async function deploy(values) {
  const opts = {
    wait: onOff(values, "wait", true),
    prune: onOff(values, "prune", true),
    timeoutSeconds: seconds(values, "timeout"),
    forceConflicts: values["force-conflicts"] === true,
    configId: str(values, "config-id")
  };
  const config = await loadConfig(String(values.config));
  const [{ deploy: runDeploy }, { consoleReporter }, where, s3opts] = await Promise.all([
    import("./chunks/deploy-FPHWMHUS.js"),
    import("./chunks/common-4JGILWGU.js"),
    cluster(values),
    s3(values)
  ]);
  const result = await interruptible(
    (signal) => runDeploy({ ...where, ...s3opts, ...opts, config, log: consoleReporter, signal }),
    "the deploy stopped before it finished"
  );
  if (result.failure) {
    console.error(`deploy failed: ${result.failure}`);
    return 1;
  }
  console.log(`deployed ${deployedCount(result.apis)} to namespace ${result.namespace}`);
  return 0;
}
async function status(values, names) {
  const [
    { status: runStatus, formatStatus, nothingToShow, controllerNote },
    { withClient },
    { namespaceState },
    where
  ] = await Promise.all([
    import("./chunks/status-VMGRR6ZT.js"),
    import("./chunks/common-4JGILWGU.js"),
    import("./chunks/namespace-E2TJIN2Q.js"),
    cluster(values)
  ]);
  const all = values["all-namespaces"] === true;
  const json = outputFormat(values) === "json";
  const scope = all ? "any namespace" : `namespace ${where.namespace}`;
  if (values.watch === true) return watch(where, names, all, json, scope);
  const [rows, nsState, note] = await withClient(where, async (client) => {
    const found = await runStatus({ ...where, client, names, allNamespaces: all });
    const askNamespace = !all && (json || found.length === 0 && names.length === 0);
    const state = askNamespace ? await namespaceState(client, where.namespace) : void 0;
    return [found, state, json ? void 0 : await controllerNote(client, found)];
  });
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (json)
    printJson({
      apis: rows,
      namespace: all ? null : where.namespace,
      // exists, missing, terminating, or unknown (namespaces may not be read); null with -A.
      namespaceState: nsState ?? null,
      missing
    });
  else if (rows.length > 0)
    for (const line of formatStatus(rows, Date.now(), all, note)) console.log(line);
  else if (names.length === 0)
    console.log(all ? `no APIs in ${scope}` : nothingToShow(where.namespace, nsState ?? "unknown"));
  for (const n of missing) console.error(`cortex-deploy status: no API named ${n} in ${scope}`);
  return missing.length > 0 ? 1 : 0;
}
async function watch(where, names, all, json, scope) {
  const [{ watchStatus }, { formatStatus }, { withInterrupt }] = await Promise.all([
    import("./chunks/status-watch-VFUBZAXE.js"),
    import("./chunks/status-VMGRR6ZT.js"),
    import("./chunks/interrupt-NGCOBCF5.js")
  ]);
  let tables = 0;
  await withInterrupt(
    () => void 0,
    (signal) => watchStatus({
      ...where,
      names,
      allNamespaces: all,
      withNote: !json,
      signal,
      onRows: (rows, note) => {
        if (json) return console.log(JSON.stringify({ apis: rows }, nullForUndefined));
        if (tables++ > 0) console.log("");
        const lines = rows.length > 0 ? formatStatus(rows, Date.now(), all, note) : [];
        for (const line of lines.length > 0 ? lines : [`no APIs in ${scope} yet`])
          console.log(line);
      },
      onError: (message) => console.error(`cortex-deploy status: ${message} (still watching)`)
    })
  );
  return 0;
}
async function history(values, names) {
  if (names.length !== 1) throw new UsageError("name exactly one API");
  const [{ history: runHistory }, { formatHistory }, where] = await Promise.all([
    import("./chunks/history-3CN36ZIO.js"),
    import("./chunks/revisions-R2AHSGV5.js"),
    cluster(values)
  ]);
  const json = outputFormat(values) === "json";
  const result = await runHistory({ ...where, name: names[0] ?? "" });
  if (json) {
    printJson(result);
    return 0;
  }
  if (result.revisions.length === 0) {
    console.log(`${result.name}: no revisions yet (the controller records them)`);
    return 0;
  }
  for (const line of formatHistory(result.revisions, result.currentRevision, Date.now())) {
    console.log(line);
  }
  return 0;
}
async function rollback(values, names) {
  let targets = names;
  if (targets.length === 0) {
    const config = await loadConfig(String(values.config));
    targets = config.apis.filter((a) => a.kind === "RealtimeAPI").map((a) => a.name);
  }
  const [{ rollback: runRollback }, { consoleReporter, s3EndpointFromEnv }, where] = await Promise.all([
    import("./chunks/rollback-ET7AXJXD.js"),
    import("./chunks/common-4JGILWGU.js"),
    cluster(values)
  ]);
  const result = await interruptible(
    (signal) => runRollback({
      ...where,
      names: targets,
      to: str(values, "to") ?? "previous",
      wait: onOff(values, "wait", true),
      timeoutSeconds: seconds(values, "timeout"),
      forceConflicts: values["force-conflicts"] === true,
      s3Endpoint: s3EndpointFromEnv(str(values, "s3-endpoint"), process.env),
      region: str(values, "aws-region"),
      log: consoleReporter,
      signal
    }),
    "the rollback stopped before it finished"
  );
  if (result.failure) {
    console.error(`rollback failed: ${result.failure}`);
    return 1;
  }
  return 0;
}
async function remove(values, names) {
  const all = values.all === true;
  if (!all && names.length === 0) throw new UsageError("name the API(s) to delete, or pass --all");
  if (all && names.length > 0) throw new UsageError("give API names or --all, not both");
  const dryRun = values["dry-run"] === true;
  const [{ deleteApis }, { consoleReporter }, where] = await Promise.all([
    import("./chunks/delete-MX432DNF.js"),
    import("./chunks/common-4JGILWGU.js"),
    cluster(values)
  ]);
  const configFile = String(values.config);
  const gate = deleteGate({
    all,
    yes: values.yes === true,
    dryRun,
    interactive: process.stdin.isTTY === true
  });
  const confirm = async (refs) => {
    if (gate === "refuse")
      throw new UsageError(refusalMessage(where.namespace, configFile, refs.length));
    const { ask } = await import("./chunks/ask-ZIHPPKJA.js");
    return confirmed(await ask(confirmQuestion(where.namespace, configFile, refs)));
  };
  const deleted = await deleteApis({
    ...where,
    configFile,
    configId: str(values, "config-id"),
    names,
    all,
    dryRun,
    confirm: gate === "proceed" ? void 0 : confirm,
    log: consoleReporter
  });
  if (deleted.length === 0 && !existsSync(configFile)) {
    console.error(
      `delete failed: ${configFile} does not exist and nothing in namespace ${where.namespace} was deployed from a file at that path; check -c (the path cortex.yaml had when it was deployed)`
    );
    return 1;
  }
  return 0;
}
async function logs(values, names) {
  if (names.length !== 1) throw new UsageError("name exactly one API");
  const follow = values.follow === true;
  const previous = values.previous === true;
  if (previous && follow)
    throw new UsageError("--previous reads runs that have ended; it cannot be used with --follow");
  const sinceSeconds = values.since === void 0 ? void 0 : seconds(values, "since", Number.POSITIVE_INFINITY);
  const [{ logs: runLogs }, { consoleReporter }, where] = await Promise.all([
    import("./chunks/logs-VKBDBTJD.js"),
    import("./chunks/common-4JGILWGU.js"),
    cluster(values)
  ]);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  try {
    await runLogs({
      ...where,
      name: names[0] ?? "",
      follow,
      tailLines: values.tail === void 0 ? void 0 : positiveInt(values, "tail"),
      sinceSeconds,
      previous,
      write: (line) => console.log(line),
      log: consoleReporter,
      signal: stop.signal
    });
  } finally {
    process.off("SIGINT", onSignal);
  }
  return 0;
}
async function install(values) {
  const image = str(values, "controller-image");
  if (image !== void 0 && values["with-controller"] !== true)
    throw new UsageError("--controller-image needs --with-controller");
  const [{ install: runInstall }, { consoleReporter }, where] = await Promise.all([
    import("./chunks/install-SVEEDSMF.js"),
    import("./chunks/common-4JGILWGU.js"),
    cluster(values)
  ]);
  await runInstall({
    kubeconfig: where.kubeconfig,
    kubeconfigSource: where.kubeconfigSource,
    context: where.context,
    withController: values["with-controller"] === true,
    controllerImage: image,
    log: consoleReporter
  });
  return 0;
}
async function gcClusters(values) {
  const files = strs(values, "kubeconfig");
  const contexts = strs(values, "context");
  if (contexts.length === 0) return Promise.all(files.map(readKubeconfig));
  if (files.length > 1)
    throw new UsageError(
      "--context picks contexts of one kubeconfig, but several --kubeconfig were given: give one kubeconfig with a --context for each cluster, or several --kubeconfig without --context (each used at its current-context)"
    );
  const twice = firstRepeated(contexts);
  if (twice !== void 0)
    throw new UsageError(`--context ${twice} is given twice; name each cluster's context once`);
  const file = files[0] === void 0 ? {} : await readKubeconfig(files[0]);
  return contexts.map((context) => ({ ...file, context }));
}
async function gc(values, _names, argv) {
  const s3opts = await s3(values);
  if (!s3opts.bucket)
    throw new UsageError("name the bucket: --bucket NAME, or set CORTEX_DEPLOY_BUCKET");
  const minAgeText = str(values, "min-age") ?? "7d";
  const minAgeSeconds = nonNegativeSeconds(values, "min-age");
  const clusters = await gcClusters(values);
  const deleting = values.delete === true;
  const [{ gc: runGc }, { consoleReporter }] = await Promise.all([
    import("./chunks/gc-KKKOB5GW.js"),
    import("./chunks/common-4JGILWGU.js")
  ]);
  await interruptible(
    (signal) => runGc({
      ...s3opts,
      bucket: s3opts.bucket ?? "",
      clusters,
      minAgeSeconds,
      minAgeText,
      delete: deleting,
      deleteCommand: ["cortex-deploy", "gc", ...argv, "--delete"].map(shellQuote).join(" "),
      howTo: values.context === void 0 ? void 0 : { addCluster: "give its --context too" },
      log: consoleReporter,
      signal
    }),
    "nothing was deleted"
  );
  return 0;
}
var commands = {
  validate: {
    summary: "check cortex.yaml and its artifact paths; print every error with its line and column",
    usage: "cortex-deploy validate [-c FILE] [--format text|json]",
    options: { config: configOption, ...formatOption },
    run: validate
  },
  upload: {
    summary: "upload the APIs' artifacts to S3 and print each API's manifest hash",
    usage: "cortex-deploy upload [-c FILE] [--bucket NAME] [--prefix P] [--s3-endpoint URL]",
    options: { config: configOption, ...s3Options, ...uploadConcurrencyOption },
    run: upload
  },
  plan: {
    summary: "show what deploy would change, object by object",
    usage: "cortex-deploy plan [-c FILE] [-n NS] [--detailed-exitcode] [--format text|json]",
    options: {
      config: configOption,
      ...formatOption,
      ...clusterOptions,
      ...s3Options,
      ...pruneOptions,
      ...identityOption,
      "detailed-exitcode": {
        type: "boolean",
        help: "exit 2 when the plan has changes (0 when none, 1 on errors)"
      }
    },
    run: plan
  },
  deploy: {
    summary: "validate, upload artifacts, apply the APIs and wait until they are Ready",
    usage: "cortex-deploy deploy [-c FILE] [-n NS] [--bucket NAME] [--wait|--no-wait] [--timeout D]",
    options: {
      config: configOption,
      ...clusterOptions,
      ...s3Options,
      ...uploadConcurrencyOption,
      ...waitOptions,
      ...pruneOptions,
      ...identityOption
    },
    run: deploy
  },
  status: {
    summary: "show each API's status, replicas, revision and endpoint, and why not Ready",
    usage: "cortex-deploy status [NAME...] [-n NS | -A] [-w] [--format text|json]",
    options: {
      ...clusterOptions,
      ...formatOption,
      "all-namespaces": {
        type: "boolean",
        short: "A",
        help: "the APIs of every namespace (previews included), with a NAMESPACE column"
      },
      watch: {
        type: "boolean",
        short: "w",
        help: "show the table again each time it changes, until Ctrl-C (with --format json: a line each)"
      }
    },
    names: true,
    // One namespace or all of them: -n beside -A was silently ignored.
    exclusive: [["namespace", "all-namespaces"]],
    run: status
  },
  history: {
    summary: "list an API's revisions",
    usage: "cortex-deploy history NAME [-n NS] [--format text|json]",
    options: { ...clusterOptions, ...formatOption },
    names: true,
    run: history
  },
  rollback: {
    summary: "re-apply an earlier revision of an API and wait",
    usage: "cortex-deploy rollback [NAME...] [--to previous|N|SHA] [-n NS]",
    options: {
      config: { ...configOption, help: "without NAME: roll back every RealtimeAPI of this file" },
      ...clusterOptions,
      to: {
        type: "string",
        arg: "REV",
        default: "previous",
        help: "previous (undo the last deploy: each API it changed goes back to its newest earlier revision that did not fail, the others stay), a revision number, or a commit SHA (prefix)"
      },
      ...waitOptions,
      "s3-endpoint": s3Options["s3-endpoint"],
      "aws-region": s3Options["aws-region"]
    },
    names: true,
    run: rollback
  },
  delete: {
    summary: "delete APIs this config deployed",
    usage: "cortex-deploy delete NAME...|--all [--dry-run] [--yes] [-c FILE] [-n NS]",
    options: {
      config: configOption,
      ...clusterOptions,
      ...identityOption,
      all: {
        type: "boolean",
        help: "delete every API this config deployed in the namespace (asks first; see --yes)"
      },
      "dry-run": { type: "boolean", help: "list what would be deleted; delete nothing" },
      yes: {
        type: "boolean",
        short: "y",
        help: "delete --all without asking (needed when stdin is not a terminal, e.g. in CI)"
      }
    },
    names: true,
    run: remove
  },
  logs: {
    summary: "stream the logs of an API's pods, or of a TrafficSplitter's",
    usage: "cortex-deploy logs NAME [-f | -p] [--tail N] [--since D] [-n NS]",
    options: {
      ...clusterOptions,
      follow: { type: "boolean", short: "f", help: "keep streaming, including new pods" },
      tail: { type: "string", arg: "N", help: "only the last N lines of each container" },
      since: { type: "string", arg: "D", help: "only lines newer than D, e.g. 10m, 1h" },
      previous: {
        type: "boolean",
        short: "p",
        help: "the log of each restarted container's previous run (what it printed before it died)"
      }
    },
    names: true,
    run: logs
  },
  install: {
    summary: "install the CRDs (and the controller) into the cluster",
    usage: "cortex-deploy install [--with-controller [--controller-image IMAGE]] [--kubeconfig FILE] [--context NAME]",
    options: {
      ...kubeOptions,
      "with-controller": {
        type: "boolean",
        help: "also apply the controller's manifests (controller/deploy/)"
      },
      "controller-image": {
        type: "string",
        arg: "IMAGE",
        help: "the controller image you built and pushed (default: the installed controller's; on a first install, the one controller.yaml names)"
      }
    },
    run: install
  },
  gc: {
    summary: "delete S3 artifacts no API, revision or ReplicaSet uses (a report without --delete)",
    usage: "cortex-deploy gc [--bucket NAME] [--prefix P] [--kubeconfig FILE]... [--context NAME]... [--min-age D] [--delete]",
    options: {
      ...s3Options,
      kubeconfig: {
        ...kubeOptions.kubeconfig,
        multiple: true,
        help: "kubeconfig of a cluster that deploys from this bucket and prefix; repeat it for each (staging, prod\u2026): what only an unnamed cluster uses is deleted (default: $KUBECONFIG, then ~/.kube/config)"
      },
      context: {
        ...kubeOptions.context,
        multiple: true,
        help: "a context of the kubeconfig (one --kubeconfig at most) for each cluster that deploys from it, e.g. --context staging --context prod (default: its current-context)"
      },
      "min-age": {
        type: "string",
        arg: "D",
        default: "7d",
        help: "keep objects younger than this, used or not (uploads and deploys in progress), e.g. 36h, 7d, 0s"
      },
      delete: {
        type: "boolean",
        help: "delete them; without it, gc only reports what it would delete"
      }
    },
    run: gc
  }
};
function helpText() {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "cortex-deploy: ship Cortex-format ML inference APIs from CI to Kubernetes",
    "",
    "usage: cortex-deploy <command> [flags]   (cortex-deploy <command> --help for its flags)",
    "       cortex-deploy --version (-v)",
    "",
    "commands:",
    ...Object.entries(commands).map(
      ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}${c.run ? "" : " (not available yet)"}`
    )
  ].join("\n");
}
function commandHelp(name, spec) {
  const rows = Object.entries(spec.options).map(([flag, o]) => {
    const short = o.short ? `-${o.short}, ` : "    ";
    const arg = o.type === "string" ? ` ${o.arg ?? flag.toUpperCase()}` : "";
    const def = o.default !== void 0 ? ` [default: ${String(o.default)}]` : "";
    return ["", `${short}--${flag}${arg}`, `${o.help}${def}`];
  });
  rows.push(["", "-h, --help", "show this help"]);
  const lines = [`usage: ${spec.usage}`, "", spec.summary, "", "flags:", ...alignColumns(rows)];
  if (!spec.run) lines.push("", `'${name}' is not available yet in this version.`);
  return lines.join("\n");
}
function defaults(spec) {
  return Object.fromEntries(
    Object.entries(spec.options).flatMap(
      ([flag, o]) => o.default === void 0 ? [] : [[flag, o.default]]
    )
  );
}
function flagNames(flag, spec) {
  const short = spec.options[flag]?.short;
  return short ? `-${short}/--${flag}` : `--${flag}`;
}
async function main(argv) {
  const [name, ...rest] = argv;
  if (name === "help" && rest[0] !== void 0) return main([rest[0], "--help"]);
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    console.log(helpText());
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    console.log(process.env.CORTEX_DEPLOY_VERSION ?? "cortex-deploy 0.1.0");
    return 0;
  }
  const spec = commands[name];
  if (spec === void 0) {
    const near = didYouMean(name, Object.keys(commands));
    console.error(`cortex-deploy: unknown command '${name}'${near}

${helpText()}`);
    return 2;
  }
  const takesJson = "format" in spec.options;
  let json = takesJson && asksForJson(rest);
  let jsonLines = false;
  const fail = (message, code, config) => {
    if (json) {
      const doc = jsonError(message, code, config);
      if (jsonLines) console.log(JSON.stringify(doc));
      else printJson(doc);
    }
    return code;
  };
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([flag, { default: _, ...option }]) => [flag, option])
  );
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(rest, spec.options),
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true
    });
  } catch (err) {
    const message = flagErrorMessage(err, spec.options);
    console.error(
      `cortex-deploy ${name}: ${message}
usage: ${spec.usage}
(cortex-deploy ${name} --help lists its flags)`
    );
    return fail(message, 2);
  }
  if (parsed.values.help) {
    console.log(commandHelp(name, spec));
    return 0;
  }
  json = takesJson && parsed.values.format === "json";
  jsonLines = json && parsed.values.watch === true;
  if (!spec.names && parsed.positionals.length > 0) {
    const message = `unexpected argument '${parsed.positionals[0]}'`;
    console.error(`cortex-deploy ${name}: ${message}
usage: ${spec.usage}`);
    return fail(message, 2);
  }
  if (!spec.run) {
    const message = `'${name}' is not available yet in this version; nothing was changed.`;
    console.error(`cortex-deploy: ${message}`);
    return fail(message, 1);
  }
  try {
    for (const [a, b] of spec.exclusive ?? [])
      if (parsed.values[a] !== void 0 && parsed.values[b] !== void 0)
        throw new UsageError(
          `${flagNames(a, spec)} and ${flagNames(b, spec)} exclude each other; give one or the other`
        );
    const values = { ...defaults(spec), ...parsed.values };
    return await spec.run(values, parsed.positionals, rest);
  } catch (err) {
    if (err instanceof ConfigFileError) {
      console.error(err.message);
      return fail(err.message, err.exitCode, err);
    }
    if (err instanceof UsageError) {
      console.error(`cortex-deploy ${name}: ${err.message}
usage: ${spec.usage}`);
      return fail(err.message, 2);
    }
    const [{ failureMessage }, { interruptedExitCode }] = await Promise.all([
      import("./chunks/common-4JGILWGU.js"),
      import("./chunks/interrupt-NGCOBCF5.js")
    ]);
    const message = failureMessage(err);
    console.error(`cortex-deploy ${name}: ${message}`);
    return fail(message, interruptedExitCode(err) ?? 1);
  }
}

// src/cli-main.ts
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.exitCode = await main(process.argv.slice(2));
