// A closed-loop load generator: N clients, each sending one prediction at a time to the next ready
// pod (round-robin over the EndpointSlice addresses) and the next as soon as it is answered. With
// no think time the requests in flight stay at about N whatever the replicas, so the autoscaler's
// target (ceil(in-flight / target_in_flight)) is known in advance. Bounded in requests and time.
import { setTimeout as sleep } from "node:timers/promises";
import { httpRequest } from "./http.ts";
import { parsePredictAnswer, sampleAt } from "./samples.ts";
import type { Outcome } from "./tally.ts";

export const PROXY_PORT = 8888;

export interface LoadOptions {
  /** The ready pod IPs right now. */
  targets: () => readonly string[];
  clients: number;
  onOutcome: (o: Outcome) => void;
  /** Safety bounds: the load stops by itself after either. */
  maxSeconds: number;
  maxRequests: number;
  /** One request; a prediction through the proxy by default. */
  send?: (target: string, i: number) => Promise<Outcome>;
}

export interface Load {
  /** Requests sent and not yet answered. */
  readonly inFlight: number;
  readonly sent: number;
  setClients(n: number): void;
  /** Stops sending and resolves once every request in flight is answered. */
  stop(): Promise<void>;
}

export function predictThroughProxy(timeoutMs = 15_000) {
  return async (target: string, i: number): Promise<Outcome> => {
    const sample = sampleAt(i);
    try {
      const reply = await httpRequest(
        "POST",
        target,
        PROXY_PORT,
        "/predict",
        JSON.stringify({ features: sample.features }),
        timeoutMs,
      );
      if (reply.status !== 200) {
        return { target, status: reply.status, error: reply.body.trim().slice(0, 120) };
      }
      const answer = parsePredictAnswer(reply.body);
      return {
        target,
        status: 200,
        version: answer.version,
        correct: answer.prediction === sample.species,
      };
    } catch (err) {
      return { target, status: undefined, error: (err as Error).message };
    }
  };
}

export function startLoad(opts: LoadOptions): Load {
  const send = opts.send ?? predictThroughProxy();
  const deadline = performance.now() + opts.maxSeconds * 1000;
  let clients = 0;
  let running = true;
  let inFlight = 0;
  let sent = 0;
  let next = 0;
  const workers: Promise<void>[] = [];
  // Indexes with a running loop, so shrinking then growing again never runs one index twice.
  const active = new Set<number>();

  const worker = async (index: number): Promise<void> => {
    active.add(index);
    try {
      await loop(index);
    } finally {
      active.delete(index);
    }
  };

  const loop = async (index: number): Promise<void> => {
    while (running && index < clients && sent < opts.maxRequests && performance.now() < deadline) {
      const targets = opts.targets();
      if (targets.length === 0) {
        // Nothing ready to send to (yet): a client would wait too, not fail.
        await sleep(100);
        continue;
      }
      const n = next++;
      const target = targets[n % targets.length] as string;
      sent++;
      inFlight++;
      const outcome = await send(target, n);
      inFlight--;
      opts.onOutcome(outcome);
    }
  };

  const setClients = (n: number): void => {
    clients = Math.max(0, Math.floor(n));
    for (let i = 0; i < clients && running; i++) if (!active.has(i)) workers.push(worker(i));
  };
  setClients(opts.clients);

  return {
    get inFlight() {
      return inFlight;
    },
    get sent() {
      return sent;
    },
    setClients,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}
