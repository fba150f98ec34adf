// The admin port: /metrics (Prometheus text) and /healthz (readiness: 200 only while the model
// server accepts TCP connections and the proxy is not draining).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { CONTENT_TYPE, type Registry } from "../lib/prometheus.ts";

export interface AdminDeps {
  registry: Registry;
  /** Called just before /metrics renders, to refresh instantaneous gauges. */
  beforeScrape(): void;
  draining(): boolean;
  modelServerUp(): Promise<boolean>;
}

function text(res: ServerResponse, status: number, body: string, type = "text/plain"): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

export function createAdminServer(deps: AdminDeps): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") {
      text(res, 405, "method not allowed\n");
      return;
    }
    if (path === "/metrics") {
      deps.beforeScrape();
      text(res, 200, deps.registry.render(), CONTENT_TYPE);
      return;
    }
    if (path === "/healthz") {
      if (deps.draining()) {
        text(res, 503, "draining\n");
        return;
      }
      deps.modelServerUp().then(
        (up) => text(res, up ? 200 : 503, up ? "ok\n" : "model server not answering\n"),
        () => text(res, 503, "model server not answering\n"),
      );
      return;
    }
    text(res, 404, "not found\n");
  });
}
