// Kubernetes resource quantities ("200m", "1", "2.5Gi", "1e3"), parsed to a plain number of base
// units (cores, bytes) for the bounds Cortex checks: cpu >= 20m, mem >= 20Mi, shm <= mem.

const SUFFIX_FACTOR: Readonly<Record<string, number>> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
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

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;

/** The value of a quantity in base units, or undefined when it is not a Kubernetes quantity. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (m === null) return undefined;
  const number = Number(m[1]);
  const suffix = m[2] ?? "";
  const factor = SUFFIX_FACTOR[suffix];
  if (factor !== undefined) return number * factor;
  const exp = EXPONENT.exec(suffix);
  if (exp === null) return undefined;
  return number * 10 ** Number(exp[1]);
}

export const MIN_CPU = "20m";
export const MIN_MEM = "20Mi";
