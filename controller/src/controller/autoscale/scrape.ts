// Reads one proxy's load for the autoscaler from its admin port: the in-flight demand
// (controller/src/proxy/demand.ts), or the running + queued count from a proxy too old to report
// demand (pods of an earlier image keep running through a controller upgrade).
import http from "node:http";
import { findSample, parseExposition } from "../../lib/prometheus.ts";
import { DEMAND_METRIC, IN_FLIGHT_METRIC } from "../../proxy/metrics.ts";
import { PROXY_ADMIN_PORT } from "../names.ts";

const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 5_000 });

/** The proxy's in-flight demand; undefined when it cannot be read in time. */
export function scrapeDemand(
  ip: string,
  timeoutMs: number,
  port = PROXY_ADMIN_PORT,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get({ host: ip, port, path: "/metrics", agent, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(undefined);
        return;
      }
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        const samples = parseExposition(text);
        resolve(findSample(samples, DEMAND_METRIC) ?? findSample(samples, IN_FLIGHT_METRIC));
      });
      res.on("error", () => resolve(undefined));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(undefined));
  });
}
