// pkilab's preprocessor (src/peers/parse/c-preprocessor.ts, used by the mbedTLS config reader)
// against the real one: for every header in the configs/ directory of the mbedTLS 2.28.3 and 3.6.6
// source trees, their main config headers, and the vendor-style headers in fixtures/mbedtls-config/,
// the macro table pkilab computes is compared with what `cc -E -dM` prints for the same header.
//
// How the headers are given to cc: directly (`cc -E -dM HEADER`), not as MBEDTLS_CONFIG_FILE
// through build_info.h. Through build_info.h, 3.6's config_adjust_*.h headers would add and
// remove hundreds of MBEDTLS_*/PSA_* macros that are the library's derivations, not the header's
// settings, and pkilab reads a config header before those (it does its own derivation). Directly,
// both preprocessors see exactly the same text, which is what this test is about. The include
// path is the tree's include/ and include/mbedtls/: 2.28.3's tests/scripts/test-ref-configs.pl:119
// copies each configs/ header over include/mbedtls/config.h, which is how config-symmetric-only.h's
// `#include "check_config.h"` resolves; -I include/mbedtls gives the same lookup.
//
// What is compared: the MBEDTLS_* and PSA_* macros that the header itself (and any configs/ file it
// includes) names in a `#define` line, taken or not: defined or not, parameters, and replacement
// text. pkilab does not follow `#include`; a header that includes other configs/ files is given to
// pkilab with those files in the order the includes put them (INCLUDES below), as a user passes
// them with repeated --mbedtls-config. cc also reads the library headers some configs include
// (check_config.h, config_psa.h); none of them defines or removes a macro these headers define, so
// there is no difference to explain: any difference fails the test.
//
// The source trees come from scripts/install-peers.sh (test/helpers/mbedtls.ts peersDir()); a
// missing tree or cc fails the test.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { preprocess } from "../../src/peers/parse/c-preprocessor.js";
import { readMbedtlsConfig } from "../../src/app/read-mbedtls-config.js";
import type { MbedtlsCapabilities } from "../../src/peers/parse/mbedtls-config.js";
import { REPO_ROOT, tempDir } from "../helpers/cli.js";
import { peersDir } from "../helpers/mbedtls.js";
import { requireProgram, run } from "../helpers/peers.js";

const FIXTURES = path.join(REPO_ROOT, "fixtures", "mbedtls-config");
const work = tempDir("mbedtls-config-cc");
after(() => rmSync(work, { recursive: true, force: true }));

interface Macro {
  params?: string[];
  body: string;
}

/** `cc -E -dM` of `header` (with `includeDirs`): every macro defined at its end. cc must succeed. */
function ccMacros(header: string, includeDirs: string[]): Map<string, Macro> {
  const r = run("cc", ["-E", "-dM", "-w", ...includeDirs.flatMap((d) => ["-I", d]), header]);
  assert.equal(r.code, 0, `cc -E -dM ${header} failed:\n${r.stderr}`);
  const macros = new Map<string, Macro>();
  for (const line of r.stdout.split("\n")) {
    if (line === "") continue;
    // `#define NAME body`, `#define NAME ` (empty), `#define NAME(a,b) body` (no space before the parenthesis).
    const m = /^#define ([A-Za-z_$][\w$]*)(?:\(([^)]*)\))? ?(.*)$/.exec(line);
    assert.ok(m, `unexpected cc -dM line: ${line}`);
    macros.set(m[1]!, { params: m[2] === undefined ? undefined : m[2] === "" ? [] : m[2].split(","), body: m[3]! });
  }
  return macros;
}

/** pkilab's table after `files` in order. */
function pkilabMacros(files: string[]): Map<string, Macro> {
  return preprocess(files.map((file) => ({ name: file, text: readFileSync(file, "utf8") }))).macros;
}

/** How a macro reads in a difference: `NAME(a,b) body`, `NAME body`, or `NAME undefined`. */
function render(name: string, macro: Macro | undefined): string {
  if (!macro) return `${name} undefined`;
  return `${name}${macro.params ? `(${macro.params.join(",")})` : ""} ${macro.body}`.trimEnd();
}

