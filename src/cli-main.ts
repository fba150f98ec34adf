#!/usr/bin/env node
// The CLI's entry point (package.json bin → dist/cli.js). All logic lives in cli.ts.
import { main } from "./cli.ts";

// The AWS SDK is bundled into dist/, so its notice about future SDK releases needing Node 22 is
// not advice our users can act on (they update cortex-deploy, not the SDK); it printed nine
// lines before every upload on Node 20. An explicit setting of the variable still wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

process.exitCode = await main(process.argv.slice(2));
