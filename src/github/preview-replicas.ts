// Previews run small: each RealtimeAPI's replica counts are capped (min 1, max 2 by default), so
// a pull request never scales to production size. The `preview-replicas` input changes the cap
// (`MIN-MAX`) or turns it off (`config`: the replicas cortex.yaml gives). Pure.
import type { ApiConfig, CortexConfig } from "../config/index.ts";

export interface ReplicaCap {
  min: number;
  max: number;
}

export type PreviewReplicas = ReplicaCap | "config";

export const DEFAULT_PREVIEW_REPLICAS: ReplicaCap = { min: 1, max: 2 };

/** `1-2`, `0-1`, `3` (min = max = 3) or `config`; empty means the default. */
export function parsePreviewReplicas(
  raw: string,
): { ok: true; value: PreviewReplicas } | { ok: false; message: string } {
  const text = raw.trim();
  if (text === "") return { ok: true, value: DEFAULT_PREVIEW_REPLICAS };
  if (text === "config") return { ok: true, value: "config" };
  const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(text);
  const min = Number(m?.[1]);
  const max = Number(m?.[2] ?? m?.[1]);
  if (!m || max < 1 || min > max || max > 1000) {
    return {
      ok: false,
      message:
        "input preview-replicas: expected MIN-MAX (e.g. 1-2, with 1 ≤ MAX ≤ 1000 and MIN ≤ MAX) " +
        `or 'config', got '${raw}'`,
    };
  }
  return { ok: true, value: { min, max } };
}

export interface CappedApi {
  name: string;
  from: { min: number; max: number; init: number };
  to: { min: number; max: number; init: number };
}

/**
 * The API with its replicas capped: min and max never above the cap, init within the new
 * min..max and never above what cortex.yaml asked for. Counts already below the cap (e.g. min 0,
 * which the controller runs as one replica) stay as written.
 */
export function capApi(api: ApiConfig, cap: ReplicaCap): { api: ApiConfig; change?: CappedApi } {
  if (api.kind !== "RealtimeAPI") return { api };
  const a = api.autoscaling;
  const max = Math.min(a.max_replicas, cap.max);
  const min = Math.min(a.min_replicas, cap.min, max);
  const init = Math.min(Math.max(Math.min(a.init_replicas, Math.max(cap.min, 1)), min), max);
  if (max === a.max_replicas && min === a.min_replicas && init === a.init_replicas) return { api };
  return {
    api: {
      ...api,
      autoscaling: { ...a, min_replicas: min, max_replicas: max, init_replicas: init },
    },
    change: {
      name: api.name,
      from: { min: a.min_replicas, max: a.max_replicas, init: a.init_replicas },
      to: { min, max, init },
    },
  };
}

/** The config a preview deploys, and which APIs were capped (for the log and the summary). */
export function previewConfig(
  config: CortexConfig,
  replicas: PreviewReplicas,
): { config: CortexConfig; capped: CappedApi[] } {
  if (replicas === "config") return { config, capped: [] };
  const capped: CappedApi[] = [];
  const apis = config.apis.map((api) => {
    const r = capApi(api, replicas);
    if (r.change) capped.push(r.change);
    return r.api;
  });
  return { config: { ...config, apis }, capped };
}

export function describeCap(c: CappedApi): string {
  const f = c.from;
  const t = c.to;
  return `${c.name}: replicas min ${f.min}→${t.min}, max ${f.max}→${t.max}, init ${f.init}→${t.init} (preview cap)`;
}
