// The splitter's flags. Each has an environment variable, so the controller can configure the
// Deployment through `env` alone. The backends come as one JSON array (CORTEX_SPLITTER_BACKENDS),
// checked here entry by entry; a problem is a FlagError naming the entry and field, e.g.
// `$CORTEX_SPLITTER_BACKENDS: backends[1].url: must name a port (http://host:port)`.
import { FlagError, flagName, type ParsedFlags, parseFlags } from "../lib/flags.ts";
import { servingFlags } from "../lib/serve.ts";

export const splitterFlags = {
  port: {
    type: "int",
    env: "CORTEX_SPLITTER_PORT",
    default: 8888,
    min: 0,
    max: 65535,
    help: "port for client requests (0 picks a free port)",
  },
  backends: {
    type: "string",
    env: "CORTEX_SPLITTER_BACKENDS",
    help: 'required: JSON array of {"name": string, "url": "http://host:port", "weight": 0-100, "shadow"?: boolean}; requests go to the non-shadow backends by weight, and every request is also mirrored to the shadow (at most one), whose responses are discarded',
    check: (value: string) => checkBackends(value).error,
  },
  shadowBuffer: {
    type: "int",
    env: "CORTEX_SHADOW_BUFFER",
    default: 1024 * 1024,
    min: 0,
    help: "bytes of a mirrored request body that may wait for the shadow backend to read them; beyond that the mirror is dropped, so a slow shadow never holds memory or the client",
  },
  ...servingFlags("splitter"),
} as const;

export interface Backend {
  name: string;
  /** As given, e.g. `http://iris.default:8888`. */
  url: string;
  /** For http.request: an IPv6 address without its brackets. */
  host: string;
  port: number;
  weight: number;
  shadow: boolean;
}

export type SplitterConfig = Omit<ParsedFlags<typeof splitterFlags>, "backends"> & {
  backends: Backend[];
};

const FIELDS = new Set(["name", "url", "weight", "shadow"]);

type Checked<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

function fail<T>(error: string): Checked<T> {
  return { error };
}

function checkUrl(where: string, raw: unknown): Checked<{ host: string; port: number }> {
  if (typeof raw !== "string") return fail(`${where}: must be a string`);
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`${where}: ${JSON.stringify(raw)} is not a URL`);
  }
  if (url.protocol !== "http:")
    return fail(`${where}: must start with http:// (got ${JSON.stringify(url.protocol)})`);
  if (url.hostname === "") return fail(`${where}: needs a host`);
  if (url.username !== "" || url.password !== "")
    return fail(`${where}: must not carry a user or password`);
  if (url.pathname !== "/" && url.pathname !== "")
    return fail(`${where}: must not have a path (got ${JSON.stringify(url.pathname)})`);
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(text))
    return fail(`${where}: must not have a query or fragment`);
  // URL drops a port equal to the scheme's default, so ask the text whether one was written.
  const authority = text.slice("http://".length).split("/")[0] ?? "";
  const explicit = /:(\d+)$/.exec(authority);
  if (explicit === null) return fail(`${where}: must name a port (http://host:port)`);
  const port = url.port === "" ? 80 : Number(url.port);
  if (port < 1 || port > 65535) return fail(`${where}: port must be 1-65535`);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return { value: { host, port } };
}

function checkEntry(i: number, entry: unknown, names: Set<string>): Checked<Backend> {
  const at = `backends[${i}]`;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    return fail(`${at}: must be an object with name, url and weight`);
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!FIELDS.has(key)) return fail(`${at}: unknown field ${JSON.stringify(key)}`);

  const name = record.name;
  if (typeof name !== "string" || name === "")
    return fail(`${at}.name: must be a non-empty string`);
  // It is sent as the x-cortex-api response header, so it must be a valid header value.
  if (!/^[\x21-\x7e]+$/.test(name))
    return fail(`${at}.name: ${JSON.stringify(name)} must be printable ASCII without spaces`);
  if (names.has(name)) return fail(`${at}.name: ${JSON.stringify(name)} is used twice`);
  names.add(name);

  const url = checkUrl(`${at}.url`, record.url);
  if (url.error !== undefined) return fail(url.error);

  const weight = record.weight;
  if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0 || weight > 100)
    return fail(`${at}.weight: must be an integer from 0 to 100 (got ${JSON.stringify(weight)})`);

  const shadow = record.shadow ?? false;
  if (typeof shadow !== "boolean")
    return fail(`${at}.shadow: must be true or false (got ${JSON.stringify(shadow)})`);

  return {
    value: { name, url: (record.url as string).trim(), ...url.value, weight, shadow },
  };
}

function checkBackends(text: string): Checked<Backend[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return fail(`backends: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed)) return fail("backends: must be a JSON array");
  const names = new Set<string>();
  const out: Backend[] = [];
  for (const [i, entry] of parsed.entries()) {
    const checked = checkEntry(i, entry, names);
    if (checked.error !== undefined) return fail(checked.error);
    out.push(checked.value);
  }
  const shadows = out.filter((b) => b.shadow);
  if (shadows.length > 1)
    return fail(
      `backends: at most one shadow, got ${shadows.map((b) => JSON.stringify(b.name)).join(", ")}`,
    );
  if (!out.some((b) => !b.shadow && b.weight > 0))
    return fail("backends: needs at least one non-shadow backend with a weight above 0");
  return { value: out };
}

/** Parses and checks the backends JSON; throws FlagError with a one-line message. */
export function parseBackends(text: string): Backend[] {
  const checked = checkBackends(text);
  if (checked.error !== undefined) throw new FlagError(checked.error);
  return checked.value;
}

export function parseSplitterFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SplitterConfig {
  const flags = parseFlags(splitterFlags, argv, env);
  if (flags.backends === undefined)
    throw new FlagError(
      `--${flagName("backends")} (or $${splitterFlags.backends.env}) is required`,
    );
  return { ...flags, backends: parseBackends(flags.backends) };
}
