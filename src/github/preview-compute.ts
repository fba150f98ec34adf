// Previews run small pods too: on a cluster with a node autoscaler, a pull request that asks for
// `gpu: 8` or `cpu: 64` buys big nodes for the preview's whole life. The `preview-max-compute`
// input (`cpu=2, mem=8Gi, gpu=0`) caps what each container of a preview may request; a preview
// that asks more is refused before anything is created, each field located in cortex.yaml as
// validate's errors are. Push deploys are not limited. Pure.
import {
  type Compute,
  type ConfigError,
  type ConfigPath,
  type CortexConfig,
  formatConfigError,
  formatPath,
  sortConfigErrors,
} from "../config/index.ts";
import { compareQuantities, type ExactQuantity, parseExactQuantity } from "../config/quantity.ts";
import { listItems } from "../text/list.ts";
import { plural } from "../text/plural.ts";

export type ComputeKey = keyof Compute;

/** cortex.yaml's compute fields, in its order. */
export const COMPUTE_KEYS: readonly ComputeKey[] = ["cpu", "mem", "gpu", "inf", "shm"];

export interface ComputeLimit {
  key: ComputeKey;
  /** As the input wrote it, for messages. */
  text: string;
  value: ExactQuantity;
}

/** The limits, one per key at most; empty: no limit. */
export type PreviewMaxCompute = readonly ComputeLimit[];

const EXPECTED = "expected KEY=QUANTITY, comma-separated, with KEY one of cpu, mem, gpu, inf, shm";

/** `cpu=2, mem=8Gi, gpu=0` (commas or new lines between); empty means no limit. */
export function parsePreviewMaxCompute(
  raw: string,
): { ok: true; value: PreviewMaxCompute } | { ok: false; message: string } {
  const fail = (why: string) => ({
    ok: false as const,
    message: `input preview-max-compute: ${why}`,
  });
  const limits: ComputeLimit[] = [];
  for (const item of listItems(raw)) {
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(item);
    if (!m) return fail(`${EXPECTED} (e.g. cpu=2, mem=8Gi, gpu=0), got '${item}'`);
    const key = m[1] as string;
    const text = m[2] as string;
    if (!(COMPUTE_KEYS as readonly string[]).includes(key))
      return fail(`unknown key '${key}' in '${item}'; ${EXPECTED}`);
    const value = parseExactQuantity(text);
    if (value === undefined)
      return fail(`${key}: '${text}' is not a Kubernetes quantity such as 500m, 2 or 8Gi`);
    if (value.sign < 0) return fail(`${key}: must not be negative, got '${text}'`);
    if (limits.some((l) => l.key === key)) return fail(`${key} is given twice`);
    limits.push({ key: key as ComputeKey, text, value });
  }
  return { ok: true, value: limits };
}

export function describeLimits(limits: PreviewMaxCompute): string {
  return limits.map((l) => `${l.key}=${l.text}`).join(", ");
}

/**
 * Every compute field of every container that asks more than its limit, located in cortex.yaml.
 * A field left out counts as its default (cpu 200m, gpu 0, ...); null (no request) is never above.
 */
export function checkPreviewCompute(
  config: CortexConfig,
  limits: PreviewMaxCompute,
): ConfigError[] {
  const problems: ConfigError[] = [];
  config.apis.forEach((api, i) => {
    if (api.kind === "TrafficSplitter") return;
    api.pod.containers.forEach((container, j) => {
      for (const limit of limits) {
        const asked = container.compute[limit.key];
        if (asked === null) continue;
        const value = parseExactQuantity(String(asked));
        // The loader refused quantities it cannot read; none is left here.
        if (value === undefined || compareQuantities(value, limit.value) <= 0) continue;
        const path: ConfigPath = [i, "pod", "containers", j, "compute", limit.key];
        // Unset, the field points at its container; say where the value came from.
        const where = config.written(path) ? "" : ` (the default; ${limit.key} is not set)`;
        const { line, column } = config.locate(path);
        problems.push({
          file: config.file,
          line,
          column,
          path: formatPath(path),
          message:
            `${asked}${where} is above preview-max-compute's ${limit.key}=${limit.text} ` +
            "(previews only; push deploys are not limited)",
        });
      }
    });
  });
  return sortConfigErrors(problems);
}

/** The preview's failure: why, then each problem on its line. */
export function computeRefusal(file: string, problems: readonly ConfigError[]): string {
  return [
    `${file} asks for more than preview-max-compute allows (${plural(problems.length, "field")}); ` +
      "no preview was deployed:",
    ...problems.map(formatConfigError),
  ].join("\n");
}
