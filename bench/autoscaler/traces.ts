// Traffic traces for the autoscaler benchmark: requests arriving each second. Noisy traces draw
// Poisson counts from a seeded generator so every algorithm sees exactly the same arrivals.

export interface Trace {
  name: string;
  /** Requests arriving in each second. */
  arrivals: number[];
  /**
   * Instead of `arrivals`: callers in each second, each sending its next request as soon as the
   * last is answered (a closed loop: arrivals follow the capacity).
   */
  callers?: number[];
  /** Seconds at the start left out of the flapping count (the system settling). */
  warmupSeconds: number;
  /** For the step trace: when the step happens and how many replicas it needs. */
  step?: { at: number; neededReplicas: number };
  /** Replicas at the start, when not the simulation's default (a trace that starts settled). */
  initialReplicas?: number;
  /** Whether the load is constant after warm-up, so any direction change is a flap. */
  constant: boolean;
  description: string;
}

/** mulberry32: a small, fast, seeded PRNG; good enough for traffic noise. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Knuth's Poisson sampler; fine for the small rates used here. */
function poisson(rate: number, next: () => number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

function noisy(rates: number[], seed: number): number[] {
  const next = random(seed);
  return rates.map((r) => poisson(r, next));
}

function rates(seconds: number, rate: (t: number) => number): number[] {
  return Array.from({ length: seconds }, (_, t) => rate(t));
}

/**
 * The traces, in replicas' worth of load when one replica serves `perReplica` requests a second.
 */
export function traces(perReplica: number): Trace[] {
  const stepAt = 600;
  const day = 7200; // a day compressed into two hours
  const burstPeriod = 300;
  return [
    {
      name: "step 1→10",
      // Deterministic, so 1 replica's worth is exactly 1 replica and the step is exactly 10×.
      arrivals: rates(stepAt + 1800, (t) => (t < stepAt ? 1 : 10) * perReplica),
      warmupSeconds: stepAt,
      step: { at: stepAt, neededReplicas: 10 },
      constant: false,
      description: "1 replica's worth for 10 min, then 10× for 30 min (no noise)",
    },
    {
      name: "diurnal",
      arrivals: noisy(
        rates(
          2 * day,
          (t) => (1 + 19 * (1 - Math.cos((2 * Math.PI * t) / day)) * 0.5) * perReplica,
        ),
        1,
      ),
      warmupSeconds: 600,
      constant: false,
      description: "sine from 1 to 20 replicas' worth, a 2 h 'day', two days, Poisson",
    },
    {
      name: "bursty on-off",
      arrivals: noisy(
        rates(12 * burstPeriod, (t) => (t % burstPeriod < 60 ? 10 : 1) * perReplica),
        2,
      ),
      warmupSeconds: 600,
      constant: false,
      description: "every 5 min: 60 s at 10 replicas' worth, 240 s at 1; 1 h, Poisson",
    },
    {
      name: "callers 4→16",
      arrivals: [],
      callers: rates(1200, (t) => (t < 300 ? 4 : 16) * perReplica),
      warmupSeconds: 300,
      step: { at: 300, neededReplicas: 16 },
      initialReplicas: 4,
      constant: false,
      description: "4 replicas' worth of callers in a closed loop for 5 min, then 16 for 15 min",
    },
    {
      name: "constant",
      arrivals: noisy(
        rates(7200, () => 7.5 * perReplica),
        3,
      ),
      warmupSeconds: 600,
      initialReplicas: 8,
      constant: true,
      description: "7.5 replicas' worth for 2 h from 8 replicas, Poisson; flaps after 10 min",
    },
  ];
}
