#!/usr/bin/env node
// Entry point. All error handling and the exit-code contract live in src/cli/main.ts; the bundle
// (scripts/bundle.js, from bin/bundle-entry.ts) holds it and the commands in one file, loaded with
// V8's code cache by dist/bundle/bundle-entry.cjs (scripts/bundle-loader.cjs) for a fast start.
// Node's modules through process.getBuiltinModule, not import: an ES module import of a Node module
// builds its ES module facade, which reads every export, and node:fs's lazy ReadStream getter then
// loads all of node:stream (~3 ms of CPU in a --version, measured).
const { readFileSync } = process.getBuiltinModule("node:fs");
const { createRequire } = process.getBuiltinModule("node:module");
const os = process.getBuiltinModule("node:os");

const argv = process.argv.slice(2);

// `pkilab --version` (and `-v` alone) prints what oclif prints, without loading oclif: its
// Config.load is most of the time of a --version. oclif names the platform "wsl" on Windows'
// Linux: there (a Linux whose kernel names Microsoft) oclif answers.
if ((argv[0] === "--version" || (argv.length === 1 && argv[0] === "-v")) && !mayBeWsl()) {
  const { name, version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const arch = os.arch() === "ia32" ? "x86" : os.arch();
  process.stdout.write(`${name}/${version} ${os.platform()}-${arch} node-${process.version}\n`);
} else {
  const { main } = createRequire(import.meta.url)("../dist/bundle/bundle-entry.cjs");
  await main(argv, import.meta.url);
}

function mayBeWsl() {
  if (process.platform !== "linux") return false;
  if (os.release().toLowerCase().includes("microsoft")) return true;
  try {
    return readFileSync("/proc/version", "utf8").toLowerCase().includes("microsoft");
  } catch {
    return false;
  }
}
