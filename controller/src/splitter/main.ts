// `splitter`: the TrafficSplitter's data plane. See ./splitter.ts and "cortex.yaml" (TrafficSplitter)
// in DESIGN.md.
import { runServingCommand } from "../lib/serve.ts";
import { parseSplitterFlags, splitterFlags } from "./config.ts";
import { createSplitter } from "./splitter.ts";

const SUMMARY =
  "Sends each request to one of the --backends by weight (smooth weighted round-robin) and mirrors " +
  "it to the shadow backend, if any, discarding the shadow's answers; serves /metrics and /healthz " +
  "on --admin-port; drains on SIGTERM.";

export function main(argv: string[]): Promise<number> {
  return runServingCommand(
    {
      name: "splitter",
      summary: SUMMARY,
      flags: splitterFlags,
      parse: parseSplitterFlags,
      create: (config, log) => createSplitter(config, log),
      describe: (config) => ({
        backends: config.backends.map(({ name, url, weight, shadow }) => ({
          name,
          url,
          weight,
          shadow,
        })),
        shadow_buffer: config.shadowBuffer,
      }),
    },
    argv,
  );
}
