// The raw fast path through a real proxy process, at the byte level: body framing (chunked,
// close-delimited, bodiless responses), pipelining, keep-alive reuse, backpressure, refusals of
// malformed and ambiguous requests, upstream failures, and the hand-over to node:http.
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findSample } from "../../../controller/src/lib/prometheus.ts";
import { eventually, type ProxyProcess, scrape, send, startProxy } from "./support/processes.ts";
import {
  decodeChunked,
  headerLines,
  RawClient,
  type RawUpstream,
  rssBytes,
  sendRaw,
  splitResponse,
  startRawUpstream,
  startWireServer,
  statusCodes,
  type WireServer,
} from "./support/raw.ts";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function proxyFor(port: number, flags: Record<string, string | number> = {}) {
  const p = await startProxy({ "target-port": port, "max-concurrency": 4, ...flags });
  cleanup.push(() => p.kill());
  return p;
}

async function wire(): Promise<WireServer> {
  const w = await startWireServer();
  cleanup.push(() => w.close());
  return w;
}

async function raw(answer: Parameters<typeof startRawUpstream>[0]): Promise<RawUpstream> {
  const u = await startRawUpstream(answer);
  cleanup.push(() => u.close());
  return u;
}

async function client(port: number): Promise<RawClient> {
  const c = await RawClient.connect(port);
  cleanup.push(async () => c.destroy());
  return c;
}

/** rawHeaders of a /raw answer as [name, value] pairs. */
function rawHeaderPairs(json: string): Array<[string, string]> {
  const { rawHeaders } = JSON.parse(json) as { rawHeaders: string[] };
  const out: Array<[string, string]> = [];
  for (let i = 0; i < rawHeaders.length; i += 2)
    out.push([rawHeaders[i] as string, rawHeaders[i + 1] as string]);
  return out;
}

/**
 * POSTs `total` random bytes to /echo, writing as fast as the connection takes them and reading
 * the echo slowly (pausing 40 ms every MiB). Returns hashes and how far the writer got ahead.
 */
