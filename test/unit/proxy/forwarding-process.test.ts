// Forwarding through a real proxy process: headers, streaming in both directions, upstream
// failures, readiness.
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSample } from "../../../controller/src/lib/prometheus.ts";
import { type ModelServer, startModelServer } from "./support/model-server.ts";
import { eventually, type ProxyProcess, scrape, send, startProxy } from "./support/processes.ts";

let model: ModelServer;
let proxy: ProxyProcess;

beforeAll(async () => {
  model = await startModelServer();
  proxy = await startProxy({ "target-port": model.port, "max-concurrency": 4 });
});

afterAll(async () => {
  await proxy?.kill();
  await model?.close();
});

/** A port nothing listens on: bind one, then close it. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const address = s.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise((r) => s.close(r));
  return port;
}

describe("proxy forwarding (real processes)", () => {
  it("forwards end-to-end headers, drops hop-by-hop ones, adds X-Forwarded-*", async () => {
    const reply = await send(proxy.port, {
      path: "/headers?q=1",
      headers: {
        host: "iris.example.com",
        "x-custom": "kept",
        connection: "keep-alive, x-hop",
        "x-hop": "dropped",
        "x-forwarded-for": "10.1.2.3",
      },
    });
    expect(reply.status).toBe(201);
    const seen = JSON.parse(reply.body.toString()) as Record<string, string>;
    expect(seen.host).toBe("iris.example.com");
    expect(seen["x-custom"]).toBe("kept");
    expect(seen["x-hop"]).toBeUndefined();
    expect(seen["x-forwarded-for"]).toBe("10.1.2.3, 127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    // Response headers pass through, repeated ones included; the model server's own keep-alive
    // parameters describe its connection to the proxy, not the client's.
    expect(reply.headers["x-model"]).toBe("yes");
    expect(reply.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(reply.headers["keep-alive"]).not.toBe("timeout=5");
  });

  it("passes the status message and keeps an incoming X-Forwarded-Proto", async () => {
    const reply = await new Promise<{ message: string | undefined; body: string }>(
      (resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: proxy.port,
            path: "/headers",
            headers: { "x-forwarded-proto": "https" },
            agent: false,
          },
          (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (c: string) => {
              body += c;
            });
            res.on("end", () => resolve({ message: res.statusMessage, body }));
          },
        );
        req.on("error", reject);
        req.end();
      },
    );
    expect(reply.message).toBe("Made");
    expect(JSON.parse(reply.body)["x-forwarded-proto"]).toBe("https");
  });

  it("streams request and response bodies without waiting for either to end", async () => {
    // The client sends part of its body and waits for the echo of that part before sending the
    // rest. A proxy that buffered the request (or the response) whole would never echo early, and
    // this test would time out.
    const first = randomBytes(64 * 1024);
    const second = randomBytes(64 * 1024);
    const echoed = await new Promise<Buffer>((resolve, reject) => {
      const req = request({
        host: "127.0.0.1",
        port: proxy.port,
        method: "POST",
        path: "/echo",
        headers: { "transfer-encoding": "chunked" },
        agent: false,
      });
      req.on("error", reject);
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        let sentRest = false;
        res.on("data", (c: Buffer) => {
          chunks.push(c);
          const got = chunks.reduce((n, b) => n + b.length, 0);
          if (!sentRest && got >= first.length) {
            sentRest = true;
            req.end(second);
          }
        });
        res.on("end", () => resolve(Buffer.concat(chunks)));
      });
      req.write(first);
    });
    expect(echoed.equals(Buffer.concat([first, second]))).toBe(true);
  });

  it("carries a 32 MiB body through byte for byte", async () => {
    const body = randomBytes(32 * 1024 * 1024);
    const reply = await send(proxy.port, { method: "POST", path: "/echo", body });
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(body.length);
    expect(createHash("sha256").update(reply.body).digest("hex")).toBe(
      createHash("sha256").update(body).digest("hex"),
    );
  });

  it("answers 502 with JSON when the model server drops the connection", async () => {
    const reply = await send(proxy.port, { path: "/reset" });
    expect(reply.status).toBe(502);
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(reply.body.toString())).toHaveProperty("error");
    // And the proxy keeps working.
    expect((await send(proxy.port, { path: "/" })).status).toBe(200);
  });

  it("breaks the client's response when the model server fails mid-body, and counts a 502", async () => {
    const count502 = async () =>
      findSample(await scrape(proxy.adminPort), "cortex_proxy_requests_total", { code: "502" }) ??
      0;
    const before = await count502();
    const outcome = await send(proxy.port, { path: "/cut" }).then(
      (r) => `complete response of ${r.body.length} bytes`,
      (err: Error) => `error: ${err.message}`,
    );
    // A short body that looked complete would be worse than an error.
    expect(outcome).toMatch(/^error: /);
    await eventually("502 counted", async () => (await count502()) === before + 1);
  });

  it("is ready on /healthz while the model server answers, and serves 404 elsewhere", async () => {
    expect((await send(proxy.adminPort, { path: "/healthz" })).status).toBe(200);
    expect((await send(proxy.adminPort, { path: "/nope" })).status).toBe(404);
  });

  it("is not ready, and answers 502, when no model server listens", async () => {
    const lonely = await startProxy({ "target-port": await deadPort() });
    try {
      const health = await send(lonely.adminPort, { path: "/healthz" });
      expect(health.status).toBe(503);
      const reply = await send(lonely.port, { path: "/" });
      expect(reply.status).toBe(502);
    } finally {
      await lonely.kill();
    }
  });

  it("becomes ready when the model server starts listening", async () => {
    const port = await deadPort();
    const waiting = await startProxy({ "target-port": port });
    const late = createServer((s) => s.end());
    try {
      expect((await send(waiting.adminPort, { path: "/healthz" })).status).toBe(503);
      await new Promise<void>((r) => late.listen(port, "127.0.0.1", r));
      await eventually("ready", async () => {
        return (await send(waiting.adminPort, { path: "/healthz" })).status === 200;
      });
    } finally {
      await waiting.kill();
      await new Promise((r) => late.close(r));
    }
  });
});
