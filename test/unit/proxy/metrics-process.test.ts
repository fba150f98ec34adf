// The request metrics' status labels, through a real proxy process on both paths (the fast path
// and node:http, which serves HTTP/1.0): the class of the model server's answer, and `none` when
// the model server's response did not reach the client whole, so that its own 502 and the
// proxy's are told apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeClass } from "../../../controller/src/proxy/metrics.ts";
import { type ModelServer, startModelServer } from "./support/model-server.ts";
import { eventually, type ProxyProcess, scrape, send, startProxy } from "./support/processes.ts";
import { RawClient, sendRaw, statusCodes } from "./support/raw.ts";

describe("codeClass", () => {
  it("is the class of a status the model server answered with, and none otherwise", () => {
    expect(
      [200, 204, 301, 304, 400, 404, 499, 500, 502, 503, 599, 999].map((s) => codeClass(s, true)),
    ).toEqual(["2xx", "2xx", "3xx", "3xx", "4xx", "4xx", "4xx", "5xx", "5xx", "5xx", "5xx", "5xx"]);
    expect([200, 400, 408, 499, 502, 503].map((s) => codeClass(s, false))).toEqual(
      Array(6).fill("none"),
    );
    // A final response is never 1xx; no class of its own for one that could not be.
    expect(codeClass(101, true)).toBe("none");
  });
});

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

/** The exposition lines of the request metrics that carry a status label, sorted. */
async function statusLines(): Promise<string[]> {
  const text = (await send(proxy.adminPort, { path: "/metrics" })).body.toString("utf8");
  return text
    .split("\n")
    .filter(
      (l) =>
        l.startsWith("cortex_proxy_requests_total{") ||
        l.startsWith("cortex_proxy_request_duration_seconds_count{"),
    )
    .sort();
}

describe("the request metrics' status labels (real processes)", () => {
  it("tell successes, the model server's errors and requests it did not answer apart", async () => {
    // The fast path.
    expect((await send(proxy.port, { path: "/status?code=200" })).status).toBe(200);
    expect((await send(proxy.port, { path: "/status?code=500" })).status).toBe(500);
    expect((await send(proxy.port, { path: "/status?code=502" })).status).toBe(502);
    expect((await send(proxy.port, { path: "/reset" })).status).toBe(502);
    // node:http.
    const old = (p: string) => sendRaw(proxy.port, `GET ${p} HTTP/1.0\r\nHost: a\r\n\r\n`);
    expect(statusCodes(await old("/status?code=500"))).toEqual([500]);
    expect(statusCodes(await old("/reset"))).toEqual([502]);
    // A client that leaves while the model server works on its request.
    const leaver = await RawClient.connect(proxy.port);
    leaver.write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n");
    await eventually("the request held", () => model.held() === 1);
    leaver.destroy();

    // node:http records when the response closes, which may be after the client has read it.
    await eventually("seven requests recorded", async () => {
      const samples = await scrape(proxy.adminPort);
      const counts = samples.filter(
        (s) => s.name === "cortex_proxy_request_duration_seconds_count",
      );
      return counts.reduce((n, s) => n + s.value, 0) === 7;
    });
    expect(await statusLines()).toEqual([
      'cortex_proxy_request_duration_seconds_count{code_class="2xx"} 1',
      'cortex_proxy_request_duration_seconds_count{code_class="5xx"} 3',
      'cortex_proxy_request_duration_seconds_count{code_class="none"} 3',
      'cortex_proxy_requests_total{code="200",code_class="2xx"} 1',
      'cortex_proxy_requests_total{code="499",code_class="none"} 1',
      'cortex_proxy_requests_total{code="500",code_class="5xx"} 2',
      'cortex_proxy_requests_total{code="502",code_class="5xx"} 1',
      'cortex_proxy_requests_total{code="502",code_class="none"} 2',
    ]);
  });
});
