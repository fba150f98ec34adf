// Go's time.ParseDuration, which is what Cortex uses for window, stabilization periods, etc.

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n, // micro sign
  "\u03bcs": 1_000n, // Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

// Go durations are int64 nanoseconds.
const MAX_NANOS = (1n << 63n) - 1n;

export class DurationError extends Error {}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** Parses a Go duration ("1m30s", "500ms", "0") to integer nanoseconds; throws DurationError. */
export function parseDurationNanos(input: string): bigint {
  const bad = (why: string) => new DurationError(`invalid duration "${input}": ${why}`);
  let s = input;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw bad("it is empty");
  let total = 0n;
  let i = 0;
  while (i < s.length) {
    if (!(isDigit(s[i]) || s[i] === ".")) throw bad("expected a number");
    const intStart = i;
    while (isDigit(s[i])) i++;
    const intDigits = s.slice(intStart, i);
    let fracDigits = "";
    if (s[i] === ".") {
      i++;
      const fracStart = i;
      while (isDigit(s[i])) i++;
      fracDigits = s.slice(fracStart, i);
    }
    if (intDigits === "" && fracDigits === "") throw bad("expected a number");
    const unitStart = i;
    while (i < s.length && !isDigit(s[i]) && s[i] !== ".") i++;
    const unitText = s.slice(unitStart, i);
    if (unitText === "") throw bad("missing unit (use ns, us, ms, s, m or h)");
    const unit = UNIT_NANOS[unitText];
    if (unit === undefined) throw bad(`unknown unit "${unitText}" (use ns, us, ms, s, m or h)`);
    let nanos = BigInt(intDigits === "" ? "0" : intDigits) * unit;
    if (fracDigits !== "") nanos += (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length);
    total += nanos;
    if (total > MAX_NANOS) throw bad("out of range");
  }
  return negative ? -total : total;
}

/** Go duration → seconds, e.g. "1m30s" → 90, "500ms" → 0.5. Throws on bad input. */
export function parseDuration(s: string): number {
  return Number(parseDurationNanos(s)) / 1e9;
}
