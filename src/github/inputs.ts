// The Action's inputs (action.yml), read once and checked, so every later step works with typed
// values and a bad input fails before anything is touched.
import type { ClusterAccess } from "../commands/common.ts";
import { parseDuration } from "../config/index.ts";
import { checkConfigId } from "../kube/config-id.ts";
import { firstRepeated, listItems } from "../text/list.ts";
import { COMMANDS, type Command, isCommand } from "./event.ts";
import { kubeconfigProblem, readKubeconfigList } from "./kubeconfig-list.ts";
import { type PreviewMaxCompute, parsePreviewMaxCompute } from "./preview-compute.ts";
import { type PreviewReplicas, parsePreviewReplicas } from "./preview-replicas.ts";

export interface ActionInputs {
  config: string;
  command: Command | "auto";
  namespace: string;
  bucket: string;
  prefix: string;
  awsRegion: string;
  s3Endpoint: string;
  /** Unset: path-style exactly when an S3 endpoint is set. */
  s3ForcePathStyle: boolean | undefined;
  kubeconfig: string;
  /** The kubeconfig context to use (the CLI's --context); its current-context when undefined. */
  kubeContext: string | undefined;
  uploadConcurrency: number;
  wait: boolean;
  timeoutSeconds: number;
  prune: boolean;
  /** Take over fields another field manager changed, as the CLI's --force-conflicts. */
  forceConflicts: boolean;
  /** The CLI's --config-id; undefined: derived from the repository and the config's path. */
  configId: string | undefined;
  rollbackTo: string;
  previewTtlSeconds: number;
  allowForkPreviews: boolean;
  /** Copy the artifacts Secret from `namespace` into the preview namespace. */
  previewCopySecret: boolean;
  endpointUrlTemplate: string;
  githubToken: string;
  /** Replica cap of previews (`preview-replicas`, default 1-2), or "config" for none. */
  previewReplicas: PreviewReplicas;
  /** Most each container of a preview may request (`preview-max-compute`); empty: no limit. */
  previewMaxCompute: PreviewMaxCompute;
  /** `cleanup` and `gc` list what they would delete and delete nothing (checkDryRun). */
  dryRun: boolean;
  /** gc keeps objects younger than this (the CLI's --min-age). */
  gcMinAge: { seconds: number; text: string };
  /** The other clusters gc reads references from, besides the `kubeconfig` input's. */
  gcKubeconfigs: ClusterAccess[];
  /** More contexts of the `kubeconfig` input, each one more cluster for gc. */
  gcContexts: string[];
}

export class InputError extends Error {}

/** How messages name the `kubeconfig` input (never the file the Action writes it to). */
export const KUBECONFIG_INPUT = "the kubeconfig input";

/** Why the kubeconfig input is most often empty: a secret that is not there for this run. */
export const EMPTY_KUBECONFIG_INPUT =
  "the kubeconfig input is empty (is the secret set and available to this event? Dependabot " +
  "and fork pull requests get no secrets)";

/** The kubeconfig input's cluster (else the runner's kubeconfig), at kube-context if given. */
export function kubeconfigAccess(inputs: ActionInputs): ClusterAccess {
  if (inputs.kubeconfig.trim() === "") {
    return {
      context: inputs.kubeContext,
      ifNoKubeconfig:
        `${EMPTY_KUBECONFIG_INPUT}, and the runner has no kubeconfig of its own (KUBECONFIG or ` +
        "~/.kube/config) to use instead",
    };
  }
  return {
    kubeconfig: inputs.kubeconfig,
    kubeconfigSource: KUBECONFIG_INPUT,
    context: inputs.kubeContext,
  };
}

/** The cluster every command reaches, with the namespace it works in. */
export function clusterOf(inputs: ActionInputs, namespace: string) {
  return { namespace, ...kubeconfigAccess(inputs) };
}

type Getter = (name: string) => string;

function bool(get: Getter, name: string, fallback: boolean): boolean {
  return optionalBool(get, name) ?? fallback;
}

