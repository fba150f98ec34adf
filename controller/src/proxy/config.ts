// The proxy's flags. Each has an environment variable, so the controller can configure the sidecar
// through the pod's `env` alone.
import { type ParsedFlags, parseFlags } from "../lib/flags.ts";

export const proxyFlags = {
  port: {
    type: "int",
    env: "CORTEX_PROXY_PORT",
    default: 8888,
    min: 0,
    max: 65535,
    help: "port for client requests (0 picks a free port)",
  },
  listenHost: {
    type: "string",
    env: "CORTEX_LISTEN_HOST",
    default: "0.0.0.0",
    help: "address the client and admin ports listen on",
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
  adminPort: {
    type: "int",
    env: "CORTEX_ADMIN_PORT",
    default: 15000,
    min: 0,
    max: 65535,
    help: "port for /metrics and /healthz (0 picks a free port)",
  },
  drainDelay: {
    type: "duration",
    env: "CORTEX_DRAIN_DELAY",
    default: 5000,
    help: "after SIGTERM, how long to keep accepting new connections while /healthz fails, so load balancers see the pod leave before it stops listening",
  },
  drainTimeout: {
    type: "duration",
    env: "CORTEX_DRAIN_TIMEOUT",
    default: 25_000,
    help: "after SIGTERM, the deadline for admitted requests to finish before the proxy exits anyway; keep it under the pod's terminationGracePeriodSeconds",
  },
} as const;

export type ProxyConfig = ParsedFlags<typeof proxyFlags>;

export function parseProxyFlags(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ProxyConfig {
  return parseFlags(proxyFlags, argv, env);
}
