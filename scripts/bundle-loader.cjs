// Copied by scripts/bundle.js to dist/bundle/bundle-entry.cjs: loads the CLI bundle (pkilab.cjs)
// with V8's code cache, so a cold start deserializes compiled code instead of parsing and
// compiling ~3 MB of JavaScript. bin/run.js and oclif's "explicit" command target (package.json)
// both require this file, so they share one instance of the bundle.
//
// The cache is made by `npm run build` (scripts/code-cache.js runs a lint with
// PKILAB_WRITE_CODE_CACHE set) and its name holds a hash of the bundle it was made from, which
// scripts/bundle.js writes below: a cache of another build is never read. When it is missing, or
// V8 rejects it (another Node or V8 version, other V8 flags), the bundle compiles from source as any
// module would: the same code runs, only slower.
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const bundleFile = path.join(__dirname, "pkilab.cjs");
const cacheFile = path.join(__dirname, "CODE_CACHE_FILE_NAME");

// scripts/bundle.js makes the bundle pure ASCII, so latin1 reads it exactly, and several times
// faster than decoding UTF-8 (a one-byte string, no validation).
const source = readFileSync(bundleFile, "latin1");
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined; // no cache: compile from source
}
// The wrapper Node gives every CommonJS module.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundleFile, cachedData });
if (process.env.PKILAB_WRITE_CODE_CACHE) {
  // At exit, the cache holds what this run compiled (oclif's start-up, flag parsing, the command).
  // A folder it cannot write to (an installed package) changes nothing in the run: the build
  // (scripts/code-cache.js) checks that the file is there.
  process.once("exit", () => {
    try {
      writeFileSync(cacheFile, script.createCachedData());
    } catch {
      // no cache written: later runs compile from source
    }
  });
}
const bundle = { exports: {} };
// When it loads, oclif checks the Node version against the "engines" of its own package.json,
// which the bundle does not have (the check finds nothing and says nothing), after loading semver
// (~6 ms: it builds ~40 regular expressions). Its documented switch skips that; set only while the
// bundle loads, so that no command's child process inherits it.
const engineWarning = process.env.OCLIF_DISABLE_ENGINE_WARNING;
process.env.OCLIF_DISABLE_ENGINE_WARNING = "true";
try {
  script.runInThisContext()(bundle.exports, require, bundle, bundleFile, __dirname);
} finally {
  if (engineWarning === undefined) delete process.env.OCLIF_DISABLE_ENGINE_WARNING;
  else process.env.OCLIF_DISABLE_ENGINE_WARNING = engineWarning;
}
module.exports = bundle.exports;
