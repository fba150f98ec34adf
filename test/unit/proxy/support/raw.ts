// Byte-level tools for the fast-path tests: a raw client connection that sees exactly what the
// proxy writes, a raw upstream that answers with exactly the bytes a test wants, and a node:http
// model server with endpoints for framing cases.
import { readFile } from "node:fs/promises";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";

/** A client connection; everything received is kept as latin1 text. */
export class RawClient {
  private text = "";
  private closedFlag = false;
  private readonly checks = new Set<() => void>();
  /** Resolves once the connection is closed (by either side). */
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      this.text += chunk;
      for (const check of this.checks) check();
    });
    socket.on("error", () => {});
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.closedFlag = true;
        for (const check of this.checks) check();
        resolve();
      }),
    );
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("connect", () => resolve(new RawClient(socket)));
      socket.once("error", reject);
    });
  }

  get received(): string {
    return this.text;
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /** Resolves with everything received once `check` holds; rejects if the connection closes first. */
  waitFor(what: string, check: (text: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const run = (): void => {
        if (check(this.text)) {
          this.checks.delete(run);
          resolve(this.text);
        } else if (this.closedFlag) {
          this.checks.delete(run);
          reject(new Error(`closed before ${what}; received:\n${this.text}`));
        }
      };
      this.checks.add(run);
      run();
    });
  }

  /** Resolves with everything received once the proxy has closed the connection. */
  async untilClosed(): Promise<string> {
    await this.closed;
    return this.text;
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Sends `data` on a new connection and returns everything received until the proxy closes it. */
export async function sendRaw(port: number, data: string | Buffer): Promise<string> {
  const client = await RawClient.connect(port);
  client.write(data);
  return client.untilClosed();
}

/** Status codes of the HTTP/1.1 status lines in `text`, in order. */
export function statusCodes(text: string): number[] {
  return [...text.matchAll(/HTTP\/1\.1 (\d{3})[^\r\n]*\r\n/g)].map((m) => Number(m[1]));
}

/** Splits one raw response into its head (without the blank line) and the bytes after it. */
export function splitResponse(text: string): { head: string; body: string } {
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) throw new Error(`no complete head in:\n${text}`);
  return { head: text.slice(0, end), body: text.slice(end + 4) };
}

/** Header lines of a raw head as [name, value] pairs, names as sent. */
export function headerLines(head: string): Array<[string, string]> {
  return head
    .split("\r\n")
    .slice(1)
    .map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
}

/**
 * Decodes a complete chunked body at the start of `text`; returns the data and what follows the
 * message. Written independently of the proxy's tracker, and strict: a framing error throws.
 */
export function decodeChunked(text: string): { data: string; rest: string } {
  let pos = 0;
  let data = "";
  for (;;) {
    const lineEnd = text.indexOf("\r\n", pos);
    if (lineEnd === -1) throw new Error("incomplete chunk size line");
    const size = Number.parseInt(text.slice(pos, lineEnd).split(";")[0] ?? "", 16);
    if (Number.isNaN(size)) throw new Error(`bad chunk size line: ${text.slice(pos, lineEnd)}`);
    pos = lineEnd + 2;
    if (size === 0) break;
    data += text.slice(pos, pos + size);
    if (text.slice(pos + size, pos + size + 2) !== "\r\n") throw new Error("chunk without CRLF");
    pos += size + 2;
  }
  // Trailers, then the blank line.
  for (;;) {
    const lineEnd = text.indexOf("\r\n", pos);
    if (lineEnd === -1) throw new Error("incomplete trailers");
    const line = text.slice(pos, lineEnd);
    pos = lineEnd + 2;
    if (line === "") break;
  }
  return { data, rest: text.slice(pos) };
}

/** Resident set size of a process (Linux /proc), in bytes. */
export async function rssBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m === null ? 0 : Number(m[1]) * 1024;
}

