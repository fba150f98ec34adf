// The proxy's flags. Each has an environment variable, so the controller can configure the sidecar
// through the pod's `env` alone.
import { type ParsedFlags, parseFlags } from "../lib/flags.ts";
import { servingFlags } from "../lib/serve.ts";
import { BODY_TIMEOUT_MS } from "./fast.ts";

export const proxyFlags = {
  port: {
    type: "int",
    env: "CORTEX_PROXY_PORT",
    default: 8888,
    min: 0,
    max: 65535,
    help: "port for client requests (0 picks a free port)",
  },
  targetPort: {
    type: "int",
    env: "CORTEX_TARGET_PORT",
    default: 8080,
    min: 1,
    max: 65535,
    help: "the model server's port on 127.0.0.1",
  },
  maxConcurrency: {
    type: "int",
    env: "CORTEX_MAX_CONCURRENCY",
    default: 1,
    min: 1,
    help: "requests allowed in the model server at once",
  },
  maxQueueLength: {
    type: "int",
    env: "CORTEX_MAX_QUEUE_LENGTH",
    default: 100,
    min: 0,
    help: "requests allowed to wait; beyond that the proxy answers 503 at once",
  },
  bodyTimeout: {
    type: "duration",
    env: "CORTEX_BODY_TIMEOUT",
    default: BODY_TIMEOUT_MS,
    help: "a running request whose body stops arriving for this long gets 408 and frees its slot (idle time, not total: a large upload goes on while its bytes keep coming; not counted while queued); 0 turns it off",
  },
  ...servingFlags("proxy"),
} as const;

export type ProxyConfig = ParsedFlags<typeof proxyFlags>;

export function parseProxyFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ProxyConfig {
  return parseFlags(proxyFlags, argv, env);
}
