// A model server for proxy tests, run in the test process on 127.0.0.1. It counts the requests it
// is serving at once (and the most it ever saw), records the order they arrived in (by their
// x-seq header), and can hold requests until the test releases them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ModelServer {
  readonly port: number;
  /** Requests inside the handler right now. */
  current(): number;
  /** The most requests that were ever inside the handler at once. */
  maxConcurrent(): number;
  /** x-seq header of every request, in arrival order. */
  readonly arrivals: string[];
  /** Lets the held requests (path /hold) answer: the oldest `n`, or all. */
  release(n?: number): void;
  held(): number;
  close(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function startModelServer(): Promise<ModelServer> {
  let current = 0;
  let max = 0;
  const arrivals: string[] = [];
  const waiting: Array<() => void> = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    current++;
    max = Math.max(max, current);
    let counted = true;
    const uncount = (): void => {
      if (counted) current--;
      counted = false;
    };
    // 'finish' is when the last byte went to the kernel: the server is done with the request.
    res.once("finish", uncount);
    res.once("close", uncount);
    const seq = req.headers["x-seq"];
    arrivals.push(typeof seq === "string" ? seq : "");
    const url = new URL(req.url ?? "/", "http://x");

    switch (url.pathname) {
      case "/hold":
        await new Promise<void>((resolve) => waiting.push(resolve));
        res.end(`done ${seq ?? ""}`);
        return;
      case "/sleep":
        await sleep(Number(url.searchParams.get("ms") ?? "10"));
        res.end("slept");
        return;
      case "/echo":
        res.writeHead(200, { "content-type": "application/octet-stream" });
        req.pipe(res);
        return;
      case "/headers":
        req.resume();
        req.on("end", () => {
          res.writeHead(201, "Made", {
            "content-type": "application/json",
            "x-model": "yes",
            "set-cookie": ["a=1", "b=2"],
            "keep-alive": "timeout=5",
          });
          res.end(JSON.stringify(req.headers));
        });
        return;
      case "/status":
        // Answers with the status the query asks for, e.g. /status?code=500.
        req.resume();
        res.writeHead(Number(url.searchParams.get("code") ?? "200"));
        res.end("as asked");
        return;
      case "/reset":
        req.socket.destroy();
        return;
      case "/cut":
        // Promises 1000 bytes, sends 10, then drops the connection.
        res.writeHead(200, { "content-length": "1000" });
        res.write("0123456789", () => setTimeout(() => req.socket.destroy(), 20));
        return;
      default:
        req.resume();
        res.end("ok");
    }
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    current: () => current,
    maxConcurrent: () => max,
    arrivals,
    release(n = waiting.length) {
      for (const resolve of waiting.splice(0, n)) resolve();
    },
    held: () => waiting.length,
    close() {
      for (const resolve of waiting.splice(0)) resolve();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