export interface RawRequest {
  /** Which upstream connection it came on (1, 2, ...). */
  conn: number;
  /** Its position on that connection (1, 2, ...). */
  nth: number;
  head: string;
  body: string;
}

export interface RawUpstream {
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RawRequest[];
  connections(): number;
  close(): Promise<void>;
}

/**
 * A model server that speaks raw bytes: it frames requests (Content-Length bodies only) and lets
 * `answer` write whatever it wants, or drop the connection.
 */
export async function startRawUpstream(
  answer: (req: RawRequest, socket: Socket) => void,
): Promise<RawUpstream> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    const conn = ++connections;
    let nth = 0;
    let text = "";
    sockets.add(socket);
    socket.setEncoding("latin1");
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    socket.on("data", (chunk: string) => {
      text += chunk;
      for (;;) {
        const end = text.indexOf("\r\n\r\n");
        if (end === -1) return;
        const head = text.slice(0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? "0");
        if (text.length < end + 4 + length) return;
        const req = { conn, nth: ++nth, head, body: text.slice(end + 4, end + 4 + length) };
        text = text.slice(end + 4 + length);
        requests.push(req);
        answer(req, socket);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    connections: () => connections,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface WireServer {
  readonly port: number;
  /** Path and query of every request, in arrival order. */
  readonly arrivals: string[];
  /** TCP connections accepted so far. */
  connections(): number;
  /** Of those, the ones closed since. */
  closedConnections(): number;
  /** The most requests ever in the handler at once. */
  maxConcurrent(): number;
  /** Requests whose connection closed before their response was sent. */
  aborted(): number;
  /** Requests waiting in /hold. */
  held(): number;
  release(): void;
  close(): Promise<void>;
}

/** A node:http model server with endpoints for the framing tests. */
export async function startWireServer(): Promise<WireServer> {
  const arrivals: string[] = [];
  const holding: Array<() => void> = [];
  let connections = 0;
  let closedConnections = 0;
  let current = 0;
  let max = 0;
  let aborted = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://x");
    arrivals.push(`${url.pathname}${url.search}`);
    current++;
    max = Math.max(max, current);
    let open = true;
    const done = (): void => {
      if (open) current--;
      open = false;
    };
    res.once("finish", done);
    res.once("close", () => {
      if (!res.writableFinished) aborted++;
      done();
    });
    const word = url.searchParams.get("w") ?? "";
    switch (url.pathname) {
      case "/say":
        req.resume();
        req.on("end", () => res.end(word));
        return;
      case "/sleep":
        req.resume();
        setTimeout(() => res.end(word), Number(url.searchParams.get("ms") ?? "10"));
        return;
      case "/echo":
        // No Content-Length: node:http answers chunked.
        res.writeHead(200, { "content-type": "application/octet-stream" });
        req.pipe(res);
        return;
      case "/raw": {
        let length = 0;
        req.on("data", (c: Buffer) => {
          length += c.length;
        });
        req.on("end", () => {
          const body = JSON.stringify({
            method: req.method,
            rawHeaders: req.rawHeaders,
            trailers: req.trailers,
            length,
          });
          res.writeHead(200, {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          });
          res.end(body);
        });
        return;
      }
      case "/hold":
        req.resume();
        holding.push(() => res.end("held"));
        return;
      case "/reset":
        req.socket.destroy();
        return;
      default:
        req.resume();
        res.end("ok");
    }
  };

  const server = createHttpServer(handle);
  // Long, so that an idle connection closing is the proxy's doing.
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket: Socket) => {
    connections++;
    socket.once("close", () => {
      closedConnections++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    arrivals,
    connections: () => connections,
    closedConnections: () => closedConnections,
    maxConcurrent: () => max,
    aborted: () => aborted,
    held: () => holding.length,
    release() {
      for (const f of holding.splice(0)) f();
    },
    close() {
      for (const f of holding.splice(0)) f();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
