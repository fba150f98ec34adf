// Properties over generated configs and load traces, closed loop on a fake clock.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { settleSeconds, validConfig } from "./arbitraries.ts";
import { desired, directionChanges, drive } from "./drive.ts";

/** Piecewise-constant load with gaps (no sample) and not-Ready stretches. */
const segments = fc.array(
  fc.record({
    seconds: fc.integer({ min: 1, max: 400 }),
    level: fc.double({ min: 0, max: 300, noNaN: true }),
    sampled: fc.boolean(),
    ready: fc.boolean(),
  }),
  { minLength: 1, maxLength: 12 },
);

type Segment = { seconds: number; level: number; sampled: boolean; ready: boolean };

function segmentAt(list: Segment[], t: number): Segment {
  let end = 0;
  for (const s of list) {
    end += s.seconds;
    if (t < end) return s;
  }
  return list[list.length - 1] as Segment;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const readyDelay = fc.integer({ min: 0, max: 30 });

describe("autoscaler properties", () => {
  it("keeps replicas within min..max", () => {
    fc.assert(
      fc.property(
        validConfig,
        segments,
        readyDelay,
        fc.integer({ min: -1000, max: 1000 }),
        (config, list, delay, startedAt) => {
          const until = list.reduce((sum, s) => sum + s.seconds, 0) + 100;
          const { steps } = drive({
            config,
            load: (t) => {
              const s = segmentAt(list, t);
              return s.sampled ? s.level : undefined;
            },
            revisionReady: (t) => segmentAt(list, t).ready,
            until,
            initialReplicas: config.initReplicas,
            readyDelaySeconds: delay,
            startedAt,
          });
          for (const n of desired(steps)) {
            expect(n).toBeGreaterThanOrEqual(config.minReplicas);
            expect(n).toBeLessThanOrEqual(config.maxReplicas);
          }
        },
      ),
    );
  });

  it("never flaps under constant load and settles on one count", () => {
    fc.assert(
      fc.property(
        validConfig,
        fc.double({ min: 0, max: 300, noNaN: true }),
        fraction,
        readyDelay,
        (config, load, start, delay) => {
          const spread = config.maxReplicas - config.minReplicas;
          const settle = settleSeconds(config);
          const { steps } = drive({
            config,
            load: () => load,
            until: settle + 300,
            initialReplicas: config.minReplicas + Math.floor(start * spread),
            readyDelaySeconds: delay,
          });
          const counts = desired(steps);
          expect(directionChanges(counts)).toBe(0);
          const tail = desired(steps.filter((s) => s.time > settle));
          expect(new Set(tail).size).toBe(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("never reduces replicas after a step up in load", () => {
    fc.assert(
      fc.property(
        validConfig,
        fc.double({ min: 0, max: 150, noNaN: true }),
        fc.double({ min: 0, max: 200, noNaN: true }),
        fraction,
        readyDelay,
        (config, before, rise, start, delay) => {
          const spread = config.maxReplicas - config.minReplicas;
          const settle = settleSeconds(config);
          const first = drive({
            config,
            load: () => before,
            until: settle,
            initialReplicas: config.minReplicas + Math.floor(start * spread),
            readyDelaySeconds: delay,
          });
          const { steps } = drive({
            config,
            autoscaler: first.autoscaler,
            load: () => before + rise,
            from: settle + 1,
            until: 2 * settle,
            initialReplicas: first.final,
            readyDelaySeconds: delay,
          });
          let previous = first.final;
          for (const n of desired(steps)) {
            expect(n).toBeGreaterThanOrEqual(previous);
            previous = n;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
