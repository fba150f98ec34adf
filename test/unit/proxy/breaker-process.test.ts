// The breaker, tested through a real proxy process in front of a model server that counts its
// concurrent requests.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { findSample } from "../../../controller/src/lib/prometheus.ts";
import { type ModelServer, startModelServer } from "./support/model-server.ts";
import {
  eventually,
  type ProxyProcess,
  type Reply,
  scrape,
  send,
  startProxy,
} from "./support/processes.ts";
import { RawClient } from "./support/raw.ts";

let model: ModelServer | undefined;
let proxy: ProxyProcess | undefined;

afterEach(async () => {
  await proxy?.kill();
  await model?.close();
  proxy = undefined;
  model = undefined;
});

async function setup(maxConcurrency: number, maxQueueLength: number) {
  const m = await startModelServer();
  const p = await startProxy({
    "target-port": m.port,
    "max-concurrency": maxConcurrency,
    "max-queue-length": maxQueueLength,
  });
  model = m;
  proxy = p;
  return { m, p };
}

async function gauge(adminPort: number, name: string, labels = {}): Promise<number | undefined> {
  return findSample(await scrape(adminPort), name, labels);
}

function hold(port: number, seq: string): Promise<Reply> {
  return send(port, { path: "/hold", headers: { "x-seq": seq } });
}

