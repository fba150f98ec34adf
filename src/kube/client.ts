// The one REST client for the Kubernetes API server, used by the Action, the CLI and the
// controller: KubeConfig (from @kubernetes/client-node) supplies the server, TLS material and
// credentials (file, in-cluster service account, exec plugins); requests and watches go over one
// keep-alive agent; objects stay plain JSON. Failures become KubeApiError (the server said no,
// with its Status) or KubeConnectionError (we never got an answer), which errors.ts words for
// people.
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { createSecureContext } from "node:tls";
import { KubeConfig } from "@kubernetes/client-node";
import { defaultKubeconfig } from "./default-kubeconfig.ts";

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
    // The request goes in the message for logs; errors.ts words body.message for people.
    super(`${method} ${path}: ${status} ${body.message ?? `HTTP ${status}`}`);
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
  /** Where the server's address came from ("--kubeconfig f", "the kubeconfig input"), if known. */
  readonly source: string | undefined;

  constructor(server: string, cause: Error & { code?: string }, source?: string) {
    super(`cannot reach the Kubernetes API server at ${server}: ${cause.code ?? cause.message}`);
    this.name = "KubeConnectionError";
    this.server = server;
    this.code = cause.code;
    this.source = source;
  }
}

/** The kubeconfig cannot be used: not loadable, no cluster, bad TLS material, no credentials. */
export class KubeConfigError extends Error {
  override readonly name = "KubeConfigError";
}

/**
 * The first line of a kubeconfig loading error. The YAML parser appends the lines around the
 * mistake, and those lines may hold a token or a client key.
 */
export function kubeconfigErrorLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split("\n")[0]?.trim() || "unreadable";
}

/** A URL fit for a log: the user name and password some people put in it are dropped. */
export function withoutUserInfo(url: string): string {
  if (!url.includes("@")) return url;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      parsed.username = "";
      parsed.password = "";
      return parsed.href.replace(/\/$/, "");
    }
  } catch {
    // Not a URL: nothing tells the user name from the host, so none of it is shown.
  }
  return "(a URL with a user name)";
}

/** Whether err is the server's answer, with the given HTTP status if one is named. */
export function isApiError(err: unknown, status?: number): err is KubeApiError {
  return err instanceof KubeApiError && (status === undefined || err.status === status);
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** How long the socket may stay silent; default the client's for requests, none for streams. */
  timeoutMs?: number;
}

export interface TransportOptions {
  /** Connections kept per server; requests beyond it queue. */
  maxSockets?: number;
  /** Sent with every request, so audit logs tell our requests apart. */
  userAgent?: string;
  /** How long a request may wait for its answer; default 60 s. */
  timeoutMs?: number;
}

export interface ClientOptions extends TransportOptions {
  /** Kubeconfig contents (the Action's `kubeconfig` input); else KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string | undefined;
  /** Where `kubeconfig` came from, for messages, e.g. "--kubeconfig prod.yaml". */
  kubeconfigSource?: string | undefined;
  /** The kubeconfig context to use (--context); its current-context when absent. */
  context?: string | undefined;
  /** The error when no kubeconfig is given and none is found (the Action's: its input is empty). */
  ifNoKubeconfig?: string | undefined;
}

export const APPLY_PATCH = "application/apply-patch+yaml";
export const MERGE_PATCH = "application/merge-patch+json";

/** Called after every request (not streams), for latency metrics. */
export type RequestObserver = (method: string, status: number, seconds: number) => void;

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

/**
 * Makes `name` the context requests use, rather than the file's current-context, so that a
 * command aims at the cluster named on its command line whatever `kubectl config use-context`
 * last chose.
 */
function useContext(kc: KubeConfig, name: string, source: string): void {
  const names = kc.getContexts().map((c) => c.name);
  if (!names.includes(name)) {
    const known = names.length > 0 ? `its contexts: ${names.join(", ")}` : "it has none";
    throw new KubeConfigError(`${source} has no context ${name} (${known})`);
  }
  kc.setCurrentContext(name);
}

