// The one problem shape of config loading: a located, one-line message for people. Most are
// errors; a warning is something Cortex accepts that is most likely a slip (a key written twice).

import { plural } from "../text/plural.ts";

export interface ConfigError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors and the yaml library count. */
  column: number;
  /** The field concerned, like `[0].autoscaling.max_replicas`; "" for file-level problems. */
  path: string;
  message: string;
  /** Absent for errors (the shape predates warnings); "warning" for warnings. */
  severity?: "warning";
}

/** "PATH: message", or the message alone for a file-level problem (no path). */
export function describeConfigError(e: ConfigError): string {
  return e.path === "" ? e.message : `${e.path}: ${e.message}`;
}

/** "FILE:LINE:COL: error: PATH: message", or "warning:" for a warning. */
export function formatConfigError(e: ConfigError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.severity ?? "error"}: ${describeConfigError(e)}`;
}

/** "2 errors, 1 warning", "1 error", "no errors": what a run found, for its last line. */
export function countProblems(errors: number, warnings: number): string {
  const e = errors === 0 && warnings === 0 ? "no errors" : plural(errors, "error");
  return warnings === 0 ? e : `${errors === 0 ? "" : `${e}, `}${plural(warnings, "warning")}`;
}

/** File order, so people read errors top to bottom. */
export function sortConfigErrors(errors: readonly ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}
