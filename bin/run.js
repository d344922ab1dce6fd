#!/usr/bin/env node
// Entry point. All error handling and the exit-code contract live in src/cli/main.ts.
import { main } from "../dist/src/cli/main.js";

await main(process.argv.slice(2), import.meta.url);
