// Header rewriting between the client, the proxy and the model server (RFC 9110 §7.6.1): hop-by-hop
// headers describe one connection and must not be forwarded; X-Forwarded-For/Proto tell the model
// server who the client was. Pure.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Header names listed in Connection are hop-by-hop too (e.g. `Connection: close, x-trace`). */
function connectionTokens(value: string | string[] | undefined): Set<string> {
  const text = Array.isArray(value) ? value.join(",") : (value ?? "");
  return new Set(
    text
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t !== ""),
  );
}

function endToEnd(headers: IncomingHttpHeaders, alsoDrop: readonly string[]): OutgoingHttpHeaders {
  const listed = connectionTokens(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    if (alsoDrop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

/**
 * Headers to send to the model server. Host passes through unchanged. `Expect` is dropped because
 * the proxy's own server already answered any `100-continue`. An incoming X-Forwarded-Proto is
 * kept (the ingress in front of the pod knows whether the client used TLS); otherwise "http".
 */
export function requestHeaders(
  headers: IncomingHttpHeaders,
  clientAddress: string | undefined,
): OutgoingHttpHeaders {
  const out = endToEnd(headers, ["expect"]);
  const prior = headers["x-forwarded-for"];
  const priorText = Array.isArray(prior) ? prior.join(", ") : prior;
  const client = clientAddress ?? "unknown";
  out["x-forwarded-for"] =
    priorText === undefined || priorText === "" ? client : `${priorText}, ${client}`;
  if (headers["x-forwarded-proto"] === undefined) out["x-forwarded-proto"] = "http";
  return out;
}

/** Headers to send back to the client: everything end-to-end, as the model server sent it. */
export function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return endToEnd(headers, []);
}

/** Whether a request carries a body (so it cannot be replayed once streamed). */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  if (headers["transfer-encoding"] !== undefined) return true;
  const length = headers["content-length"];
  return length !== undefined && length !== "0";
}

/** Kubelet probes identify themselves as `kube-probe/<version>`. */
export function isKubeProbe(headers: IncomingHttpHeaders): boolean {
  return headers["user-agent"]?.startsWith("kube-probe/") === true;
}
