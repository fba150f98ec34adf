// `proxy`: the request proxy sidecar. See ./proxy.ts and "The proxy sidecar" in DESIGN.md.
import { FlagError, formatUsage, wantsHelp } from "../lib/flags.ts";
import { createLogger } from "../lib/log.ts";
import { onShutdown } from "../lib/signals.ts";
import { parseProxyFlags, proxyFlags } from "./config.ts";
import { createProxy } from "./proxy.ts";

const SUMMARY =
  "Forwards requests to the model server on 127.0.0.1, at most --max-concurrency at once with a " +
  "FIFO queue of --max-queue-length; serves /metrics and /healthz on --admin-port; drains on SIGTERM.";

export async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(formatUsage("main.js proxy", SUMMARY, proxyFlags));
    return 0;
  }
  const log = createLogger("proxy");
  let config: ReturnType<typeof parseProxyFlags>;
  try {
    config = parseProxyFlags(argv, process.env);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`proxy: ${err.message}\n\n${formatUsage("main.js proxy", SUMMARY, proxyFlags)}`);
    return 2;
  }

  const proxy = createProxy(config, log);
  // Listen for signals before binding, so a SIGTERM during start-up is not lost; the drain itself
  // starts once both ports are bound.
  let stopSignals = (): void => {};
  const signalled = new Promise<void>((resolve) => {
    stopSignals = onShutdown((signal) => {
      log.info("received signal", { signal });
      resolve();
    });
  });
  try {
    const ports = await proxy.start();
    log.info("listening", {
      port: ports.port,
      admin_port: ports.adminPort,
      target_port: config.targetPort,
      max_concurrency: config.maxConcurrency,
      max_queue_length: config.maxQueueLength,
    });
  } catch (err) {
    log.error("cannot listen", { err });
    stopSignals();
    return 1;
  }
  await signalled;
  const clean = await proxy.drain();
  stopSignals();
  return clean ? 0 : 1;
}
