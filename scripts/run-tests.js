#!/usr/bin/env node
// Runs every compiled test (dist/test/**/*.test.js) with Node's own test runner.
// Node 20's --test does not expand globs, so the files are listed here.
//
//   node scripts/run-tests.js [--tier unit|peers] [--list] [SUBSTRING…]
//
// SUBSTRINGs keep the files whose path contains one of them. --tier keeps one tier:
//   unit   tests that need Node alone (a fresh clone with `npm ci` runs them);
//   peers  tests that run a real peer program (openssl, nginx, gcc/g++, curl, mbedTLS builds),
//          themselves or through a test helper they import.
// Without --tier every test runs. --list prints the selected files with their tier and runs nothing.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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

const TIERS = ["unit", "peers"];
let tier;
let list = false;
const filter = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "--list") list = true;
  else if (arg === "--tier" || arg.startsWith("--tier=")) {
    tier = arg === "--tier" ? args[++i] : arg.slice("--tier=".length);
    if (!TIERS.includes(tier)) {
      console.error(`run-tests: --tier: expected one of ${TIERS.join(", ")}, got ${tier === undefined ? "nothing" : `"${tier}"`}`);
      process.exit(2);
    }
  } else filter.push(arg);
}

/**
 * What starts a peer program: a spawn of one by its literal name, or test/helpers/peers.ts's
 * requireProgram (which every helper that runs a program by a computed name calls).
 */
const RUNS_A_PEER = /\b(?:spawn|spawnSync|execFile|execFileSync)\(\s*["'`](?:openssl|nginx|gcc|g\+\+|cc|curl|go|make)["'`]|\brequireProgram\b/;
const RELATIVE_IMPORT = /\bfrom\s+["'](\.{1,2}\/[^"']+\.js)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g;

/** Whether a compiled test file, or a file under dist/test it imports (transitively), runs a peer. */
const runsPeer = new Map();
function usesPeers(file) {
  const known = runsPeer.get(file);
  if (known !== undefined) return known;
  runsPeer.set(file, false); // an import cycle ends here
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return false;
  }
  let result = RUNS_A_PEER.test(text);
  for (const match of text.matchAll(RELATIVE_IMPORT)) {
    if (result) break;
    const target = path.join(path.dirname(file), match[1] ?? match[2]);
    // src/ is the product, never a peer runner: only test code is followed.
    if (target.startsWith(root + path.sep)) result = usesPeers(target);
  }
  runsPeer.set(file, result);
  return result;
}
const tierOf = (file) => (usesPeers(file) ? "peers" : "unit");

const selected = files.filter((f) => (filter.length === 0 || filter.some((pat) => f.includes(pat))) && (tier === undefined || tierOf(f) === tier));
if (list) {
  for (const f of selected) console.log(`${tierOf(f).padEnd(5)}  ${f}`);
  process.exit(0);
}
if (selected.length === 0) {
  console.error(`run-tests: no test file matches${filter.length ? ` ${filter.join(", ")}` : ""}${tier ? ` in tier ${tier}` : ""}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...selected], { stdio: "inherit" });
process.exit(result.status ?? 1);
