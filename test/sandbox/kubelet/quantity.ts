// Kubernetes resource quantities ("100m", "512Mi", "2", "1e3") as numbers, for the downward API.
import { parseQuantity as parseConfigQuantity } from "../../../src/config/quantity.ts";

// The same parser cortex.yaml's compute checks use, strict here: a pod spec the API server
// accepted holds only valid quantities, so a bad one is a bug worth a loud error.
export function parseQuantity(text: string): number {
  const value = parseConfigQuantity(text.trim());
  if (value === undefined) throw new Error(`invalid quantity "${text}"`);
  return value;
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