function optionalBool(get: Getter, name: string): boolean | undefined {
  const raw = get(name).trim();
  if (raw === "") return undefined;
  if (/^(true|yes|on|1)$/i.test(raw)) return true;
  if (/^(false|no|off|0)$/i.test(raw)) return false;
  throw new InputError(`input ${name}: expected true or false, got '${raw}'`);
}

function configIdInput(get: Getter): string | undefined {
  const raw = get("config-id").trim();
  if (raw === "") return undefined;
  const problem = checkConfigId(raw);
  if (problem !== undefined) throw new InputError(`input config-id: ${problem}`);
  return raw;
}

/** A count written in decimal digits, else NaN: Number() would also read "0x10" and "1e1". */
export function parseWholeNumber(raw: string): number {
  return /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
}

/** More uploads at once than this only queue in the socket pool and hold memory. */
export const MAX_UPLOAD_CONCURRENCY = 1024;

function int(get: Getter, name: string, fallback: number, min: number, max: number): number {
  const raw = get(name).trim();
  if (raw === "") return fallback;
  const n = parseWholeNumber(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(
      `input ${name}: expected a whole number from ${min} to ${max}, got '${raw}'`,
    );
  }
  return n;
}

/** Go durations ("90s", "1h30m") plus whole days ("7d"), as people write TTLs. */
export function parseHumanDuration(raw: string): number {
  const days = /^(\d+)d(.*)$/.exec(raw.trim());
  if (days) {
    const rest = days[2] ?? "";
    return Number(days[1]) * 86_400 + (rest === "" ? 0 : parseDuration(rest));
  }
  return parseDuration(raw.trim());
}

/** parseHumanDuration, with NaN for what is not a duration: callers say what they expected. */
function secondsOrNaN(raw: string): number {
  try {
    return parseHumanDuration(raw);
  } catch {
    return Number.NaN;
  }
}

/**
 * The longest wait: Node's timers hold at most ~24.8 days (a longer one fires at once), and no
 * rollout is worth watching for more than a week.
 */
export const MAX_TIMEOUT_SECONDS = 7 * 86_400;
/** The longest preview life; far-off dates stop being dates at all. */
const MAX_PREVIEW_TTL_SECONDS = 365 * 86_400;

/** A duration's seconds if it is positive and at most `maxSeconds`, else what is wrong with it. */
export function boundedDuration(
  raw: string,
  maxSeconds: number,
): { ok: true; seconds: number } | { ok: false; tooLong: boolean } {
  const seconds = secondsOrNaN(raw);
  if (!(seconds > 0)) return { ok: false, tooLong: false };
  if (seconds > maxSeconds) return { ok: false, tooLong: true };
  return { ok: true, seconds };
}

/** A duration that may be 0 (gc's minimum age), in seconds, or undefined if it is not one. */
export function nonNegativeDuration(raw: string): number | undefined {
  const seconds = secondsOrNaN(raw);
  return seconds >= 0 && Number.isFinite(seconds) ? seconds : undefined;
}

function minAge(get: Getter, name: string): { seconds: number; text: string } {
  const text = get(name).trim() || "7d";
  const seconds = nonNegativeDuration(text);
  if (seconds === undefined)
    throw new InputError(`input ${name}: expected a duration such as 36h, 7d or 0s, got '${text}'`);
  return { seconds, text };
}

/**
 * The kubeconfig input: its contents, checked up front like each of gc-kubeconfigs (a path or a
 * base64 string is a common mistake). Empty is allowed: the runner's own kubeconfig is used then.
 */
function kubeconfigInput(get: Getter, name: string): string {
  const raw = get(name);
  if (raw.trim() === "") return "";
  const problem = kubeconfigProblem(raw);
  if (problem !== undefined) throw new InputError(`input ${name} ${problem}`);
  return raw;
}

function kubeconfigList(get: Getter, name: string): ClusterAccess[] {
  const read = readKubeconfigList(get(name), name);
  if (!read.ok) throw new InputError(read.message);
  return read.clusters;
}

/**
 * gc-contexts: names separated by commas or new lines. The same cluster twice is refused, not
 * merged: it is most likely a typo for a cluster that would then go unread.
 */
