// A small REST client for the Kubernetes API server: KubeConfig (from @kubernetes/client-node)
// supplies the server, TLS material and credentials; requests go over one keep-alive agent so a
// deploy of many objects reuses a few connections. Failures become KubeApiError (the server said
// no, with its Status) or KubeConnectionError (we never got an answer), which errors.ts words for
// people.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { KubeConfig } from "@kubernetes/client-node";

/** The body of a failed request (metav1.Status). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
}

export class KubeApiError extends Error {
  readonly status: number;
  readonly body: KubeStatus;
  readonly method: string;
  readonly path: string;

  constructor(method: string, path: string, status: number, body: KubeStatus) {
    super(body.message ?? `${method} ${path}: HTTP ${status}`);
    this.name = "KubeApiError";
    this.status = status;
    this.body = body;
    this.method = method;
    this.path = path;
  }
}

export class KubeConnectionError extends Error {
  readonly server: string;
  readonly code: string | undefined;

  constructor(server: string, cause: Error & { code?: string }) {
    super(`cannot reach the Kubernetes API server at ${server}: ${cause.code ?? cause.message}`);
    this.name = "KubeConnectionError";
    this.server = server;
    this.code = cause.code;
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export interface ClientOptions {
  /** Kubeconfig contents (the Action's `kubeconfig` input); else KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string | undefined;
  /** Connections kept per server; requests beyond it queue. */
  maxSockets?: number;
}

const REQUEST_TIMEOUT_MS = 60_000;
const MAX_THROTTLED_ATTEMPTS = 6;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

export class KubeClient {
  readonly server: string;
  /** The namespace of the kubeconfig's current context, or "default". */
  readonly contextNamespace: string;
  private readonly kc: KubeConfig;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly url: URL;

  private constructor(kc: KubeConfig, agent: http.Agent) {
    this.kc = kc;
    this.agent = agent;
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error("the kubeconfig names no cluster for its current context");
    this.server = cluster.server;
    this.url = new URL(cluster.server);
    this.transport = this.url.protocol === "http:" ? http : https;
    const context = kc.getContextObject(kc.getCurrentContext());
    this.contextNamespace = context?.namespace || "default";
  }

  static async create(opts: ClientOptions = {}): Promise<KubeClient> {
    const kc = new KubeConfig();
    try {
      if (opts.kubeconfig?.trim()) kc.loadFromString(opts.kubeconfig);
      else kc.loadFromDefault();
    } catch (err) {
      throw new Error(`cannot load the kubeconfig: ${(err as Error).message}`);
    }
    const cluster = kc.getCurrentCluster();
    // loadFromDefault's last resort when it finds no kubeconfig at all.
    if (!cluster || (cluster.name === "cluster" && cluster.server === "http://localhost:8080")) {
      throw new Error(
        "no kubeconfig found: set KUBECONFIG, pass --kubeconfig (the Action's kubeconfig input), " +
          "or create ~/.kube/config",
      );
    }
    const tls: https.RequestOptions = {};
    try {
      await kc.applyToHTTPSOptions(tls);
    } catch (err) {
      throw new Error(`cannot use the kubeconfig for ${cluster.server}: ${(err as Error).message}`);
    }
    const agentOptions = {
      keepAlive: true,
      maxSockets: opts.maxSockets ?? 8,
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      servername: tls.servername,
      ...(tls.rejectUnauthorized === undefined
        ? {}
        : { rejectUnauthorized: tls.rejectUnauthorized }),
    };
    const server = kc.getCurrentCluster()?.server ?? "";
    const agent = server.startsWith("http:")
      ? new http.Agent(agentOptions)
      : new https.Agent(agentOptions);
    return new KubeClient(kc, agent);
  }

  /** Frees the kept-alive sockets so the process can exit. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * A JSON request; resolves with the parsed body, rejects with KubeApiError on non-2xx. A 429
   * (the server throttling, or a new CRD's storage still starting) is retried after the delay the
   * server asks for, a few times: every request we make is safe to repeat.
   */
  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.send(method, path, opts, false);
      const text = await readBody(res);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return (text === "" ? undefined : JSON.parse(text)) as T;
      const err = apiError(method, path, status, text);
      if (status !== 429 || attempt >= MAX_THROTTLED_ATTEMPTS) throw err;
      const seconds = Number(
        res.headers["retry-after"] ?? err.body.details?.retryAfterSeconds ?? 1,
      );
      await sleep(Math.min(Math.max(seconds, 0.1), 5) * 1000, opts.signal);
    }
  }

  /**
   * A streaming GET (watch, logs): resolves with the response once the status is 2xx; the caller
   * reads the body and aborts through `signal`.
   */
  async stream(path: string, opts: RequestOptions = {}): Promise<IncomingMessage> {
    const res = await this.send("GET", path, opts, true);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw apiError("GET", path, status, await readBody(res));
    return res;
  }

  private async send(
    method: string,
    path: string,
    opts: RequestOptions,
    streaming: boolean,
  ): Promise<IncomingMessage> {
    // Credentials are read per request, so exec plugins and token files can refresh them.
    const auth: https.RequestOptions = {};
    await this.kc.applyToHTTPSOptions(auth);
    const headers: Record<string, string> = { Accept: "application/json" };
    for (const [k, v] of Object.entries(auth.headers ?? {})) {
      if (v !== undefined) headers[k] = String(v);
    }
    let payload: Buffer | undefined;
    if (opts.body !== undefined) {
      payload = Buffer.from(JSON.stringify(opts.body));
      headers["Content-Type"] = opts.contentType ?? "application/json";
      headers["Content-Length"] = String(payload.length);
    }
    const basePath = this.url.pathname.replace(/\/$/, "");
    const fullPath = basePath + path + queryString(opts.query);
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = this.transport.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname.replace(/^\[|\]$/g, ""),
          port: this.url.port || undefined,
          method,
          path: fullPath,
          headers,
          agent: this.agent,
          ...(auth.auth ? { auth: auth.auth } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(streaming ? {} : { timeout: REQUEST_TIMEOUT_MS }),
        },
        resolve,
      );
      req.on("timeout", () =>
        req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })),
      );
      req.on("error", (err: Error & { code?: string }) => {
        if (err.name === "AbortError") reject(err);
        else reject(new KubeConnectionError(this.server, err));
      });
      req.end(payload);
    });
  }
}

function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s === "" ? "" : `?${s}`;
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function apiError(method: string, path: string, status: number, text: string): KubeApiError {
  let body: KubeStatus = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object") body = parsed as KubeStatus;
  } catch {
    body = { message: text.trim() || `HTTP ${status}` };
  }
  return new KubeApiError(method, path, status, body);
}

/** Whether the server said the object does not exist (not: the whole resource is unknown). */
export function isNotFound(err: unknown): boolean {
  return err instanceof KubeApiError && err.status === 404 && err.body.reason === "NotFound";
}
