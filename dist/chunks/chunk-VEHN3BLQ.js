import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/artifacts/limit.ts
function createLimiter(limit, lanes = 1) {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  if (!Number.isInteger(lanes) || lanes < 1)
    throw new RangeError(`lanes must be a positive integer, got ${lanes}`);
  let active = 0;
  const state = Array.from({ length: lanes }, () => ({ waiting: [], held: 0 }));
  let turn = 0;
  const release = () => {
    let pick;
    let pickIndex = turn;
    for (let i = 1; i <= lanes; i++) {
      const index = (turn + i) % lanes;
      const lane = state[index];
      if (!lane?.waiting.length || pick && lane.held >= pick.held) continue;
      pick = lane;
      pickIndex = index;
    }
    const next = pick?.waiting.shift();
    if (pick && next) {
      turn = pickIndex;
      pick.held++;
      next();
      return;
    }
    active--;
  };
  const runIn = (lane) => async (task) => {
    if (active < limit) {
      active++;
      lane.held++;
    } else await new Promise((resume) => lane.waiting.push(resume));
    try {
      return await task();
    } finally {
      lane.held--;
      release();
    }
  };
  const view = (lane) => ({
    run: runIn(lane),
    get active() {
      return active;
    },
    get waiting() {
      return state.reduce((n, l) => n + l.waiting.length, 0);
    }
  });
  const root = view(state[0]);
  return {
    run: root.run,
    get active() {
      return root.active;
    },
    get waiting() {
      return root.waiting;
    },
    lane(index) {
      const lane = Number.isInteger(index) ? state[index] : void 0;
      if (!lane) throw new RangeError(`lane ${index} does not exist (${lanes} lanes)`);
      return view(lane);
    }
  };
}

export {
  createLimiter
};
