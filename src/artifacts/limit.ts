// A counting semaphore: at most `limit` tasks run at once, the rest wait. One limiter is shared by
// every S3 request of an upload, so whole files and multipart parts draw on the same budget.
// Waiting tasks queue in lanes, and a freed slot goes to the waiting lane that holds the fewest
// slots (ties in turn): the many small files (which cost a request each) and the large ones (which
// cost bandwidth) then share the budget evenly. Taking turns per freed slot is not enough: a small
// file gives its slot back at once and a large one keeps it, so the large files would soon hold
// nearly every slot and the small ones would crawl until the end, where they no longer overlap
// with anything. Within a lane, arrival order.

export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export interface LaneLimiter extends Limiter {
  /** The same budget, queueing in lane `index` (0 ≤ index < lanes); `run` uses lane 0. */
  lane(index: number): Limiter;
}

interface Lane {
  /** Tasks waiting for a slot, each resumed when given one. */
  waiting: (() => void)[];
  /** Slots its tasks hold. */
  held: number;
}

export function createLimiter(limit: number, lanes = 1): LaneLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  if (!Number.isInteger(lanes) || lanes < 1)
    throw new RangeError(`lanes must be a positive integer, got ${lanes}`);
  let active = 0;
  const state: Lane[] = Array.from({ length: lanes }, () => ({ waiting: [], held: 0 }));
  let turn = 0;

  const release = (): void => {
    let pick: Lane | undefined;
    let pickIndex = turn;
    for (let i = 1; i <= lanes; i++) {
      const index = (turn + i) % lanes;
      const lane = state[index];
      if (!lane?.waiting.length || (pick && lane.held >= pick.held)) continue;
      pick = lane;
      pickIndex = index;
    }
    const next = pick?.waiting.shift();
    if (pick && next) {
      turn = pickIndex;
      // The slot passes straight to the next task, so `active` never dips.
      pick.held++;
      next();
      return;
    }
    active--;
  };

  const runIn =
    (lane: Lane) =>
    async <T>(task: () => Promise<T>): Promise<T> => {
      if (active < limit) {
        active++;
        lane.held++;
      } else await new Promise<void>((resume) => lane.waiting.push(resume));
      try {
        return await task();
      } finally {
        lane.held--;
        release();
      }
    };

  const view = (lane: Lane): Limiter => ({
    run: runIn(lane),
    get active() {
      return active;
    },
    get waiting() {
      return state.reduce((n, l) => n + l.waiting.length, 0);
    },
  });

  const root = view(state[0] as Lane);
  return {
    run: root.run,
    get active() {
      return root.active;
    },
    get waiting() {
      return root.waiting;
    },
    lane(index: number): Limiter {
      const lane = Number.isInteger(index) ? state[index] : undefined;
      if (!lane) throw new RangeError(`lane ${index} does not exist (${lanes} lanes)`);
      return view(lane);
    },
  };
}
