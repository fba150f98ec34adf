import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

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

export {
  parsePreviewReplicas,
  previewConfig,
  describeCap
};
