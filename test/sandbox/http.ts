// A minimal HTTPS/HTTP client for the launcher's probes, so starting the sandbox does not load
// the Kubernetes client library.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export interface HttpOptions {
  url: string;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** For components' self-signed /healthz endpoints, where only liveness is in question. */
  insecure?: boolean;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  body: string;
}

export function fetchText(opts: HttpOptions): Promise<HttpResponse> {
  const url = new URL(opts.url);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: opts.method ?? "GET",
        headers: opts.headers,
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        rejectUnauthorized: !opts.insecure,
        agent: false,
        timeout: opts.timeoutMs ?? 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timeout: ${opts.url}`)));
    req.on("error", reject);
    req.end(opts.body);
  });
}
