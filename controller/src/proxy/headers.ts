// Header rewriting between the client, the proxy and the model server (RFC 9110 §7.6.1): hop-by-hop
// headers describe one connection and must not be forwarded; X-Forwarded-For/Proto tell the model
// server who the client was. Pure.
//
// Two paths use these rules: the node:http fallback (forward.ts) works on IncomingHttpHeaders
// objects; the raw fast path (http1.ts) works on header lines. The decisions themselves
// (`isHopByHop`, `connectionTokens`, `forwardedFor`, `isKubeProbeAgent`) live here once.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

/** Lower-case names of the headers that never cross the proxy. */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
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

/** Request headers dropped as well: the proxy's own server already answered any `100-continue`. */
export const REQUEST_ONLY_DROPPED: ReadonlySet<string> = new Set(["expect"]);

/** Header names listed in Connection are hop-by-hop too (e.g. `Connection: close, x-trace`). */
export function connectionTokens(value: string | readonly string[] | undefined): Set<string> {
  const text = typeof value === "string" ? value : (value?.join(",") ?? "");
  const out = new Set<string>();
  for (const t of text.split(",")) {
    const token = t.trim().toLowerCase();
    if (token !== "") out.add(token);
  }
  return out;
}

/** Whether a header (lower-case name) stays on this side of the proxy. */
export function isHopByHop(name: string, listed: ReadonlySet<string> | undefined): boolean {
  return HOP_BY_HOP.has(name) || listed?.has(name) === true;
}

/** The X-Forwarded-For value to send on: the incoming list (if any) plus the client's address. */
export function forwardedFor(prior: string | undefined, clientAddress: string | undefined): string {
  const client = clientAddress ?? "unknown";
  return prior === undefined || prior === "" ? client : `${prior}, ${client}`;
}

function endToEnd(
  headers: IncomingHttpHeaders,
  alsoDrop: ReadonlySet<string> | undefined,
): OutgoingHttpHeaders {
  const listed = connectionTokens(headers.connection);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || isHopByHop(name, listed)) continue;
    if (alsoDrop?.has(name)) continue;
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
  const out = endToEnd(headers, REQUEST_ONLY_DROPPED);
  const prior = headers["x-forwarded-for"];
  out["x-forwarded-for"] = forwardedFor(
    Array.isArray(prior) ? prior.join(", ") : prior,
    clientAddress,
  );
  if (headers["x-forwarded-proto"] === undefined) out["x-forwarded-proto"] = "http";
  return out;
}

/** Headers to send back to the client: everything end-to-end, as the model server sent it. */
export function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return endToEnd(headers, undefined);
}

/** Whether a request carries a body (so it cannot be replayed once streamed). */
export function hasBody(headers: IncomingHttpHeaders): boolean {
  if (headers["transfer-encoding"] !== undefined) return true;
  const length = headers["content-length"];
  return length !== undefined && length !== "0";
}
