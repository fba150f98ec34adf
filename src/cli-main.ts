#!/usr/bin/env node
// The CLI's entry point (package.json bin → dist/cli.js). All logic lives in cli.ts.
import { main } from "./cli.ts";

process.exitCode = await main(process.argv.slice(2));
