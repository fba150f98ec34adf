// Reads one proxy's in-flight gauge from its admin port.
import http from "node:http";
import { findSample, parseExposition } from "../../lib/prometheus.ts";
import { PROXY_ADMIN_PORT } from "../names.ts";

export const IN_FLIGHT_METRIC = "cortex_in_flight_requests";

const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 5_000 });

/** The proxy's in-flight count; undefined when it cannot be read in time. */
export function scrapeInFlight(
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
      res.on("end", () => resolve(findSample(parseExposition(text), IN_FLIGHT_METRIC)));
      res.on("error", () => resolve(undefined));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(undefined));
  });
}
