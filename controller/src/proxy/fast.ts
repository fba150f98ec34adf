// The proxy's fast path: the client-facing server is a raw net.Server with its own HTTP/1.1 framing
// (http1.ts), and the model server is reached through a pool of raw keep-alive sockets. node:http
// builds several objects and closures per request (IncomingMessage, ServerResponse, ClientRequest,
// header objects, pipes); here each connection has one state object, reused for every request on
// it, and bytes are passed through as they arrive:
//
// - only heads are parsed: the request head is rewritten for the model server (hop-by-hop headers
//   out, X-Forwarded-* in, see headers.ts), the response head for the client;
// - bodies are forwarded untouched while their framing (Content-Length or chunked, tracked by a
//   small state machine) tells where each message ends; a close-delimited response is re-framed
//   as chunked so the client's connection survives it;
// - backpressure both ways: a side whose write() returns false pauses the other side's reads
//   until 'drain';
// - one exchange at a time per client connection: pipelined requests wait (read ahead up to
//   READ_AHEAD_LIMIT) until the current response is complete, then run in order.
//
// Anything unusual (Upgrade, Expect, HTTP/1.0, unusual methods or targets) is handed, at a request
// boundary, to the node:http server of forward.ts, together with the bytes already read.
// Malformed or ambiguous requests get 400 (431 for an oversized head) and the connection closes.
import type { Server as HttpServer } from "node:http";
import { connect, createServer, type Server, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import type { Breaker, Ticket } from "./breaker.ts";
import {
  BAD_GATEWAY,
  BODY_TIMED_OUT,
  CLIENT_CLOSED,
  QUEUE_FULL,
  QUEUE_FULL_RETRY_AFTER,
} from "./forward.ts";
import {
  CHUNKED_INVALID,
  CHUNKED_MORE,
  ChunkedTracker,
  HEAD_END,
  HEAD_FALLBACK,
  HEAD_INVALID,
  HEAD_OK,
  MAX_HEAD_BYTES,
  parseRequestHead,
  parseResponseHead,
  RequestHead,
  ResponseHead,
} from "./http1.ts";

/** Idle keep-alive connections close after this (as node:http's keepAliveTimeout in proxy.ts). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** A started request head must be complete within this (node:http's headersTimeout). */
export const HEADERS_TIMEOUT_MS = 66_000;
/**
 * A running request whose body stops arriving for this long gets 408 and its slot back (the
 * default of the proxy's --body-timeout flag). Idle time, not total: an upload of any size goes
 * through as long as its bytes keep coming.
 */
export const BODY_TIMEOUT_MS = 30_000;
/**
 * Idle sockets to the model server are dropped after 4 s, before the 5 s idle timeout common in
 * model servers (Node, uvicorn), so the proxy never reuses a socket the server is closing.
 */
export const UPSTREAM_IDLE_MS = 4000;
const SWEEP_INTERVAL_MS = 1000;
/**
 * Bytes read ahead of the running exchange (pipelined requests, the body of a queued request)
 * before the proxy stops reading the client. Reading on meanwhile is how a queued client's
 * disconnect is noticed.
 */
const READ_AHEAD_LIMIT = 64 * 1024;
/** A response head and the body bytes that came with it go out as one buffer up to this size. */
const SINGLE_WRITE_LIMIT = 16 * 1024;

function reply(statusLine: string, close: boolean, json?: Buffer, extra = ""): Buffer {
  const connection = close
    ? "Connection: close\r\n"
    : "Connection: keep-alive\r\nKeep-Alive: timeout=65\r\n";
  if (json === undefined)
    return Buffer.from(`HTTP/1.1 ${statusLine}\r\n${connection}\r\n`, "latin1");
  const head = `HTTP/1.1 ${statusLine}\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\n${extra}${connection}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), json]);
}

// The proxy's own answers, whole, as node:http would frame them.
const BAD_REQUEST = reply("400 Bad Request", true);
const TOO_LARGE = reply("431 Request Header Fields Too Large", true);
const REQUEST_TIMEOUT = reply("408 Request Timeout", true);
const BODY_TIMEOUT = reply("408 Request Timeout", true, BODY_TIMED_OUT);
const RETRY = `Retry-After: ${QUEUE_FULL_RETRY_AFTER}\r\n`;
const QUEUE_FULL_KEEP = reply("503 Service Unavailable", false, QUEUE_FULL, RETRY);
const QUEUE_FULL_CLOSE = reply("503 Service Unavailable", true, QUEUE_FULL, RETRY);
const BAD_GATEWAY_KEEP = reply("502 Bad Gateway", false, BAD_GATEWAY);
const BAD_GATEWAY_CLOSE = reply("502 Bad Gateway", true, BAD_GATEWAY);
const KEEP_ALIVE_END = "Connection: keep-alive\r\nKeep-Alive: timeout=65\r\n\r\n";
const CLOSE_END = "Connection: close\r\n\r\n";
const CRLF = "\r\n";

// The Date header added to responses without one, as node:http does; formatted once a second.
let dateSecond = -1;
let dateLine = "";
function dateHeader(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = `Date: ${new Date(now).toUTCString()}\r\n`;
  }
  return dateLine;
}
const LAST_CHUNK = "0\r\n\r\n";

/** The fast path's timers; the defaults above unless the flags (bodyMs) or a test set them. */
export interface FastTimeouts {
  keepAliveMs: number;
  headersMs: number;
  /** Longest silence within the body of a running request; 0: none. */
  bodyMs: number;
  upstreamIdleMs: number;
  sweepMs: number;
}

export interface FastDeps {
  breaker: Breaker;
  targetHost: string;
  targetPort: number;
  /** True while the proxy drains: responses close their connections. */
  draining(): boolean;
  onUpstreamError(err: Error, url: string | undefined): void;
  /**
   * Records a finished request in the metrics; `answered`: the model server's response reached
   * the client whole (not the proxy's own answer, nor a broken or abandoned response).
   */
  record(started: number, status: number, answered: boolean): void;
  /** Counts a request refused because the queue was full. */
  rejected(): void;
  /** The node:http server (forward.ts) that takes the connections the fast path hands over. */
  fallback: HttpServer;
  timeouts?: Partial<FastTimeouts>;
}

// Client connection phases.
const HEAD = 0; // waiting for (the rest of) a request head
const EXCHANGE = 1; // a request is queued or running and its response is not complete
const DISCARD = 2; // the response is complete but the request body still arrives: drop it
const CLOSING = 3; // the last response is written; the socket ends once it is flushed
const CLOSED = 4; // closed, or handed to node:http

// Body framing of the current request and response.
const NO_BODY = 0;
const LENGTH = 1;
const CHUNKED = 2;
/** Response only: the body runs until the model server closes; re-framed as chunked. */
const UNTIL_CLOSE = 3;

function hangUp(): NodeJS.ErrnoException {
  // What node:http's client reports for a connection that closed before a complete response.
  return Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}

// A keep-alive socket the model server closed while idle fails the next request with a reset (or
// an end) before any response; such a request never reached the server and is safe to send again,
// but only when it has no body. Same rule as forward.ts.
function isStaleSocketError(err: NodeJS.ErrnoException): boolean {
  return err.code === "ECONNRESET" || err.code === "EPIPE";
}

/** One keep-alive socket to the model server. */
class Upstream {
  readonly socket: Socket;
  /** The client connection whose exchange uses this socket; null while pooled. */
  client: ClientConnection | null = null;
  /** Served an exchange before (a failure may then be a stale socket). */
  reused = false;
  idleSince = 0;
  private error: NodeJS.ErrnoException | undefined;

  constructor(
    private readonly pool: UpstreamPool,
    host: string,
    port: number,
  ) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on("data", this.onData);
    this.socket.on("end", this.onEnd);
    this.socket.on("error", this.onError);
    this.socket.on("close", this.onClose);
    this.socket.on("drain", this.onDrain);
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.client !== null) this.client.upstreamData(chunk);
    // Bytes nobody asked for: the connection is out of step; never reuse it.
    else this.socket.destroy();
  };

  private readonly onEnd = (): void => {
    if (this.client !== null) this.client.upstreamEnd();
    else this.socket.destroy();
  };

  private readonly onError = (err: NodeJS.ErrnoException): void => {
    this.error = err;
  };

  private readonly onClose = (): void => {
    if (this.client !== null) this.client.upstreamFailed(this.error ?? hangUp());
    else this.pool.remove(this);
  };

  private readonly onDrain = (): void => {
    this.client?.upstreamDrain();
  };
}

/** Idle keep-alive sockets to the model server, most recently used first (LIFO, as the Agent). */
class UpstreamPool {
  private readonly idle: Upstream[] = [];

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly idleMs: number,
  ) {}

  take(): Upstream {
    const now = performance.now();
    for (;;) {
      const up = this.idle.pop();
      if (up === undefined) return this.fresh();
      if (!up.socket.destroyed && now - up.idleSince < this.idleMs) return up;
      up.socket.destroy();
    }
  }

  fresh(): Upstream {
    return new Upstream(this, this.host, this.port);
  }

  put(up: Upstream): void {
    up.reused = true;
    up.idleSince = performance.now();
    this.idle.push(up);
  }

  remove(up: Upstream): void {
    const i = this.idle.lastIndexOf(up);
    if (i !== -1) this.idle.splice(i, 1);
  }

  /** Drops sockets idle too long; the oldest are at the bottom of the stack. */
  sweep(now: number): void {
    let n = 0;
    while (n < this.idle.length && now - (this.idle[n] as Upstream).idleSince >= this.idleMs) n++;
    for (const up of this.idle.splice(0, n)) up.socket.destroy();
  }

  destroyAll(): void {
    for (const up of this.idle.splice(0)) up.socket.destroy();
  }
}

/** One client connection and the exchange running on it. */
class ClientConnection {
  phase = HEAD;
  /** Bytes read but not consumed: a partial head, a queued request's body, pipelined requests. */
  buf: Buffer | null = null;
  /** When the connection last started waiting for a request head (for the idle timeouts). */
  headSince = performance.now();
  /** When request body bytes last arrived, or the proxy last started reading them (body timeout). */
  bodySince = 0;
  private readonly remote: string | undefined;
  private readonly deps: FastDeps;
  private readPaused = false;
  private driving = false;

  private readonly req = new RequestHead();
  private reqMode = NO_BODY;
  private reqRemaining = 0;
  private readonly reqChunks = new ChunkedTracker();
  /** The whole request body has been read from the client (and, if running, passed on). */
  private reqDone = true;
  /** The model server's socket is full: stop reading the client's body until it drains. */
  private upBlocked = false;

  /** Whether the exchange is still to go into the metrics; cleared once recorded. */
  private counted = false;
  private started = 0;
  private ticket: Ticket | undefined;
  private status = 0;
  private up: Upstream | null = null;
  private retried = false;
  /** The connection closes after this exchange (client asked, or the proxy is draining). */
  private closeAfter = false;
  /** The model server failed mid-body: the client gets a broken response; 502 in the metrics. */
  private broken = false;

  private readonly res = new ResponseHead();
  /** Response bytes were received for this exchange (then it is not a stale socket). */
  private resGot = false;
  /** The response head went to the client. */
  private resStarted = false;
  private resBuf: Buffer | null = null;
  private resMode = NO_BODY;
  private resRemaining = 0;
  private readonly resChunks = new ChunkedTracker();
  /** The client's socket is full: the model server's socket is paused until it drains. */
  private resBlocked = false;

  constructor(
    private readonly fast: FastPath,
    readonly socket: Socket,
  ) {
    this.deps = fast.deps;
    this.remote = socket.remoteAddress;
    this.listenTo(socket, true);
  }

  /** Adds (or, at a hand-over, removes) this connection's listeners on its client socket. */
  private listenTo(socket: Socket, on: boolean): void {
    const method = on ? "on" : "off";
    socket[method]("data", this.onData);
    socket[method]("end", this.onEnd);
    socket[method]("error", this.onError);
    socket[method]("close", this.onClose);
    socket[method]("drain", this.onDrain);
    socket[method]("finish", this.onFinish);
  }

  // --- client socket events -------------------------------------------------------------------

  private readonly onData = (chunk: Buffer): void => {
    switch (this.phase) {
      case HEAD:
        this.buf = this.buf === null ? chunk : Buffer.concat([this.buf, chunk]);
        this.drive();
        return;
      case EXCHANGE:
        if (!this.reqDone && this.up !== null) this.sendBody(chunk);
        else {
          // Queued, or the body is complete: keep it for later, within READ_AHEAD_LIMIT.
          this.buf = this.buf === null ? chunk : Buffer.concat([this.buf, chunk]);
          this.syncReading();
        }
        return;
      case DISCARD:
        this.discardBody(chunk);
        return;
      default:
      // CLOSING: nothing more is read.
    }
  };

  // A client that half-closes is treated as gone, as node:http does (it aborts the request). While
  // closing, our end() is on its way; 'finish' closes the socket once it is flushed.
  private readonly onEnd = (): void => {
    if (this.phase !== CLOSING) this.socket.destroy();
  };

  private readonly onError = (): void => {
    // 'close' follows and cleans up.
  };

  private readonly onClose = (): void => {
    const phase = this.phase;
    this.phase = CLOSED;
    this.buf = null;
    this.fast.conns.delete(this);
    if (phase !== EXCHANGE) return;
    const up = this.up;
    if (up !== null) {
      // The model server may still be working on it; the socket cannot be reused.
      this.detach();
      up.socket.destroy();
    }
    this.record(this.broken ? 502 : CLIENT_CLOSED);
  };

  private readonly onDrain = (): void => {
    if (this.resBlocked && this.up !== null) {
      this.resBlocked = false;
      this.up.socket.resume();
    }
  };

  // After end(): everything is flushed; close (node:http's destroySoon).
  private readonly onFinish = (): void => {
    this.socket.destroy();
  };

  /** Arms the breaker's callback once per connection rather than a closure per request. */
  private readonly onRun = (ticket: Ticket): void => {
    this.ticket = ticket;
    this.run();
  };

  // --- requests ---------------------------------------------------------------------------------

  /** Starts the exchanges whose heads are buffered, one at a time, while the connection is idle. */
  private drive(): void {
    if (this.driving) return;
    this.driving = true;
    while (this.phase === HEAD && this.buf !== null) {
      const buf = this.buf;
      let start = 0;
      // RFC 9112 §2.2: empty lines before a request line are ignored.
      while (start + 1 < buf.length && buf[start] === 13 && buf[start + 1] === 10) start += 2;
      if (start === buf.length) {
        this.buf = null;
        break;
      }
      const end = buf.indexOf(HEAD_END, start);
      if (end === -1 ? buf.length - start > MAX_HEAD_BYTES : end + 4 - start > MAX_HEAD_BYTES) {
        this.refuse(TOO_LARGE);
        break;
      }
      if (end === -1) {
        if (start > 0) this.buf = buf.subarray(start);
        break;
      }
      const result = parseRequestHead(
        buf.toString("latin1", start, end + 4),
        this.remote,
        this.req,
      );
      if (result === HEAD_INVALID) {
        this.refuse(BAD_REQUEST);
        break;
      }
      if (result === HEAD_FALLBACK) {
        this.handOver(start === 0 ? buf : buf.subarray(start));
        break;
      }
      this.buf = end + 4 === buf.length ? null : buf.subarray(end + 4);
      this.startExchange();
    }
    this.driving = false;
    this.syncReading();
  }

  private startExchange(): void {
    const req = this.req;
    this.phase = EXCHANGE;
    this.started = performance.now();
    this.status = 0;
    this.retried = false;
    this.broken = false;
    this.closeAfter = req.close;
    this.resGot = false;
    this.resStarted = false;
    this.resBuf = null;
    if (req.chunked) {
      this.reqMode = CHUNKED;
      this.reqChunks.reset();
      this.reqDone = false;
    } else if (req.contentLength > 0) {
      this.reqMode = LENGTH;
      this.reqRemaining = req.contentLength;
      this.reqDone = false;
    } else {
      this.reqMode = NO_BODY;
      this.reqDone = true;
    }
    this.counted = true;
    const ticket = this.deps.breaker.enter(this.onRun);
    if (ticket === undefined) {
      this.deps.rejected();
      this.status = 503;
      this.send(this.closing() ? QUEUE_FULL_CLOSE : QUEUE_FULL_KEEP);
      this.exchangeDone();
      return;
    }
    // When admitted at once, onRun has already taken the ticket.
    if (ticket.state === "queued") this.ticket = ticket;
  }

  /** The request may go to the model server now. */
  private run(): void {
    const up = this.fast.pool.take();
    this.bodySince = performance.now();
    this.attach(up);
    this.writeRequest(up);
  }

  private writeRequest(up: Upstream): void {
    const socket = up.socket;
    const buf = this.buf;
    if (this.reqDone || buf === null) {
      if (!socket.write(this.req.upstream, "latin1")) this.upBlocked = true;
    } else {
      // Body bytes read while queued go with the head.
      const n = this.frameBody(buf);
      if (n < 0) {
        this.badBody();
        return;
      }
      this.buf = n === buf.length ? null : buf.subarray(n);
      socket.cork();
      socket.write(this.req.upstream, "latin1");
      const ok = socket.write(n === buf.length ? buf : buf.subarray(0, n));
      socket.uncork();
      if (!ok) this.upBlocked = true;
    }
    this.syncReading();
  }

  /** Request body bytes from the client while the request runs. */
  private sendBody(chunk: Buffer): void {
    this.bodySince = performance.now();
    const n = this.frameBody(chunk);
    if (n < 0) {
      this.badBody();
      return;
    }
    const up = this.up as Upstream;
    if (!up.socket.write(n === chunk.length ? chunk : chunk.subarray(0, n))) this.upBlocked = true;
    if (n < chunk.length) this.buf = chunk.subarray(n);
    this.syncReading();
  }

  /** Request body bytes after the response is complete (e.g. after a 503): dropped. */
  private discardBody(chunk: Buffer): void {
    this.bodySince = performance.now();
    const n = this.frameBody(chunk);
    if (n < 0) {
      this.socket.destroy();
      return;
    }
    if (!this.reqDone) {
      this.syncReading();
      return;
    }
    this.buf = n === chunk.length ? null : chunk.subarray(n);
    this.phase = HEAD;
    this.headSince = performance.now();
    this.drive();
  }

  /**
   * How many bytes at the start of `data` belong to the current request body (setting reqDone
   * when it ends there); -1 when the chunked framing is invalid.
   */
  private frameBody(data: Buffer): number {
    if (this.reqMode === LENGTH) {
      const n = Math.min(this.reqRemaining, data.length);
      this.reqRemaining -= n;
      if (this.reqRemaining === 0) this.reqDone = true;
      return n;
    }
    const end = this.reqChunks.feed(data, 0, data.length);
    if (end === CHUNKED_MORE) return data.length;
    if (end === CHUNKED_INVALID) return -1;
    this.reqDone = true;
    return end;
  }

  /** A malformed chunked request body: 400 if nothing was answered yet; the connection closes. */
  private badBody(): void {
    const up = this.up;
    if (up !== null) {
      this.detach();
      up.socket.destroy();
    }
    this.reqDone = true;
    if (this.resStarted) {
      this.socket.destroy();
      return;
    }
    this.status = 400;
    this.closeAfter = true;
    this.send(BAD_REQUEST);
    this.exchangeDone();
  }

  // --- responses --------------------------------------------------------------------------------

  upstreamData(chunk: Buffer): void {
    this.resGot = true;
    if (this.resStarted) this.forwardBody(chunk, 0, null);
    else this.responseHead(chunk);
  }

  private responseHead(chunk: Buffer): void {
    let data = this.resBuf === null ? chunk : Buffer.concat([this.resBuf, chunk]);
    let end: number;
    for (;;) {
      end = data.indexOf(HEAD_END);
      if (end === -1 ? data.length > MAX_HEAD_BYTES : end + 4 > MAX_HEAD_BYTES) {
        this.upstreamFailed(new Error("response head too large"));
        return;
      }
      if (end === -1) {
        this.resBuf = data;
        return;
      }
      if (parseResponseHead(data.toString("latin1", 0, end + 4), this.res) !== HEAD_OK) {
        this.upstreamFailed(new Error("invalid response head"));
        return;
      }
      const status = this.res.status;
      if (status >= 200) break;
      if (status === 101) {
        this.upstreamFailed(new Error("unexpected 101 Switching Protocols"));
        return;
      }
      // Interim responses (103 Early Hints, ...) are not passed on, as in forward.ts.
      data = data.subarray(end + 4);
      if (data.length === 0) {
        this.resBuf = null;
        return;
      }
    }
    this.resBuf = null;
    const res = this.res;
    const status = res.status;
    let framing = res.hasDate ? "" : dateHeader();
    if (this.req.isHead || status === 204 || status === 304) this.resMode = NO_BODY;
    else if (res.chunked) {
      this.resMode = CHUNKED;
      this.resChunks.reset();
      framing += `Transfer-Encoding: ${res.transferEncoding}\r\n`;
    } else if (res.contentLength >= 0) {
      this.resMode = LENGTH;
      this.resRemaining = res.contentLength;
    } else {
      this.resMode = UNTIL_CLOSE;
      framing += "Transfer-Encoding: chunked\r\n";
    }
    if (this.closing()) this.closeAfter = true;
    this.status = status;
    this.resStarted = true;
    this.forwardBody(
      data,
      end + 4,
      res.head + framing + (this.closeAfter ? CLOSE_END : KEEP_ALIVE_END),
    );
  }

  /** Passes response body bytes data[start..] on, after `head` when it is not yet sent. */
  private forwardBody(data: Buffer, start: number, head: string | null): void {
    let n: number;
    let ended = false;
    switch (this.resMode) {
      case LENGTH:
        n = Math.min(this.resRemaining, data.length - start);
        this.resRemaining -= n;
        ended = this.resRemaining === 0;
        break;
      case CHUNKED: {
        const end = this.resChunks.feed(data, start, data.length);
        if (end === CHUNKED_INVALID) {
          if (head !== null) this.resStarted = false;
          this.upstreamFailed(new Error("invalid chunked response body"));
          return;
        }
        ended = end !== CHUNKED_MORE;
        n = ended ? end - start : data.length - start;
        break;
      }
      case UNTIL_CLOSE:
        n = data.length - start;
        break;
      default:
        n = 0;
        ended = true;
    }
    const ok =
      this.resMode === UNTIL_CLOSE
        ? this.writeChunk(head, data, start, n)
        : this.write(head, data, start, n);
    if (!ok && !ended) {
      this.resBlocked = true;
      (this.up as Upstream).socket.pause();
    }
    // Bytes beyond the response mean the model server is out of step: don't reuse its socket.
    if (ended) this.responseDone(start + n === data.length);
  }

  private write(head: string | null, data: Buffer, start: number, n: number): boolean {
    const socket = this.socket;
    if (head === null) {
      return n === 0 || socket.write(n === data.length ? data : data.subarray(start, start + n));
    }
    if (n <= SINGLE_WRITE_LIMIT) {
      const out = Buffer.allocUnsafe(head.length + n);
      out.write(head, 0, "latin1");
      if (n > 0) data.copy(out, head.length, start, start + n);
      return socket.write(out);
    }
    socket.cork();
    socket.write(head, "latin1");
    const ok = socket.write(data.subarray(start, start + n));
    socket.uncork();
    return ok;
  }

  /** A close-delimited response goes to the client as chunks. */
  private writeChunk(head: string | null, data: Buffer, start: number, n: number): boolean {
    const socket = this.socket;
    if (n === 0) return head === null || socket.write(head, "latin1");
    socket.cork();
    if (head !== null) socket.write(head, "latin1");
    socket.write(`${n.toString(16)}\r\n`, "latin1");
    socket.write(data.subarray(start, start + n));
    const ok = socket.write(CRLF, "latin1");
    socket.uncork();
    return ok;
  }

  upstreamEnd(): void {
    if (this.resStarted && this.resMode === UNTIL_CLOSE) {
      this.socket.write(LAST_CHUNK, "latin1");
      this.responseDone(false);
      return;
    }
    this.upstreamFailed(hangUp());
  }

  upstreamDrain(): void {
    if (this.upBlocked) {
      this.upBlocked = false;
      // The client was not read meanwhile: its silence was the model server's doing.
      this.bodySince = performance.now();
      this.syncReading();
    }
  }

  /** The model server's socket failed (or closed) before the response was complete. */
  upstreamFailed(err: NodeJS.ErrnoException): void {
    const up = this.up as Upstream;
    this.detach();
    up.socket.destroy();
    if (this.resStarted) {
      // Mid-body: the client must see a broken response, not a short one that looks complete.
      this.deps.onUpstreamError(err, this.target());
      this.broken = true;
      this.socket.destroy();
      return;
    }
    const bodyless = this.req.contentLength <= 0 && !this.req.chunked;
    if (!this.resGot && !this.retried && bodyless && up.reused && isStaleSocketError(err)) {
      this.retried = true;
      this.resBuf = null;
      const fresh = this.fast.pool.fresh();
      this.attach(fresh);
      this.writeRequest(fresh);
      return;
    }
    this.deps.onUpstreamError(err, this.target());
    this.status = 502;
    if (this.closing()) this.closeAfter = true;
    this.send(this.closeAfter ? BAD_GATEWAY_CLOSE : BAD_GATEWAY_KEEP);
    this.exchangeDone();
  }

  /** The response is complete on the client's side. */
  private responseDone(clean: boolean): void {
    const up = this.up as Upstream;
    this.detach();
    // Reusable only when both messages ended where their framing said and nobody asked to close.
    if (clean && this.reqDone && !this.res.close && this.resMode !== UNTIL_CLOSE) {
      this.fast.pool.put(up);
    } else up.socket.destroy();
    this.exchangeDone(true);
  }

  /**
   * The exchange is over for the client: record it, free the slot, go on with the connection.
   * `answered`: the model server's response was written whole; otherwise the proxy answered.
   */
  private exchangeDone(answered = false): void {
    this.record(this.status, answered);
    if (this.phase !== EXCHANGE) return;
    if (this.closeAfter || this.deps.draining()) {
      this.phase = CLOSING;
      this.buf = null;
      this.socket.end();
      return;
    }
    if (!this.reqDone) {
      this.phase = DISCARD;
      this.bodySince = performance.now();
      const buf = this.buf;
      this.buf = null;
      if (buf !== null) this.discardBody(buf);
      else this.syncReading();
      return;
    }
    this.phase = HEAD;
    this.headSince = performance.now();
    this.drive();
  }

  private record(status: number, answered = false): void {
    if (!this.counted) return;
    this.counted = false;
    const ticket = this.ticket;
    this.ticket = undefined;
    // A queued ticket leaves the queue; a running one hands its slot on (maybe synchronously
    // starting another connection's exchange).
    ticket?.leave();
    this.deps.record(this.started, status, answered);
  }

  // --- helpers ----------------------------------------------------------------------------------

  private closing(): boolean {
    return this.closeAfter || this.deps.draining();
  }

  private attach(up: Upstream): void {
    up.client = this;
    this.up = up;
    this.upBlocked = false;
  }

  private detach(): void {
    const up = this.up;
    if (up === null) return;
    up.client = null;
    this.up = null;
    this.upBlocked = false;
    if (this.resBlocked) {
      this.resBlocked = false;
      // A pooled socket must read, to notice the server closing it.
      up.socket.resume();
    }
  }

  private send(data: Buffer): void {
    this.socket.write(data);
  }

  /** Answers a malformed request and closes, as node:http does. */
  private refuse(data: Buffer): void {
    this.phase = CLOSING;
    this.buf = null;
    this.socket.end(data);
  }

  /** Idle or header timeout (from the sweeper). */
  timeout(): void {
    if (this.buf === null) this.socket.destroy();
    else this.refuse(REQUEST_TIMEOUT);
  }

  /**
   * Whether the body timeout runs: the proxy is reading a request body that is not complete, for
   * a running request (not blocked by a full model server socket) or one already answered.
   * Not while queued: the proxy stops reading a queued request at READ_AHEAD_LIMIT (backpressure),
   * so its silence may be the proxy's doing, and it holds a queue place, not a slot, as any
   * waiting request does (the queue is bounded). Its clock starts when it runs.
   */
  readsBody(): boolean {
    if (this.phase === DISCARD) return true;
    return this.phase === EXCHANGE && !this.reqDone && this.up !== null && !this.upBlocked;
  }

  /**
   * The request body stopped arriving (from the sweeper): the model server's request is cut and
   * the slot freed; the client gets 408 if nothing was answered yet, and the connection closes.
   */
  bodyTimeout(): void {
    if (this.phase === DISCARD) {
      // Answered and recorded already; only the connection is left.
      this.socket.destroy();
      return;
    }
    const up = this.up;
    if (up !== null) {
      this.detach();
      up.socket.destroy();
    }
    this.reqDone = true;
    this.status = 408;
    if (this.resStarted) {
      // Mid-response: a broken response, not a short one that looks complete.
      this.record(408);
      this.socket.destroy();
      return;
    }
    this.closeAfter = true;
    this.send(BODY_TIMEOUT);
    this.exchangeDone();
  }

  /** The request target, for logs. */
  private target(): string {
    const head = this.req.upstream;
    const from = head.indexOf(" ") + 1;
    return head.slice(from, head.indexOf(" ", from));
  }

  /**
   * Reads the client only while its bytes can go somewhere: to the model server when it is not
   * full, or into the read-ahead buffer while it is small.
   */
  private syncReading(): void {
    let want: boolean;
    switch (this.phase) {
      case HEAD:
      case DISCARD:
        want = true;
        break;
      case EXCHANGE:
        want =
          !this.reqDone && this.up !== null
            ? !this.upBlocked
            : this.buf === null || this.buf.length < READ_AHEAD_LIMIT;
        break;
      default:
        return;
    }
    if (want === !this.readPaused) return;
    this.readPaused = !want;
    if (want) this.socket.resume();
    else this.socket.pause();
  }

  /**
   * Gives the connection, at a request boundary, to node:http with the bytes already read. The
   * socket is paused while node:http attaches, so that `data` (unshifted back into the stream)
   * reaches its parser first, when the socket resumes.
   */
  private handOver(data: Buffer): void {
    const socket = this.socket;
    this.phase = CLOSED;
    this.buf = null;
    this.fast.conns.delete(this);
    socket.pause();
    this.listenTo(socket, false);
    socket.unshift(data);
    this.deps.fallback.emit("connection", socket);
    socket.resume();
  }
}

/** The client-facing server of the fast path, its connections and the upstream pool. */
export class FastPath {
  readonly server: Server;
  readonly conns = new Set<ClientConnection>();
  readonly pool: UpstreamPool;
  private readonly timeouts: FastTimeouts;
  private readonly sweeper: NodeJS.Timeout;

  constructor(readonly deps: FastDeps) {
    this.timeouts = {
      keepAliveMs: KEEP_ALIVE_TIMEOUT_MS,
      headersMs: HEADERS_TIMEOUT_MS,
      bodyMs: BODY_TIMEOUT_MS,
      upstreamIdleMs: UPSTREAM_IDLE_MS,
      sweepMs: SWEEP_INTERVAL_MS,
      ...deps.timeouts,
    };
    this.pool = new UpstreamPool(deps.targetHost, deps.targetPort, this.timeouts.upstreamIdleMs);
    // allowHalfOpen as node:http's server, so a client's end is seen as an abort, not answered
    // by net with an automatic end of our side.
    this.server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
      this.conns.add(new ClientConnection(this, socket));
    });
    // node:http tracks its connections (for closeIdleConnections and its header timeout checks)
    // from 'listening'; the fallback server never listens itself, so it is told here.
    deps.fallback.emit("listening");
    this.sweeper = setInterval(() => this.sweep(), this.timeouts.sweepMs);
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = performance.now();
    this.pool.sweep(now);
    const bodyMs = this.timeouts.bodyMs;
    for (const c of this.conns) {
      if (c.phase === HEAD) {
        const limit = c.buf === null ? this.timeouts.keepAliveMs : this.timeouts.headersMs;
        if (now - c.headSince > limit) c.timeout();
      } else if (bodyMs > 0 && c.readsBody() && now - c.bodySince > bodyMs) c.bodyTimeout();
    }
  }

  /** Closes the connections waiting for a request (both paths). */
  closeIdleConnections(): void {
    for (const c of this.conns) if (c.phase === HEAD && c.buf === null) c.socket.destroy();
    this.deps.fallback.closeIdleConnections();
  }

  /** Cuts every connection (both paths). */
  closeAllConnections(): void {
    for (const c of this.conns) c.socket.destroy();
    this.deps.fallback.closeAllConnections();
  }

  /** Stops the timers and drops idle upstream sockets; call after the server closed. */
  stop(): void {
    clearInterval(this.sweeper);
    this.pool.destroyAll();
    // Stops node:http's connection checker; it never listened, so the callback gets an error.
    this.deps.fallback.close(() => {});
  }
}
