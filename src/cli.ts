// The command-line front end: `cortex-deploy <command> [flags]`. It parses flags, calls the same
// core the Action calls, and maps results to exit codes: 0 success, 1 the command failed (for
// validate: the file is invalid), 2 a usage error (unknown flag, missing file), 130 (143) stopped
// by Ctrl-C (SIGTERM) — and for `plan --detailed-exitcode`, 2 when the plan has changes. Cluster commands are imported lazily,
// so `validate` starts without loading the Kubernetes and S3 clients.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { withArtifactsChecked } from "./commands/artifact-view.ts";
import type { ClusterAccess, ClusterOptions } from "./commands/common.ts";
import {
  type ConfigError,
  type CortexConfig,
  countProblems,
  formatConfigError,
  loadConfigFile,
  sortConfigErrors,
} from "./config/index.ts";
import {
  boundedDuration,
  MAX_TIMEOUT_SECONDS,
  MAX_UPLOAD_CONCURRENCY,
  nonNegativeDuration,
  parseWholeNumber,
} from "./github/inputs.ts";
import { namespaceNameProblem } from "./kube/namespace-name.ts";
import { alignColumns } from "./text/columns.ts";
import { confirmed, confirmQuestion, deleteGate, refusalMessage } from "./text/confirm-delete.ts";
import { joinNegativeValues } from "./text/flag-args.ts";
import { didYouMean, flagErrorMessage } from "./text/flag-error.ts";
import { asksForJson, jsonError } from "./text/json-error.ts";
import { firstRepeated } from "./text/list.ts";
import { plural } from "./text/plural.ts";

type OptionSpec = {
  type: "string" | "boolean";
  short?: string;
  default?: string | boolean;
  /** May be given more than once; its value is then the list of them. */
  multiple?: boolean;
};
/** `arg` names a string flag's value in --help (default: the flag's name in capitals). */
type OptionHelp = { help: string; arg?: string };
type Values = Record<string, string | boolean | string[] | undefined>;

interface CommandSpec {
  summary: string;
  usage: string;
  options: Record<string, OptionSpec & OptionHelp>;
  /** Whether it takes API names as arguments. */
  names?: boolean;
  /** Pairs of flags that cannot be given together (a default does not count as given). */
  exclusive?: readonly (readonly [string, string])[];
  /** `argv`: the flags as given, for messages that repeat the command line. */
  run?: (values: Values, positionals: string[], argv: string[]) => Promise<number>;
}

class UsageError extends Error {}

/** "2 APIs and 1 TrafficSplitter" (pure). */
export function deployedCount(apis: readonly { kind: string }[]): string {
  const splitters = apis.filter((a) => a.kind === "TrafficSplitter").length;
  const realtime = plural(apis.length - splitters, "API");
  return splitters === 0 ? realtime : `${realtime} and ${plural(splitters, "TrafficSplitter")}`;
}

/** Every kind has networking.endpoint, defaulted to /<name> by the loader. */
const endpointOf = (api: CortexConfig["apis"][number]): string => api.networking.endpoint;

const configOption = {
  type: "string",
  short: "c",
  arg: "FILE",
  default: "cortex.yaml",
  help: "path to cortex.yaml",
} as const;

/** Which cluster: every cluster command takes these. */
const kubeOptions = {
  kubeconfig: {
    type: "string",
    arg: "FILE",
    help: "kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)",
  },
  context: {
    type: "string",
    arg: "NAME",
    help: "kubeconfig context to use (default: its current-context)",
  },
} as const;

const clusterOptions = {
  namespace: {
    type: "string",
    short: "n",
    arg: "NS",
    default: "default",
    help: "Kubernetes namespace of the APIs",
  },
  ...kubeOptions,
} as const;

const formatOption = {
  format: {
    type: "string",
    arg: "text|json",
    default: "text",
    help: "text (for people) or json (for scripts, editors and bots)",
  },
} as const;

