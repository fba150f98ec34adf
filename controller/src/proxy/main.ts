// `proxy`: the request proxy sidecar. See ./proxy.ts and "The proxy sidecar" in DESIGN.md.
import { runServingCommand } from "../lib/serve.ts";
import { parseProxyFlags, proxyFlags } from "./config.ts";
import { createProxy } from "./proxy.ts";

const SUMMARY =
  "Forwards requests to the model server on 127.0.0.1, at most --max-concurrency at once with a " +
  "FIFO queue of --max-queue-length; serves /metrics and /healthz on --admin-port; drains on SIGTERM.";

export function main(argv: string[]): Promise<number> {
  return runServingCommand(
    {
      name: "proxy",
      summary: SUMMARY,
      flags: proxyFlags,
      parse: parseProxyFlags,
      create: createProxy,
      describe: (config) => ({
        target_port: config.targetPort,
        max_concurrency: config.maxConcurrency,
        max_queue_length: config.maxQueueLength,
      }),
    },
    argv,
  );
}
