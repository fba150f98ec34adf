// Kubernetes resource quantities ("100m", "512Mi", "2", "1e3") as numbers, for the downward API.

const suffixes: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function parseQuantity(text: string): number {
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(text.trim());
  const factor = match ? suffixes[match[2] ?? ""] : undefined;
  if (!match || factor === undefined) throw new Error(`invalid quantity "${text}"`);
  return Number(match[1]) * factor;
}

/**
 * A resourceFieldRef's value: the container's limit (node capacity when unset) or request (the
 * limit, else 0, when unset), divided by the divisor and rounded up, as Kubernetes does.
 */
export function resourceValue(
  resource: string,
  divisor: string | undefined,
  resources: { limits?: Record<string, string>; requests?: Record<string, string> } | undefined,
  capacity: Record<string, string>,
): string {
  const [kind, name = ""] = resource.split(".", 2) as [string, string?];
  const limit = resources?.limits?.[name];
  let raw: string | undefined;
  if (kind === "limits") raw = limit ?? capacity[name];
  else raw = resources?.requests?.[name] ?? limit;
  const value = raw === undefined ? 0 : parseQuantity(raw);
  const by = parseQuantity(divisor && divisor !== "0" ? divisor : "1");
  return String(Math.ceil(value / by));
}
