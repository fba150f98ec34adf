// The sandbox's stand-in for a tiny HTTP server image: answers every request with JSON saying
// which pod (hostname, IP) and which image tag served it, so tests can tell replicas and
// revisions apart. /healthz answers "ok" for probes.
import { createServer } from "node:http";
import { hostname } from "node:os";

const port = Number(process.env.PORT ?? 8080);
// ECHO_TAG wins; otherwise the tag of the image the kubelet says it is running.
const image = process.env.SANDBOX_IMAGE ?? "";
const tag =
  process.env.ECHO_TAG ?? (image.includes(":") ? image.slice(image.lastIndexOf(":") + 1) : "");

const server = createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    return;
  }
  const body = {
    hostname: process.env.HOSTNAME ?? hostname(),
    podIp: process.env.POD_IP ?? req.socket.localAddress?.replace(/^::ffff:/, ""),
    tag,
    method: req.method,
    path: req.url,
  };
  res.writeHead(200, { "content-type": "application/json" }).end(`${JSON.stringify(body)}\n`);
});

server.listen(port, () => console.log(`http-echo ${tag || "(no tag)"} listening on ${port}`));

// Finish in-flight requests on SIGTERM, as a well-behaved server does during a rolling update.
process.on("SIGTERM", () => {
  console.log("http-echo: SIGTERM, closing");
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
