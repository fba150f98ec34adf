// The splitter in-process on real loopback sockets, with real node:http backends.
import { Agent, request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../controller/src/lib/log.ts";
import { canConnect } from "../../../controller/src/lib/net.ts";
import { findSample, type Sample } from "../../../controller/src/lib/prometheus.ts";
import { parseBackends, type SplitterConfig } from "../../../controller/src/splitter/config.ts";
import { createSplitter, type SplitterTuning } from "../../../controller/src/splitter/splitter.ts";
import { eventually, type Reply, scrape, send } from "../proxy/support/processes.ts";
import {
  type BackendOptions,
  refusedPort,
  startBackend,
  startDeafServer,
  type TestBackend,
} from "./support/backends.ts";

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function backend(name: string, options: BackendOptions = {}): Promise<TestBackend> {
  const b = await startBackend(name, options);
  cleanup.push(() => b.close());
  return b;
}

interface Entry {
  name: string;
  url: string;
  weight: number;
  shadow?: boolean;
}

interface Running {
  port: number;
  adminPort: number;
  logs: Array<Record<string, unknown>>;
  drain(): Promise<boolean>;
}

async function splitter(
  backends: Entry[],
  over: Partial<Omit<SplitterConfig, "backends">> = {},
  tuning: Partial<SplitterTuning> = {},
): Promise<Running> {
  const config: SplitterConfig = {
    port: 0,
    adminPort: 0,
    listenHost: "127.0.0.1",
    shadowBuffer: 1024 * 1024,
    drainDelay: 0,
    drainTimeout: 10_000,
    ...over,
    backends: parseBackends(JSON.stringify(backends)),
  };
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger("splitter", {
    level: "debug",
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const s = createSplitter(config, log, tuning);
  const ports = await s.start();
  let drained: Promise<boolean> | undefined;
  const drain = (): Promise<boolean> => {
    drained ??= s.drain();
    return drained;
  };
  cleanup.push(async () => {
    await drain();
  });
  return { ...ports, logs, drain };
}

function sample(samples: Sample[], name: string, labels: Record<string, string>): number {
  return findSample(samples, name, labels) ?? 0;
}

const SHADOW = "cortex_splitter_shadow_requests_total";
const REQUESTS = "cortex_splitter_requests_total";

async function shadowCounts(adminPort: number): Promise<[number, number, number]> {
  const s = await scrape(adminPort);
  return [
    sample(s, SHADOW, { result: "ok" }),
    sample(s, SHADOW, { result: "error" }),
    sample(s, SHADOW, { result: "dropped" }),
  ];
}

/** What a client sees of a reply, to compare exchanges with and without a shadow. */
function seen(r: Reply): { status: number; api: unknown; backend: unknown; body: string } {
  return {
    status: r.status,
    api: r.headers["x-cortex-api"],
    backend: r.headers["x-backend"],
    body: r.body.toString(),
  };
}

describe("weighted routing", () => {
  it("sends 50 sequential requests to a=80, b=20 as exactly 40 and 10, and says who answered", async () => {
    const a = await backend("a");
    const b = await backend("b");
    const s = await splitter([
      { name: "a", url: a.url, weight: 80 },
      { name: "b", url: b.url, weight: 20 },
    ]);
    const replies: Reply[] = [];
    for (let i = 0; i < 50; i++) replies.push(await send(s.port, { path: `/predict?i=${i}` }));

    expect([a.received.length, b.received.length]).toEqual([40, 10]);
    // Interleaved, not 40 then 10.
    expect(b.received.map((r) => r.url).slice(0, 2)).toEqual(["/predict?i=2", "/predict?i=7"]);
    for (const r of replies) {
      expect(r.status).toBe(200);
      // The header names the API whose answer this is.
      expect(r.headers["x-cortex-api"]).toBe(r.body.toString());
    }
    const metrics = await scrape(s.adminPort);
    expect(sample(metrics, REQUESTS, { api: "a", code: "200" })).toBe(40);
    expect(sample(metrics, REQUESTS, { api: "b", code: "200" })).toBe(10);
  });

  it("never sends to a weight-0 backend or to the shadow's weight", async () => {
    const a = await backend("a");
    const zero = await backend("zero");
    const shadow = await backend("shadow");
    const s = await splitter([
      { name: "zero", url: zero.url, weight: 0 },
      { name: "a", url: a.url, weight: 100 },
      { name: "shadow", url: shadow.url, weight: 100, shadow: true },
    ]);
    for (let i = 0; i < 10; i++) expect(seen(await send(s.port)).api).toBe("a");
    expect([a.received.length, zero.received.length]).toEqual([10, 0]);
    await eventually("mirrors answered", async () => (await shadowCounts(s.adminPort))[0] === 10);
  });
});

describe("forwarding", () => {
  it("passes method, path, end-to-end headers and body; answers 502 naming a backend that is down", async () => {
    const a = await backend("a");
    const down = await refusedPort();
    const s = await splitter([
      { name: "a", url: a.url, weight: 1 },
      { name: "down", url: `http://127.0.0.1:${down}`, weight: 1 },
    ]);
    const up = await send(s.port, {
      method: "PUT",
      path: "/v1/x?q=1",
      headers: { "content-type": "application/json", connection: "x-hop", "x-hop": "1" },
      body: '{"k":1}',
    });
    expect(seen(up)).toEqual({ status: 200, api: "a", backend: "a", body: "a" });
    const got = a.received[0];
    expect([got?.method, got?.url, got?.body.toString()]).toEqual(["PUT", "/v1/x?q=1", '{"k":1}']);
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(got?.headers["x-hop"]).toBeUndefined();
    expect(got?.headers["x-forwarded-for"]).toBe("127.0.0.1");

    const failed = await send(s.port, { path: "/v1/x?api_key=k3y-in-query" });
    expect(failed.status).toBe(502);
    expect(failed.headers["x-cortex-api"]).toBe("down");
    const metrics = await scrape(s.adminPort);
    expect(sample(metrics, REQUESTS, { api: "down", code: "502" })).toBe(1);
    const logged = s.logs.find((l) => l.msg === "backend request failed" && l.api === "down");
    // The path is logged; the query string, where clients put API keys, is not.
    expect(logged?.path).toBe("/v1/x");
    expect(JSON.stringify(s.logs)).not.toContain("k3y-in-query");
  });
});

/**
 * POSTs to /echo in chunks, sending each chunk only once the echo of the previous one came back:
 * this completes only if neither direction waits for a whole body.
 */
function interactiveEcho(port: number, chunks: string[]): Promise<{ api: unknown; body: string }> {
  return new Promise((resolve, reject) => {
    let got = "";
    let sent = 0;
    let expected = "";
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/echo?mode=chunks",
        headers: { "content-type": "application/octet-stream", "x-test": "tee" },
        agent: false,
      },
      (res) => {
        res.setEncoding("utf8");
        res.on("data", (text: string) => {
          got += text;
          if (got === expected) next();
        });
        res.on("end", () => resolve({ api: res.headers["x-cortex-api"], body: got }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    const next = (): void => {
      const chunk = chunks[sent++];
      if (chunk === undefined) {
        req.end();
        return;
      }
      expected += chunk;
      req.write(chunk);
    };
    next();
  });
}

describe("shadow", () => {
  it("receives the same method, path, headers and multi-chunk body while the client streams with the chosen API", async () => {
    const a = await backend("a");
    // The shadow answers 500: its answers are thrown away, whatever they are.
    const shadow = await backend("shadow", { status: 500 });
    const s = await splitter([
      { name: "a", url: a.url, weight: 100 },
      { name: "shadow", url: shadow.url, weight: 0, shadow: true },
    ]);
    const chunks = ["first chunk|", "second|", "x".repeat(100_000), "|last"];
    const reply = await interactiveEcho(s.port, chunks);
    expect(reply).toEqual({ api: "a", body: chunks.join("") });

    await eventually("shadow got the whole body", () => shadow.received[0]?.ended === true);
    const primary = a.received[0];
    const mirrored = shadow.received[0];
    expect(shadow.received).toHaveLength(1);
    expect(mirrored?.method).toBe("POST");
    expect(mirrored?.url).toBe("/echo?mode=chunks");
    expect(mirrored?.body.toString()).toBe(chunks.join(""));
    expect(mirrored?.headers["x-test"]).toBe("tee");
    expect(mirrored?.headers["transfer-encoding"]).toBe("chunked");
    expect(mirrored?.headers).toEqual(primary?.headers);

    // A shadow's 500 is an answer: ok, and nothing in the client's exchange changed.
    await eventually("mirror counted", async () => (await shadowCounts(s.adminPort))[0] === 1);
    expect(await shadowCounts(s.adminPort)).toEqual([1, 0, 0]);
  });

  it("mirrors a Content-Length body whole too", async () => {
    const a = await backend("a");
    const shadow = await backend("shadow");
    const s = await splitter([
      { name: "a", url: a.url, weight: 100 },
      { name: "shadow", url: shadow.url, weight: 0, shadow: true },
    ]);
    const body = Buffer.alloc(3 * 1024 * 1024, "0123456789abcdef");
    const reply = await send(s.port, { method: "POST", path: "/upload", body });
    expect(seen(reply)).toEqual({ status: 200, api: "a", backend: "a", body: "a" });
    await eventually("shadow got the whole body", () => shadow.received[0]?.ended === true);
    expect(shadow.received[0]?.headers["content-length"]).toBe(String(body.length));
    expect(shadow.received[0]?.body.equals(body)).toBe(true);
  });

  it("does not change the client's exchanges when the shadow never answers", async () => {
    const a = await backend("a");
    const shadow = await backend("shadow", { answer: "never" });
    const s = await splitter([
      { name: "a", url: a.url, weight: 100 },
      { name: "shadow", url: shadow.url, weight: 0, shadow: true },
    ]);
    const replies: Reply[] = [];
    for (let i = 0; i < 5; i++) {
      replies.push(await send(s.port, { path: `/get/${i}` }));
      replies.push(await send(s.port, { method: "POST", path: "/echo", body: `body ${i}` }));
    }
    expect(replies.map(seen)).toEqual(
      Array.from({ length: 5 }, (_, i) => [
        { status: 200, api: "a", backend: "a", body: "a" },
        { status: 200, api: "a", backend: "a", body: `body ${i}` },
      ]).flat(),
    );
    await eventually("shadow holds all 10", () => shadow.held() === 10);
    expect(shadow.received.map((r) => r.url).slice(0, 2)).toEqual(["/get/0", "/echo"]);
    expect(await shadowCounts(s.adminPort)).toEqual([0, 0, 0]);
    // Unanswered mirrors do not hold up the drain; they are dropped.
    expect(await s.drain()).toBe(true);
    expect(s.logs.filter((l) => l.msg === "shadow request dropped")).toHaveLength(10);
  });

  it("does not change the client's exchanges when the shadow refuses connections", async () => {
    const a = await backend("a");
    const down = await refusedPort();
    const s = await splitter([
      { name: "a", url: a.url, weight: 100 },
      { name: "shadow", url: `http://127.0.0.1:${down}`, weight: 0, shadow: true },
    ]);
    const replies: Reply[] = [];
    for (let i = 0; i < 5; i++) {
      replies.push(await send(s.port));
      replies.push(await send(s.port, { method: "POST", path: "/echo", body: `body ${i}` }));
    }
    expect(replies.map(seen)).toEqual(
      Array.from({ length: 5 }, (_, i) => [
        { status: 200, api: "a", backend: "a", body: "a" },
        { status: 200, api: "a", backend: "a", body: `body ${i}` },
      ]).flat(),
    );
    await eventually("errors counted", async () => (await shadowCounts(s.adminPort))[1] === 10);
    expect(await shadowCounts(s.adminPort)).toEqual([0, 10, 0]);
    // Shadow failures are logged at debug only; nothing above it mentions the shadow.
    const shadowLines = s.logs.filter((l) => l.msg === "shadow request failed");
    expect(shadowLines).toHaveLength(10);
    expect(shadowLines.every((l) => l.level === "debug")).toBe(true);
    expect(s.logs.filter((l) => l.level !== "debug" && l.level !== "info")).toEqual([]);
  });

  it("drops the mirror, not the client's request, when the shadow does not read the body", async () => {
    const a = await backend("a");
    const deaf = await startDeafServer();
    cleanup.push(() => deaf.close());
    const s = await splitter(
      [
        { name: "a", url: a.url, weight: 100 },
        { name: "shadow", url: deaf.url, weight: 0, shadow: true },
      ],
      { shadowBuffer: 64 * 1024 },
    );
    // Far more than loopback socket buffers hold, so the mirror's bytes pile up in the splitter.
    const body = Buffer.alloc(32 * 1024 * 1024, "abcdefgh");
    const reply = await send(s.port, { method: "POST", path: "/echo", body });
    expect(reply.status).toBe(200);
    expect(reply.headers["x-cortex-api"]).toBe("a");
    expect(reply.body.equals(body)).toBe(true);
    expect(deaf.connections()).toBe(1);
    expect(await shadowCounts(s.adminPort)).toEqual([0, 0, 1]);
    expect(
      s.logs.some(
        (l) =>
          l.msg === "shadow request dropped" &&
          l.level === "debug" &&
          String(l.err).includes("bytes waiting"),
      ),
    ).toBe(true);
  });

  it("drops mirrors beyond the in-flight limit, while every client request is served", async () => {
    const a = await backend("a");
    const shadow = await backend("shadow", { answer: "never" });
    const s = await splitter(
      [
        { name: "a", url: a.url, weight: 100 },
        { name: "shadow", url: shadow.url, weight: 0, shadow: true },
      ],
      {},
      { maxShadowInFlight: 2 },
    );
    for (let i = 0; i < 5; i++) expect((await send(s.port, { path: `/r${i}` })).status).toBe(200);
    expect(a.received).toHaveLength(5);
    expect(await shadowCounts(s.adminPort)).toEqual([0, 0, 3]);
    await eventually("shadow holds 2", () => shadow.held() === 2);
    expect(shadow.received.map((r) => r.url)).toEqual(["/r0", "/r1"]);
  });

  it("gives up on a mirror whose shadow stays silent past the idle timeout, as an error", async () => {
    const a = await backend("a");
    const shadow = await backend("shadow", { answer: "never" });
    const s = await splitter(
      [
        { name: "a", url: a.url, weight: 100 },
        { name: "shadow", url: shadow.url, weight: 0, shadow: true },
      ],
      {},
      { shadowIdleTimeoutMs: 200 },
    );
    expect(seen(await send(s.port))).toEqual({ status: 200, api: "a", backend: "a", body: "a" });
    await eventually("mirror timed out", async () => (await shadowCounts(s.adminPort))[1] === 1);
    expect(await shadowCounts(s.adminPort)).toEqual([0, 1, 0]);
    expect(
      s.logs.some((l) => l.msg === "shadow request failed" && /200 ms/.test(String(l.err))),
    ).toBe(true);
  });

  it("drops the mirror when the client goes away in the middle of its body", async () => {
    const a = await backend("a");
    const shadow = await backend("shadow");
    const s = await splitter([
      { name: "a", url: a.url, weight: 100 },
      { name: "shadow", url: shadow.url, weight: 0, shadow: true },
    ]);
    const req = request({
      host: "127.0.0.1",
      port: s.port,
      method: "POST",
      path: "/partial",
      headers: { "content-length": "1000" },
      agent: false,
    });
    req.on("error", () => {});
    req.write("only ten b");
    await eventually("both got the head", () => a.received.length + shadow.received.length === 2);
    req.destroy();
    await eventually("mirror dropped", async () => (await shadowCounts(s.adminPort))[2] === 1);
    expect(await shadowCounts(s.adminPort)).toEqual([0, 0, 1]);
    // The shadow never saw a complete request that was not the client's.
    expect(shadow.received[0]?.ended).toBe(false);
  });
});

describe("admin and drain", () => {
  it("serves /healthz until the drain, finishes the request it holds, then stops", async () => {
    const a = await backend("a");
    const s = await splitter([{ name: "a", url: a.url, weight: 100 }], { drainDelay: 300 });
    expect((await send(s.adminPort, { path: "/healthz" })).status).toBe(200);
    const metrics = (await send(s.adminPort, { path: "/metrics" })).body.toString();
    expect(metrics).toContain(`# TYPE ${REQUESTS} counter`);
    // No shadow configured: the shadow counter has no series.
    expect(metrics).not.toContain(`${SHADOW}{`);

    const held = send(s.port, { path: "/hold" });
    await eventually("held", () => a.held() === 1);
    const drained = s.drain();
    await eventually("readiness fails", async () => {
      return (await send(s.adminPort, { path: "/healthz" })).status === 503;
    });
    // Accepting until the drain delay is over.
    await eventually("listener closed", async () => !(await canConnect("127.0.0.1", s.port, 1000)));
    a.release();
    const reply = await held;
    expect(seen(reply)).toEqual({ status: 200, api: "a", backend: "a", body: "a" });
    // Answered during the drain: the client is told to close the connection.
    expect(reply.headers.connection).toBe("close");
    expect(await drained).toBe(true);
    expect(s.logs.at(-1)).toMatchObject({ msg: "drained", clean: true });
  });

  it("closes a kept-alive connection whose response began before the drain once it is done", async () => {
    const a = await backend("a");
    const s = await splitter([{ name: "a", url: a.url, weight: 100 }], { drainTimeout: 5000 });
    // An echo whose head (without Connection: close) reaches the client before the drain starts,
    // and whose body ends after: the connection is then an idle keep-alive one, which only the
    // splitter can close before its 65 s idle timeout.
    const agent = new Agent({ keepAlive: true });
    cleanup.push(async () => agent.destroy());
    let drained: Promise<boolean> | undefined;
    const reply = await new Promise<{ connection: unknown; body: string }>((resolve, reject) => {
      let body = "";
      const req = request(
        { host: "127.0.0.1", port: s.port, method: "POST", path: "/echo", agent },
        (res) => {
          res.setEncoding("utf8");
          res.on("data", (text: string) => {
            body += text;
            if (body === "one|" && drained === undefined) {
              drained = s.drain();
              req.end("two");
            }
          });
          res.on("end", () => resolve({ connection: res.headers.connection, body }));
        },
      );
      req.on("error", reject);
      req.write("one|");
    });
    expect(reply).toEqual({ connection: "keep-alive", body: "one|two" });
    expect(await drained).toBe(true);
  });

  it("cuts what is left at the drain deadline and reports it", async () => {
    const a = await backend("a");
    const s = await splitter([{ name: "a", url: a.url, weight: 100 }], { drainTimeout: 1000 });
    const stuck = send(s.port, { path: "/hold" }).then(
      (r) => r.status,
      () => "cut",
    );
    await eventually("held", () => a.held() === 1);
    expect(await s.drain()).toBe(false);
    expect(await stuck).toBe("cut");
    expect(
      s.logs.some((l) => l.msg === "draining: deadline reached, closing remaining connections"),
    ).toBe(true);
  });
});
