// The Kubernetes REST client. Request bodies are written as the API server re-encodes them (see
// goJson).
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  APPLY_PATCH,
  goJson,
  isApiError,
  isNotFound,
  type KubeApiError,
  KubeClient,
  KubeConnectionError,
} from "../../../src/kube/client.ts";

describe("goJson", () => {
  it("escapes <, >, & and the JavaScript line separators as Go's encoder does", () => {
    const text = goJson({ command: "a => b && c < d", sep: "x\u2028y\u2029z" });
    expect(text).toBe(
      '{"command":"a =\\u003e b \\u0026\\u0026 c \\u003c d","sep":"x\\u2028y\\u2029z"}',
    );
    expect(JSON.parse(text)).toEqual({ command: "a => b && c < d", sep: "x\u2028y\u2029z" });
  });
});

// The client against a small HTTP server of the test's own standing in for the API server: what it
// sends, how it retries a 429, and how failures come back.
describe("KubeClient", () => {
  interface Seen {
    method: string;
    url: string;
    headers: IncomingHttpHeaders;
    body: string;
  }
  let server: Server;
  let seen: Seen[];
  let answer: (n: number, res: ServerResponse) => void;
  let url: string;

  beforeEach(async () => {
    seen = [];
    server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => {
        body += c;
      });
      req.on("end", () => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        answer(seen.length, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function client(opts: { timeoutMs?: number } = {}): Promise<KubeClient> {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "c", server: url, skipTLSVerify: true }],
      users: [{ name: "u", token: "secret-token" }],
      contexts: [{ name: "x", cluster: "c", user: "u", namespace: "ml" }],
      currentContext: "x",
    });
    return KubeClient.fromKubeConfig(kc, { userAgent: "cortex-deploy-test", ...opts });
  }

  const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  it("sends the credentials, its user agent and Go-style JSON, and reports each request", async () => {
    answer = (_n, res) => json(res, 200, { kind: "Deployment" });
    const c = await client();
    const observed: [string, number][] = [];
    c.observer = (method, status) => observed.push([method, status]);
    const out = await c.apply<{ kind: string }>("/apis/apps/v1/x", { a: "<&>" }, "me");
    c.close();
    expect(out).toEqual({ kind: "Deployment" });
    expect(seen).toEqual([
      expect.objectContaining({
        method: "PATCH",
        url: "/apis/apps/v1/x?fieldManager=me&force=true",
        body: '{"a":"\\u003c\\u0026\\u003e"}',
      }),
    ]);
    expect(seen[0]?.headers).toMatchObject({
      authorization: "Bearer secret-token",
      "user-agent": "cortex-deploy-test",
      "content-type": APPLY_PATCH,
    });
    expect(observed).toEqual([["PATCH", 200]]);
    expect(c.contextNamespace).toBe("ml");
  });

  it("retries a 429 after the delay the server asks for", async () => {
    answer = (n, res) =>
      n === 1
        ? json(res, 429, { kind: "Status", reason: "TooManyRequests" }, { "retry-after": "0" })
        : json(res, 200, { ok: true });
    const c = await client();
    expect(await c.get("/api/v1/namespaces")).toEqual({ ok: true });
    c.close();
    expect(seen).toHaveLength(2);
  });

  it("turns an error status into KubeApiError with the server's Status", async () => {
    answer = (_n, res) =>
      json(res, 404, { kind: "Status", reason: "NotFound", message: 'pods "p" not found' });
    const c = await client();
    const err = await c.get("/api/v1/namespaces/ml/pods/p").catch((e: unknown) => e);
    c.close();
    expect(isApiError(err, 404)).toBe(true);
    expect(isApiError(err, 409)).toBe(false);
    expect(isNotFound(err)).toBe(true);
    expect((err as KubeApiError).message).toBe(
      'GET /api/v1/namespaces/ml/pods/p: 404 pods "p" not found',
    );
  });

  it("gives up on a server that does not answer, as a connection error", async () => {
    answer = () => {};
    const c = await client({ timeoutMs: 200 });
    const err = await c.get("/api").catch((e: unknown) => e);
    c.close();
    expect(err).toBeInstanceOf(KubeConnectionError);
    expect((err as KubeConnectionError).code).toBe("ETIMEDOUT");
  });
});
