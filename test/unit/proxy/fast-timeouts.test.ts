// The fast path's timers, in process with short durations: idle keep-alive connections close, a
// head that never completes gets 408, so does a running request whose body stops arriving, idle
// sockets to the model server are dropped, and none of it cuts a request that waits in the queue
// or a response that takes its time.
import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { close, listen } from "../../../controller/src/lib/net.ts";
import { Breaker } from "../../../controller/src/proxy/breaker.ts";
import { FastPath } from "../../../controller/src/proxy/fast.ts";
import { eventually } from "./support/processes.ts";
import { RawClient, startWireServer, statusCodes, type WireServer } from "./support/raw.ts";

const KEEP_ALIVE_MS = 150;
const HEADERS_MS = 300;
const UPSTREAM_IDLE_MS = 200;
const BODY_MS = 200;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function setup(
  maxConcurrency = 4,
  maxQueueLength = 10,
): Promise<{ port: number; wire: WireServer; breaker: Breaker }> {
  const wire = await startWireServer();
  cleanup.push(() => wire.close());
  const breaker = new Breaker(maxConcurrency, maxQueueLength);
  const fast = new FastPath({
    breaker,
    targetHost: "127.0.0.1",
    targetPort: wire.port,
    draining: () => false,
    onUpstreamError: () => {},
    record: () => {},
    rejected: () => {},
    fallback: createServer((_req, res) => res.end("fallback")),
    timeouts: {
      keepAliveMs: KEEP_ALIVE_MS,
      headersMs: HEADERS_MS,
      bodyMs: BODY_MS,
      upstreamIdleMs: UPSTREAM_IDLE_MS,
      sweepMs: 20,
    },
  });
  const port = await listen(fast.server, 0, "127.0.0.1");
  cleanup.push(async () => {
    fast.closeAllConnections();
    await close(fast.server);
    fast.stop();
  });
  return { port, wire, breaker };
}

async function client(port: number): Promise<RawClient> {
  const c = await RawClient.connect(port);
  cleanup.push(async () => c.destroy());
  return c;
}

describe("fast path timers", () => {
  it("closes a keep-alive connection that stays idle past the keep-alive timeout", async () => {
    const { port } = await setup();
    const c = await client(port);
    c.write("GET /say?w=one HTTP/1.1\r\nHost: a\r\n\r\n");
    await c.waitFor("the answer", (t) => t.endsWith("one"));
    const text = await c.untilClosed();
    // Closed silently: no further response.
    expect(statusCodes(text)).toEqual([200]);
  });

  it("answers 408 when a started head does not complete within the headers timeout", async () => {
    const { port, wire } = await setup();
    const c = await client(port);
    c.write("GET /say?w=never HTTP/1.1\r\nHost: a\r\n");
    const text = await c.untilClosed();
    expect(statusCodes(text)).toEqual([408]);
    expect(wire.arrivals).toEqual([]);
  });

  it("cuts neither a queued request nor a slow response", async () => {
    const { port, wire } = await setup(1);
    const running = await client(port);
    running.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    await eventually("held", () => wire.held() === 1);
    const queued = await client(port);
    queued.write("GET /say?w=queued HTTP/1.1\r\nHost: a\r\n\r\n");
    // Well past both timeouts, with one request in the model server and one in the queue.
    await new Promise((r) => setTimeout(r, 3 * HEADERS_MS));
    expect([running.isClosed, queued.isClosed]).toEqual([false, false]);
    wire.release();
    await running.waitFor("the held answer", (t) => t.endsWith("held"));
    await queued.waitFor("the queued answer", (t) => t.endsWith("queued"));
    expect(wire.arrivals).toEqual(["/hold", "/say?w=queued"]);
  });

  it("answers 408 when a running request's body stops arriving, and frees its slot", async () => {
    const { port, wire, breaker } = await setup(1, 0);
    const c = await client(port);
    c.write("POST /say?w=stalled HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nab");
    // The safety timeout is far past the body timeout; without one the slot is held for good.
    await eventually("the stalled connection closed", () => c.isClosed, 10_000);
    const text = c.received;
    expect(statusCodes(text)).toEqual([408]);
    expect(breaker.counts()).toEqual({ running: 0, queued: 0 });
    await eventually("the model server's request aborted", () => wire.aborted() === 1);
    const d = await client(port);
    d.write("GET /say?w=next HTTP/1.1\r\nHost: a\r\n\r\n");
    const next = await d.waitFor("the next answer", (t) => t.endsWith("next"));
    expect(statusCodes(next)).toEqual([200]);
    expect(wire.arrivals).toEqual(["/say?w=stalled", "/say?w=next"]);
  });

  it("closes a connection whose refused request's body stops arriving", async () => {
    const { port, wire } = await setup(1, 0);
    const running = await client(port);
    running.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    await eventually("held", () => wire.held() === 1);
    // Answered 503 at once; the rest of its body never comes.
    const c = await client(port);
    c.write("POST /say?w=refused HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nab");
    await eventually("the stalled connection closed", () => c.isClosed, 10_000);
    const text = c.received;
    expect(statusCodes(text)).toEqual([503]);
    expect(running.isClosed).toBe(false);
    wire.release();
  });

  it("does not time out a body while its request waits in the queue", async () => {
    const { port, wire } = await setup(1);
    const running = await client(port);
    running.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    await eventually("held", () => wire.held() === 1);
    const queued = await client(port);
    queued.write("POST /say?w=queued HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
    // Its body has long arrived, and is not read on while it waits.
    await new Promise((r) => setTimeout(r, 3 * BODY_MS));
    expect(queued.isClosed).toBe(false);
    wire.release();
    await queued.waitFor("the queued answer", (t) => t.endsWith("queued"));
  });

  it("drops sockets to the model server once idle past the upstream idle timeout", async () => {
    const { port, wire } = await setup();
    const c = await client(port);
    c.write("GET /say?w=a HTTP/1.1\r\nHost: a\r\n\r\n");
    await c.waitFor("the first answer", (t) => t.endsWith("a"));
    c.write("GET /say?w=b HTTP/1.1\r\nHost: a\r\n\r\n");
    await c.waitFor("the second answer", (t) => t.endsWith("b"));
    // Reused while fresh...
    expect(wire.connections()).toBe(1);
    // ...closed by the proxy once idle (the model server's own idle timeout is a minute).
    await eventually("the idle upstream socket closed", () => wire.closedConnections() === 1);
    const d = await client(port);
    d.write("GET /say?w=c HTTP/1.1\r\nHost: a\r\n\r\n");
    await d.waitFor("the third answer", (t) => t.endsWith("c"));
    expect(wire.connections()).toBe(2);
  });
});
