#!/usr/bin/env node
// Entry point. All error handling and the exit-code contract live in src/cli/main.ts; the bundle
// (scripts/bundle.js, from bin/bundle-entry.ts) holds it and the commands in one module for a fast start.
import { main } from "../dist/bundle/bundle-entry.js";

await main(process.argv.slice(2), import.meta.url);
