#!/usr/bin/env node
// Writes V8's code cache for the CLI bundle (dist/bundle/pkilab.cjs; see scripts/bundle-loader.cjs),
// run by `npm run build` after the bundle and the manifest. The cache holds the code compiled during
// one cold `pkilab lint` of a fresh lab's device certificate: oclif's start-up, flag parsing and the
// lint path, i.e. what a cold start would otherwise parse and compile. It is made after every build
// and named after the bundle's hash, so it cannot go stale.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const run = path.join(root, "bin", "run.js");
const tmp = mkdtempSync(path.join(os.tmpdir(), "pkilab-code-cache-"));

/** Runs the CLI; a failure stops the build (a cache from a failed run would miss the lint path). */
function pkilab(args, env = process.env) {
  const result = spawnSync(process.execPath, [run, ...args], { encoding: "utf8", env });
  if (result.status !== 0) throw new Error(`code-cache: pkilab ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
}

try {
  const lab = path.join(tmp, "lab");
  pkilab(["init", lab, "--device", "dev-1"]);
  const device = path.join(lab, "devices", "dev-1");
  pkilab(["lint", path.join(device, "cert.pem"), "--chain", path.join(device, "chain.pem"), "--ca", path.join(lab, "ca.pem"), "--for", "nginx-mtls"], {
    ...process.env,
    PKILAB_WRITE_CODE_CACHE: "1",
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const caches = readdirSync(path.join(root, "dist", "bundle")).filter((file) => file.endsWith(".v8-cache"));
if (caches.length !== 1) throw new Error(`code-cache: expected one .v8-cache in dist/bundle, found ${caches.length}`);
