// The kubelet's HTTPS endpoint the API server proxies pods/log to:
// GET /containerLogs/{namespace}/{pod}/{container}?follow&tailLines&previous&timestamps&sinceSeconds&sinceTime&limitBytes
// It does not authenticate clients: it listens only on the sandbox's host IP.
import { open, readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { type LogOptions, parseRecords, renderRecords } from "./container-logs.ts";

export interface LogRun {
  file: string;
  /** True while the run's process may still write. */
  active(): boolean;
}

export type LogLookup = (
  namespace: string,
  pod: string,
  container: string,
  previous: boolean,
) => LogRun | { status: number; message: string };

export interface LogServerOptions {
  host: string;
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  lookup: LogLookup;
}

const followPollMs = 200;

export function startLogServer(opts: LogServerOptions): Promise<Server> {
  const server = createServer({ cert: opts.cert, key: opts.key }, (req, res) => {
    handle(req, res, opts.lookup).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(err instanceof Error ? err.message : String(err));
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === "") return undefined;
  const value = Number.parseInt(raw, 10);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function boolParam(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  return raw !== null && raw !== "false" && raw !== "0";
}

async function handle(req: IncomingMessage, res: ServerResponse, lookup: LogLookup): Promise<void> {
  const url = new URL(req.url ?? "/", "https://kubelet");
  if (url.pathname === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  const match = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (req.method !== "GET" || !match) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  const [, ns = "", pod = "", container = ""] = match.map(decodeURIComponent);
  const params = url.searchParams;
  const run = lookup(ns, pod, container, boolParam(params, "previous"));
  if ("status" in run) {
    res.writeHead(run.status, { "content-type": "text/plain" }).end(run.message);
    return;
  }
  const sinceSeconds = intParam(params, "sinceSeconds");
  const sinceTime = params.get("sinceTime");
  const opts: LogOptions = {
    timestamps: boolParam(params, "timestamps"),
    tailLines: intParam(params, "tailLines"),
    limitBytes: intParam(params, "limitBytes"),
    sinceMs:
      sinceSeconds !== undefined
        ? Date.now() - sinceSeconds * 1000
        : sinceTime
          ? Date.parse(sinceTime)
          : undefined,
  };
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  const text = await readFile(run.file, "utf8").catch(() => "");
  // Only complete lines: a line still being written is picked up by the next read.
  let offset = Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1));
  let sent = renderRecords(parseRecords(text.slice(0, text.lastIndexOf("\n") + 1)), opts);
  res.write(sent);
  let budget = opts.limitBytes === undefined ? Infinity : opts.limitBytes - Buffer.byteLength(sent);
  if (!boolParam(params, "follow") || budget <= 0) {
    res.end();
    return;
  }
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const follow: LogOptions = { ...opts, tailLines: undefined };
  for (;;) {
    const wasActive = run.active();
    const chunk = await readFrom(run.file, offset);
    const complete = chunk.lastIndexOf("\n") + 1;
    if (complete > 0) {
      const part = chunk.subarray(0, complete);
      offset += part.length;
      sent = renderRecords(parseRecords(part.toString("utf8")), {
        ...follow,
        limitBytes: Number.isFinite(budget) ? budget : undefined,
      });
      res.write(sent);
      budget -= Buffer.byteLength(sent);
    }
    // Stop once the run has ended and everything it wrote has been sent.
    if (closed || budget <= 0 || (!wasActive && complete === 0)) break;
    await sleep(followPollMs);
  }
  res.end();
}

async function readFrom(file: string, offset: number): Promise<Buffer> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return Buffer.alloc(0);
  try {
    const { size } = await handle.stat();
    if (size <= offset) return Buffer.alloc(0);
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer;
  } finally {
    await handle.close();
  }
}
