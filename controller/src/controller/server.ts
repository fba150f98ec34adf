// The controller's own HTTP port: /metrics, /healthz (the process is alive and its event loop
// turns) and /readyz (the caches have synced, so a leader could act at once).
import { createServer, type Server } from "node:http";
import { CONTENT_TYPE } from "../lib/prometheus.ts";

export interface ServerDeps {
  metrics: () => string;
  ready: () => { ok: boolean; detail: string };
}

export function createControllerServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, body: string, type = "text/plain; charset=utf-8"): void => {
      res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
    if (path === "/metrics") return send(200, deps.metrics(), CONTENT_TYPE);
    if (path === "/healthz") return send(200, "ok\n");
    if (path === "/readyz") {
      const { ok, detail } = deps.ready();
      return send(ok ? 200 : 503, `${detail}\n`);
    }
    send(404, "not found\n");
  });
}
