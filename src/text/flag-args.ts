// Flag values that look like flags. node:util's parseArgs refuses any value starting with '-' after
// a flag that takes one ("--timeout -5m"), so a negative number got "needs a value" instead of
// the flag's own message ("must be a positive duration"). No flag is named '-<digit>', so such a
// word can only be a value: it is joined to its flag, as if written --timeout=-5m.

interface FlagSpec {
  type: string;
  short?: string;
}

const NEGATIVE_NUMBER = /^-\d/;

/** `args` with each negative number that follows a flag taking a value joined to that flag. */
export function joinNegativeValues(
  args: readonly string[],
  flags: Readonly<Record<string, FlagSpec>>,
): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, spec] of Object.entries(flags)) {
    if (spec.type !== "string") continue;
    takesValue.set(`--${name}`, name);
    if (spec.short) takesValue.set(`-${spec.short}`, name);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    // After "--" every word is an argument, as parseArgs reads it.
    if (arg === "--") return [...out, ...args.slice(i)];
    const name = takesValue.get(arg);
    const next = args[i + 1];
    if (name !== undefined && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
