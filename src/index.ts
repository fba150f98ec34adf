// The Action's entry point (action.yml → dist/index.js). All logic lives in action.ts.
import { run } from "./action.ts";

await run();
