import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  execArgv,
  type HandlerTarget,
  probeUserAgent,
  resolvePort,
  runHandler,
} from "../../sandbox/kubelet/handlers.ts";

const servers: { close(): void }[] = [];
let httpPort = 0;
let seen: { path?: string; headers?: IncomingHttpHeaders } = {};

beforeAll(async () => {
  const http = createHttpServer((req, res) => {
    seen = { path: req.url, headers: req.headers };
    if (req.url === "/healthz") res.writeHead(200).end("ok");
    else if (req.url === "/moved") res.writeHead(302, { location: "/healthz" }).end();
    else if (req.url === "/slow") setTimeout(() => res.writeHead(200).end(), 3000);
    else res.writeHead(503).end();
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const address = http.address();
  httpPort = typeof address === "object" && address ? address.port : 0;
  servers.push({ close: () => http.close() });
  http.unref();
});

afterAll(() => {
  for (const s of servers) s.close();
});

const target = (patch: Partial<HandlerTarget> = {}): HandlerTarget => ({
  podIp: "127.0.0.1",
  container: { name: "app", ports: [{ name: "http", containerPort: httpPort }] },
  namespaced: false,
  env: { PATH: process.env.PATH ?? "/usr/bin:/bin", GREETING: "hi" },
  workdir: "/tmp",
  ...patch,
});

describe("http probes", () => {
  it("GETs the path on the pod IP as kube-probe, and passes on 2xx and 3xx", async () => {
    const ok = await runHandler({ httpGet: { path: "/healthz", port: "http" } }, target(), 1000);
    expect(ok.ok).toBe(true);
    expect(seen.path).toBe("/healthz");
    expect(seen.headers?.["user-agent"]).toBe(probeUserAgent);
    expect(probeUserAgent).toBe("kube-probe/1.35");
    expect(
      (await runHandler({ httpGet: { path: "/moved", port: httpPort } }, target(), 1000)).ok,
    ).toBe(true);
  });

  it("fails on other statuses, on timeouts and on refused connections", async () => {
    const bad = await runHandler({ httpGet: { path: "/broken", port: httpPort } }, target(), 1000);
    expect(bad).toEqual({ ok: false, message: "HTTP probe failed with statuscode: 503" });
    expect(
      (await runHandler({ httpGet: { path: "/slow", port: httpPort } }, target(), 200)).ok,
    ).toBe(false);
    expect((await runHandler({ httpGet: { port: "nope" } }, target(), 200)).message).toBe(
      "unknown port nope",
    );
  });

  it("sends the probe's headers", async () => {
    await runHandler(
      {
        httpGet: {
          path: "/healthz",
          port: httpPort,
          httpHeaders: [{ name: "X-Probe", value: "1" }],
        },
      },
      target(),
      1000,
    );
    expect(seen.headers?.["x-probe"]).toBe("1");
  });
});

describe("tcp probes", () => {
  it("pass when the port accepts and fail when it refuses", async () => {
    const tcp = createTcpServer((s) => s.destroy());
    await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", r));
    const address = tcp.address();
    const port = typeof address === "object" && address ? address.port : 0;
    expect((await runHandler({ tcpSocket: { port } }, target(), 1000)).ok).toBe(true);
    await new Promise<void>((r) => tcp.close(() => r()));
    expect((await runHandler({ tcpSocket: { port } }, target(), 1000)).ok).toBe(false);
  });
});

describe("exec handlers", () => {
  it("pass on exit 0 with the container's environment, fail otherwise", async () => {
    const ok = await runHandler(
      { exec: { command: ["/bin/sh", "-c", 'test "$GREETING" = hi'] } },
      target(),
      2000,
    );
    expect(ok.ok).toBe(true);
    const bad = await runHandler(
      { exec: { command: ["/bin/sh", "-c", "echo nope; exit 3"] } },
      target(),
      2000,
    );
    expect(bad).toEqual({ ok: false, message: "nope" });
  });

  it("are killed at the timeout", async () => {
    const slow = await runHandler(
      { exec: { command: ["/bin/sh", "-c", "sleep 5"] } },
      target(),
      200,
    );
    expect(slow).toEqual({ ok: false, message: "command timed out after 200 ms" });
  });

  it("enter the container's namespaces through its main process", () => {
    expect(execArgv(["cat", "/x"], target({ namespaced: true, pid: 42, workdir: "/srv" }))).toEqual(
      ["nsenter", "--target=42", "--net", "--mount", "--uts", "--wd=/srv", "--", "cat", "/x"],
    );
    expect(execArgv(["cat"], target())).toEqual(["cat"]);
  });
});

it("resolves named and numeric ports", () => {
  const container = { name: "a", ports: [{ name: "web", containerPort: 8080 }] };
  expect(resolvePort("web", container)).toBe(8080);
  expect(resolvePort("9090", container)).toBe(9090);
  expect(resolvePort(7000, container)).toBe(7000);
  expect(resolvePort("nope", container)).toBeUndefined();
});
