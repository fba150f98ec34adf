// A small HTTP proxy of the test suite's own, put between an S3 client and versitygw, that breaks
// a share of the requests on purpose: it resets the connection (mid-body), stalls without
// answering, or answers 500 InternalError / 503 SlowDown. Which request gets which fault comes from
// a seeded generator, so a failing run can be replayed. The Host header passes through unchanged,
// so SigV4 signatures (made for the proxy's address) still verify upstream.
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FaultRates {
  /** Shares of requests, each 0..1, summing to at most 1; the rest pass through. */
  reset?: number;
  stall?: number;
  internalError?: number;
  slowDown?: number;
}

export type FaultKind = "reset" | "stall" | "internalError" | "slowDown" | "forward";

export interface FaultProxyOptions {
  /** Upstream base URL, e.g. http://127.0.0.1:7070. */
  target: string;
  seed: number;
  rates: FaultRates;
  /** Only requests this accepts can be faulted (default: all). */
  eligible?: (req: { method: string; url: string }) => boolean;
  /** How long a stalled request is held before its socket is dropped. */
  stallMs?: number;
  /** Rewrites a forwarded answer's headers, e.g. drops its content-length (default: as is). */
  responseHeaders?: (
    req: { method: string; url: string },
    headers: IncomingHttpHeaders,
  ) => IncomingHttpHeaders;
  /** Told of each piece of a forwarded answer's body as it is passed on to the client. */
  onBody?: (req: { method: string; url: string }, bytes: number) => void;
}

export interface FaultProxy {
  endpoint: string;
  /** Requests seen, by what was done to them. */
  counts: Record<FaultKind, number>;
  setRates(rates: FaultRates): void;
  /**
   * Holds the next request `match` accepts until `release()`: `reached` resolves once it arrived,
   * so a test can act while a client is mid-upload, with no timing involved.
   */
  hold(match: (req: { method: string; url: string }) => boolean): Gate;
  close(): Promise<void>;
}

export interface Gate {
  reached: Promise<void>;
  release(): void;
}

/** mulberry32: tiny, fast and good enough to spread faults evenly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function s3ErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(options.seed);
  let rates = options.rates;
  const stallMs = options.stallMs ?? 5000;
  const upstream = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const counts: Record<FaultKind, number> = {
    reset: 0,
    stall: 0,
    internalError: 0,
    slowDown: 0,
    forward: 0,
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const gates: {
    match: (req: { method: string; url: string }) => boolean;
    arrived: () => void;
    released: Promise<void>;
  }[] = [];

  const pick = (req: IncomingMessage): FaultKind => {
    const eligible = options.eligible?.({ method: req.method ?? "", url: req.url ?? "" }) ?? true;
    if (!eligible) return "forward";
    const r = random();
    let edge = 0;
    for (const kind of ["reset", "stall", "internalError", "slowDown"] as const) {
      edge += rates[kind] ?? 0;
      if (r < edge) return kind;
    }
    return "forward";
  };

  const answer = (req: IncomingMessage, res: ServerResponse, status: number, code: string) => {
    // Read the body first, as S3 does before most errors, so the client is not left mid-write.
    req.resume();
    req.on("end", () => {
      res.writeHead(status, { "content-type": "application/xml" });
      res.end(req.method === "HEAD" ? undefined : s3ErrorXml(code, `injected ${code}`));
    });
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const up = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (upRes) => {
        const seen = { method: req.method ?? "", url: req.url ?? "" };
        const headers = options.responseHeaders?.(seen, { ...upRes.headers }) ?? upRes.headers;
        res.writeHead(upRes.statusCode ?? 502, headers);
        if (options.onBody)
          upRes.on("data", (chunk: Buffer) => options.onBody?.(seen, chunk.length));
        // A client that hung up reads no more: stop reading upstream too.
        res.on("close", () => upRes.destroy());
        upRes.pipe(res);
      },
    );
    up.on("error", () => res.destroy());
    req.pipe(up);
  };

  const server = createServer(async (req, res) => {
    const seen = { method: req.method ?? "", url: req.url ?? "" };
    const gate = gates.findIndex((g) => g.match(seen));
    if (gate >= 0) {
      const [g] = gates.splice(gate, 1);
      g?.arrived();
      await g?.released;
    }
    const kind = pick(req);
    counts[kind]++;
    switch (kind) {
      case "reset": {
        // Cut the connection after the first body bytes arrive (or at once for bodiless requests).
        const cut = () => req.socket.resetAndDestroy();
        if (Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"])
          req.once("data", cut);
        else cut();
        return;
      }
      case "stall": {
        // Neither read nor answer: the client sees a connection that has gone quiet.
        const timer = setTimeout(() => {
          timers.delete(timer);
          req.socket.destroy();
        }, stallMs);
        timers.add(timer);
        return;
      }
      case "internalError":
        return answer(req, res, 500, "InternalError");
      case "slowDown":
        return answer(req, res, 503, "SlowDown");
      case "forward":
        return forward(req, res);
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    setRates(next) {
      rates = next;
    },
    hold(match) {
      let arrived = () => {};
      let release = () => {};
      const reached = new Promise<void>((r) => {
        arrived = r;
      });
      const released = new Promise<void>((r) => {
        release = r;
      });
      gates.push({ match, arrived, released });
      return { reached, release };
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