/** Names `files` give in a `#define` line (taken or skipped, not commented out) that match `pattern`. */
function definedNames(files: string[], pattern: RegExp): string[] {
  const names = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, "utf8").matchAll(/^[ \t]*#[ \t]*define[ \t]+([A-Za-z_$][\w$]*)/gm)) {
      if (pattern.test(m[1]!)) names.add(m[1]!);
    }
  }
  return [...names].sort();
}

/** Every difference between cc and pkilab for the names `pattern` selects, as "cc: X / pkilab: Y", and how many names were compared. */
function differences(header: string, pkilabFiles: string[], includeDirs: string[], pattern: RegExp): { diffs: string[]; compared: number } {
  const cc = ccMacros(header, includeDirs);
  const ours = pkilabMacros(pkilabFiles);
  const names = definedNames(pkilabFiles, pattern);
  const diffs: string[] = [];
  for (const name of names) {
    const a = render(name, cc.get(name));
    const b = render(name, ours.get(name));
    if (a !== b) diffs.push(`cc: ${a} / pkilab: ${b}`);
  }
  return { diffs, compared: names.length };
}

/**
 * The config read by pkilab from its text and from cc's macro dump of it: the same capabilities
 * (version fixed, since a dump has no comments or skipped lines to guess it from).
 */
function assertSameCapabilities(textFiles: string[], header: string, includeDirs: string[], version: "2.28" | "3.6"): void {
  const r = run("cc", ["-E", "-dM", "-w", ...includeDirs.flatMap((d) => ["-I", d]), header]);
  assert.equal(r.code, 0, r.stderr);
  const dump = path.join(work, `${path.basename(header)}.dump.txt`);
  writeFileSync(dump, r.stdout);
  // Files with no #define at all (ext/ placeholders) are not config files to pkilab.
  const configFiles = textFiles.filter((f) => /^\s*#\s*(define|undef)\b/m.test(readFileSync(f, "utf8")));
  if (configFiles.length === 0) return;
  const fromText = readMbedtlsConfig(configFiles, { version });
  const fromDump = readMbedtlsConfig([dump], { version });
  assert.deepEqual(capabilities(fromText), capabilities(fromDump), header);
}

/** The capability fields, for comparing two readings of one config. */
function capabilities(c: MbedtlsCapabilities): Omit<MbedtlsCapabilities, "versionSource" | "source" | "macros" | "contradictions"> {
  const { versionSource: _vs, source: _s, macros: _m, contradictions: _c, ...rest } = c;
  return rest;
}

const LINES = ["2.28", "3.6"] as const;
const srcDir = (line: (typeof LINES)[number]): string => path.join(peersDir(), "src", line);

/**
 * configs/ headers that include other configs/ files, with the files pkilab is given in their
 * place, in the order cc reads them. 3.6's config-tfm.h includes ext/tfm_mbedcrypto_config_profile_medium.h
 * first thing, which includes ext/config_tfm.h right after its guard and, at its end (MBEDTLS_ENTROPY_NV_SEED
 * is defined there), ext/mbedtls_entropy_nv_seed_config.h; the two ext/ placeholders are empty.
 */
const INCLUDES: Record<string, string[]> = {
  "3.6/configs/config-tfm.h": [
    "configs/ext/config_tfm.h",
    "configs/ext/tfm_mbedcrypto_config_profile_medium.h",
    "configs/ext/mbedtls_entropy_nv_seed_config.h",
    "configs/config-tfm.h",
  ],
  "3.6/configs/ext/tfm_mbedcrypto_config_profile_medium.h": [
    "configs/ext/config_tfm.h",
    "configs/ext/tfm_mbedcrypto_config_profile_medium.h",
    "configs/ext/mbedtls_entropy_nv_seed_config.h",
  ],
};

/** The headers compared in one tree, relative to it: the main config header(s) and every configs/ header. */
function headersOf(line: (typeof LINES)[number]): string[] {
  const src = srcDir(line);
  const main = line === "2.28" ? ["include/mbedtls/config.h"] : ["include/mbedtls/mbedtls_config.h", "include/psa/crypto_config.h"];
  const configs = readdirSync(path.join(src, "configs"), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".h"))
    .map((f) => path.join("configs", f))
    .sort();
  return [...main, ...configs];
}

