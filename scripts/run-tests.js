#!/usr/bin/env node
// Runs every compiled test (dist/test/**/*.test.js) with Node's own test runner.
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.join("dist", "test");
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".test.js"))
  .map((f) => path.join(root, f))
  .sort();
if (files.length === 0) {
  console.error("run-tests: no compiled tests under dist/test: run npm run build first");
  process.exit(1);
}
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((pat) => f.includes(pat))) : files;
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...selected], { stdio: "inherit" });
process.exit(result.status ?? 1);
