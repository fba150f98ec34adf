// A counting semaphore: at most `limit` tasks run at once, the rest wait. One limiter is shared by
// every S3 request of an upload, so whole files and multipart parts draw on the same budget.
// Waiting tasks queue in lanes, served in turn as slots free up: the many small files (which cost
// a request each) and the large ones (which cost bandwidth) then move together, so neither kind
// waits for all of the other to finish. Within a lane, arrival order.

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export interface LaneLimiter extends Limiter {
  /** The same budget, queueing in lane `index` (0 ≤ index < lanes); `run` uses lane 0. */
  lane(index: number): Limiter;
}

export function createLimiter(limit: number, lanes = 1): LaneLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const queues: (() => void)[][] = Array.from({ length: lanes }, () => []);
  let turn = 0;

  const release = (): void => {
    for (let i = 1; i <= lanes; i++) {
      const lane = (turn + i) % lanes;
      const next = queues[lane]?.shift();
      if (next) {
        turn = lane;
        // The slot passes straight to the next task, so `active` never dips.
        next();
        return;
      }
    }
    active--;
  };

  const runIn =
    (lane: number) =>
    async <T>(task: () => Promise<T>): Promise<T> => {
      if (active < limit) active++;
      else await new Promise<void>((resume) => queues[lane]?.push(resume));
      try {
        return await task();
      } finally {
        release();
      }
    };

  const view = (lane: number): Limiter => ({
    run: runIn(lane),
    get active() {
      return active;
    },
    get waiting() {
      return queues.reduce((n, q) => n + q.length, 0);
    },
  });

  const root = view(0);
  return {
    run: root.run,
    get active() {
      return root.active;
    },
    get waiting() {
      return root.waiting;
    },
    lane(index: number): Limiter {
      if (!Number.isInteger(index) || index < 0 || index >= lanes)
        throw new RangeError(`lane ${index} does not exist (${lanes} lanes)`);
      return view(index);
    },
  };
}