const s3Options = {
  bucket: {
    type: "string",
    arg: "NAME",
    help: "name of the S3 bucket for artifacts (default: $CORTEX_DEPLOY_BUCKET)",
  },
  prefix: {
    type: "string",
    arg: "P",
    default: "cortex-deploy",
    help: 'key prefix inside the bucket ("/" for the bucket\'s root)',
  },
  "aws-region": {
    type: "string",
    arg: "REGION",
    help: "region of the bucket (default: $AWS_REGION, then $AWS_DEFAULT_REGION)",
  },
  "s3-endpoint": {
    type: "string",
    arg: "URL",
    help: "S3-compatible endpoint URL (default: $AWS_ENDPOINT_URL_S3, then $AWS_ENDPOINT_URL, else AWS S3)",
  },
  "s3-force-path-style": {
    type: "boolean",
    help: "path-style S3 addressing (the default when an S3 endpoint is set)",
  },
  "no-s3-force-path-style": {
    type: "boolean",
    help: "virtual-hosted addressing even with an S3 endpoint (the default for AWS S3)",
  },
} as const;

const uploadConcurrencyOption = {
  "upload-concurrency": {
    type: "string",
    arg: "N",
    default: "16",
    help: "most S3 uploads in flight at once",
  },
} as const;

const identityOption = {
  "config-id": {
    type: "string",
    arg: "ID",
    help: "identity of this config for prune (default: hash of its repository's origin and its path there)",
  },
} as const;

const waitOptions = {
  wait: { type: "boolean", help: "wait until the APIs are Ready (the default)" },
  "no-wait": { type: "boolean", help: "return once applied" },
  timeout: {
    type: "string",
    arg: "D",
    default: "15m",
    help: "how long to wait, e.g. 90s, 10m (at most 7d)",
  },
  "force-conflicts": {
    type: "boolean",
    help: "overwrite fields another field manager changed",
  },
} as const;

const pruneOptions = {
  prune: {
    type: "boolean",
    help: "delete APIs this config deployed and no longer lists (default)",
  },
  "no-prune": { type: "boolean", help: "keep them" },
} as const;

/**
 * A string flag's value. Given empty (`-n "$NS"` with NS unset) it is a usage error, not the
 * default: an empty namespace quietly meant `default`, an empty --to `previous`.
 */
function str(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === "")
    throw new UsageError(
      `--${name} is empty (an unset variable?); give a value or leave the flag out`,
    );
  return typeof v === "string" ? v : undefined;
}

/** A --x/--no-x pair: the default unless one is given; both at once is a usage error. */
function onOff<T extends boolean | undefined>(
  values: Values,
  name: string,
  fallback: T,
): boolean | T {
  const on = values[name] === true;
  const off = values[`no-${name}`] === true;
  if (on && off) throw new UsageError(`--${name} and --no-${name} contradict each other`);
  return on ? true : off ? false : fallback;
}

function seconds(values: Values, name: string, maxSeconds = MAX_TIMEOUT_SECONDS): number {
  const raw = str(values, name) ?? "";
  const d = boundedDuration(raw, maxSeconds);
  if (d.ok) return d.seconds;
  throw new UsageError(
    d.tooLong
      ? `--${name} must be at most ${maxSeconds / 86_400}d, not '${raw}'`
      : `--${name} must be a positive duration such as 90s or 10m, not '${raw}'`,
  );
}

/** A duration that may be 0 (--min-age). */
function nonNegativeSeconds(values: Values, name: string): number {
  const raw = str(values, name) ?? "";
  const seconds = nonNegativeDuration(raw);
  if (seconds === undefined)
    throw new UsageError(`--${name} must be a duration such as 36h, 7d or 0s, not '${raw}'`);
  return seconds;
}

/** An argument as a POSIX shell reads it back. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

function positiveInt(values: Values, name: string, max?: number): number {
  const raw = str(values, name) ?? "";
  const n = parseWholeNumber(raw);
  if (!Number.isInteger(n) || n < 1 || (max !== undefined && n > max)) {
    const range = max === undefined ? "of at least 1" : `from 1 to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${range}, not '${raw}'`);
  }
  return n;
}

/** A repeatable string flag's values (none: []); an empty one is a usage error, as in str. */
function strs(values: Values, name: string): string[] {
  const v = values[name];
  const list = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  for (const item of list) if (item === "") str({ [name]: item }, name);
  return list;
}

