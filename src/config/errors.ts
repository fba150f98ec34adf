// The one error shape of config loading: a located, one-line message for people.

export interface ConfigError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like editors and the yaml library count. */
  column: number;
  /** The field concerned, like `[0].autoscaling.max_replicas`; "" for file-level problems. */
  path: string;
  message: string;
}

/** "PATH: message", or the message alone for a file-level problem (no path). */
export function describeConfigError(e: ConfigError): string {
  return e.path === "" ? e.message : `${e.path}: ${e.message}`;
}

/** "FILE:LINE:COL: error: PATH: message". */
export function formatConfigError(e: ConfigError): string {
  return `${e.file}:${e.line}:${e.column}: error: ${describeConfigError(e)}`;
}

/** File order, so people read errors top to bottom. */
export function sortConfigErrors(errors: readonly ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}
