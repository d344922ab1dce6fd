#!/usr/bin/env node
// Bundles the compiled CLI (dist/) into dist/bundle/ with esbuild: one file for start-up instead of
// ~200 modules (Node's module loading was ~70% of a cold `pkilab lint`). pkilab's own modules that
// commands import lazily (the lint engine, the lab builder) stay in separate chunks, loaded on use.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names are content hashes: clear the old ones so dist/bundle holds only this build.
rmSync("dist/bundle", { recursive: true, force: true });

await build({
  entryPoints: ["dist/src/cli/bundle-entry.js"],
  outdir: "dist/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Loaded lazily by the commands that need them, so they cost start-up nothing; kept as packages
  // (bundling their CommonJS behind a dynamic import would lose their named exports).
  external: ["yaml", "pkijs", "asn1js"],
  // oclif is CommonJS: give its require() calls a real require in the ESM output.
  banner: { js: 'import { createRequire as __pkilabCreateRequire } from "node:module"; const require = __pkilabCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