describe("pkilab's macro table is cc -E -dM's", () => {
  before(() => {
    requireProgram("cc");
    for (const line of LINES) {
      if (!existsSync(path.join(srcDir(line), "configs"))) {
        assert.fail(`the mbedTLS ${line} source tree is missing (${srcDir(line)}): run scripts/install-peers.sh (the README's test command does)`);
      }
    }
  });

  for (const line of LINES) {
    it(`mbedTLS ${line}: the main config header and every configs/ header`, () => {
      const src = srcDir(line);
      const headers = headersOf(line);
      // The trees hold what this test expects to cover (7 configs/ headers in 2.28, 13 with ext/ in 3.6).
      assert.ok(headers.length >= (line === "2.28" ? 8 : 14), headers.join(", "));
      const includeDirs = [path.join(src, "include"), path.join(src, "include", "mbedtls")];
      const found: Record<string, string[]> = {};
      let compared = 0;
      for (const header of headers) {
        const key = `${line}/${header}`;
        const files = (INCLUDES[key] ?? [header]).map((f) => path.join(src, f));
        const result = differences(path.join(src, header), files, includeDirs, /^(MBEDTLS|PSA)_/);
        compared += result.compared;
        if (result.diffs.length > 0) found[key] = result.diffs;
        assertSameCapabilities(files, path.join(src, header), includeDirs, line);
      }
      // Not a vacuous comparison: the main headers alone define more than 100 options each.
      assert.ok(compared > 300, `${compared} macros compared`);
      assert.deepEqual(found, {});
    });
  }
});

/**
 * Hand-written headers in the styles firmware uses (fixtures/mbedtls-config/README.md): every
 * macro they define, whatever its name, compared with cc, and the capabilities pkilab reads from the
 * text equal to those it reads from cc's dump.
 */
const VENDOR_HEADERS: { header: string; files: string[]; version: "2.28" | "3.6" }[] = [
  // Includes board_sdkconfig.h after its guard: pkilab is given that file first.
  { header: "board_mbedtls_config.h", files: ["board_sdkconfig.h", "board_mbedtls_config.h"], version: "2.28" },
  { header: "nested.h", files: ["nested.h"], version: "3.6" },
  { header: "p521-in-if-0.h", files: ["p521-in-if-0.h"], version: "3.6" },
];

describe("vendor-style headers: pkilab's macro table is cc -E -dM's", () => {
  before(() => requireProgram("cc"));

  for (const { header, files, version } of VENDOR_HEADERS) {
    it(header, () => {
      const paths = files.map((f) => path.join(FIXTURES, f));
      const result = differences(path.join(FIXTURES, header), paths, [], /./);
      assert.deepEqual(result.diffs, []);
      assert.ok(result.compared >= 8, `${result.compared} macros compared`);
      assertSameCapabilities(paths, path.join(FIXTURES, header), [], version);
    });
  }

  it("the conditionals decide: the fixtures' skipped #define lines are off", () => {
    // What makes these fixtures worth comparing: a reader that took every #define would differ.
    const board = readMbedtlsConfig(["board_sdkconfig.h", "board_mbedtls_config.h"].map((f) => path.join(FIXTURES, f)));
    assert.deepEqual(board.curves, ["P-256", "P-384"]);
    assert.equal(board.haveTimeDate, false);
    assert.equal(board.inContentLen, 4096);
    assert.equal(board.outContentLen, 2048);
    assert.equal(board.mpiMaxBytes, 256);
    assert.equal(board.macros["MBEDTLS_SSL_SRV_C"], undefined);
    assert.equal(board.macros["MBEDTLS_AES_ALT"], undefined);
    assert.deepEqual(board.contradictions, []);

    const nested = readMbedtlsConfig([path.join(FIXTURES, "nested.h")]);
    assert.deepEqual(nested.curves, ["P-256", "P-384", "secp256k1", "brainpoolP256r1"]);
    assert.equal(nested.inContentLen, 4096);
    assert.equal(nested.maxIntermediates, 3);
    assert.equal(nested.maxFragmentLength, false);
    assert.equal(nested.tls12, true);
    assert.equal(nested.tls13, false);
    assert.deepEqual(nested.contradictions, []);

    assert.ok(!readMbedtlsConfig([path.join(FIXTURES, "p521-in-if-0.h")]).curves.includes("P-521"));
  });
});
