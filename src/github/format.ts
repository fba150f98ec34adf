// Small formatting shared by the PR comment and the job summary (pure).
import { codeCell } from "../text/markdown.ts";

/** 1.2 MB, 512 B: decimal units, as S3 consoles and `aws s3` show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = "B";
  for (const u of units) {
    if (value < 1000) break;
    value /= 1000;
    unit = u;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
}

/** 0.4s, 12.3s, 2m 05s. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return `${m}m ${String(s).padStart(2, "0")}s`;
}

/**
 * A URL as it is (GitHub links it), anything else as code. Endpoints are built from the
 * `endpoint-url-template` input and a path cortex.yaml's rules keep to `[\w./-]`.
 */
export function endpointCell(endpoint: string): string {
  if (endpoint === "") return "-";
  if (/^https?:\/\/[^\s<>|`\\]*$/.test(endpoint)) return endpoint;
  return codeCell(endpoint);
}

const STATUS_ICON: Record<string, string> = {
  ready: "✅",
  failed: "❌",
  rolledBack: "↩️",
  progressing: "⏳",
  pending: "⏳",
};

/** "✅ Ready", "⏳ pending", "applied": the rollout state when we waited, else what was done. */
export function statusText(state: string | undefined, fallback: string): string {
  if (state === undefined) return fallback;
  const words: Record<string, string> = {
    ready: "Ready",
    failed: "Failed",
    rolledBack: "Rolled back",
    progressing: "Progressing",
    pending: "Pending",
  };
  const icon = STATUS_ICON[state];
  return `${icon ? `${icon} ` : ""}${words[state] ?? state}`;
}

/** 2025-01-08 12:00 UTC */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
