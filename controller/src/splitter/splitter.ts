// The TrafficSplitter's data plane: a node:http server that sends each request to one of the
// non-shadow backends (RealtimeAPIs) chosen by smooth weighted round-robin, forwarding it with the
// proxy's forward() (streaming both ways, hop-by-hop headers filtered, 502 when the backend fails),
// and mirrors every request to the shadow backend, if one is configured, throwing its response
// away. Also the admin server (/healthz, /metrics) and the drain sequence for SIGTERM, as the
// proxy's.
//
// The mirror must never slow, fail or change the client's exchange. Its body is a tee of the
// client's: a second 'data' listener on the request writes every chunk into the shadow request,
// beside forward()'s pipe. Only the pipe applies backpressure (to the chosen backend); the mirror
// takes what the client sends, and when more than --shadow-buffer bytes wait for the shadow to
// read them, it is dropped. Mirrors are also dropped when the client's body does not arrive whole
// or when too many are unanswered; shadow failures are counted and logged at debug only.
import {
  type Agent,
  type ClientRequest,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Logger } from "../lib/log.ts";
import { close } from "../lib/net.ts";
import { Registry } from "../lib/prometheus.ts";
import { drainInOrder, listenBoth, type Serving } from "../lib/serve.ts";
import { createAdminServer } from "../proxy/admin.ts";
import { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from "../proxy/fast.ts";
import { type ForwardHooks, forward, type Upstream } from "../proxy/forward.ts";
import { hasBody, requestHeaders } from "../proxy/headers.ts";
import { throttledErrorLog, upstreamAgent } from "../proxy/upstream.ts";
import { SmoothWeightedChooser } from "./choose.ts";
import type { Backend, SplitterConfig } from "./config.ts";

/** Response header naming the API that answered. */
export const API_HEADER = "x-cortex-api";

export const REQUESTS_METRIC = "cortex_splitter_requests_total";
export const SHADOW_METRIC = "cortex_splitter_shadow_requests_total";

export type ShadowResult = "ok" | "error" | "dropped";

/** Internal limits of the mirror; the defaults suit production, tests make them small. */
export interface SplitterTuning {
  /**
   * Mirrors waiting for the shadow at once. A request arriving beyond this is not mirrored
   * (counted as dropped), so a shadow that never answers holds a bounded number of sockets and,
   * with --shadow-buffer, bounded memory.
   */
  maxShadowInFlight: number;
  /** A mirror with no bytes moving on its socket for this long is abandoned (counted as error). */
  shadowIdleTimeoutMs: number;
}

export const DEFAULT_TUNING: SplitterTuning = {
  maxShadowInFlight: 256,
  shadowIdleTimeoutMs: 60_000,
};

export function createSplitterMetrics() {
  const registry = new Registry();
  return {
    registry,
    requests: registry.counter(
      REQUESTS_METRIC,
      "Requests answered, by the API chosen and the status code the client got; 502 = the API did not answer, 499 = the client disconnected first.",
      ["api", "code"],
    ),
    shadow: registry.counter(
      SHADOW_METRIC,
      "Requests mirrored to the shadow API, by result: ok = it answered (any status), error = it failed or timed out, dropped = the mirror was given up (shadow too slow to read the body, too many mirrors unanswered, incomplete client body, shutdown).",
      ["result"],
    ),
  };
}

export type SplitterMetrics = ReturnType<typeof createSplitterMetrics>;

/** start() binds both ports; drain() is the SIGTERM sequence (see lib/serve.ts). */
export interface Splitter extends Serving {
  readonly metrics: SplitterMetrics;
}

interface Route {
  backend: Backend;
  upstream: Upstream;
  hooks: ForwardHooks;
  /** One label object per status code, not one per request. */
  labels: Map<number, { api: string; code: string }>;
}

export function createSplitter(
  config: SplitterConfig,
  log: Logger,
  tuning: Partial<SplitterTuning> = {},
): Splitter {
  const limits: SplitterTuning = { ...DEFAULT_TUNING, ...tuning };
  const metrics = createSplitterMetrics();
  let draining = false;
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];

  const route = (backend: Backend): Route => ({
    backend,
    upstream: { agent: upstreamAgent(), host: backend.host, port: backend.port },
    labels: new Map(),
    hooks: {
      closeConnection: () => draining,
      onUpstreamError: throttledErrorLog(log, "backend request failed", { api: backend.name }),
    },
  });
  const routes = config.backends.filter((b) => !b.shadow && b.weight > 0).map(route);
  const chooser = new SmoothWeightedChooser(routes.map((r) => ({ weight: r.backend.weight, r })));

  const record = (r: Route, status: number): void => {
    let labels = r.labels.get(status);
    if (labels === undefined) {
      labels = { api: r.backend.name, code: String(status) };
      r.labels.set(status, labels);
    }
    metrics.requests.inc(labels);
  };

  // The mirror.
  const shadow = config.backends.find((b) => b.shadow);
  const shadowAgent = shadow === undefined ? undefined : upstreamAgent();
  const shadowLabels = {
    ok: { result: "ok" },
    error: { result: "error" },
    dropped: { result: "dropped" },
  } as const;
  if (shadow !== undefined) for (const l of Object.values(shadowLabels)) metrics.shadow.inc(l, 0);
  /** Live mirrors, by the function that drops them. */
  const mirrors = new Set<() => void>();

  const mirror = (req: IncomingMessage, target: Backend, via: Agent): void => {
    if (mirrors.size >= limits.maxShadowInFlight) {
      metrics.shadow.inc(shadowLabels.dropped);
      log.debug("shadow request dropped: too many unanswered", {
        api: target.name,
        url: req.url,
        in_flight: mirrors.size,
      });
      return;
    }
    const up: ClientRequest = request({
      host: target.host,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: requestHeaders(req.headers, req.socket.remoteAddress),
      agent: via,
      setHost: false,
      // Set before connecting, so a shadow that never accepts is given up as well.
      timeout: limits.shadowIdleTimeoutMs,
    });
    let settled = false;
    let responded = false;
    const settle = (result: ShadowResult, reason?: unknown): void => {
      if (settled) return;
      settled = true;
      mirrors.delete(drop);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      // A mirror cut short, or answered before its body was sent, must not go back to the pool.
      if (result !== "ok" || !up.writableFinished) up.destroy();
      metrics.shadow.inc(shadowLabels[result]);
      if (result !== "ok")
        log.debug(`shadow request ${result === "error" ? "failed" : "dropped"}`, {
          api: target.name,
          url: req.url,
          err: reason,
        });
    };
    const drop = (): void => settle("dropped", "shutting down");
    const onData = (chunk: Buffer): void => {
      up.write(chunk);
      if (up.writableLength > config.shadowBuffer)
        settle("dropped", `more than ${config.shadowBuffer} bytes waiting for the shadow`);
    };
    const onEnd = (): void => {
      // node:http discards (and stops emitting) a body its response no longer needs; the mirror
      // then missed bytes and cannot be completed.
      if (req.listeners("data").includes(onData)) up.end();
      else settle("dropped", "the client's body was discarded");
    };
    const onClose = (): void => {
      if (!req.complete) settle("dropped", "the client's body did not arrive whole");
    };
    mirrors.add(drop);

    up.on("error", (err) => settle("error", err));
    up.on("timeout", () => settle("error", `nothing moved for ${limits.shadowIdleTimeoutMs} ms`));
    up.on("close", () => {
      if (!responded) settle("error", "connection closed before an answer");
    });
    up.on("response", (res: IncomingMessage) => {
      responded = true;
      res.on("error", (err) => settle("error", err));
      res.on("end", () => settle("ok"));
      res.on("close", () => {
        if (!res.complete) settle("error", "response cut short");
      });
      res.resume();
    });

    if (!hasBody(req.headers)) {
      up.end();
      return;
    }
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onClose);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const r = chooser.next().r;
    inFlight++;
    if (shadow !== undefined && shadowAgent !== undefined) mirror(req, shadow, shadowAgent);
    // Merged into the head forward() writes (writeHead keeps headers set before it).
    res.setHeader(API_HEADER, r.backend.name);
    forward(req, res, r.upstream, r.hooks, (status) => {
      record(r, status);
      inFlight--;
      if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
  };

  const server: Server = createServer(
    {
      // Above the 60 s idle timeout of common load balancers, as the proxy's.
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      // Inference can take long and bodies can be large; no whole-request deadline.
      requestTimeout: 0,
    },
    handle,
  );

  const admin = createAdminServer({
    registry: metrics.registry,
    beforeScrape: () => {},
    draining: () => draining,
    // Ready while serving: a backend's own readiness is its Service's business.
    modelServerUp: () => Promise.resolve(true),
  });

  const idle = (): Promise<void> =>
    inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));

  return {
    metrics,
    start: () => listenBoth(server, admin, config),
    async drain() {
      draining = true;
      let closed: Promise<void> = Promise.resolve();
      const clean = await drainInOrder(config, log, {
        inFlight: () => inFlight,
        stopAccepting: async () => {
          // Closes idle keep-alive connections; responses from now on carry `Connection: close`.
          closed = close(server);
          await idle();
          // Connections whose last response went out before the drain are idle keep-alives now.
          server.closeIdleConnections();
          await closed;
        },
        cut: async () => {
          server.closeAllConnections();
          await closed;
        },
      });
      idleWaiters = [];
      for (const drop of [...mirrors]) drop();
      for (const r of routes) r.upstream.agent.destroy();
      shadowAgent?.destroy();
      admin.closeAllConnections();
      await close(admin);
      log.info("drained", { clean });
      return clean;
    },
  };
}
