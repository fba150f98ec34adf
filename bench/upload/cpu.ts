// CPU seconds for the upload benchmark. On a two-core machine the client and the gateway share the
// cores, so wall time follows the sum of their CPU time; printing both says whether a tool is slow
// because it waits or because it works (and makes the gateway work).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** User + system CPU seconds a running process has used so far (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * Runs `command args` under `sh` so that the shell's `times` reports what the command (and its
 * children) used: Node has no getrusage(RUSAGE_CHILDREN). The report is the last line of stderr.
 */
export function withTimes(command: string, args: string[]): [string, string[]] {
  return ["sh", ["-c", '"$@"; s=$?; times >&2; exit $s', "sh", command, ...args]];
}

/** CPU seconds from the last line of `times` output ("0m6.210s 0m2.050s"), and stderr without it. */
export function parseTimes(stderr: string): { cpuSeconds: number; stderr: string } {
  const lines = stderr.trimEnd().split("\n");
  const last = lines.at(-1) ?? "";
  const m = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/.exec(last.trim());
  if (m === null) return { cpuSeconds: Number.NaN, stderr };
  const [, um, us, sm, ss] = m.map(Number) as [number, number, number, number, number];
  // `times` prints the shell's own times first, then its children's: drop both lines.
  return { cpuSeconds: um * 60 + us + sm * 60 + ss, stderr: lines.slice(0, -2).join("\n") };
}
