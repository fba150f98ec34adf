// The benchmark's model server: a tiny keep-alive HTTP server. `/` answers at once with a small
// body; `/sleep?ms=N` answers after N ms (a model with fixed service time, for the overload run).
// Prints {"port":N} on stdout once listening.
import { createServer } from "node:http";

const body = Buffer.from('{"prediction":"setosa"}\n');

const server = createServer((req, res) => {
  const reply = (): void => {
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  };
  const url = req.url ?? "/";
  if (url.startsWith("/sleep")) {
    const ms = Number(new URL(url, "http://x").searchParams.get("ms") ?? "10");
    setTimeout(reply, ms);
  } else reply();
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.on("SIGTERM", () => process.exit(0));
