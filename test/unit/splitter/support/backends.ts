// Backends for splitter tests, run in the test process on 127.0.0.1: node:http servers that record
// every request they get (method, path, headers, body) and answer with their own name, and a TCP
// server that accepts connections and never reads them.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { type AddressInfo, createServer as createTcpServer, type Socket } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body so far; complete once `ended`. */
  readonly body: Buffer;
  ended: boolean;
}

export interface TestBackend {
  readonly name: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every request, in arrival order (recorded when its head arrives). */
  readonly received: Received[];
  /** Requests waiting in /hold (or, with `answer: "never"`, every request). */
  held(): number;
  /** Lets the held /hold requests answer. */
  release(): void;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** "never": read each request whole and never answer. Default: answer as below. */
  answer?: "normal" | "never";
  /** Status of the default answer (default 200). */
  status?: number;
}

/**
 * Paths: /echo streams the request body back as it arrives; /hold answers once released; anything
 * else answers `<name>` with header x-backend: <name> once the body has been read.
 */
export async function startBackend(
  name: string,
  options: BackendOptions = {},
): Promise<TestBackend> {
  const received: Received[] = [];
  const holding: Array<() => void> = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    const entry: Received = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      get body() {
        return Buffer.concat(chunks);
      },
      ended: false,
    };
    received.push(entry);
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      entry.ended = true;
    });
    if (options.answer === "never") {
      holding.push(() => {});
      return;
    }
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/echo") {
      res.writeHead(200, { "content-type": "application/octet-stream", "x-backend": name });
      req.pipe(res);
      return;
    }
    const answer = (): void => {
      res.writeHead(options.status ?? 200, { "content-type": "text/plain", "x-backend": name });
      res.end(name);
    };
    if (path === "/hold") {
      holding.push(answer);
      return;
    }
    if (entry.ended) answer();
    else req.on("end", answer);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    held: () => holding.length,
    release() {
      for (const f of holding.splice(0)) f();
    },
    close() {
      holding.splice(0);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface DeafServer {
  readonly port: number;
  readonly url: string;
  connections(): number;
  close(): Promise<void>;
}

/** Accepts TCP connections and never reads from them, so a sender's buffers fill up. */
export async function startDeafServer(): Promise<DeafServer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createTcpServer({ pauseOnConnect: true }, (socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function refusedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
