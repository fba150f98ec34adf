// The watchdog's second half, run by watchdog.sh once the sandbox's owner has died without
// calling stop(): tears the sandbox down from its state file.
// Usage: node --import tsx watchdog.ts <sandbox-dir>
import { readState } from "./state.ts";
import { tearDown } from "./teardown.ts";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: watchdog.ts <sandbox-dir>");
  process.exit(2);
}
// A teardown that has begun must finish: a concurrent `down` may signal us, and stopping half way
// would leave processes behind.
process.on("SIGTERM", () => {});
const state = await readState(dir);
if (state && state.status !== "stopped") {
  await tearDown(state);
  console.log(`${new Date().toISOString()} torn down`);
}