/** How messages name the kubeconfig loaded when no contents are given. */
export function defaultKubeconfigSource(): string {
  return defaultKubeconfig()?.source ?? "~/.kube/config";
}

export class KubeClient {
  readonly server: string;
  /** The namespace of the kubeconfig's current context, or "default". */
  readonly contextNamespace: string;
  /** Set by the controller to record request latencies. */
  observer: RequestObserver | undefined;
  private readonly kc: KubeConfig;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly url: URL;
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  /** How messages name the kubeconfig: "the kubeconfig input", "--kubeconfig prod.yaml"... */
  private readonly source: string;

  private constructor(
    kc: KubeConfig,
    server: string,
    agent: http.Agent,
    opts: TransportOptions,
    source: string,
  ) {
    this.kc = kc;
    this.source = source;
    this.agent = agent;
    this.server = withoutUserInfo(server);
    this.url = new URL(server);
    this.transport = this.url.protocol === "http:" ? http : https;
    const context = kc.getContextObject(kc.getCurrentContext());
    this.contextNamespace = context?.namespace || "default";
    this.userAgent = opts.userAgent ?? "cortex-deploy";
    this.timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  /** Loads the kubeconfig (contents, else the default search) and makes a client for it. */
  static async create(opts: ClientOptions = {}): Promise<KubeClient> {
    const kc = new KubeConfig();
    const given = opts.kubeconfig?.trim() ? opts.kubeconfig : undefined;
    const source =
      given !== undefined ? (opts.kubeconfigSource ?? "the kubeconfig") : defaultKubeconfigSource();
    try {
      if (given !== undefined) kc.loadFromString(given);
      else kc.loadFromDefault();
    } catch (err) {
      throw new KubeConfigError(`cannot load ${source}: ${kubeconfigErrorLine(err)}`);
    }
    if (opts.context !== undefined) useContext(kc, opts.context, source);
    const cluster = kc.getCurrentCluster();
    // loadFromDefault's last resort when it finds no kubeconfig at all.
    const fallback = cluster?.name === "cluster" && cluster.server === "http://localhost:8080";
    // With KUBECONFIG set, the messages below say what is wrong with the file it names.
    if (given === undefined && !process.env.KUBECONFIG && (!cluster || fallback)) {
      throw new KubeConfigError(
        opts.ifNoKubeconfig ??
          "no kubeconfig found: set KUBECONFIG, pass --kubeconfig (the Action's kubeconfig input), " +
            "or create ~/.kube/config",
      );
    }
    if (!cluster) {
      const context = kc.getCurrentContext();
      throw new KubeConfigError(
        context
          ? `${source} has no cluster for its current context ${context}`
          : `${source} is not a kubeconfig: it names no current-context with a cluster`,
      );
    }
    return KubeClient.fromKubeConfig(kc, opts, source);
  }

  /**
   * A client for a loaded kubeconfig (the controller loads its own, in-cluster included); `source`
   * names it in messages.
   */
  static async fromKubeConfig(
    kc: KubeConfig,
    opts: TransportOptions = {},
    source = "the kubeconfig",
  ): Promise<KubeClient> {
    const cluster = kc.getCurrentCluster();
    if (!cluster)
      throw new KubeConfigError("the kubeconfig names no cluster for its current context");
    const server = withoutUserInfo(cluster.server);
    if (!/^https?:$/.test(urlProtocol(cluster.server))) {
      throw new KubeConfigError(
        `the kubeconfig's cluster ${cluster.name} has server ${server}, which is not a URL ` +
          "like https://host:6443",
      );
    }
    const tls: https.RequestOptions = {};
    try {
      await kc.applyToHTTPSOptions(tls);
    } catch (err) {
      throw new KubeConfigError(`cannot use ${source} for ${server}: ${kubeconfigErrorLine(err)}`);
    }
    checkTlsMaterial(tls);
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
    const agent = cluster.server.startsWith("http:")
      ? new http.Agent(agentOptions)
      : new https.Agent(agentOptions);
    return new KubeClient(kc, cluster.server, agent, opts, source);
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
    const started = performance.now();
    let status = 0;
    try {
      for (let attempt = 1; ; attempt++) {
        const res = await this.send(method, path, opts, false);
        const text = await readBody(res);
        status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return (text === "" ? undefined : JSON.parse(text)) as T;
        const err = apiError(method, path, status, text);
        if (status !== 429 || attempt >= MAX_THROTTLED_ATTEMPTS) throw err;
        const seconds = Number(
          res.headers["retry-after"] ?? err.body.details?.retryAfterSeconds ?? 1,
        );
        await sleep(Math.min(Math.max(seconds, 0.1), 5) * 1000, opts.signal);
      }
    } finally {
      this.observer?.(method, status, (performance.now() - started) / 1000);
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

  /** Deletes in the background: the garbage collector removes what the object owns. */
  delete(path: string): Promise<unknown> {
    return this.request("DELETE", path, { body: { propagationPolicy: "Background" } });
  }

  private async send(
    method: string,
    path: string,
    opts: RequestOptions,
    streaming: boolean,
  ): Promise<IncomingMessage> {
    // Credentials are read per request, so exec plugins and token files can refresh them.
    const auth: https.RequestOptions = {};
    try {
      await this.kc.applyToHTTPSOptions(auth);
    } catch (err) {
      throw new KubeConfigError(
        `cannot get credentials from ${this.source} for ${this.server}: ${kubeconfigErrorLine(err)}`,
      );
    }
    const headers: Record<string, string> = {
      Accept: "application/json",
      "User-Agent": this.userAgent,
    };
    for (const [k, v] of Object.entries(auth.headers ?? {})) {
      if (v !== undefined) headers[k] = String(v);
    }
    let payload: Buffer | undefined;
    if (opts.body !== undefined) {
      payload = Buffer.from(goJson(opts.body));
      headers["Content-Type"] = opts.contentType ?? "application/json";
      headers["Content-Length"] = String(payload.length);
    }
    const basePath = this.url.pathname.replace(/\/$/, "");
    const fullPath = basePath + path + queryString(opts.query);
    // A socket idle this long is given up; a stream (a watch, logs) only when the caller says.
    const timeoutMs = opts.timeoutMs ?? (streaming ? undefined : this.timeoutMs);
    return new Promise<IncomingMessage>((resolve, reject) => {
      let req: http.ClientRequest;
      try {
        req = this.transport.request(
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
            ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
          },
          resolve,
        );
      } catch (err) {
        // Node refuses before sending: a header it will not send (a token with a line break).
        reject(
          new KubeConfigError(
            `cannot send a request to ${this.server} with the kubeconfig's settings: ` +
              kubeconfigErrorLine(err),
          ),
        );
        return;
      }
      req.on("timeout", () =>
        req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })),
      );
      req.on("error", (err: Error & { code?: string }) => {
        if (err.name === "AbortError") reject(err);
        else reject(new KubeConnectionError(this.server, err, this.source));
      });
      req.end(payload);
    });
  }
}

function urlProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return "";
  }
}

/**
 * Refuses a client certificate or key Node cannot use now, rather than with a stack on the first
 * request. (A CA that is not PEM is not refused by Node; the server's certificate then fails.)
 */
function checkTlsMaterial(material: https.RequestOptions): void {
  if (material.cert === undefined && material.key === undefined) return;
  try {
    createSecureContext({ cert: material.cert, key: material.key });
  } catch (err) {
    throw new KubeConfigError(
      "the kubeconfig's client-certificate-data and client-key-data cannot be used: " +
        kubeconfigErrorLine(err),
    );
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
