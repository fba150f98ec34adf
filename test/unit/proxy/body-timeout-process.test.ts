// The body timeout through a real proxy process, on both paths (the raw fast path, and node:http for
// `Expect: 100-continue`): a request whose body stops arriving gets 408 and gives its slot back, so
// a few stalled clients cannot hold an API at 503; a body that arrives slowly but steadily, or
// that waits for a model server slow to read it, is not cut.
import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findSample } from "../../../controller/src/lib/prometheus.ts";
import { eventually, type ProxyProcess, scrape, send, startProxy } from "./support/processes.ts";
import {
  decodeChunked,
  RawClient,
  splitResponse,
  startWireServer,
  statusCodes,
  type WireServer,
} from "./support/raw.ts";

const BODY_TIMEOUT_MS = 300;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** One slot, no queue: a request holding the slot makes every other one a 503. */
async function proxyFor(port: number): Promise<ProxyProcess> {
  const p = await startProxy({
    "target-port": port,
    "max-concurrency": 1,
    "max-queue-length": 0,
    "body-timeout": `${BODY_TIMEOUT_MS}ms`,
  });
  cleanup.push(() => p.kill());
  return p;
}

async function wire(): Promise<WireServer> {
  const w = await startWireServer();
  cleanup.push(() => w.close());
  return w;
}

async function client(port: number): Promise<RawClient> {
  const c = await RawClient.connect(port);
  cleanup.push(async () => c.destroy());
  return c;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * A model server that does not read its sockets until release(): the proxy's writes to it back
 * up, and the proxy stops reading the client. Then it reads a Content-Length body and answers
 * with the number of body bytes it got.
 */
async function startSlowReader(): Promise<{ port: number; release(): void }> {
  const sockets = new Set<Socket>();
  let released = false;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    if (!released) socket.pause();
    let head = "";
    let remaining = -1;
    let got = 0;
    socket.on("data", (chunk: Buffer) => {
      let body = chunk;
      if (remaining < 0) {
        head += chunk.toString("latin1");
        const end = head.indexOf("\r\n\r\n");
        if (end === -1) return;
        remaining = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? "0");
        body = Buffer.from(head.slice(end + 4), "latin1");
      }
      got += body.length;
      remaining -= body.length;
      if (remaining === 0) {
        const text = String(got);
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanup.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });
  return {
    port: (server.address() as AddressInfo).port,
    release() {
      released = true;
      for (const s of sockets) s.resume();
    },
  };
}

const CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

const paths = [
  { name: "fast path", expect: "", interim: "" },
  {
    name: "node:http path (Expect: 100-continue)",
    expect: "Expect: 100-continue\r\n",
    interim: CONTINUE,
  },
];

describe.each(paths)(
  "body timeout, $name (real processes)",
  ({ expect: expectHeader, interim }) => {
    /** Writes a POST head; resolves once the client may send the body. */
    async function post(c: RawClient, target: string, length: number): Promise<void> {
      c.write(
        `POST ${target} HTTP/1.1\r\nHost: a\r\n${expectHeader}Content-Length: ${length}\r\n\r\n`,
      );
      if (interim !== "") await c.waitFor("100 Continue", (t) => t.startsWith(interim));
    }

    it("answers 408 to a running request whose body stops, and frees its slot", async () => {
      const w = await wire();
      const p = await proxyFor(w.port);
      const c = await client(p.port);
      await post(c, "/say?w=stalled", 100);
      c.write("ab");
      await eventually("the request in the model server", () => w.arrivals.length === 1);
      // The safety timeout is far past the body timeout; without one the slot is held for good.
      await eventually("the stalled connection closed", () => c.isClosed, 10_000);
      const text = c.received.slice(interim.length);
      expect(statusCodes(text)).toEqual([408]);
      expect(JSON.parse(splitResponse(text).body)).toEqual({
        error: "request timeout: the request body stopped arriving",
      });
      // The model server's request was cut, not left waiting for the rest of the body.
      await eventually("the model server's request aborted", () => w.aborted() === 1);

      const next = await send(p.port, { path: "/say?w=next" });
      expect([next.status, next.body.toString()]).toEqual([200, "next"]);
      const samples = await scrape(p.adminPort);
      expect(findSample(samples, "cortex_proxy_running_requests")).toBe(0);
      expect(findSample(samples, "cortex_proxy_queued_requests")).toBe(0);
      expect(findSample(samples, "cortex_proxy_requests_total", { code: "408" })).toBe(1);
      expect(findSample(samples, "cortex_proxy_queue_rejections_total")).toBe(0);
      await eventually(
        "in-flight back to 0",
        async () => findSample(await scrape(p.adminPort), "cortex_in_flight_requests") === 0,
      );
    });

    it("does not cut a body that arrives slowly but steadily, with its response streaming", async () => {
      const w = await wire();
      const p = await proxyFor(w.port);
      const c = await client(p.port);
      const body = "abcdefghijklmnopqrstuvwxyz0123";
      await post(c, "/echo", body.length);
      // A byte every quarter of the timeout: the whole body takes several timeouts (and several
      // of the fast path's one-second sweeps).
      for (const ch of body) {
        c.write(ch);
        await sleep(BODY_TIMEOUT_MS / 4);
      }
      const text = await c.waitFor("the whole echo", (t) => t.endsWith("\r\n0\r\n\r\n"));
      const { head, body: chunked } = splitResponse(text.slice(interim.length));
      expect(statusCodes(head)).toEqual([200]);
      expect(decodeChunked(chunked)).toEqual({ data: body, rest: "" });
      // Still a keep-alive connection: the next request on it goes through.
      c.write("GET /say?w=again HTTP/1.1\r\nHost: a\r\n\r\n");
      await c.waitFor("the next answer", (t) => t.endsWith("again"));
      expect(w.aborted()).toBe(0);
    });

    it("does not count the time the model server takes to read the body", async () => {
      const slow = await startSlowReader();
      const p = await proxyFor(slow.port);
      const c = await client(p.port);
      const total = 32 * 1024 * 1024;
      await post(c, "/upload", total);
      c.write(Buffer.alloc(total, 0x61));
      // Well past the body timeout with the model server reading nothing...
      await sleep(5 * BODY_TIMEOUT_MS + 1000);
      // ...so the proxy stopped reading the client, whose bytes are still waiting to go.
      expect(c.socket.writableLength).toBeGreaterThan(0);
      expect(c.isClosed).toBe(false);
      slow.release();
      const text = await c.waitFor("the answer", (t) => t.endsWith(`\r\n\r\n${total}`));
      expect(statusCodes(text.slice(interim.length))).toEqual([200]);
    });
  },
);
