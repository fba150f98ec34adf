// cortex.yaml → a fully defaulted, typed config, or every problem as a located error.
// Warnings (a key written twice, which Cortex accepts) come beside the config or the errors.
// Steps: bytes (size, UTF-8, empty) → YAML (syntax, duplicates, tabs, aliases, top-level list) →
// a TaskAPI's null port dropped → JSON Schema with fixed defaults → dependent defaults →
// cross-field rules → canonical endpoints and artifact mounts.

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { applyDependentDefaults, canonicalizeEndpoint, canonicalizeMounts } from "./defaults.ts";
import { type ConfigError, sortConfigErrors } from "./errors.ts";
import { type Issue, type RuleContext, yamlBooleanHint } from "./issue.ts";
import { parseYaml } from "./parse-yaml.ts";
import { formatPath, isRecord } from "./path.ts";
import { decodeConfigText, MAX_CONFIG_BYTES, tooLargeError } from "./precheck.ts";
import { checkApi, checkFile } from "./rules/api.ts";
import { healthFrom } from "./rules/health.ts";
import { checkSchema } from "./schema-check.ts";
import type { SourceMap } from "./source-map.ts";
import type { ApiConfig, LoadResult } from "./types.ts";

function fileError(file: string, message: string): LoadResult {
  return { ok: false, errors: [{ file, line: 1, column: 1, path: "", message }], warnings: [] };
}

/** The message, with the shared hint when YAML read a boolean where a string belongs. */
function messageOf(i: Issue, source: SourceMap): string {
  if (!i.yamlBoolean) return i.message;
  const written = source.plainText(i.path);
  const value = /^(y|yes|true|on)$/i.test(written ?? "");
  return written === undefined ? i.message : `${i.message}; ${yamlBooleanHint(written, value)}`;
}

function locateIssues(issues: readonly Issue[], source: SourceMap, file: string): ConfigError[] {
  return sortConfigErrors(
    issues.map((i) => {
      const pos = source.locate(i.path, i.at);
      return {
        file,
        line: pos.line,
        column: pos.column,
        path: formatPath(i.path),
        message: messageOf(i, source),
      };
    }),
  );
}

/**
 * Cortex refuses a TaskAPI's `pod.port` only when it is set: an explicit null (Go's nil) is the
 * same as leaving it out, so it is dropped before the schema, which knows no port for TaskAPI.
 */
function dropNullTaskPorts(data: readonly unknown[]): void {
  for (const api of data) {
    if (isRecord(api) && api.kind === "TaskAPI" && isRecord(api.pod) && api.pod.port === null)
      delete api.pod.port;
  }
}

/** Parses and validates cortex.yaml's bytes. Pure: no I/O. */
export function parseConfig(bytes: Uint8Array | string, file: string): LoadResult {
  try {
    return parseConfigUnguarded(bytes, file);
  } catch (e) {
    // A bug of ours, not the user's: still one line, never a stack trace.
    const message = e instanceof Error ? e.message : String(e);
    return fileError(file, `internal error while validating (please report it): ${message}`);
  }
}

function parseConfigUnguarded(bytes: Uint8Array | string, file: string): LoadResult {
  const decoded = decodeConfigText(bytes, file);
  if (!decoded.ok) return { ok: false, errors: [decoded.error], warnings: [] };
  const parsed = parseYaml(decoded.text, file);
  if (!parsed.ok) return { ok: false, errors: sortConfigErrors(parsed.errors), warnings: [] };
  const { data, source } = parsed.value;
  const warnings = sortConfigErrors(parsed.value.warnings);

  dropNullTaskPorts(data);
  const issues = checkSchema(data);
  const ctx: RuleContext = { ...healthFrom(issues), written: (p) => source.has(p) };
  // Rules read only what the schema accepted: APIs of a known kind, and within them the parts
  // without schema errors (see RuleContext).
  const usable = (data as ApiConfig[])
    .map((api, index) => ({ api, index }))
    .filter(({ index }) => ctx.intact([index]) && ctx.intact([index, "kind"]));
  for (const { api, index } of usable) {
    applyDependentDefaults(api, index, ctx);
    issues.push(...checkApi(api, index, ctx));
  }
  issues.push(...checkFile(usable, ctx));
  if (issues.length > 0 || parsed.value.errors.length > 0) {
    const errors = sortConfigErrors([
      ...parsed.value.errors,
      ...locateIssues(issues, source, file),
    ]);
    return { ok: false, errors, warnings };
  }

  const apis = data as ApiConfig[];
  for (const api of apis) {
    canonicalizeEndpoint(api);
    canonicalizeMounts(api);
  }
  return {
    ok: true,
    config: {
      file,
      dir: path.resolve(path.dirname(file)),
      apis,
      locate: (p) => source.locate(p),
      written: (p) => source.has(p),
    },
    warnings,
  };
}

// Every read failure starts "cannot read the file:", which the front ends treat as a usage error.
function readFailure(file: string, e: unknown): LoadResult {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === "ENOENT"
      ? "no such file"
      : code === "EACCES" || code === "EPERM"
        ? "permission denied"
        : code === "EISDIR"
          ? "it is a folder"
          : e instanceof Error
            ? e.message
            : String(e);
  return fileError(file, `cannot read the file: ${why}`);
}

/** Reads and validates a cortex.yaml; the size is checked before reading. */
export async function loadConfigFile(file: string): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return fileError(file, "cannot read the file: it is a folder");
    if (info.size > MAX_CONFIG_BYTES)
      return { ok: false, errors: [tooLargeError(file, info.size)], warnings: [] };
    bytes = await readFile(file);
  } catch (e) {
    return readFailure(file, e);
  }
  return parseConfig(bytes, file);
}