function echoSlowly(
  port: number,
  total: number,
): Promise<{ received: number; sentHash: string; receivedHash: string; maxLead: number }> {
  const piece = randomBytes(256 * 1024);
  const sent = createHash("sha256");
  const got = createHash("sha256");
  let received = 0;
  let written = 0;
  let maxLead = 0;
  return new Promise((resolve, reject) => {
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/echo",
      headers: { "content-length": String(total) },
      agent: false,
    });
    req.on("error", reject);
    req.on("response", (res) => {
      let sincePause = 0;
      res.on("data", (chunk: Buffer) => {
        got.update(chunk);
        received += chunk.length;
        sincePause += chunk.length;
        if (sincePause >= 1024 * 1024) {
          sincePause = 0;
          res.pause();
          setTimeout(() => res.resume(), 40);
        }
      });
      res.on("end", () =>
        resolve({
          received,
          sentHash: sent.digest("hex"),
          receivedHash: got.digest("hex"),
          maxLead,
        }),
      );
      res.on("error", reject);
    });
    const pump = (): void => {
      while (written < total) {
        const n = Math.min(piece.length, total - written);
        const part = n === piece.length ? piece : piece.subarray(0, n);
        sent.update(part);
        written += n;
        maxLead = Math.max(maxLead, written - received);
        if (!req.write(part)) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

/** A wire-level model server and a proxy in front of it, for the tests of one describe block. */
function wireProxy(flags: Record<string, string | number> = {}): {
  w: WireServer;
  p: ProxyProcess;
} {
  const env = {} as { w: WireServer; p: ProxyProcess };
  beforeAll(async () => {
    env.w = await startWireServer();
    env.p = await startProxy({ "target-port": env.w.port, ...flags });
  });
  afterAll(async () => {
    await env.p?.kill();
    await env.w?.close();
  });
  return env;
}

describe("fast path framing (real processes)", () => {
  const env = wireProxy({ "max-concurrency": 4 });

  it("passes a chunked request body, extensions and trailers included, to the model server", async () => {
    const c = await client(env.p.port);
    c.write(
      "POST /raw HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n",
    );
    const text = await c.waitFor("the answer", (t) => t.endsWith("}"));
    const { head, body } = splitResponse(text);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const seen = JSON.parse(body) as { length: number; trailers: Record<string, string> };
    expect(seen.length).toBe(11);
    expect(seen.trailers).toEqual({ "x-sum": "42" });
    expect(rawHeaderPairs(body)).toContainEqual(["Transfer-Encoding", "chunked"]);
  });

  it("passes a chunked response on chunked, and the connection stays usable", async () => {
    const c = await client(env.p.port);
    c.write("POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    await c.waitFor("the first echoed chunk", (t) => t.includes("hello"));
    c.write("6\r\n world\r\n0\r\n\r\n");
    const text = await c.waitFor("the last chunk", (t) => t.endsWith("0\r\n\r\n"));
    const { head, body } = splitResponse(text);
    expect(headerLines(head)).toContainEqual(["Transfer-Encoding", "chunked"]);
    expect(head).not.toMatch(/content-length/i);
    expect(decodeChunked(body)).toEqual({ data: "hello world", rest: "" });

    c.write("GET /say?w=again HTTP/1.1\r\nHost: a\r\n\r\n");
    const second = await c.waitFor("the second answer", (t) => t.endsWith("again"));
    expect(statusCodes(second)).toEqual([200, 200]);
    expect(c.isClosed).toBe(false);
  });

  it("streams 100 MB both ways with backpressure, in bounded proxy memory", async () => {
    const pid = env.p.child.pid as number;
    // The first big transfer grows the heap once (old and new proxy alike); measure the second.
    await echoSlowly(env.p.port, 32 * 1024 * 1024);
    const before = await rssBytes(pid);
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await rssBytes(pid));
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const total = 100 * 1024 * 1024;
    const result = await echoSlowly(env.p.port, total);
    sampling = false;
    await sampler;

    expect(result.received).toBe(total);
    expect(result.receivedHash).toBe(result.sentHash);
    // The writer can only run ahead of the slow reader by what the sockets on the way hold (large
    // on loopback: tens of MB), not by the whole body, which a proxy without backpressure would
    // take in as fast as the writer pushes it.
    expect(result.maxLead).toBeLessThan(48 * 1024 * 1024);
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  });

  it("answers pipelined requests one after another, in order", async () => {
    const c = await client(env.p.port);
    // The first answers last if run concurrently; the proxy must not even start the others.
    c.write(
      "GET /sleep?ms=80&w=first HTTP/1.1\r\nHost: a\r\n\r\n" +
        "POST /say?w=second HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody" +
        "GET /say?w=third HTTP/1.1\r\nHost: a\r\n\r\n",
    );
    const text = await c.waitFor("three answers", (t) => t.endsWith("third"));
    expect(statusCodes(text)).toEqual([200, 200, 200]);
    const first = text.indexOf("\r\n\r\nfirst");
    const second = text.indexOf("\r\n\r\nsecond");
    const third = text.indexOf("\r\n\r\nthird");
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(third).toBeGreaterThan(second);
    const ours = env.w.arrivals.filter((a) => /w=(first|second|third)/.test(a));
    expect(ours).toEqual(["/sleep?ms=80&w=first", "/say?w=second", "/say?w=third"]);
  });

  it("closes after a response to `Connection: close`, unread pipelined requests dropped", async () => {
    const c = await client(env.p.port);
    c.write(
      "GET /say?w=last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" +
        "GET /say?w=never HTTP/1.1\r\nHost: a\r\n\r\n",
    );
    const text = await c.untilClosed();
    expect(statusCodes(text)).toEqual([200]);
    expect(headerLines(splitResponse(text).head)).toContainEqual(["Connection", "close"]);
    expect(env.w.arrivals).not.toContain("/say?w=never");
  });

  it("answers 502 JSON when the model server drops the connection, and keeps the client's", async () => {
    const c = await client(env.p.port);
    c.write("GET /reset HTTP/1.1\r\nHost: a\r\n\r\n");
    const text = await c.waitFor("the 502", (t) => t.endsWith("}\n"));
    const { head, body } = splitResponse(text);
    expect(head).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    expect(headerLines(head)).toContainEqual(["Content-Type", "application/json"]);
    expect(JSON.parse(body)).toEqual({ error: "bad gateway: the model server did not answer" });
    c.write("GET /say?w=fine HTTP/1.1\r\nHost: a\r\n\r\n");
    const after = await c.waitFor("the next answer", (t) => t.endsWith("fine"));
    expect(statusCodes(after)).toEqual([502, 200]);
  });
});

describe("fast path refusals (real processes)", () => {
  const env = wireProxy();

  const smuggled =
    "GET /say?w=smuggled HTTP/1.1\r\nHost: a\r\n\r\n" + "GET /say?w=smuggled HTTP/1.1\r\n";
  it.each([
    [
      "Content-Length with Transfer-Encoding",
      `POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
    ],
    [
      "Transfer-Encoding with Content-Length",
      `POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
    ],
    [
      "differing Content-Lengths",
      `POST /say HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n${smuggled}`,
    ],
    [
      "Transfer-Encoding other than chunked",
      `POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n${smuggled}`,
    ],
    [
      "Transfer-Encoding twice",
      `POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
    ],
    [
      "whitespace before a colon",
      `POST /say HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc`,
    ],
    ["a control character in a value", "GET /say HTTP/1.1\r\nHost: a\r\nX-A: a\u0001b\r\n\r\n"],
    ["a bare LF", "GET /say HTTP/1.1\r\nHost: a\nX-A: 1\r\n\r\n"],
    ["a malformed request line", "GET\r\nHost: a\r\n\r\n"],
    ["a missing Host", "GET /say HTTP/1.1\r\n\r\n"],
    [
      "a malformed chunked body",
      "POST /raw HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n",
    ],
  ])("answers 400 and closes the connection for %s", async (_what, text) => {
    const before = env.w.arrivals.length;
    const received = await sendRaw(env.p.port, text);
    expect(statusCodes(received)).toEqual([400]);
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(headerLines(splitResponse(received).head)).toContainEqual(["Connection", "close"]);
    expect(env.w.arrivals.slice(before).filter((a) => a.includes("smuggled"))).toEqual([]);
  });

  it("answers 431 and closes the connection for a head over 16 KiB", async () => {
    const received = await sendRaw(
      env.p.port,
      `GET /say HTTP/1.1\r\nHost: a\r\nX-Big: ${"b".repeat(17 * 1024)}\r\n\r\n`,
    );
    expect(statusCodes(received)).toEqual([431]);
    expect(headerLines(splitResponse(received).head)).toContainEqual(["Connection", "close"]);
  });

  it("answers 431 for an endless head before it is complete", async () => {
    const c = await client(env.p.port);
    c.write(`GET /say HTTP/1.1\r\nHost: a\r\nX-Big: ${"b".repeat(20 * 1024)}`);
    const received = await c.untilClosed();
    expect(statusCodes(received)).toEqual([431]);
  });

  it("still serves well-formed requests", async () => {
    expect((await send(env.p.port, { path: "/say?w=fine" })).body.toString()).toBe("fine");
  });
});

describe("fast path and the model server's sockets (real processes)", () => {
  it("reuses keep-alive sockets to the model server", async () => {
    const w = await wire();
    const p = await proxyFor(w.port);
    // Each request on a new client connection; the proxy's upstream socket is reused.
    for (let i = 0; i < 10; i++) {
      expect((await send(p.port, { path: `/say?w=${i}` })).body.toString()).toBe(String(i));
    }
    expect(w.connections()).toBe(1);
    // Concurrent requests need at most as many sockets as run at once (max-concurrency 4).
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 4 }, () => send(p.port, { path: "/sleep?ms=20" })));
    }
    expect(w.connections()).toBeLessThanOrEqual(4);
  });

  it("gives HEAD, 204 and 304 responses no body, whatever their headers say", async () => {
    const answers: Record<string, string> = {
      "HEAD /head": "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\n",
      "HEAD /head-chunked": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
      "GET /no-content": "HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n",
      "GET /not-modified": 'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\nETag: "v"\r\n\r\n',
      "GET /after": "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nafter",
    };
    const u = await raw((req, socket) => {
      socket.write(answers[req.head.split(" HTTP/")[0] ?? ""] ?? "HTTP/1.1 404 X\r\n\r\n");
    });
    const p = await proxyFor(u.port);
    const c = await client(p.port);
    c.write(
      "HEAD /head HTTP/1.1\r\nHost: a\r\n\r\n" +
        "HEAD /head-chunked HTTP/1.1\r\nHost: a\r\n\r\n" +
        "GET /no-content HTTP/1.1\r\nHost: a\r\n\r\n" +
        "GET /not-modified HTTP/1.1\r\nHost: a\r\n\r\n" +
        "GET /after HTTP/1.1\r\nHost: a\r\n\r\n",
    );
    const text = await c.waitFor("five answers", (t) => t.endsWith("after"));
    expect(statusCodes(text)).toEqual([200, 200, 204, 304, 200]);
    const heads = text.split("\r\n\r\n");
    // Four heads with nothing between them, then the last one and its body.
    expect(heads).toHaveLength(6);
    expect(heads[5]).toBe("after");
    expect(headerLines(heads[0] as string)).toContainEqual(["Content-Length", "11"]);
    expect(headerLines(heads[3] as string)).toContainEqual(["Content-Length", "5"]);
    // The model server's socket stayed in step, so it was reused throughout.
    expect(u.connections()).toBe(1);
  });

  it("re-frames a close-delimited response as chunked and keeps the client connection", async () => {
    const u = await raw((req, socket) => {
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello ");
      setTimeout(() => socket.end(`world ${req.conn}`), 20);
    });
    const p = await proxyFor(u.port);
    const c = await client(p.port);
    c.write("GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
    const text = await c.waitFor("the last chunk", (t) => t.endsWith("0\r\n\r\n"));
    const { head, body } = splitResponse(text);
    expect(headerLines(head)).toContainEqual(["Transfer-Encoding", "chunked"]);
    expect(headerLines(head)).toContainEqual(["Connection", "keep-alive"]);
    expect(decodeChunked(body)).toEqual({ data: "hello world 1", rest: "" });

    // Same client connection; the model server needs a new one.
    c.write("GET /b HTTP/1.1\r\nHost: a\r\n\r\n");
    const both = await c.waitFor("the second response", (t) => t.split("0\r\n\r\n").length === 3);
    expect(statusCodes(both)).toEqual([200, 200]);
    expect(decodeChunked(splitResponse(both.slice(text.length)).body).data).toBe("hello world 2");
    expect(u.connections()).toBe(2);
  });

  it("breaks the client's response when a chunked response body is malformed", async () => {
    const u = await raw((_req, socket) => {
      socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
      // Later, so that the head has gone to the client by then.
      setTimeout(() => socket.write("zz\r\n"), 50);
    });
    const p = await proxyFor(u.port);
    const c = await client(p.port);
    c.write("GET /a HTTP/1.1\r\nHost: a\r\n\r\n");
    const text = await c.untilClosed();
    // The head and the valid chunk went out, then the connection was cut: no last chunk.
    expect(statusCodes(text)).toEqual([200]);
    expect(text).toContain("5\r\nhello\r\n");
    expect(text).not.toContain("0\r\n\r\n");
    await eventually("502 counted", async () => {
      const samples = await scrape(p.adminPort);
      return findSample(samples, "cortex_proxy_requests_total", { code: "502" }) === 1;
    });
  });

  it("retries a bodiless request once on a new socket when a reused one turns out stale", async () => {
    // This model server answers the first request on each connection and drops the connection
    // when a second one arrives: what a keep-alive socket closing at the wrong moment looks like.
    const u = await raw((req, socket) => {
      if (req.nth === 1) socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nc${req.conn}`);
      else socket.destroy();
    });
    const p = await proxyFor(u.port);
    expect((await send(p.port, { path: "/1" })).body.toString()).toBe("c1");
    expect((await send(p.port, { path: "/2" })).body.toString()).toBe("c2");
    expect(u.requests.map((r) => [r.conn, r.head.split(" ")[1]])).toEqual([
      [1, "/1"],
      [1, "/2"],
      [2, "/2"],
    ]);

    // A request with a body is not replayed: 502.
    const post = await send(p.port, { method: "POST", path: "/3", body: "x" });
    expect(post.status).toBe(502);
    expect(u.requests.filter((r) => r.head.startsWith("POST /3"))).toHaveLength(1);
  });

  it("removes hop-by-hop headers both ways and appends to X-Forwarded-For", async () => {
    const u = await raw((_req, socket) => {
      socket.write(
        "HTTP/1.1 200 OK\r\nConnection: X-Resp-Hop\r\nX-Resp-Hop: 1\r\nKeep-Alive: timeout=5\r\n" +
          "Proxy-Connection: keep-alive\r\nX-Model: yes\r\nContent-Length: 2\r\n\r\nok",
      );
    });
    const p = await proxyFor(u.port);
    const c = await client(p.port);
    c.write(
      "GET /h HTTP/1.1\r\nHost: api\r\nX-Forwarded-For: 1.1.1.1\r\nConnection: keep-alive, X-Drop-Me\r\n" +
        "X-Drop-Me: 1\r\nKeep-Alive: 300\r\nTE: trailers\r\nProxy-Authorization: Basic eA==\r\n" +
        "x-forwarded-for: 2.2.2.2\r\nX-Keep: Yes\r\n\r\n",
    );
    const text = await c.waitFor("the answer", (t) => t.endsWith("ok"));
    expect(headerLines(u.requests[0]?.head ?? "")).toEqual([
      ["Host", "api"],
      ["X-Keep", "Yes"],
      ["X-Forwarded-For", "1.1.1.1, 2.2.2.2, 127.0.0.1"],
      ["X-Forwarded-Proto", "http"],
    ]);
    const back = headerLines(splitResponse(text).head);
    // The model server sent no Date; the proxy adds one, as node:http does.
    const date = back.find(([n]) => n === "Date")?.[1] ?? "";
    expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(back.filter(([n]) => n !== "Date")).toEqual([
      ["X-Model", "yes"],
      ["Content-Length", "2"],
      ["Connection", "keep-alive"],
      ["Keep-Alive", "timeout=65"],
    ]);
  });
});

describe("hand-over to node:http (real processes)", () => {
  const env = wireProxy();

  // node:http's client side of forward.ts sends header names in lower case; the fast path passes
  // them as the client wrote them. That tells which path carried a request.

  it("serves an Upgrade request through node:http, which keeps the connection", async () => {
    const c = await client(env.p.port);
    c.write(
      "GET /raw HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nX-Custom: 1\r\n\r\n",
    );
    const first = await c.waitFor("the answer", (t) => t.endsWith('"length":0}'));
    c.write("GET /raw HTTP/1.1\r\nHost: a\r\nX-Custom: 2\r\n\r\n");
    const text = await c.waitFor(
      "the second answer",
      (t) => t.length > first.length && t.endsWith("}"),
    );
    expect(statusCodes(text)).toEqual([200, 200]);
    const bodies = [first, text.slice(first.length)].map((r) => splitResponse(r).body);
    for (const [i, body] of bodies.entries()) {
      const pairs = rawHeaderPairs(body);
      expect(pairs).toContainEqual(["x-custom", String(i + 1)]);
      expect(pairs.map(([n]) => n.toLowerCase())).not.toContain("upgrade");
      expect(pairs).toContainEqual(["x-forwarded-for", "127.0.0.1"]);
    }
  });

  it("hands over the bytes already read: requests pipelined after the hand-over are served", async () => {
    const c = await client(env.p.port);
    // An absolute-form target is left to node:http; the next request came in the same packet.
    c.write(
      "GET http://a/raw HTTP/1.1\r\nHost: a\r\nX-Custom: 1\r\n\r\n" +
        "GET /raw HTTP/1.1\r\nHost: a\r\nX-Custom: 2\r\n\r\n",
    );
    const text = await c.waitFor("two answers", (t) => t.split('"length":0}').length === 3);
    expect(statusCodes(text)).toEqual([200, 200]);
    const bodies = text
      .split("HTTP/1.1 200 OK")
      .slice(1)
      .map((r) => splitResponse(`X${r}`).body);
    expect(bodies.map((b) => rawHeaderPairs(b).find(([n]) => n === "x-custom")?.[1])).toEqual([
      "1",
      "2",
    ]);
  });

  it("answers `Expect: 100-continue` with 100 Continue through node:http", async () => {
    const c = await client(env.p.port);
    c.write("POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    // The body is sent only after the interim response, as a real client would.
    await c.waitFor("100 Continue", (t) => t.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    c.write("hello");
    const text = await c.waitFor("the echo", (t) => t.endsWith("0\r\n\r\n"));
    expect(statusCodes(text)).toEqual([100, 200]);
    const { body } = splitResponse(text.slice("HTTP/1.1 100 Continue\r\n\r\n".length));
    expect(decodeChunked(body).data).toBe("hello");
  });

  it("serves HTTP/1.0 through node:http and counts it in the metrics", async () => {
    const count = async (): Promise<number> =>
      findSample(await scrape(env.p.adminPort), "cortex_proxy_requests_total", { code: "200" }) ??
      0;
    const before = await count();
    const text = await sendRaw(env.p.port, "GET /say?w=old HTTP/1.0\r\nHost: a\r\n\r\n");
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text.endsWith("\r\n\r\nold")).toBe(true);
    expect(await count()).toBe(before + 1);
  });

  it("gives an HTTP/1.0 request without Host one, as HTTP/1.1 needs", async () => {
    const text = await sendRaw(env.p.port, "GET /say?w=nohost HTTP/1.0\r\n\r\n");
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text.endsWith("\r\n\r\nnohost")).toBe(true);
  });
});

describe("fast path and the breaker (real processes)", () => {
  it("frees the slot and closes the model server's socket when a running client disconnects", async () => {
    const w = await wire();
    const p = await proxyFor(w.port, { "max-concurrency": 1 });
    const c = await client(p.port);
    c.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    await eventually("held", () => w.held() === 1);
    c.destroy();
    await eventually("the model server sees the request abandoned", () => w.aborted() === 1);
    // The slot is free again: the next request runs at once.
    expect((await send(p.port, { path: "/say?w=next" })).body.toString()).toBe("next");
    const samples = await scrape(p.adminPort);
    expect(findSample(samples, "cortex_proxy_requests_total", { code: "499" })).toBe(1);
    expect(findSample(samples, "cortex_proxy_requests_total", { code: "200" })).toBe(1);
    expect(findSample(samples, "cortex_proxy_running_requests")).toBe(0);
  });

  it("answers 503 at once when full, keeps the connection, and drops the refused body", async () => {
    const w = await wire();
    const p = await proxyFor(w.port, { "max-concurrency": 1, "max-queue-length": 0 });
    const holder = await client(p.port);
    holder.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    await eventually("held", () => w.held() === 1);
    const c = await client(p.port);
    c.write("POST /say?w=refused HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n");
    const refused = await c.waitFor("the 503", (t) => t.endsWith("}\n"));
    expect(statusCodes(refused)).toEqual([503]);
    // The rest of the refused body arrives late; it must not be taken for a request.
    c.write("abcde");
    w.release();
    await holder.waitFor("the held answer", (t) => t.endsWith("held"));
    c.write("GET /say?w=next HTTP/1.1\r\nHost: a\r\n\r\n");
    const text = await c.waitFor("the next answer", (t) => t.endsWith("next"));
    expect(statusCodes(text)).toEqual([503, 200]);
    expect(w.arrivals).toEqual(["/hold", "/say?w=next"]);
  });
});

describe("fast path drain (real processes)", () => {
  it("closes idle connections of both paths on SIGTERM and exits cleanly", async () => {
    const w = await wire();
    const p = await proxyFor(w.port, { "drain-delay": "0s", "drain-timeout": "20s" });
    const fast = await client(p.port);
    fast.write("GET /say?w=a HTTP/1.1\r\nHost: a\r\n\r\n");
    await fast.waitFor("answer", (t) => t.endsWith("a"));
    const handed = await client(p.port);
    handed.write("GET /say?w=b HTTP/1.1\r\nHost: a\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n");
    await handed.waitFor("answer", (t) => t.endsWith("b"));
    // Both connections are idle and open now.
    expect([fast.isClosed, handed.isClosed]).toEqual([false, false]);
    p.child.kill("SIGTERM");
    await Promise.all([fast.closed, handed.closed]);
    expect(await p.exited).toBe(0);
    expect(p.log()).toContain('"msg":"drained","clean":true');
  });
});