async function readKubeconfig(file: string) {
  let kubeconfig: string;
  try {
    kubeconfig = await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read --kubeconfig ${file}: ${(err as Error).message}`);
  }
  // An empty file would fall back to $KUBECONFIG: another cluster than the one named.
  if (kubeconfig.trim() === "") throw new UsageError(`--kubeconfig ${file} is empty`);
  return { kubeconfig, kubeconfigSource: `--kubeconfig ${file}` };
}

async function cluster(values: Values) {
  const file = str(values, "kubeconfig");
  const kubeconfig = file ? (await readKubeconfig(file)).kubeconfig : undefined;
  const namespace = str(values, "namespace") ?? "default";
  const problem = namespaceNameProblem(namespace);
  if (problem) throw new UsageError(`--namespace: ${problem}`);
  return {
    namespace,
    kubeconfig,
    kubeconfigSource: file ? `--kubeconfig ${file}` : undefined,
    context: str(values, "context"),
  };
}

async function s3(values: Values) {
  const { s3EndpointFromEnv } = await import("./commands/common.ts");
  return {
    bucket: str(values, "bucket") ?? process.env.CORTEX_DEPLOY_BUCKET,
    // The bucket's root is "/": an empty --prefix is more likely an unset variable.
    prefix: str(values, "prefix") ?? "cortex-deploy",
    region: str(values, "aws-region"),
    endpoint: s3EndpointFromEnv(str(values, "s3-endpoint"), process.env),
    forcePathStyle: onOff(values, "s3-force-path-style", undefined),
    uploadConcurrency:
      values["upload-concurrency"] === undefined
        ? undefined
        : positiveInt(values, "upload-concurrency", MAX_UPLOAD_CONCURRENCY),
  };
}

/** Errors and warnings in file order, one line each, on stderr. */
function printProblems(errors: readonly ConfigError[], warnings: readonly ConfigError[]): void {
  for (const e of sortConfigErrors([...errors, ...warnings])) console.error(formatConfigError(e));
}

/** cortex.yaml is invalid or unreadable; its problems are printed already. */
class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: readonly ConfigError[],
    readonly warnings: readonly ConfigError[],
  ) {
    super(`${file}: ${countProblems(errors.length, warnings.length)}; nothing was changed`);
  }
  get exitCode(): number {
    return invalidConfigExitCode(this.errors);
  }
}

/**
 * Loads cortex.yaml, printing its warnings (they do not stop the command) and errors; throws a
 * ConfigFileError when it is invalid.
 */
async function loadConfig(file: string): Promise<CortexConfig> {
  const result = await loadConfigFile(file);
  if (result.ok) {
    printProblems([], result.warnings);
    return result.config;
  }
  printProblems(result.errors, result.warnings);
  throw new ConfigFileError(file, result.errors, result.warnings);
}

/** A file that cannot be read at all is a usage error (2), not an invalid config (1). */
function invalidConfigExitCode(errors: readonly { path: string; message: string }[]): number {
  return errors.some((e) => e.path === "" && /no such file|cannot read/i.test(e.message)) ? 2 : 1;
}

/** --format: text for people, json for scripts; anything else is a usage error. */
function outputFormat(values: Values): "text" | "json" {
  const format = String(values.format);
  if (format !== "text" && format !== "json")
    throw new UsageError(`--format must be text or json, not '${format}'`);
  return format;
}

/** For JSON.stringify: every field present, an unknown value null rather than a missing key. */
const nullForUndefined = (_key: string, v: unknown): unknown => (v === undefined ? null : v);

function printJson(value: unknown): void {
  console.log(JSON.stringify(value, nullForUndefined, 2));
}

async function validate(values: Values): Promise<number> {
  const file = String(values.config);
  const format = outputFormat(values);
  const result = await withArtifactsChecked(await loadConfigFile(file));
  const { warnings } = result;
  if (format === "json") {
    // `warnings` was added beside `errors` (same fields, plus severity "warning"); errors keep
    // their shape.
    const body = result.ok
      ? {
          valid: true,
          file,
          apis: result.config.apis.map((a) => ({
            name: a.name,
            kind: a.kind,
            endpoint: endpointOf(a),
          })),
          errors: [],
          warnings,
        }
      : { valid: false, file, apis: [], errors: result.errors, warnings };
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

/**
 * Runs `fn` with a signal that the first Ctrl-C (or SIGTERM: a cancelled CI job) aborts, so
 * uploads in flight are aborted (S3 bills the parts of unfinished multipart uploads) and the
 * command says what it left. A second signal quits at once.
 */
async function interruptible<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  /** What an interrupted run leaves, unless `fn` says so itself. */
  left: string,
): Promise<T> {
  const [{ InterruptedError }, { withInterrupt, interrupted }] = await Promise.all([
    import("./commands/common.ts"),
    import("./commands/interrupt.ts"),
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
    },
  );
}

async function upload(values: Values): Promise<number> {
  const config = await loadConfig(String(values.config));
  const s3opts = await s3(values);
  const { uploadRefs, apisWithArtifacts } = await import("./commands/artifact-refs.ts");
  if (apisWithArtifacts(config).length === 0) {
    console.log(`${config.file}: no API lists artifacts; nothing to upload`);
    return 0;
  }
  const { refs } = await interruptible(
    (signal) => uploadRefs(config, { ...s3opts, signal }, (line) => console.error(line)),
    "uploads in flight were aborted; what reached S3 is kept and a re-run sends only the rest",
  );
  for (const line of alignColumns([...refs].map(([name, ref]) => [name, `sha256:${ref.manifest}`])))
    console.log(line);
  return 0;
}

async function plan(values: Values): Promise<number> {
  const json = outputFormat(values) === "json";
  const config = await loadConfig(String(values.config));
  const prune = onOff(values, "prune", true);
  const [{ plan: runPlan }, planText, where, s3opts] = await Promise.all([
    import("./commands/plan.ts"),
    import("./kube/plan.ts"),
    cluster(values),
    s3(values),
  ]);
  const result = await runPlan({
    ...where,
    ...s3opts,
    config,
    prune,
    configId: str(values, "config-id"),
    warn: (line) => console.error(`warning: ${line}`),
  });
  if (json)
    printJson({
      ...result,
      hasChanges: planText.planHasChanges(result),
      failed: planText.planFailed(result),
    });
  else for (const line of planText.formatPlanText(result)) console.log(line);
  if (planText.planFailed(result)) return 1;
  return values["detailed-exitcode"] === true && planText.planHasChanges(result) ? 2 : 0;
}

async function deploy(values: Values): Promise<number> {
  // The flags first: a usage error is cheaper to hear before the file is read.
  const opts = {
    wait: onOff(values, "wait", true),
    prune: onOff(values, "prune", true),
    timeoutSeconds: seconds(values, "timeout"),
    forceConflicts: values["force-conflicts"] === true,
    configId: str(values, "config-id"),
  };
  const config = await loadConfig(String(values.config));
  const [{ deploy: runDeploy }, { consoleReporter }, where, s3opts] = await Promise.all([
    import("./commands/deploy.ts"),
    import("./commands/common.ts"),
    cluster(values),
    s3(values),
  ]);
  const result = await interruptible(
    (signal) => runDeploy({ ...where, ...s3opts, ...opts, config, log: consoleReporter, signal }),
    "the deploy stopped before it finished",
  );
  if (result.failure) {
    console.error(`deploy failed: ${result.failure}`);
    return 1;
  }
  console.log(`deployed ${deployedCount(result.apis)} to namespace ${result.namespace}`);
  return 0;
}

async function status(values: Values, names: string[]): Promise<number> {
  const [
    { status: runStatus, formatStatus, nothingToShow, controllerNote },
    { withClient },
    { namespaceState },
    where,
  ] = await Promise.all([
    import("./commands/status.ts"),
    import("./commands/common.ts"),
    import("./kube/namespace.ts"),
    cluster(values),
  ]);
  const all = values["all-namespaces"] === true;
  const json = outputFormat(values) === "json";
  const scope = all ? "any namespace" : `namespace ${where.namespace}`;
  if (values.watch === true) return watch(where, names, all, json, scope);
  // One client for the rows, the namespace's state and, when some are Pending, the controller's
  // Lease.
  const [rows, nsState, note] = await withClient(where, async (client) => {
    const found = await runStatus({ ...where, client, names, allNamespaces: all });
    // JSON always says whether the namespace exists: else no namespace reads as one without APIs.
    const askNamespace = !all && (json || (found.length === 0 && names.length === 0));
    const state = askNamespace ? await namespaceState(client, where.namespace) : undefined;
    return [found, state, json ? undefined : await controllerNote(client, found)] as const;
  });
  // A name asked for and not found fails the command, even when others were shown.
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (json)
    printJson({
      apis: rows,
      namespace: all ? null : where.namespace,
      // exists, missing, terminating, or unknown (namespaces may not be read); null with -A.
      namespaceState: nsState ?? null,
      missing,
    });
  else if (rows.length > 0)
    for (const line of formatStatus(rows, Date.now(), all, note)) console.log(line);
  else if (names.length === 0)
    console.log(all ? `no APIs in ${scope}` : nothingToShow(where.namespace, nsState ?? "unknown"));
  for (const n of missing) console.error(`cortex-deploy status: no API named ${n} in ${scope}`);
  return missing.length > 0 ? 1 : 0;
}

/** status --watch: the table again each time it changes (a JSON line each with --format json). */
async function watch(
  where: ClusterOptions,
  names: string[],
  all: boolean,
  json: boolean,
  /** "namespace ml" or "any namespace", for messages. */
  scope: string,
): Promise<number> {
  const [{ watchStatus }, { formatStatus }, { withInterrupt }] = await Promise.all([
    import("./commands/status-watch.ts"),
    import("./commands/status.ts"),
    import("./commands/interrupt.ts"),
  ]);
  let tables = 0;
  // Ctrl-C is how a watch ends: no "stopping" line, and exit 0.
  await withInterrupt(
    () => undefined,
    (signal) =>
      watchStatus({
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
        onError: (message) => console.error(`cortex-deploy status: ${message} (still watching)`),
      }),
  );
  return 0;
}

async function history(values: Values, names: string[]): Promise<number> {
  if (names.length !== 1) throw new UsageError("name exactly one API");
  const [{ history: runHistory }, { formatHistory }, where] = await Promise.all([
    import("./commands/history.ts"),
    import("./kube/revisions.ts"),
    cluster(values),
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

async function rollback(values: Values, names: string[]): Promise<number> {
  let targets = names;
  if (targets.length === 0) {
    const config = await loadConfig(String(values.config));
    targets = config.apis.filter((a) => a.kind === "RealtimeAPI").map((a) => a.name);
  }
  const [{ rollback: runRollback }, { consoleReporter, s3EndpointFromEnv }, where] =
    await Promise.all([
      import("./commands/rollback.ts"),
      import("./commands/common.ts"),
      cluster(values),
    ]);
  const result = await interruptible(
    (signal) =>
      runRollback({
        ...where,
        names: targets,
        to: str(values, "to") ?? "previous",
        wait: onOff(values, "wait", true),
        timeoutSeconds: seconds(values, "timeout"),
        forceConflicts: values["force-conflicts"] === true,
        s3Endpoint: s3EndpointFromEnv(str(values, "s3-endpoint"), process.env),
        region: str(values, "aws-region"),
        log: consoleReporter,
        signal,
      }),
    "the rollback stopped before it finished",
  );
  if (result.failure) {
    console.error(`rollback failed: ${result.failure}`);
    return 1;
  }
  return 0;
}

async function remove(values: Values, names: string[]): Promise<number> {
  const all = values.all === true;
  if (!all && names.length === 0) throw new UsageError("name the API(s) to delete, or pass --all");
  if (all && names.length > 0) throw new UsageError("give API names or --all, not both");
  const dryRun = values["dry-run"] === true;
  const [{ deleteApis }, { consoleReporter }, where] = await Promise.all([
    import("./commands/delete.ts"),
    import("./commands/common.ts"),
    cluster(values),
  ]);
  const configFile = String(values.config);
  // --all asks first, with the list of what would go: on a terminal, the question; with no one
  // to ask, a refusal unless --yes.
  const gate = deleteGate({
    all,
    yes: values.yes === true,
    dryRun,
    interactive: process.stdin.isTTY === true,
  });
  const confirm = async (refs: readonly string[]): Promise<boolean> => {
    if (gate === "refuse")
      throw new UsageError(refusalMessage(where.namespace, configFile, refs.length));
    const { ask } = await import("./commands/ask.ts");
    return confirmed(await ask(confirmQuestion(where.namespace, configFile, refs)));
  };
  const deleted = await deleteApis({
    ...where,
    configFile,
    configId: str(values, "config-id"),
    names,
    all,
    dryRun,
    confirm: gate === "proceed" ? undefined : confirm,
    log: consoleReporter,
  });
  // The file may be gone (its APIs outlive it), but a missing file that matched nothing is most
  // likely a typo: success would say the APIs are deleted when they still run.
  if (deleted.length === 0 && !existsSync(configFile)) {
    console.error(
      `delete failed: ${configFile} does not exist and nothing in namespace ${where.namespace} ` +
        "was deployed from a file at that path; check -c (the path cortex.yaml had when it was deployed)",
    );
    return 1;
  }
  return 0;
}

async function logs(values: Values, names: string[]): Promise<number> {
  if (names.length !== 1) throw new UsageError("name exactly one API");
  const follow = values.follow === true;
  const previous = values.previous === true;
  // A previous run has ended and its log is complete: there is nothing to follow.
  if (previous && follow)
    throw new UsageError("--previous reads runs that have ended; it cannot be used with --follow");
  // No upper bound: it is not a wait, and a log is as old as its container.
  const sinceSeconds =
    values.since === undefined ? undefined : seconds(values, "since", Number.POSITIVE_INFINITY);
  const [{ logs: runLogs }, { consoleReporter }, where] = await Promise.all([
    import("./commands/logs.ts"),
    import("./commands/common.ts"),
    cluster(values),
  ]);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  try {
    await runLogs({
      ...where,
      name: names[0] ?? "",
      follow,
      tailLines: values.tail === undefined ? undefined : positiveInt(values, "tail"),
      sinceSeconds,
      previous,
      write: (line) => console.log(line),
      log: consoleReporter,
      signal: stop.signal,
    });
  } finally {
    process.off("SIGINT", onSignal);
  }
  return 0;
}

async function install(values: Values): Promise<number> {
  const image = str(values, "controller-image");
  if (image !== undefined && values["with-controller"] !== true)
    throw new UsageError("--controller-image needs --with-controller");
  const [{ install: runInstall }, { consoleReporter }, where] = await Promise.all([
    import("./commands/install.ts"),
    import("./commands/common.ts"),
    cluster(values),
  ]);
  await runInstall({
    kubeconfig: where.kubeconfig,
    kubeconfigSource: where.kubeconfigSource,
    context: where.context,
    withController: values["with-controller"] === true,
    controllerImage: image,
    log: consoleReporter,
  });
  return 0;
}

/**
 * gc's clusters: each --kubeconfig at its current-context, or each --context of the one kubeconfig
 * (given or default). Contexts with several kubeconfigs would need a pairing, so they are refused.
 */
async function gcClusters(values: Values): Promise<ClusterAccess[]> {
  const files = strs(values, "kubeconfig");
  const contexts = strs(values, "context");
  if (contexts.length === 0) return Promise.all(files.map(readKubeconfig));
  if (files.length > 1)
    throw new UsageError(
      "--context picks contexts of one kubeconfig, but several --kubeconfig were given: give one " +
        "kubeconfig with a --context for each cluster, or several --kubeconfig without --context " +
        "(each used at its current-context)",
    );
  // Twice the same context reads one cluster twice: most likely a typo for another one.
  const twice = firstRepeated(contexts);
  if (twice !== undefined)
    throw new UsageError(`--context ${twice} is given twice; name each cluster's context once`);
  const file = files[0] === undefined ? {} : await readKubeconfig(files[0]);
  return contexts.map((context) => ({ ...file, context }));
}

async function gc(values: Values, _names: string[], argv: string[]): Promise<number> {
  const s3opts = await s3(values);
  if (!s3opts.bucket)
    throw new UsageError("name the bucket: --bucket NAME, or set CORTEX_DEPLOY_BUCKET");
  const minAgeText = str(values, "min-age") ?? "7d";
  const minAgeSeconds = nonNegativeSeconds(values, "min-age");
  const clusters = await gcClusters(values);
  const deleting = values.delete === true;
  const [{ gc: runGc }, { consoleReporter }] = await Promise.all([
    import("./commands/gc.ts"),
    import("./commands/common.ts"),
  ]);
  await interruptible(
    (signal) =>
      runGc({
        ...s3opts,
        bucket: s3opts.bucket ?? "",
        clusters,
        minAgeSeconds,
        minAgeText,
        delete: deleting,
        deleteCommand: ["cortex-deploy", "gc", ...argv, "--delete"].map(shellQuote).join(" "),
        howTo: values.context === undefined ? undefined : { addCluster: "give its --context too" },
        log: consoleReporter,
        signal,
      }),
    "nothing was deleted",
  );
  return 0;
}

const commands: Record<string, CommandSpec> = {
  validate: {
    summary: "check cortex.yaml and its artifact paths; print every error with its line and column",
    usage: "cortex-deploy validate [-c FILE] [--format text|json]",
    options: { config: configOption, ...formatOption },
    run: validate,
  },
  upload: {
    summary: "upload the APIs' artifacts to S3 and print each API's manifest hash",
    usage: "cortex-deploy upload [-c FILE] [--bucket NAME] [--prefix P] [--s3-endpoint URL]",
    options: { config: configOption, ...s3Options, ...uploadConcurrencyOption },
    run: upload,
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
        help: "exit 2 when the plan has changes (0 when none, 1 on errors)",
      },
    },
    run: plan,
  },
  deploy: {
    summary: "validate, upload artifacts, apply the APIs and wait until they are Ready",
    usage:
      "cortex-deploy deploy [-c FILE] [-n NS] [--bucket NAME] [--wait|--no-wait] [--timeout D]",
    options: {
      config: configOption,
      ...clusterOptions,
      ...s3Options,
      ...uploadConcurrencyOption,
      ...waitOptions,
      ...pruneOptions,
      ...identityOption,
    },
    run: deploy,
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
        help: "the APIs of every namespace (previews included), with a NAMESPACE column",
      },
      watch: {
        type: "boolean",
        short: "w",
        help: "show the table again each time it changes, until Ctrl-C (with --format json: a line each)",
      },
    },
    names: true,
    // One namespace or all of them: -n beside -A was silently ignored.
    exclusive: [["namespace", "all-namespaces"]],
    run: status,
  },
  history: {
    summary: "list an API's revisions",
    usage: "cortex-deploy history NAME [-n NS] [--format text|json]",
    options: { ...clusterOptions, ...formatOption },
    names: true,
    run: history,
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
        help: "previous (undo the last deploy: each API it changed goes back to its newest earlier revision that did not fail, the others stay), a revision number, or a commit SHA (prefix)",
      },
      ...waitOptions,
      "s3-endpoint": s3Options["s3-endpoint"],
      "aws-region": s3Options["aws-region"],
    },
    names: true,
    run: rollback,
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
        help: "delete every API this config deployed in the namespace (asks first; see --yes)",
      },
      "dry-run": { type: "boolean", help: "list what would be deleted; delete nothing" },
      yes: {
        type: "boolean",
        short: "y",
        help: "delete --all without asking (needed when stdin is not a terminal, e.g. in CI)",
      },
    },
    names: true,
    run: remove,
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
        help: "the log of each restarted container's previous run (what it printed before it died)",
      },
    },
    names: true,
    run: logs,
  },
  install: {
    summary: "install the CRDs (and the controller) into the cluster",
    usage:
      "cortex-deploy install [--with-controller [--controller-image IMAGE]] [--kubeconfig FILE] [--context NAME]",
    options: {
      ...kubeOptions,
      "with-controller": {
        type: "boolean",
        help: "also apply the controller's manifests (controller/deploy/)",
      },
      "controller-image": {
        type: "string",
        arg: "IMAGE",
        help: "the controller image you built and pushed (default: the installed controller's; on a first install, the one controller.yaml names)",
      },
    },
    run: install,
  },
  gc: {
    summary: "delete S3 artifacts no API, revision or ReplicaSet uses (a report without --delete)",
    usage:
      "cortex-deploy gc [--bucket NAME] [--prefix P] [--kubeconfig FILE]... [--context NAME]... [--min-age D] [--delete]",
    options: {
      ...s3Options,
      kubeconfig: {
        ...kubeOptions.kubeconfig,
        multiple: true,
        help:
          "kubeconfig of a cluster that deploys from this bucket and prefix; repeat it for each " +
          "(staging, prod…): what only an unnamed cluster uses is deleted (default: $KUBECONFIG, " +
          "then ~/.kube/config)",
      },
      context: {
        ...kubeOptions.context,
        multiple: true,
        help:
          "a context of the kubeconfig (one --kubeconfig at most) for each cluster that deploys " +
          "from it, e.g. --context staging --context prod (default: its current-context)",
      },
      "min-age": {
        type: "string",
        arg: "D",
        default: "7d",
        help: "keep objects younger than this, used or not (uploads and deploys in progress), e.g. 36h, 7d, 0s",
      },
      delete: {
        type: "boolean",
        help: "delete them; without it, gc only reports what it would delete",
      },
    },
    run: gc,
  },
};

