// The proxy sidecar assembled: the client-facing server (breaker + forwarding), the admin server,
// the in-flight and demand sampler, and the drain sequence for SIGTERM.
//
// Client connections arrive at the raw fast path (fast.ts). Connections it does not handle (Upgrade,
// Expect, HTTP/1.0, ...) are handed to a node:http server running forward.ts; that server never
// listens itself. Both paths share the breaker, the metrics and the drain.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "../lib/log.ts";
import { canConnect, close } from "../lib/net.ts";
import type { Labels } from "../lib/prometheus.ts";
import { drainInOrder, listenBoth, type Serving } from "../lib/serve.ts";
import { createAdminServer } from "./admin.ts";
import { Breaker, type Ticket } from "./breaker.ts";
import type { ProxyConfig } from "./config.ts";
import { DemandWindow } from "./demand.ts";
import { FastPath, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from "./fast.ts";
import {
  forward,
  onExchangeEnd,
  QUEUE_FULL,
  QUEUE_FULL_RETRY_AFTER,
  sendJson,
  type Upstream,
} from "./forward.ts";
import { InFlightWindow } from "./in-flight.ts";
import { codeClass, createProxyMetrics, type ProxyMetrics } from "./metrics.ts";
import { throttledErrorLog, upstreamAgent } from "./upstream.ts";

const TARGET_HOST = "127.0.0.1";
const SAMPLE_INTERVAL_MS = 1000;
const HEALTH_CONNECT_TIMEOUT_MS = 1000;

/** start() binds both ports; drain() is the SIGTERM sequence (see lib/serve.ts). */
export interface Proxy extends Serving {
  readonly metrics: ProxyMetrics;
  readonly breaker: Breaker;
}

export function createProxy(config: ProxyConfig, log: Logger): Proxy {
  const metrics = createProxyMetrics();
  const inFlight = new InFlightWindow(performance.now());
  const queued = new InFlightWindow(performance.now());
  const demand = new DemandWindow(performance.now());
  const slotSince = new WeakMap<Ticket, number>();
  const breaker = new Breaker(
    config.maxConcurrency,
    config.maxQueueLength,
    (c) => {
      const now = performance.now();
      inFlight.set(c.running + c.queued, now);
      queued.set(c.queued, now);
    },
    {
      arrived: (admitted) => (admitted ? demand.arrival() : demand.refusal()),
      started: (ticket) => slotSince.set(ticket, performance.now()),
      released: (ticket) => {
        const since = slotSince.get(ticket);
        if (since !== undefined) demand.finished((performance.now() - since) / 1000);
      },
    },
  );
  const upstream: Upstream = { agent: upstreamAgent(), host: TARGET_HOST, port: config.targetPort };
  let draining = false;
  const hooks = {
    closeConnection: () => draining,
    onUpstreamError: throttledErrorLog(log, "model server request failed"),
    bodyTimeoutMs: config.bodyTimeout,
  };

  // One pair of label objects per status code and outcome, not one per request. Keyed by the
  // status, negated when the model server's response did not reach the client whole.
  const labelsFor = new Map<number, { code: Labels; class: Labels }>();
  const record = (started: number, status: number, answered: boolean): void => {
    const key = answered ? status : -status;
    let labels = labelsFor.get(key);
    if (labels === undefined) {
      const code_class = codeClass(status, answered);
      labels = { code: { code: String(status), code_class }, class: { code_class } };
      labelsFor.set(key, labels);
    }
    metrics.requests.inc(labels.code);
    metrics.duration.observe((performance.now() - started) / 1000, labels.class);
  };

  // The node:http path, for connections the fast path hands over.
  // `expectsContinue`: the client sent `Expect: 100-continue` and holds its body back until told.
  const handle = (req: IncomingMessage, res: ServerResponse, expectsContinue = false): void => {
    const started = performance.now();
    const finish = (status: number, answered = false): void => record(started, status, answered);
    const ticket = breaker.enter((admitted) => {
      // Only a request about to run asks for its body: a refused or queued one has not sent it.
      // For the same reason forward() starts the body timeout only now, never while queued.
      if (expectsContinue) res.writeContinue();
      forward(req, res, upstream, hooks, (status, answered) => {
        admitted.leave();
        finish(status, answered);
      });
    });
    if (ticket === undefined) {
      metrics.rejections.inc();
      // A body held back for a 100 may still come or not: closing leaves no doubt.
      const close = draining || expectsContinue;
      sendJson(res, 503, QUEUE_FULL, {
        "retry-after": QUEUE_FULL_RETRY_AFTER,
        ...(close ? { connection: "close" } : {}),
      });
      finish(503);
      return;
    }
    if (ticket.state === "queued") {
      // A client that gives up while waiting frees its place. Once the request runs, forward()
      // owns the ticket and this listener does nothing.
      onExchangeEnd(req, res, () => {
        if (ticket.state === "queued") {
          ticket.leave();
          finish(499);
        }
      });
    }
  };

  const fallback: Server = createServer(
    {
      // Above the 60 s idle timeout of common load balancers, so they close idle connections
      // first and never reuse one the proxy is closing. The fast path uses the same values.
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      // Queued requests are not read until they run, and uploads may be large: a whole-request
      // deadline would cut both. A body that stops arriving is cut by forward.ts instead
      // (--body-timeout, an idle timer that starts when the request runs).
      requestTimeout: 0,
    },
    handle,
  );
  fallback.on("checkContinue", (req: IncomingMessage, res: ServerResponse) =>
    handle(req, res, true),
  );
  const fast = new FastPath({
    breaker,
    targetHost: TARGET_HOST,
    targetPort: config.targetPort,
    draining: () => draining,
    onUpstreamError: hooks.onUpstreamError,
    record,
    rejected: () => metrics.rejections.inc(),
    fallback,
    timeouts: { bodyMs: config.bodyTimeout },
  });
  const server = fast.server;

  const admin = createAdminServer({
    registry: metrics.registry,
    beforeScrape: () => {
      const c = breaker.counts();
      metrics.running.set(c.running);
      metrics.queued.set(c.queued);
    },
    draining: () => draining,
    modelServerUp: () => canConnect(TARGET_HOST, config.targetPort, HEALTH_CONNECT_TIMEOUT_MS),
  });

  const sampler = setInterval(() => {
    const now = performance.now();
    const summary = inFlight.roll(now);
    metrics.inFlight.set(summary.average);
    metrics.inFlightPeak.set(summary.peak);
    metrics.inFlightDemand.set(demand.roll(now, queued.roll(now).average, summary.average));
  }, SAMPLE_INTERVAL_MS);
  sampler.unref();

  return {
    metrics,
    breaker,
    start: () => listenBoth(server, admin, config),
    async drain() {
      draining = true;
      const clean = await drainInOrder(config, log, {
        inFlight: () => breaker.inFlight(),
        stopAccepting: () => {
          const closed = close(server);
          fast.closeIdleConnections();
          return closed;
        },
        cut: () => fast.closeAllConnections(),
      });
      clearInterval(sampler);
      fast.stop();
      upstream.agent.destroy();
      admin.closeAllConnections();
      await close(admin);
      log.info("drained", { clean });
      return clean;
    },
  };
}
