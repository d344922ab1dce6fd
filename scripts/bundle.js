#!/usr/bin/env node
// Bundles the compiled CLI (dist/) into dist/bundle/ with esbuild: one file for start-up instead of
// ~200 modules (Node's module loading was ~70% of a cold `pkilab lint`). pkilab's own modules that
// commands import lazily (the lint engine, the lab builder) stay lazy: esbuild wraps each in a
// function that runs on first use. scripts/code-cache.js then adds V8's code cache for it.
//
// Every package is bundled, so the published package has no runtime dependencies: bin/run.js,
// dist/bundle/, oclif.manifest.json and package.json are the whole CLI (test/cli/package.test.ts
// packs it, installs the tarball and runs it). yaml, pkijs and asn1js are imported lazily
// (`await import(...)`), so only lab specs (yaml) and PKCS#7/PKCS#12 input (pkijs, asn1js) run them.
//
// Measured before choosing this over keeping those three as runtime dependencies: both variants
// packed, installed with `npm i -g <tarball> --prefix P`, and P/lib/node_modules/pkilab/bin/run.js
// run with node 20.20 on 2 cores shared with other work (load ~2), 21 alternated runs each, seconds,
// median (minimum):
//                                                 runtime dependencies    bundled
//   node -e 0                                         0.092 (0.062)
//   lint fullchain.pem --ca ca.pem --for nginx-mtls   0.217 (0.151)     0.191 (0.151)
//   --version                                         0.152 (0.120)     0.163 (0.119)
//   inspect alice.p12 --password (pkijs, asn1js)      0.319 (0.228)     0.298 (0.205)
//   init --spec lab.yaml (yaml)                       0.279 (0.191)     0.251 (0.164)
//   npm i -g <tarball>, empty npm cache               1.07, 7 packages  0.63, 1 package
//   installed size                                    5.2 MB            2.6 MB
// Start-up is the same within the noise (the entry chunk is the same), the lazily loaded libraries
// load a little faster from one chunk than from node_modules, and installing needs nothing from
// the registry.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

// The bundle is one CommonJS file so that it can be compiled as a vm.Script with V8's code cache
// (scripts/bundle-loader.cjs; ES modules have no code cache API in Node 20).
//
// dist/bundle must hold only this build (the cache is named after it). Build into a fresh folder
// and swap it in at the end: a CLI started during a rebuild (another test, another shell) finds
// either the old bundle or the new one, never a half-deleted one.
const staging = "dist/bundle.next";
rmSync(staging, { recursive: true, force: true });

// oclif sorts the commands with String#localeCompare on every start, and the first localeCompare
// of a process sets up ICU collation: ~6 ms of a ~100 ms cold start, measured. pkilab's command ids
// are lowercase ASCII words, which sort the same by UTF-16 code units: sort them so. The build
// stops if oclif's line changes, rather than silently losing this.
const oclifSortByCodeUnits = {
  name: "oclif-sort-by-code-units",
  setup(build) {
    build.onLoad({ filter: /[\\/]@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/ }, (args) => {
      const code = readFileSync(args.path, "utf8");
      const sort = ".sort((a, b) => a.id.localeCompare(b.id));";
      if (!code.includes(sort)) throw new Error(`bundle: ${args.path} no longer sorts its commands with ${sort}`);
      return { contents: code.replace(sort, ".sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));"), loader: "js" };
    });
  },
};

const result = await build({
  entryPoints: ["dist/bin/bundle-entry.js"],
  outfile: `${staging}/pkilab.cjs`,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // oclif require()s the TypeScript compiler only to read tsconfig.json for ts-node when NODE_ENV
  // is development or test, inside a try; left as a require, it finds the repo's devDependency
  // then and nothing in an installed package, instead of bundling the compiler's package.json.
  external: ["typescript"],
  plugins: [oclifSortByCodeUnits],
  metafile: true,
  logLevel: "warning",
});

