// Kubernetes resource quantities ("200m", "1", "2.5Gi", "1e3"). parseExactQuantity and
// compareQuantities check the bounds Cortex checks (cpu >= 20m, mem >= 20Mi, shm <= mem) exactly,
// as Kubernetes compares quantities; parseQuantity gives an approximate number of base units.

/** Each suffix as a power of ten and a power of two; any other suffix must be an exponent. */
const SUFFIX: Readonly<Record<string, { exp10: number; exp2: number }>> = {
  "": { exp10: 0, exp2: 0 },
  n: { exp10: -9, exp2: 0 },
  u: { exp10: -6, exp2: 0 },
  m: { exp10: -3, exp2: 0 },
  k: { exp10: 3, exp2: 0 },
  M: { exp10: 6, exp2: 0 },
  G: { exp10: 9, exp2: 0 },
  T: { exp10: 12, exp2: 0 },
  P: { exp10: 15, exp2: 0 },
  E: { exp10: 18, exp2: 0 },
  Ki: { exp10: 0, exp2: 10 },
  Mi: { exp10: 0, exp2: 20 },
  Gi: { exp10: 0, exp2: 30 },
  Ti: { exp10: 0, exp2: 40 },
  Pi: { exp10: 0, exp2: 50 },
  Ei: { exp10: 0, exp2: 60 },
};

const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/;
const EXPONENT = /^[eE]([+-]?[0-9]+)$/;

/** A quantity's number and its suffix's powers, or undefined when it is not a quantity. */
function splitQuantity(text: string): { number: string; exp10: number; exp2: number } | undefined {
  const m = QUANTITY.exec(text);
  if (m === null) return undefined;
  const number = m[1] as string;
  const suffix = m[2] ?? "";
  const known = SUFFIX[suffix];
  if (known !== undefined) return { number, ...known };
  const exp = EXPONENT.exec(suffix);
  if (exp === null) return undefined;
  return { number, exp10: Number(exp[1]), exp2: 0 };
}

/**
 * The value of a quantity in base units, or undefined when it is not a Kubernetes quantity. A float,
 * so approximate: compare quantities with parseExactQuantity and compareQuantities.
 */
export function parseQuantity(text: string): number | undefined {
  const q = splitQuantity(text);
  return q === undefined ? undefined : Number(q.number) * 10 ** q.exp10 * 2 ** q.exp2;
}

/**
 * A quantity's exact value in nano base units (Kubernetes rounds a parsed quantity up to a whole
 * nano, away from zero): `sign` × `digits` × 10^`exp10` × 2^`exp2`, with exp10 and exp2 ≥ 0 and
 * `digits` 0n only for zero. Kept factored, so `1e400` costs no 400-digit number.
 */
export interface ExactQuantity {
  sign: 1 | -1;
  digits: bigint;
  exp10: number;
  exp2: number;
}

// Beyond this an exponent is clamped: 10^(10^15) units is not a resource anyone asks for.
const MAX_EXPONENT = 1e15;
const LOG10_2 = Math.log10(2);

/** The exact value of a quantity, or undefined when it is not a Kubernetes quantity. */
export function parseExactQuantity(text: string): ExactQuantity | undefined {
  const q = splitQuantity(text);
  if (q === undefined) return undefined;
  const { number, exp2 } = q;
  let exp10 = Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, q.exp10));
  const sign = number.startsWith("-") ? -1 : 1;
  const [whole = "", fraction = ""] = number.replace(/^[+-]/, "").split(".");
  let digits = BigInt(`0${whole}${fraction}`);
  // In nanos: ×10^9, less one power of ten per fraction digit.
  exp10 += 9 - fraction.length;
  if (digits === 0n) return { sign: 1, digits: 0n, exp10: 0, exp2: 0 };
  if (exp10 < 0) {
    // Divide by 10^-exp10, rounding up. A divisor longer than the dividend leaves 1 nano.
    const dividend = digits << BigInt(exp2);
    if (-exp10 > dividend.toString().length) digits = 1n;
    else {
      const divisor = 10n ** BigInt(-exp10);
      digits = (dividend + divisor - 1n) / divisor;
    }
    return { sign, digits, exp10: 0, exp2: 0 };
  }
  return { sign, digits, exp10, exp2 };
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: ExactQuantity, b: ExactQuantity): number {
  const sa = a.digits === 0n ? 0 : a.sign;
  const sb = b.digits === 0n ? 0 : b.sign;
  if (sa !== sb || sa === 0) return Math.sign(sa - sb);
  const c = compareMagnitudes(a, b);
  return c === 0 ? 0 : sa * c;
}

function compareMagnitudes(a: ExactQuantity, b: ExactQuantity): number {
  // log10 of each lies in [l, l + 1): far apart, the larger exponent decides.
  const l = (q: ExactQuantity) => q.digits.toString().length - 1 + q.exp10 + q.exp2 * LOG10_2;
  const la = l(a);
  const lb = l(b);
  if (Math.abs(la - lb) > 2) return Math.sign(la - lb);
  // Close: take out the common powers; what is left is a few digits longer than the inputs.
  const e10 = Math.min(a.exp10, b.exp10);
  const e2 = Math.min(a.exp2, b.exp2);
  const scaled = (q: ExactQuantity) =>
    (q.digits * 10n ** BigInt(q.exp10 - e10)) << BigInt(q.exp2 - e2);
  const va = scaled(a);
  const vb = scaled(b);
  return va === vb ? 0 : va > vb ? 1 : -1;
}

export const MIN_CPU = "20m";
export const MIN_MEM = "20Mi";
