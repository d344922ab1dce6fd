#!/usr/bin/env node
// Entry point. All error handling and the exit-code contract live in src/cli/main.ts; the bundle
// (scripts/bundle.js, from bin/bundle-entry.ts) holds it and the commands in one file, loaded with
// V8's code cache by dist/bundle/bundle-entry.cjs (scripts/bundle-loader.cjs) for a fast start.
import { createRequire } from "node:module";

const { main } = createRequire(import.meta.url)("../dist/bundle/bundle-entry.cjs");
await main(process.argv.slice(2), import.meta.url);
