// Plain HTTP to pods: a prediction through a proxy (port 8888) and a scrape of its metrics (port
// 15000). One connection per request (Connection: close), as a fresh client would open: a kept-alive
// socket to a pod that is draining would fail for reasons of the client, not of the rollout.
import { request } from "node:http";

export interface HttpReply {
  status: number;
  body: string;
  ms: number;
}

export function httpRequest(
  method: "GET" | "POST",
  host: string,
  port: number,
  path: string,
  body: string | undefined,
  timeoutMs: number,
): Promise<HttpReply> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { connection: "close" };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(body);
    }
    const req = request(
      { host, port, path, method, headers, agent: false, timeout: timeoutMs },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** The sum of a metric's samples in a Prometheus text exposition; undefined when absent. */
export function metricValue(exposition: string, name: string): number | undefined {
  let total: number | undefined;
  for (const line of exposition.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}
