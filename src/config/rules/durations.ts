// Shared checks for Go-duration fields.

import { DurationError, parseDurationNanos } from "../duration.ts";
import { type Issue, issue } from "../issue.ts";
import type { ConfigPath } from "../path.ts";

export const SECOND = 1_000_000_000n;

/** Parses a duration field; on failure pushes an issue and returns undefined. */
export function durationField(value: string, path: ConfigPath, out: Issue[]): bigint | undefined {
  try {
    const nanos = parseDurationNanos(value);
    if (nanos < 0n) {
      out.push(issue(path, `must not be negative, got "${value}"`));
      return undefined;
    }
    return nanos;
  } catch (e) {
    if (!(e instanceof DurationError)) throw e;
    out.push(issue(path, `${e.message}; use a Go duration such as 60s, 5m or 1m30s`));
    return undefined;
  }
}
