// A small JSON client for the API server over one keep-alive HTTPS agent: plain requests plus a
// streaming watch. Credentials come from the kubeconfig (kubeconfig.ts).
import { Agent, request } from "node:https";
import type { WatchEvent } from "./kube-types.ts";
import { readKubeconfig } from "./kubeconfig.ts";

export class KubeError extends Error {
  override name = "KubeError";
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export type PatchType = "merge" | "strategic" | "json";

const patchContentTypes: Record<PatchType, string> = {
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  json: "application/json-patch+json",
};

export interface WatchHandle {
  /** Settles when the server ends the stream (or on error); never rejects. */
  done: Promise<{ error?: Error }>;
  abort(): void;
}

export class KubeClient {
  private constructor(
    private readonly server: URL,
    private readonly agent: Agent,
    private readonly headers: Record<string, string>,
  ) {}

  static async fromKubeconfig(file: string): Promise<KubeClient> {
    const creds = readKubeconfig(file);
    const agent = new Agent({
      keepAlive: true,
      maxSockets: 32,
      ca: creds.ca,
      cert: creds.cert,
      key: creds.key,
      rejectUnauthorized: !creds.insecure,
    });
    const headers: Record<string, string> = creds.token
      ? { authorization: `Bearer ${creds.token}` }
      : {};
    return new KubeClient(new URL(creds.server), agent, headers);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  patch<T>(path: string, body: unknown, type: PatchType): Promise<T> {
    return this.request<T>("PATCH", path, body, patchContentTypes[type]);
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("DELETE", path, body);
  }

  async request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const text = await this.send(method, path, payload, contentType);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** A GET whose answer is text (pods/log). */
  getText(path: string): Promise<string> {
    return this.send("GET", path, undefined, undefined, "*/*");
  }

  private send(
    method: string,
    path: string,
    payload: string | undefined,
    contentType: string | undefined,
    accept = "application/json",
  ): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.server),
        {
          method,
          agent: this.agent,
          headers: {
            ...this.headers,
            accept,
            // An explicit length: Node sends a DELETE body unframed otherwise, and the server
            // reads it as the start of the next request on the kept-alive connection.
            ...(payload === undefined
              ? {}
              : {
                  "content-type": contentType ?? "application/json",
                  "content-length": String(Buffer.byteLength(payload)),
                }),
          },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(text);
            else reject(toKubeError(method, path, status, text));
          });
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      req.end(payload);
    });
  }

  /** A long GET (watch, log follow) whose body arrives in pieces until the server closes. */
  stream(path: string, onText: (text: string) => void, accept = "*/*"): WatchHandle {
    let abort = () => {};
    const done = new Promise<{ error?: Error }>((resolve) => {
      const req = request(new URL(path, this.server), {
        method: "GET",
        agent: this.agent,
        headers: { ...this.headers, accept },
      });
      abort = () => req.destroy();
      req.on("error", (error) => resolve({ error }));
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ error: toKubeError("GET", path, status, Buffer.concat(chunks).toString()) }),
          );
          return;
        }
        res.setEncoding("utf8");
        res.on("data", onText);
        res.on("end", () => resolve({}));
        res.on("error", (error) => resolve({ error }));
        res.on("close", () => resolve({}));
      });
      req.end();
    });
    return { done, abort: () => abort() };
  }

  /** Streams watch events (one JSON object per line) until the server closes or abort(). */
  watch<T>(path: string, onEvent: (event: WatchEvent<T>) => void): WatchHandle {
    let buffered = "";
    return this.stream(
      path,
      (chunk) => {
        buffered += chunk;
        let newline = buffered.indexOf("\n");
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) onEvent(JSON.parse(line) as WatchEvent<T>);
          newline = buffered.indexOf("\n");
        }
      },
      "application/json",
    );
  }

  close(): void {
    this.agent.destroy();
  }
}

function toKubeError(method: string, path: string, status: number, text: string): KubeError {
  let reason = "";
  let message = text.slice(0, 500);
  try {
    const parsed = JSON.parse(text) as { reason?: string; message?: string };
    reason = parsed.reason ?? "";
    message = parsed.message ?? message;
  } catch {
    // not JSON: keep the raw text
  }
  return new KubeError(status, reason, `${method} ${path}: ${status} ${message}`);
}

export function isNotFound(err: unknown): boolean {
  return err instanceof KubeError && err.status === 404;
}

export function isConflict(err: unknown): boolean {
  return err instanceof KubeError && err.status === 409;
}