function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    "cortex-deploy: ship Cortex-format ML inference APIs from CI to Kubernetes",
    "",
    "usage: cortex-deploy <command> [flags]   (cortex-deploy <command> --help for its flags)",
    "       cortex-deploy --version (-v)",
    "",
    "commands:",
    ...Object.entries(commands).map(
      ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}${c.run ? "" : " (not available yet)"}`,
    ),
  ].join("\n");
}

function commandHelp(name: string, spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([flag, o]) => {
    const short = o.short ? `-${o.short}, ` : "    ";
    const arg = o.type === "string" ? ` ${o.arg ?? flag.toUpperCase()}` : "";
    const def = o.default !== undefined ? ` [default: ${String(o.default)}]` : "";
    return ["", `${short}--${flag}${arg}`, `${o.help}${def}`];
  });
  rows.push(["", "-h, --help", "show this help"]);
  const lines = [`usage: ${spec.usage}`, "", spec.summary, "", "flags:", ...alignColumns(rows)];
  if (!spec.run) lines.push("", `'${name}' is not available yet in this version.`);
  return lines.join("\n");
}

/** Each flag's default, for those that have one. */
function defaults(spec: CommandSpec): Values {
  return Object.fromEntries(
    Object.entries(spec.options).flatMap(([flag, o]) =>
      o.default === undefined ? [] : [[flag, o.default]],
    ),
  );
}

/** "-n/--namespace", as a usage line names a flag. */
function flagNames(flag: string, spec: CommandSpec): string {
  const short = spec.options[flag]?.short;
  return short ? `-${short}/--${flag}` : `--${flag}`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // `help deploy` as `deploy --help`, as git and npm read it.
  if (name === "help" && rest[0] !== undefined) return main([rest[0], "--help"]);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(helpText());
    return name === undefined ? 2 : 0;
  }
  // -v as node, npm and docker read it; no command has a -v of its own.
  if (name === "--version" || name === "-v") {
    console.log(process.env.CORTEX_DEPLOY_VERSION ?? "cortex-deploy 0.1.0");
    return 0;
  }
  const spec = commands[name];
  if (spec === undefined) {
    const near = didYouMean(name, Object.keys(commands));
    console.error(`cortex-deploy: unknown command '${name}'${near}\n\n${helpText()}`);
    return 2;
  }
  // With --format json, every failure is also one JSON document on stdout (the sentence for
  // people stays on stderr), so a script that parses stdout never reads empty input.
  const takesJson = "format" in spec.options;
  let json = takesJson && asksForJson(rest);
  let jsonLines = false;
  const fail = (message: string, code: number, config?: ConfigFileError): number => {
    if (json) {
      const doc = jsonError(message, code, config);
      // A watch prints a JSON line per change: its failure is one line too.
      if (jsonLines) console.log(JSON.stringify(doc));
      else printJson(doc);
    }
    return code;
  };
  // Parsed without defaults, so that the values say which flags were given; defaults come after.
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([flag, { default: _, ...option }]) => [flag, option]),
  );
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinNegativeValues(rest, spec.options),
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    }) as { values: Values; positionals: string[] };
  } catch (err) {
    const message = flagErrorMessage(err, spec.options);
    console.error(
      `cortex-deploy ${name}: ${message}\nusage: ${spec.usage}\n(cortex-deploy ${name} --help lists its flags)`,
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
    console.error(`cortex-deploy ${name}: ${message}\nusage: ${spec.usage}`);
    return fail(message, 2);
  }
  if (!spec.run) {
    const message = `'${name}' is not available yet in this version; nothing was changed.`;
    console.error(`cortex-deploy: ${message}`);
    return fail(message, 1);
  }
  try {
    for (const [a, b] of spec.exclusive ?? [])
      if (parsed.values[a] !== undefined && parsed.values[b] !== undefined)
        throw new UsageError(
          `${flagNames(a, spec)} and ${flagNames(b, spec)} exclude each other; give one or the other`,
        );
    const values = { ...defaults(spec), ...parsed.values };
    return await spec.run(values, parsed.positionals, rest);
  } catch (err) {
    if (err instanceof ConfigFileError) {
      console.error(err.message);
      return fail(err.message, err.exitCode, err);
    }
    if (err instanceof UsageError) {
      console.error(`cortex-deploy ${name}: ${err.message}\nusage: ${spec.usage}`);
      return fail(err.message, 2);
    }
    const [{ failureMessage }, { interruptedExitCode }] = await Promise.all([
      import("./commands/common.ts"),
      import("./commands/interrupt.ts"),
    ]);
    const message = failureMessage(err);
    console.error(`cortex-deploy ${name}: ${message}`);
    return fail(message, interruptedExitCode(err) ?? 1);
  }
}
