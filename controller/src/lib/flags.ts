// Command-line flags with environment fallbacks, for the commands of the controller image.
//
// Each command declares its flags once, as a record of specs keyed by camelCase name; the flag on
// the command line is the kebab-case form (`targetPort` → `--target-port`). A value comes from, in
// order: the command line, the spec's environment variable (so the controller can configure a pod
// through `env`), the spec's default. Parsing is pure: argv and env are passed in.
//
//   const specs = { port: { type: "int", env: "PORT", default: 8888, help: "listen port" } } as const;
//   const flags = parseFlags(specs, argv, process.env); // flags.port: number

export interface IntFlagSpec {
  type: "int";
  help: string;
  env?: string;
  default?: number;
  min?: number;
  max?: number;
}

export interface StringFlagSpec {
  type: "string";
  help: string;
  env?: string;
  default?: string;
  /** Checks a value; returns an error message, or undefined when it is acceptable. */
  check?: (value: string) => string | undefined;
}

/** A duration in milliseconds, written as `250ms`, `25s`, `2m`, `1h`, or bare seconds (`25`). */
export interface DurationFlagSpec {
  type: "duration";
  help: string;
  env?: string;
  /** Milliseconds. */
  default?: number;
}

/** `--name`, `--name=true|false`; from the environment: true/false/1/0/yes/no. */
export interface BooleanFlagSpec {
  type: "boolean";
  help: string;
  env?: string;
  default?: boolean;
}

export type FlagSpec = IntFlagSpec | StringFlagSpec | DurationFlagSpec | BooleanFlagSpec;

type ValueOf<S extends FlagSpec> = S extends StringFlagSpec
  ? string
  : S extends BooleanFlagSpec
    ? boolean
    : number;

/** Flags with a default are always set; the others may be undefined. */
export type ParsedFlags<T extends Record<string, FlagSpec>> = {
  [K in keyof T]: T[K] extends { default: unknown } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

/** A usage error: the command prints it with the usage text and exits 2. */
export class FlagError extends Error {
  override name = "FlagError";
}

export function flagName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `250ms`, `25s`, `1.5m`, `1h` or bare seconds into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (m === null) return undefined;
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] ?? "s"] ?? 1000));
}

function convert(spec: FlagSpec, raw: string, source: string): string | number | boolean {
  switch (spec.type) {
    case "int": {
      const text = raw.trim();
      const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isSafeInteger(n)) throw new FlagError(`${source}: "${raw}" is not an integer`);
      if (spec.min !== undefined && n < spec.min)
        throw new FlagError(`${source}: ${n} is below the minimum ${spec.min}`);
      if (spec.max !== undefined && n > spec.max)
        throw new FlagError(`${source}: ${n} is above the maximum ${spec.max}`);
      return n;
    }
    case "duration": {
      const ms = parseDuration(raw);
      if (ms === undefined)
        throw new FlagError(`${source}: "${raw}" is not a duration (e.g. 500ms, 25s, 2m)`);
      return ms;
    }
    case "boolean": {
      const text = raw.trim().toLowerCase();
      if (["true", "1", "yes"].includes(text)) return true;
      if (["false", "0", "no", ""].includes(text)) return false;
      throw new FlagError(`${source}: "${raw}" is not true or false`);
    }
    case "string": {
      const problem = spec.check?.(raw);
      if (problem !== undefined) throw new FlagError(`${source}: ${problem}`);
      return raw;
    }
  }
}

/** True when argv asks for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}

/**
 * Parses argv (`--name value` or `--name=value`) against the specs, falling back to env, then to
 * defaults. Throws FlagError on an unknown flag, a missing value, a malformed value or a
 * positional argument.
 */
export function parseFlags<T extends Record<string, FlagSpec>>(
  specs: T,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedFlags<T> {
  const byName = new Map<string, string>();
  for (const key of Object.keys(specs)) byName.set(flagName(key), key);

  const fromArgv = new Map<string, string | number | boolean>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith("--")) throw new FlagError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const key = byName.get(name);
    if (key === undefined) throw new FlagError(`unknown flag --${name}`);
    const spec = specs[key] as FlagSpec;
    let raw: string;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else if (spec.type === "boolean") raw = "true";
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new FlagError(`flag --${name} needs a value`);
      raw = next;
      i++;
    }
    fromArgv.set(key, convert(spec, raw, `--${name}`));
  }

  const out: Record<string, string | number | boolean | undefined> = {};
  for (const [key, spec] of Object.entries(specs)) {
    if (fromArgv.has(key)) {
      out[key] = fromArgv.get(key);
      continue;
    }
    const envValue = spec.env === undefined ? undefined : env[spec.env];
    if (envValue !== undefined && envValue !== "") {
      out[key] = convert(spec, envValue, `$${spec.env}`);
      continue;
    }
    out[key] = spec.default;
  }
  return out as ParsedFlags<T>;
}

function formatDefault(spec: FlagSpec): string {
  if (spec.default === undefined) return "";
  if (spec.type === "duration") return ` (default ${spec.default / 1000}s)`;
  return ` (default ${JSON.stringify(spec.default)})`;
}

/** The usage text: one line per flag with its type, default and environment variable. */
export function formatUsage(
  command: string,
  summary: string,
  specs: Readonly<Record<string, FlagSpec>>,
): string {
  const lines = [`usage: ${command} [flags]`, "", summary, "", "flags:"];
  for (const [key, spec] of Object.entries(specs)) {
    const value = spec.type === "boolean" ? "" : ` <${spec.type}>`;
    const env = spec.env === undefined ? "" : ` [$${spec.env}]`;
    lines.push(`  --${flagName(key)}${value}${env}`);
    lines.push(`      ${spec.help}${formatDefault(spec)}`);
  }
  return lines.join("\n");
}
