// The process kubelet as its own process: `npx tsx test/sandbox/kubelet/main.ts <config.json>`.
// SIGTERM (or SIGINT) stops every pod gracefully, then exits.
import { readConfig } from "./config.ts";
import { Kubelet, log } from "./kubelet.ts";

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx test/sandbox/kubelet/main.ts <config.json>");
    process.exit(2);
  }
  const kubelet = await Kubelet.start(readConfig(file));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping pods`);
    kubelet.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`stopping: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  log(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