function contextList(get: Getter, name: string, kubeContext: string | undefined): string[] {
  const contexts = listItems(get(name));
  const twice = firstRepeated(contexts);
  if (twice !== undefined) throw new InputError(`input ${name}: context ${twice} is given twice`);
  if (kubeContext !== undefined && contexts.includes(kubeContext))
    throw new InputError(
      `input ${name}: context ${kubeContext} is kube-context's, which gc reads already`,
    );
  return contexts;
}

function duration(get: Getter, name: string, fallback: string, maxSeconds: number): number {
  const raw = get(name).trim() || fallback;
  const d = boundedDuration(raw, maxSeconds);
  if (d.ok) return d.seconds;
  throw new InputError(
    d.tooLong
      ? `input ${name}: at most ${maxSeconds / 86_400}d, got '${raw}'`
      : `input ${name}: expected a positive duration such as 90s, 15m or 7d, got '${raw}'`,
  );
}

/** Reads and checks every input; `get` is core.getInput in the Action and a map in tests. */
export function readInputs(get: Getter): ActionInputs {
  const command = get("command").trim() || "auto";
  if (command !== "auto" && !isCommand(command)) {
    throw new InputError(`input command: '${command}' is not one of auto, ${COMMANDS.join(", ")}`);
  }
  const previewReplicas = parsePreviewReplicas(get("preview-replicas"));
  if (!previewReplicas.ok) throw new InputError(previewReplicas.message);
  const kubeContext = get("kube-context").trim() || undefined;
  const previewMaxCompute = parsePreviewMaxCompute(get("preview-max-compute"));
  if (!previewMaxCompute.ok) throw new InputError(previewMaxCompute.message);
  return {
    config: get("config").trim() || "cortex.yaml",
    command,
    namespace: get("namespace").trim() || "default",
    bucket: get("bucket").trim(),
    prefix: get("prefix").trim() || "cortex-deploy",
    awsRegion: get("aws-region").trim(),
    s3Endpoint: get("s3-endpoint").trim(),
    s3ForcePathStyle: optionalBool(get, "s3-force-path-style"),
    kubeconfig: kubeconfigInput(get, "kubeconfig"),
    kubeContext,
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
    previewMaxCompute: previewMaxCompute.value,
    dryRun: bool(get, "dry-run", false),
    gcMinAge: minAge(get, "gc-min-age"),
    gcKubeconfigs: kubeconfigList(get, "gc-kubeconfigs"),
    gcContexts: contextList(get, "gc-contexts", kubeContext),
  };
}

/** The commands that read `dry-run`; validate and plan change nothing whatever it says. */
const READS_DRY_RUN: readonly Command[] = ["cleanup", "gc", "validate", "plan"];

/**
 * Refuses `dry-run: true` for a command that would ignore it and change the cluster for real
 * (deploy, preview, teardown, rollback). Called once the command is known (`auto` resolved),
 * before anything is touched.
 */
export function checkDryRun(command: Command, dryRun: boolean): void {
  if (!dryRun || READS_DRY_RUN.includes(command)) return;
  const instead =
    command === "deploy" || command === "preview"
      ? "for a deploy that changes nothing use `command: plan`"
      : "set dry-run to false to run it";
  throw new InputError(
    `input dry-run: true applies to cleanup and gc only, so this ${command} was not run (it ` +
      `would have changed the cluster); ${instead}.`,
  );
}

/**
 * A warning when s3-force-path-style is false with an endpoint: valid (some stores refuse
 * path-style), but false was once the documented default and meant "choose by endpoint",
 * so a workflow that spelled it out may not mean it.
 */
export function pathStyleWarning(
  forcePathStyle: boolean | undefined,
  endpoint: string | undefined,
): string | undefined {
  if (forcePathStyle !== false || !endpoint) return undefined;
  return (
    `s3-force-path-style is false with the S3 endpoint ${endpoint}: the bucket is addressed as a ` +
    "host name (virtual-hosted style), which most S3-compatible stores do not serve. Leave the " +
    "input empty to use path-style with an endpoint."
  );
}
