// What the proxy and the splitter both need for an upstream they forward to: the keep-alive agent,
// and error logging that stays readable when the upstream is down.
import { Agent } from "node:http";
import { performance } from "node:perf_hooks";
import type { LogFields, Logger } from "../lib/log.ts";
import { UPSTREAM_IDLE_MS } from "./fast.ts";
import type { ForwardHooks } from "./forward.ts";

/**
 * Keep-alive to the upstream; idle sockets are dropped after UPSTREAM_IDLE_MS, before the 5 s idle
 * timeout common in servers (Node, uvicorn), to avoid reusing a socket being closed.
 */
export function upstreamAgent(): Agent {
  return new Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS, scheduling: "lifo" });
}

/**
 * An onUpstreamError that logs `msg` at most once a second, with the count of failures it did not
 * log: a dead upstream fails every request, and one line a second is enough.
 */
export function throttledErrorLog(
  log: Logger,
  msg: string,
  fields: LogFields = {},
): ForwardHooks["onUpstreamError"] {
  let lastErrorLog = Number.NEGATIVE_INFINITY;
  let unlogged = 0;
  return (err, url) => {
    const now = performance.now();
    if (now - lastErrorLog < 1000) {
      unlogged++;
      return;
    }
    // The path only: clients put API keys in query strings, and logs outlive them.
    log.warn(msg, { ...fields, err, path: url?.split("?")[0], failures_not_logged: unlogged });
    lastErrorLog = now;
    unlogged = 0;
  };
}