// CommonJS has no import.meta: esbuild leaves it empty (and warns), so `new URL(..., import.meta.url)`
// would fail when it runs. Use __dirname / __filename in code that must find a file of the bundle
// (the loader passes the bundle's own).
const emptyImportMeta = result.warnings.find((w) => w.id === "empty-import-meta");
if (emptyImportMeta) throw new Error(`bundle: import.meta is empty in the CommonJS bundle: ${emptyImportMeta.location?.file}:${emptyImportMeta.location?.line}`);

// A script compiled by vm.Script has no import(): one left in the bundle fails when it runs.
// esbuild turns imports of bundled modules into function calls but leaves import("node:...") as
// it is: import Node's modules statically. (oclif's import(url) of ES module plugins and tsx stays;
// pkilab has neither, and its command target is this CommonJS bundle, which oclif require()s.)
const bundleFile = `${staging}/pkilab.cjs`;
const bundled = asciiOnly(readFileSync(bundleFile, "utf8"));
const importOfName = /\bimport\(\s*["'`]/.exec(bundled);
if (importOfName) throw new Error(`bundle: pkilab.cjs has an import() of a named module, which fails in a vm.Script: ${bundled.slice(importOfName.index, importOfName.index + 60)}`);
writeFileSync(bundleFile, bundled);
// The cache's name holds a hash of the bundle, so a cache made from another build is never read.
const cacheName = `pkilab.cjs.${createHash("sha256").update(bundled).digest("hex").slice(0, 16)}.v8-cache`;
const loader = readFileSync("scripts/bundle-loader.cjs", "utf8");
if (!loader.includes("CODE_CACHE_FILE_NAME")) throw new Error("bundle: scripts/bundle-loader.cjs lost its CODE_CACHE_FILE_NAME placeholder");
writeFileSync(`${staging}/bundle-entry.cjs`, loader.replace("CODE_CACHE_FILE_NAME", cacheName));

writeThirdPartyLicenses(Object.keys(result.metafile.inputs), `${staging}/THIRD-PARTY-LICENSES.txt`);
rmSync("dist/bundle.old", { recursive: true, force: true });
if (existsSync("dist/bundle")) renameSync("dist/bundle", "dist/bundle.old");
renameSync(staging, "dist/bundle");
rmSync("dist/bundle.old", { recursive: true, force: true });

/**
 * The bundle with every non-ASCII character written as a \u escape. The loader reads it as latin1
 * (several times faster than UTF-8 for 3 MB), which is exact only for ASCII. esbuild already escapes
 * strings; what is left is in comments and in regular expression literals, where a \u escape means
 * the same character.
 */
function asciiOnly(code) {
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The bundle holds other people's code (oclif and its dependencies, yaml, PKI.js, ASN1.js), whose
 * licenses (MIT, ISC, BSD-3-Clause, Apache-2.0, BlueOak) ask that their notices travel with every
 * copy. esbuild keeps only comments marked as legal, so write every bundled package's license
 * files next to the bundle (NOTICE points here). Derived from what esbuild actually bundled, so it
 * cannot go stale; a bundled package without a license file stops the build.
 */
function writeThirdPartyLicenses(inputs, outFile) {
  const packageDirs = new Set();
  for (const input of inputs) {
    // The innermost node_modules/<name> or node_modules/@scope/<name> holding the file.
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packageDirs.add(match[1]);
  }
  const sections = new Map();
  for (const dir of packageDirs) {
    const { name, version, license } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    const id = `${name} ${version}`;
    if (sections.has(id)) continue; // the same version installed twice (nested node_modules)
    const files = readdirSync(dir).filter((file) => /^(licen[cs]e|copying|notice)/i.test(file)).sort();
    if (files.length === 0) throw new Error(`bundle: ${id} (${dir}) has no license file to ship with the bundle`);
    const texts = files.map((file) => readFileSync(path.join(dir, file), "utf8").trim());
    sections.set(id, `${id} (${license})\n${"-".repeat(80)}\n${texts.join("\n\n")}\n`);
  }
  const header =
    "Third-party software bundled into pkilab's dist/bundle/ by scripts/bundle.js, with the license\n" +
    "texts and notices each package ships.\n";
  const body = [...sections.keys()].sort().map((id) => `${"=".repeat(80)}\n${sections.get(id)}`);
  writeFileSync(outFile, [header, ...body].join("\n"));
}
