// Reads one proxy's load for the autoscaler from its admin port: the in-flight demand
// (controller/src/proxy/demand.ts), or the running + queued count from a proxy too old to report
// demand (pods of an earlier image keep running through a controller upgrade).
import http from "node:http";
import { findSample, parseExposition } from "../../lib/prometheus.ts";
import { DEMAND_METRIC, IN_FLIGHT_METRIC } from "../../proxy/metrics.ts";
import { PROXY_ADMIN_PORT } from "../names.ts";
import type { ScrapeFailure } from "./sample.ts";

const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 5_000 });

/** The proxy's in-flight demand, or why it cannot be read (in time). */
export function scrapeDemand(
  ip: string,
  timeoutMs: number,
  port = PROXY_ADMIN_PORT,
): Promise<number | ScrapeFailure> {
  return new Promise((resolve) => {
    const fail = (why: string) => resolve({ error: `GET http://${ip}:${port}/metrics: ${why}` });
    const req = http.get({ host: ip, port, path: "/metrics", agent, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(`status ${res.statusCode}`);
        return;
      }
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        const samples = parseExposition(text);
        const value = findSample(samples, DEMAND_METRIC) ?? findSample(samples, IN_FLIGHT_METRIC);
        if (value === undefined) fail(`no ${DEMAND_METRIC} or ${IN_FLIGHT_METRIC} in the answer`);
        else resolve(value);
      });
      res.on("error", (err) => fail(err.message));
    });
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", (err) => fail(err.message));
  });
}
