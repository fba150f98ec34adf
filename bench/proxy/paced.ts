// An open-loop load at an evenly paced rate, for the overload run. autocannon's rate limit lets
// each connection send its whole per-second quota at the top of every second, so a 3× overload
// arrives as one burst a second, and the 503 latency it reports is mostly the burst queueing in
// front of the proxy. Here requests leave one by one at their scheduled times (checked every
// millisecond) on whichever keep-alive connection is free; a request that finds no free
// connection opens another, so a slow answer never holds the next request back.
import { Agent, request } from "node:http";
import type { LoadResult } from "./load.ts";

export interface PacedOptions {
  url: string;
  rate: number;
  seconds: number;
  /** Keep-alive connections kept open at most (more are opened while all are busy). */
  connections: number;
}

export interface PacedResult extends LoadResult {
  /** How late requests left against their schedule, in ms, sorted (the generator's own lag). */
  lateness: number[];
}

export async function runPaced(options: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxFreeSockets: options.connections });
  const byStatus = new Map<number, number[]>();
  const lateness: number[] = [];
  let errors = 0;
  let inFlight = 0;
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const start = performance.now();
  let sent = 0;
  let finishAll: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finishAll = resolve;
  });
  const done = (): void => {
    inFlight--;
    if (sent === total && inFlight === 0) finishAll();
  };

  const fire = (scheduled: number): void => {
    const sentAt = performance.now();
    lateness.push(sentAt - scheduled);
    inFlight++;
    const req = request(options.url, { agent }, (res) => {
      res.resume();
      res.on("end", () => {
        const ms = performance.now() - sentAt;
        const status = res.statusCode ?? 0;
        let list = byStatus.get(status);
        if (list === undefined) {
          list = [];
          byStatus.set(status, list);
        }
        list.push(ms);
        done();
      });
    });
    req.on("error", () => {
      errors++;
      done();
    });
    req.end();
  };

  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    while (sent < due) fire(start + sent++ * interval);
    if (sent === total) clearInterval(timer);
  }, 1);
  await finished;
  agent.destroy();
  let requests = 0;
  for (const times of byStatus.values()) requests += times.length;
  return {
    requests,
    rate: requests / options.seconds,
    byStatus,
    errors,
    lateness: lateness.sort((a, b) => a - b),
  };
}