describe("proxy breaker (real processes)", () => {
  it("never lets more than max-concurrency requests into the model server", async () => {
    const { m, p } = await setup(3, 100);
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        send(p.port, { path: `/sleep?ms=${2 + (i % 7) * 2}`, headers: { "x-seq": String(i) } }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(new Array(60).fill(200));
    expect(m.arrivals).toHaveLength(60);
    // Reached, never exceeded.
    expect(m.maxConcurrent()).toBe(3);
  });

  it("admits queued requests in arrival order", async () => {
    const { m, p } = await setup(1, 10);
    const replies = [hold(p.port, "0")];
    await eventually("first request held", () => m.held() === 1);
    for (let i = 1; i <= 8; i++) {
      replies.push(hold(p.port, String(i)));
      // Wait until the proxy has queued it, so arrival order at the proxy is known.
      await eventually(`request ${i} queued`, async () => {
        return (await gauge(p.adminPort, "cortex_proxy_queued_requests")) === i;
      });
    }
    for (let i = 0; i <= 8; i++) {
      await eventually(`request ${i} in the model server`, () => m.held() === 1);
      m.release(1);
    }
    const done = await Promise.all(replies);
    expect(done.map((r) => r.body.toString())).toEqual(
      Array.from({ length: 9 }, (_, i) => `done ${i}`),
    );
    expect(m.arrivals).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(m.maxConcurrent()).toBe(1);
  });

  it("answers 503 with a JSON body exactly when running and queue are full", async () => {
    const { m, p } = await setup(2, 3);
    const admitted = [hold(p.port, "r1"), hold(p.port, "r2")];
    await eventually("two running", () => m.held() === 2);
    for (let i = 1; i <= 3; i++) {
      admitted.push(hold(p.port, `q${i}`));
      await eventually(`${i} queued`, async () => {
        return (await gauge(p.adminPort, "cortex_proxy_queued_requests")) === i;
      });
    }
    const rejected = await send(p.port, { path: "/hold", headers: { "x-seq": "over" } });
    expect(rejected.status).toBe(503);
    expect(rejected.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(rejected.body.toString())).toHaveProperty("error");
    expect(m.arrivals).toEqual(["r1", "r2"]);

    // Everything admitted still completes.
    const pump = setInterval(() => m.release(), 5);
    const done = await Promise.all(admitted);
    clearInterval(pump);
    expect(done.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(m.arrivals).not.toContain("over");

    const samples = await scrape(p.adminPort);
    expect(findSample(samples, "cortex_proxy_queue_rejections_total")).toBe(1);
    expect(findSample(samples, "cortex_proxy_requests_total", { code: "503" })).toBe(1);
    expect(findSample(samples, "cortex_proxy_requests_total", { code: "200" })).toBe(5);
  });

  it("frees the place of a queued client that disconnects", async () => {
    const { m, p } = await setup(1, 1);
    const first = hold(p.port, "a");
    await eventually("a running", () => m.held() === 1);

    // b waits in the queue, then gives up.
    const b = request({
      host: "127.0.0.1",
      port: p.port,
      path: "/hold",
      headers: { "x-seq": "b" },
      agent: false,
    });
    b.on("error", () => {});
    b.end();
    await eventually("b queued", async () => {
      return (await gauge(p.adminPort, "cortex_proxy_queued_requests")) === 1;
    });
    expect((await send(p.port, { path: "/hold", headers: { "x-seq": "c" } })).status).toBe(503);

    b.destroy();
    await eventually("b left the queue", async () => {
      return (await gauge(p.adminPort, "cortex_proxy_queued_requests")) === 0;
    });
    const d = hold(p.port, "d");
    await eventually("d queued", async () => {
      return (await gauge(p.adminPort, "cortex_proxy_queued_requests")) === 1;
    });
    const pump = setInterval(() => m.release(), 5);
    const [ra, rd] = await Promise.all([first, d]);
    clearInterval(pump);
    expect([ra.status, rd.status]).toEqual([200, 200]);
    expect(m.arrivals).toEqual(["a", "d"]);
    const samples = await scrape(p.adminPort);
    expect(findSample(samples, "cortex_proxy_requests_total", { code: "499" })).toBe(1);
  });

  it("frees the places of pipelined requests whose client left (node:http path)", async () => {
    const { m, p } = await setup(2, 5);
    // PROPFIND is not for the fast path. The second request runs and finishes while the first
    // holds the connection, so Node never attaches its response to the socket.
    const client = await RawClient.connect(p.port);
    client.write(
      "PROPFIND /hold HTTP/1.1\r\nHost: a\r\nX-Seq: first\r\n\r\n" +
        "PROPFIND /sleep?ms=1 HTTP/1.1\r\nHost: a\r\nX-Seq: second\r\n\r\n" +
        "PROPFIND /hold HTTP/1.1\r\nHost: a\r\nX-Seq: third\r\n\r\n",
    );
    await eventually("first held, second answered, third queued", async () => {
      const queued = await gauge(p.adminPort, "cortex_proxy_queued_requests");
      return m.held() === 1 && m.arrivals.includes("second") && queued === 1;
    });
    client.destroy();
    // The proxy must see the client leave before the model server answers the first request:
    // released earlier, the first's place could go to the third while the close is in flight.
    await eventually("the third's queued place freed", async () => {
      return (await gauge(p.adminPort, "cortex_proxy_queued_requests")) === 0;
    });
    m.release();
    await eventually("every place free", async () => {
      const samples = await scrape(p.adminPort);
      return (
        findSample(samples, "cortex_proxy_running_requests") === 0 &&
        findSample(samples, "cortex_proxy_queued_requests") === 0
      );
    });
    const after = await Promise.all([1, 2].map(() => send(p.port, { path: "/sleep?ms=1" })));
    expect(after.map((r) => r.status)).toEqual([200, 200]);
    expect(m.arrivals).not.toContain("third");
  });

  it("says 100 Continue only when a request runs, and refuses a full queue without it", async () => {
    const { m, p } = await setup(1, 1);
    const first = hold(p.port, "a");
    await eventually("a running", () => m.held() === 1);
    const head =
      "POST /echo HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n";
    const queued = await RawClient.connect(p.port);
    queued.write(head);
    await eventually("queued", async () => {
      return (await gauge(p.adminPort, "cortex_proxy_queued_requests")) === 1;
    });
    const refused = await RawClient.connect(p.port);
    refused.write(head);
    // The final answer comes first, so the client never sends its body; and the connection closes.
    expect(await refused.untilClosed()).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(queued.received).toBe("");

    m.release();
    expect((await first).status).toBe(200);
    await queued.waitFor("100 Continue", (t) => t.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    queued.write("hello");
    const text = await queued.waitFor(
      "the echo",
      (t) => t.endsWith("hello") || t.endsWith("0\r\n\r\n"),
    );
    expect(text).toContain("HTTP/1.1 200 OK");
    queued.destroy();
  });

  it("queues a request that claims to be a kubelet probe like any other", async () => {
    // The pod's probes go to /healthz on the admin port; a kube-probe User-Agent on the serving
    // port is any client's to send, so it must not get past max_concurrency.
    const { m, p } = await setup(1, 0);
    const first = hold(p.port, "user");
    await eventually("user request running", () => m.held() === 1);
    const probe = { "user-agent": "kube-probe/1.34", "x-seq": "probe" };
    // GET takes the fast path, PROPFIND the node:http one.
    for (const method of ["GET", "PROPFIND"]) {
      const reply = await send(p.port, { method, path: "/sleep?ms=1", headers: probe });
      expect(reply.status, method).toBe(503);
      expect(reply.headers["retry-after"], method).toBe("1");
    }
    expect(m.arrivals).toEqual(["user"]);
    m.release();
    expect((await first).status).toBe(200);
    const samples = await scrape(p.adminPort);
    expect(findSample(samples, "cortex_proxy_requests_total", { code: "503" })).toBe(2);
  });

  it("reports in-flight (running + queued) per one-second window, and the request metrics", async () => {
    const { m, p } = await setup(2, 5);
    const replies = ["1", "2", "3", "4"].map((s) => hold(p.port, s));
    await eventually("2 running, 2 queued", async () => {
      const samples = await scrape(p.adminPort);
      return (
        findSample(samples, "cortex_proxy_running_requests") === 2 &&
        findSample(samples, "cortex_proxy_queued_requests") === 2
      );
    });
    // Once a whole window has passed with 4 in flight, its average is exactly 4.
    await eventually("in-flight average 4", async () => {
      return (await gauge(p.adminPort, "cortex_in_flight_requests")) === 4;
    });
    expect(await gauge(p.adminPort, "cortex_in_flight_requests_peak")).toBe(4);

    const pump = setInterval(() => m.release(), 5);
    await Promise.all(replies);
    clearInterval(pump);
    await eventually("in-flight back to 0", async () => {
      const samples = await scrape(p.adminPort);
      return (
        findSample(samples, "cortex_in_flight_requests") === 0 &&
        findSample(samples, "cortex_in_flight_requests_peak") === 0
      );
    });
    const samples = await scrape(p.adminPort);
    expect(findSample(samples, "cortex_proxy_requests_total", { code: "200" })).toBe(4);
    expect(findSample(samples, "cortex_proxy_request_duration_seconds_count")).toBe(4);
    expect(
      findSample(samples, "cortex_proxy_request_duration_seconds_bucket", { le: "+Inf" }),
    ).toBe(4);
    expect(findSample(samples, "cortex_proxy_request_duration_seconds_sum")).toBeGreaterThan(0);
  });

  it("reports the in-flight demand: what callers ask for, not the whole backlog", async () => {
    // Four callers in a closed loop against one slot and a model server taking 100 ms: in flight
    // (running + queued) is about 4, while the demand is one slot kept busy (10/s × 0.1 s) plus a
    // quarter of the three waiting.
    const { p } = await setup(1, 10);
    let stop = false;
    const caller = async () => {
      while (!stop) await send(p.port, { path: "/sleep?ms=100" });
    };
    const callers = Array.from({ length: 4 }, caller);
    try {
      // Windows after the first finished request carry a service time; before, demand reads
      // the same as in flight.
      let inFlight = 0;
      let demand = 0;
      await eventually("a full window with a service time", async () => {
        await new Promise((r) => setTimeout(r, 1100));
        const samples = await scrape(p.adminPort);
        inFlight = findSample(samples, "cortex_in_flight_requests") ?? 0;
        demand = findSample(samples, "cortex_in_flight_demand") ?? inFlight;
        return inFlight > 3 && demand !== inFlight;
      });
      expect(inFlight).toBeGreaterThan(3);
      expect(demand).toBeGreaterThan(1.2);
      expect(demand).toBeLessThan(2.3);
    } finally {
      stop = true;
      await Promise.all(callers);
    }
  });
});
