import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/artifacts/limit.ts
function createLimiter(limit, lanes = 1) {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const queues = Array.from({ length: lanes }, () => []);
  let turn = 0;
  const release = () => {
    for (let i = 1; i <= lanes; i++) {
      const lane = (turn + i) % lanes;
      const next = queues[lane]?.shift();
      if (next) {
        turn = lane;
        next();
        return;
      }
    }
    active--;
  };
  const runIn = (lane) => async (task) => {
    if (active < limit) active++;
    else await new Promise((resume) => queues[lane]?.push(resume));
    try {
      return await task();
    } finally {
      release();
    }
  };
  const view = (lane) => ({
    run: runIn(lane),
    get active() {
      return active;
    },
    get waiting() {
      return queues.reduce((n, q) => n + q.length, 0);
    }
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
    lane(index) {
      if (!Number.isInteger(index) || index < 0 || index >= lanes)
        throw new RangeError(`lane ${index} does not exist (${lanes} lanes)`);
      return view(index);
    }
  };
}

export {
  createLimiter
};
