// A small JSON client for the Kubernetes API over node:https, authenticated by a KubeConfig (file,
// in-cluster service account, exec plugins: all through the client library's applyToHTTPSOptions).
// One keep-alive agent carries every request and watch; objects stay plain JSON.
import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import type { StatusBody } from "./types.ts";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const JSON_TYPE = "application/json";

/**
 * JSON as Go's encoding/json writes it: <, >, &, U+2028 and U+2029 escaped. The API server
 * re-encodes objects that way when it patches them, and a ControllerRevision's `data` is compared
 * byte for byte for immutability, so data sent unescaped could never be patched again.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
export const APPLY_PATCH = "application/apply-patch+yaml";
export const MERGE_PATCH = "application/merge-patch+json";

/** Called after every request (not watches), for latency metrics. */
export type RequestObserver = (method: string, status: number, seconds: number) => void;

export class KubeClient {
  /** Set by the controller to record request latencies. */
  observer: RequestObserver | undefined;

  private constructor(
    private readonly kc: KubeConfig,
    private readonly server: URL,
    private readonly agent: http.Agent,
    private readonly userAgent: string,
  ) {}

  static async create(kc: KubeConfig, userAgent = "cortex-deploy-controller"): Promise<KubeClient> {
    const cluster = kc.getCurrentCluster();
    if (cluster === null) throw new Error("the kubeconfig has no current cluster");
    const server = new URL(cluster.server);
    const tls: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(tls);
    const agent =
      server.protocol === "http:"
        ? new http.Agent({ keepAlive: true, maxSockets: 64 })
        : new https.Agent({
            keepAlive: true,
            maxSockets: 64,
            ca: tls.ca,
            cert: tls.cert,
            key: tls.key,
            ...(tls.rejectUnauthorized === undefined
              ? {}
              : { rejectUnauthorized: tls.rejectUnauthorized }),
            ...(cluster.tlsServerName === undefined ? {} : { servername: cluster.tlsServerName }),
            ...(cluster.skipTLSVerify ? { rejectUnauthorized: false } : {}),
          });
    return new KubeClient(kc, server, agent, userAgent);
  }

  /** Headers that authenticate one request (tokens may rotate, so asked for every time). */
  private async authHeaders(): Promise<Record<string, string>> {
    const opts: https.RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(opts);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) {
      if (typeof v === "string") out[k] = v;
      else if (typeof v === "number") out[k] = String(v);
    }
    if (opts.auth !== undefined && opts.auth !== null)
      out.Authorization = `Basic ${Buffer.from(opts.auth).toString("base64")}`;
    return out;
  }

  private url(path: string, query: RequestOptions["query"]): URL {
    const base = this.server.pathname.replace(/\/$/, "");
    const url = new URL(this.server.origin + base + path);
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  private async open(
    method: string,
    path: string,
    options: RequestOptions,
  ): Promise<http.IncomingMessage> {
    const url = this.url(path, options.query);
    const body = options.body === undefined ? undefined : goJson(options.body);
    const headers: Record<string, string> = {
      ...(await this.authHeaders()),
      Accept: JSON_TYPE,
      "User-Agent": this.userAgent,
    };
    if (body !== undefined) {
      headers["Content-Type"] = options.contentType ?? JSON_TYPE;
      headers["Content-Length"] = String(Buffer.byteLength(body));
    }
    const lib = url.protocol === "http:" ? http : https;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        url,
        { method, headers, agent: this.agent, signal: options.signal },
        resolve,
      );
      req.on("error", reject);
      if (options.timeoutMs !== undefined) {
        req.setTimeout(options.timeoutMs, () =>
          req.destroy(new Error(`${method} ${path}: timed out`)),
        );
      }
      req.end(body);
    });
  }

  /** One request; resolves with the parsed JSON body, throws ApiError on a non-2xx status. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const started = performance.now();
    let status = 0;
    try {
      return await this.send<T>(method, path, options, (s) => {
        status = s;
      });
    } finally {
      this.observer?.(method, status, (performance.now() - started) / 1000);
    }
  }

  private async send<T>(
    method: string,
    path: string,
    options: RequestOptions,
    onStatus: (status: number) => void,
  ): Promise<T> {
    const res = await this.open(method, path, { timeoutMs: 30_000, ...options });
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const status = res.statusCode ?? 0;
    onStatus(status);
    if (status < 200 || status >= 300) {
      let parsed: StatusBody = {};
      try {
        parsed = JSON.parse(text) as StatusBody;
      } catch {
        // Not a Status object (a proxy's HTML error page, say).
      }
      throw new ApiError(
        status,
        parsed.reason ?? "",
        `${method} ${path}: ${status} ${parsed.message ?? text.slice(0, 200)}`,
      );
    }
    return (text === "" ? {} : JSON.parse(text)) as T;
  }

  /** A streaming GET (watches): resolves with the response once its status is 200. */
  async stream(path: string, options: RequestOptions): Promise<http.IncomingMessage> {
    const res = await this.open("GET", path, options);
    const status = res.statusCode ?? 0;
    if (status !== 200) {
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      let parsed: StatusBody = {};
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as StatusBody;
      } catch {
        // keep the empty status
      }
      throw new ApiError(
        status,
        parsed.reason ?? "",
        `watch ${path}: ${status} ${parsed.message ?? ""}`,
      );
    }
    return res;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  /** Server-side apply (JSON is YAML) under `fieldManager`, taking over conflicting fields. */
  apply<T>(path: string, body: unknown, fieldManager: string): Promise<T> {
    return this.request<T>("PATCH", path, {
      body,
      contentType: APPLY_PATCH,
      query: { fieldManager, force: true },
    });
  }

  mergePatch<T>(path: string, body: unknown, fieldManager: string): Promise<T> {
    return this.request<T>("PATCH", path, {
      body,
      contentType: MERGE_PATCH,
      query: { fieldManager },
    });
  }

  create<T>(path: string, body: unknown, fieldManager: string): Promise<T> {
    return this.request<T>("POST", path, { body, query: { fieldManager } });
  }

  replace<T>(path: string, body: unknown, fieldManager: string): Promise<T> {
    return this.request<T>("PUT", path, { body, query: { fieldManager } });
  }

  delete(path: string): Promise<unknown> {
    return this.request("DELETE", path, { body: { propagationPolicy: "Background" } });
  }

  close(): void {
    this.agent.destroy();
  }
}
