// Forwards one request to the model server and its response back, streaming both bodies (pipe,
// with backpressure; nothing is buffered whole). Calls `done` exactly once, with the status the
// client got, when the exchange is over: the response finished, or the client went away (499, as
// nginx logs it); and whether that was the model server's response, whole. Until then the model
// server may still be working on the request, so the breaker slot is held until `done`.
import {
  type Agent,
  type ClientRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import { hasBody, requestHeaders, responseHeaders } from "./headers.ts";

export interface Upstream {
  agent: Agent;
  host: string;
  port: number;
}

export interface ForwardHooks {
  /** True when responses should close the client connection (the proxy is draining). */
  closeConnection(): boolean;
  onUpstreamError(err: Error, url: string | undefined): void;
  /**
   * Longest silence within a request body once forwarding has started; then 408 (or a broken
   * response if it has started), the model server's request is cut and the exchange ends.
   * Absent or 0: none.
   */
  bodyTimeoutMs?: number;
}

/** Status used in metrics when the client disconnected before its response was complete. */
export const CLIENT_CLOSED = 499;

/** Sends a small JSON body; used for the proxy's own answers (502, 503). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: Buffer,
  extra: OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": body.length,
    ...extra,
  });
  res.end(body);
}

/** Body of the proxy's 502 (both paths). */
export const BAD_GATEWAY = Buffer.from(
  `${JSON.stringify({ error: "bad gateway: the model server did not answer" })}\n`,
);

/** Body of the proxy's 408 when a request body stops arriving (both paths). */
export const BODY_TIMED_OUT = Buffer.from(
  `${JSON.stringify({ error: "request timeout: the request body stopped arriving" })}\n`,
);

/** Retry-After of the proxy's 503 (both paths): the queue moves within a second or so. */
export const QUEUE_FULL_RETRY_AFTER = "1";

/** Body of the proxy's 503 when the queue is full (both paths). */
export const QUEUE_FULL = Buffer.from(
  `${JSON.stringify({ error: "too many requests: the queue is full, retry later" })}\n`,
);

// Listeners on each client socket's 'close', one per socket however many exchanges wait on it.
const socketWaiters = new WeakMap<Socket, Set<() => void>>();

/**
 * Calls `fn` once, when the exchange is over: its response closed, or the client's connection
 * did. Node never emits 'close' on a pipelined response it has not attached to the socket yet,
 * so a client that pipelines requests and leaves would otherwise keep their breaker places.
 */
export function onExchangeEnd(req: IncomingMessage, res: ServerResponse, fn: () => void): void {
  const socket = req.socket;
  let waiters = socketWaiters.get(socket);
  if (waiters === undefined) {
    const set = new Set<() => void>();
    socketWaiters.set(socket, set);
    socket.once("close", () => {
      for (const waiter of [...set]) waiter();
    });
    waiters = set;
  }
  const own = waiters;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    own.delete(end);
    fn();
  };
  own.add(end);
  res.once("close", end);
  // Gone before we looked: its 'close' has been emitted already.
  if (socket.destroyed) setImmediate(end);
}

// A keep-alive socket the model server closed while idle fails the next request with a reset
// before any response; such a request never reached the server and is safe to send again, but
// only when it has no body (a streamed body cannot be replayed). Node documents this pattern.
function isStaleSocketError(err: NodeJS.ErrnoException): boolean {
  return err.code === "ECONNRESET" || err.code === "EPIPE";
}

export function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: Upstream,
  hooks: ForwardHooks,
  done: (status: number, answered: boolean) => void,
): void {
  const headers = requestHeaders(req.headers, req.socket.remoteAddress);
  // HTTP/1.0 allows a request without Host; the model server gets HTTP/1.1, which requires one.
  headers.host ??= `${upstream.host}:${upstream.port}`;
  const bodied = hasBody(req.headers);
  let status = 0;
  let current: ClientRequest | undefined;

  let brokenUpstream = false;
  let timedOut = false;
  let stopWatching = (): void => {};

  // The model server's response head went to the client (not the proxy's own 502 or 408).
  let fromModel = false;

  onExchangeEnd(req, res, () => {
    stopWatching();
    if (!res.writableFinished) current?.destroy();
    if (res.writableFinished) done(status, fromModel);
    else done(timedOut ? 408 : brokenUpstream ? 502 : CLIENT_CLOSED, false);
  });
  if (req.socket.destroyed) return;

  const fail = (err: Error): void => {
    // The model server's request was cut on purpose; the client has its answer.
    if (timedOut) return;
    hooks.onUpstreamError(err, req.url);
    if (res.destroyed) return;
    if (res.headersSent) {
      // Mid-body: the client must see a broken response, not a short one that looks complete.
      brokenUpstream = true;
      res.destroy(err);
      return;
    }
    status = 502;
    sendJson(res, 502, BAD_GATEWAY, hooks.closeConnection() ? { connection: "close" } : {});
  };

  const attempt = (retried: boolean): void => {
    const up = request({
      host: upstream.host,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers,
      agent: upstream.agent,
      setHost: false,
    });
    current = up;
    up.setNoDelay(true);
    let responded = false;

    up.on("response", (upRes: IncomingMessage) => {
      responded = true;
      if (res.destroyed) {
        upRes.destroy();
        return;
      }
      const out = responseHeaders(upRes.headers);
      if (hooks.closeConnection()) out.connection = "close";
      status = upRes.statusCode ?? 502;
      fromModel = true;
      res.writeHead(status, upRes.statusMessage, out);
      upRes.on("error", (err) => fail(err));
      upRes.pipe(res);
    });

    up.on("error", (err: NodeJS.ErrnoException) => {
      if (res.destroyed) return;
      if (!responded && !retried && !bodied && up.reusedSocket && isStaleSocketError(err)) {
        attempt(true);
        return;
      }
      if (!responded) fail(err);
    });

    if (bodied) req.pipe(up);
    else up.end();
  };

  attempt(false);

  const bodyTimeoutMs = hooks.bodyTimeoutMs ?? 0;
  if (bodied && bodyTimeoutMs > 0 && !req.complete) {
    stopWatching = watchBody(req, bodyTimeoutMs, () => {
      timedOut = true;
      current?.destroy();
      if (res.headersSent) {
        // Mid-response: a broken response, not a short one that looks complete.
        res.destroy();
        return;
      }
      status = 408;
      sendJson(res, 408, BODY_TIMED_OUT, { connection: "close" });
    });
  }
}

/**
 * Calls `stalled` once no body bytes of `req` have arrived for `ms`, counted only while the body
 * is being read: a pipe paused because the model server is full is the proxy's silence, not the
 * client's. Returns the function that stops watching; the end of the body stops it too.
 */
function watchBody(req: IncomingMessage, ms: number, stalled: () => void): () => void {
  const timer = setTimeout(() => {
    if (req.readableFlowing === false) return;
    stop();
    stalled();
  }, ms);
  // Attached after pipe(): a 'data' listener must not start the flow on its own.
  const refresh = (): void => {
    timer.refresh();
  };
  const stop = (): void => {
    clearTimeout(timer);
    req.off("data", refresh);
    req.off("resume", refresh);
    req.off("end", stop);
  };
  req.on("data", refresh);
  // The pipe resumes once the model server drains: the clock starts again from there.
  req.on("resume", refresh);
  req.once("end", stop);
  return stop;
}
