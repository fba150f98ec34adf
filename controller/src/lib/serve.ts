// What the two request-serving commands (`proxy` and `splitter`) share: the admin and drain flags,
// the SIGTERM drain sequence, and the command's main() around them. Each command keeps its own
// server and says only what differs: its flags, how to stop accepting and how to cut what is left.
import type { Server } from "node:net";
import { performance } from "node:perf_hooks";
import { FlagError, type FlagSpec, formatUsage, type ParsedFlags, wantsHelp } from "./flags.ts";
import { createLogger, type LogFields, type Logger } from "./log.ts";
import { listen } from "./net.ts";
import { onShutdown } from "./signals.ts";

/** The admin port and drain flags of a serving command; `who` names it in the help text. */
export function servingFlags(who: string) {
  return {
    listenHost: {
      type: "string",
      env: "CORTEX_LISTEN_HOST",
      default: "0.0.0.0",
      help: "address the client and admin ports listen on",
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
      help: `after SIGTERM, the deadline for admitted requests to finish before the ${who} exits anyway; keep it under the pod's terminationGracePeriodSeconds`,
    },
  } as const;
}

export type DrainTiming = Pick<
  ParsedFlags<ReturnType<typeof servingFlags>>,
  "drainDelay" | "drainTimeout"
>;

export interface DrainSteps {
  /** Requests being served, for the log lines. */
  inFlight: () => number;
  /** Stops accepting connections; resolves when every admitted request has finished. */
  stopAccepting: () => Promise<void>;
  /** Closes whatever is still open once the deadline has passed. */
  cut: () => void | Promise<void>;
}

/**
 * The drain sequence after SIGTERM; the caller has already made readiness fail. Keeps accepting
 * for drainDelay (so load balancers see the pod leave), stops accepting, waits for admitted
 * requests until drainTimeout (counted from the call), then cuts the rest. True when everything
 * finished in time.
 */
export async function drainInOrder(
  timing: DrainTiming,
  log: Logger,
  steps: DrainSteps,
): Promise<boolean> {
  const deadline = performance.now() + timing.drainTimeout;
  log.info("draining: readiness fails from now", {
    drain_delay_ms: timing.drainDelay,
    in_flight: steps.inFlight(),
  });
  // Keep serving while load balancers notice the failing readiness; never past the deadline.
  const delay = Math.min(timing.drainDelay, Math.max(0, timing.drainTimeout - 1000));
  await new Promise((r) => setTimeout(r, delay));
  log.info("draining: stopped accepting connections", { in_flight: steps.inFlight() });
  const finished = steps.stopAccepting().then(() => true as const);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - performance.now()));
  });
  const clean = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (!clean) {
    log.error("draining: deadline reached, closing remaining connections", {
      in_flight: steps.inFlight(),
    });
    await steps.cut();
  }
  return clean;
}

/** Binds the client port, then the admin port; resolves with the ports actually bound. */
export async function listenBoth(
  server: Server,
  admin: Server,
  config: { port: number; adminPort: number; listenHost: string },
): Promise<{ port: number; adminPort: number }> {
  const port = await listen(server, config.port, config.listenHost);
  const adminPort = await listen(admin, config.adminPort, config.listenHost);
  return { port, adminPort };
}

export interface Serving {
  /** Binds both ports; resolves with the ports actually bound. */
  start(): Promise<{ port: number; adminPort: number }>;
  /**
   * The SIGTERM sequence: fail readiness, then drainInOrder, then close the rest (admin server,
   * upstream agents). Resolves true when everything finished in time.
   */
  drain(): Promise<boolean>;
}

export interface ServingCommand<Specs extends Record<string, FlagSpec>, Config> {
  /** The command's name, as typed after main.js and as the logs' component. */
  name: string;
  summary: string;
  flags: Specs;
  parse: (argv: readonly string[], env: Readonly<Record<string, string | undefined>>) => Config;
  create: (config: Config, log: Logger) => Serving;
  /** Extra fields of the "listening" log line. */
  describe: (config: Config) => LogFields;
}

/**
 * A serving command's main(): --help, flags (exit 2 with usage on a mistake), start, wait for a
 * termination signal, drain. Exit 0 after a clean drain, 1 when it could not listen or connections
 * had to be cut.
 */
export async function runServingCommand<Specs extends Record<string, FlagSpec>, Config>(
  command: ServingCommand<Specs, Config>,
  argv: string[],
): Promise<number> {
  const usage = (): string =>
    formatUsage(`main.js ${command.name}`, command.summary, command.flags);
  if (wantsHelp(argv)) {
    console.log(usage());
    return 0;
  }
  const log = createLogger(command.name);
  let config: Config;
  try {
    config = command.parse(argv, process.env);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`${command.name}: ${err.message}\n\n${usage()}`);
    return 2;
  }

  const server = command.create(config, log);
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
    const ports = await server.start();
    log.info("listening", {
      port: ports.port,
      admin_port: ports.adminPort,
      ...command.describe(config),
    });
  } catch (err) {
    log.error("cannot listen", { err });
    stopSignals();
    return 1;
  }
  await signalled;
  const clean = await server.drain();
  stopSignals();
  return clean ? 0 : 1;
}
