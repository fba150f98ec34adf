// The proxy sidecar assembled: the client-facing server (breaker + forwarding), the admin server,
// the in-flight sampler, and the drain sequence for SIGTERM.
import {
  Agent,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "../lib/log.ts";
import { canConnect, close, listen } from "../lib/net.ts";
import { createAdminServer } from "./admin.ts";
import { Breaker } from "./breaker.ts";
import type { ProxyConfig } from "./config.ts";
import { forward, sendJson, type Upstream } from "./forward.ts";
import { isKubeProbe } from "./headers.ts";
import { InFlightWindow } from "./in-flight.ts";
import { createProxyMetrics, type ProxyMetrics } from "./metrics.ts";

const TARGET_HOST = "127.0.0.1";
const SAMPLE_INTERVAL_MS = 1000;
const HEALTH_CONNECT_TIMEOUT_MS = 1000;

const QUEUE_FULL = Buffer.from(
  `${JSON.stringify({ error: "too many requests: the queue is full, retry later" })}\n`,
);

export interface Proxy {
  readonly metrics: ProxyMetrics;
  readonly breaker: Breaker;
  /** Binds both ports; resolves with the ports actually bound. */
  start(): Promise<{ port: number; adminPort: number }>;
  /**
   * The SIGTERM sequence: fail readiness, keep accepting for drainDelay, stop accepting, wait for
   * every admitted request until drainTimeout (counted from the call), then close everything.
   * Resolves true when everything finished in time, false when connections had to be cut.
   */
  drain(): Promise<boolean>;
}

export function createProxy(config: ProxyConfig, log: Logger): Proxy {
  const metrics = createProxyMetrics();
  const inFlight = new InFlightWindow(performance.now());
  const breaker = new Breaker(config.maxConcurrency, config.maxQueueLength, (c) =>
    inFlight.set(c.running + c.queued, performance.now()),
  );
  const upstream: Upstream = {
    // keep-alive to the model server; idle sockets are dropped after 4 s, before the 5 s idle
    // timeout common in model servers (Node, uvicorn), to avoid reusing a socket being closed.
    agent: new Agent({ keepAlive: true, timeout: 4000, scheduling: "lifo" }),
    host: TARGET_HOST,
    port: config.targetPort,
  };
  let draining = false;
  // A dead model server fails every request; one log line a second (with a count) is enough.
  let lastErrorLog = Number.NEGATIVE_INFINITY;
  let unlogged = 0;
  const hooks = {
    closeConnection: () => draining,
    onUpstreamError: (err: Error, url: string | undefined) => {
      const now = performance.now();
      if (now - lastErrorLog < 1000) {
        unlogged++;
        return;
      }
      log.warn("model server request failed", { err, url, failures_not_logged: unlogged });
      lastErrorLog = now;
      unlogged = 0;
    },
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (isKubeProbe(req.headers)) {
      // Probes bypass the breaker and the metrics: a busy model server is not an unready one.
      forward(req, res, upstream, hooks, () => {});
      return;
    }
    const started = performance.now();
    const finish = (status: number): void => {
      metrics.requests.inc({ code: String(status) });
      metrics.duration.observe((performance.now() - started) / 1000);
    };
    const ticket = breaker.enter((admitted) =>
      forward(req, res, upstream, hooks, (status) => {
        admitted.leave();
        finish(status);
      }),
    );
    if (ticket === undefined) {
      metrics.rejections.inc();
      sendJson(res, 503, QUEUE_FULL, draining ? { connection: "close" } : {});
      finish(503);
      return;
    }
    if (ticket.state === "queued") {
      // A client that gives up while waiting frees its place. Once the request runs, forward()
      // owns the ticket and this listener does nothing.
      res.once("close", () => {
        if (ticket.state === "queued") {
          ticket.leave();
          finish(499);
        }
      });
    }
  };

  const server: Server = createServer(
    {
      // Above the 60 s idle timeout of common load balancers, so they close idle connections
      // first and never reuse one the proxy is closing.
      keepAliveTimeout: 65_000,
      headersTimeout: 66_000,
      // Queued requests are not read until they run; a whole-request deadline would cut them.
      requestTimeout: 0,
    },
    handle,
  );

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
    const summary = inFlight.roll(performance.now());
    metrics.inFlight.set(summary.average);
    metrics.inFlightPeak.set(summary.peak);
  }, SAMPLE_INTERVAL_MS);
  sampler.unref();

  return {
    metrics,
    breaker,
    async start() {
      const port = await listen(server, config.port, config.listenHost);
      const adminPort = await listen(admin, config.adminPort, config.listenHost);
      return { port, adminPort };
    },
    async drain() {
      const deadline = performance.now() + config.drainTimeout;
      draining = true;
      log.info("draining: readiness fails from now", {
        drain_delay_ms: config.drainDelay,
        in_flight: breaker.inFlight(),
      });
      // Keep serving while load balancers notice the failing readiness; never past the deadline.
      const delay = Math.min(config.drainDelay, Math.max(0, config.drainTimeout - 1000));
      await new Promise((r) => setTimeout(r, delay));
      log.info("draining: stopped accepting connections", { in_flight: breaker.inFlight() });
      const closed = close(server);
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, deadline - performance.now()));
      });
      const clean = await Promise.race([closed.then(() => true as const), timedOut]);
      clearTimeout(timer);
      if (!clean) {
        log.error("draining: deadline reached, closing remaining connections", {
          in_flight: breaker.inFlight(),
        });
        server.closeAllConnections();
      }
      clearInterval(sampler);
      upstream.agent.destroy();
      admin.closeAllConnections();
      await close(admin);
      log.info("drained", { clean });
      return clean;
    },
  };
}
