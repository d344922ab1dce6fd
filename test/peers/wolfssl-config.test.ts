// src/peers/parse/wolfssl-config.ts on Debian's real wolfssl/options.h (libwolfssl-dev 5.5.4) and on
// user_settings.h-style files; `--wolfssl-config` on the command line. What the defaults do on the
// real library is shown by test/peers/wolfssl-lint.test.ts.
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { parseWolfsslConfig } from "../../src/peers/parse/wolfssl-config.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { SYSTEM_OPTIONS_H, wolfsslVersion } from "../helpers/wolfssl.js";

const work = tempDir("wolfssl-config");
after(() => rmSync(work, { recursive: true, force: true }));
const parse = (text: string, name = "user_settings.h") => parseWolfsslConfig([{ name, text }]);

describe("wolfSSL config: Debian's options.h", () => {
  it("reads the installed options.h (libwolfssl-dev 5.5.4)", () => {
    assert.equal(wolfsslVersion(), "5.5.4");
    assert.ok(existsSync(SYSTEM_OPTIONS_H));
    const caps = parseWolfsslConfig([{ name: SYSTEM_OPTIONS_H, text: readFileSync(SYSTEM_OPTIONS_H, "utf8") }]);
    assert.equal(caps.version, "5.5.4");
    // HAVE_ECC, no ECC_USER_CURVES, ECC_MIN_KEY_SZ 224: P-192 is not in the table.
    assert.deepEqual(caps.curves, ["P-224", "P-256", "secp256k1", "brainpoolP256r1", "P-384", "brainpoolP384r1", "brainpoolP512r1", "P-521"]);
    assert.equal(caps.eccMinKeySz, 224);
    assert.equal(caps.minRsaBits, 1024);
    assert.equal(caps.minEccBits, 224);
    assert.deepEqual(caps.hashes, ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"]);
    assert.equal(caps.maxChainDepth, 9);
    assert.equal(caps.maxCertificateSz, 3 + (2048 + 3) * 9);
    assert.equal(caps.checksDates, true);
    assert.equal(caps.altCertChains, true);
    assert.equal(caps.trustsLoadedPeers, true); // WOLFSSL_TRUST_PEER_CERT + OPENSSL_COMPATIBLE_DEFAULTS
    assert.equal(caps.ipAltNames, true); // OPENSSL_ALL
    assert.equal(caps.opensslExtra, true);
    assert.deepEqual(caps.contradictions, []);
  });
});

describe("wolfSSL config: user_settings.h", () => {
  it("ECC_USER_CURVES keeps only the sizes named (P-256 unless NO_ECC256)", () => {
    assert.deepEqual(parse("#define HAVE_ECC\n#define ECC_USER_CURVES\n").curves, ["P-256"]);
    assert.deepEqual(parse("#define HAVE_ECC\n#define ECC_USER_CURVES\n#define NO_ECC256\n#define HAVE_ECC384\n").curves, ["P-384"]);
    assert.deepEqual(parse("#define HAVE_ECC\n#define ECC_USER_CURVES\n#define HAVE_ECC521\n#define HAVE_ECC_KOBLITZ\n").curves, ["P-256", "secp256k1", "P-521"]);
    assert.deepEqual(parse("#define NO_RSA\n").curves, [], "no HAVE_ECC: no curves");
  });

  it("ECC_MIN_KEY_SZ, or WOLFSSL_MIN_ECC_BITS given in the config, removes the smaller sizes", () => {
    assert.deepEqual(parse("#define HAVE_ECC\n#define ECC_MIN_KEY_SZ 192\n").curves.slice(0, 2), ["P-192", "P-224"]);
    const caps = parse("#define HAVE_ECC\n#define WOLFSSL_MIN_ECC_BITS 384\n");
    assert.deepEqual(caps.curves, ["P-384", "P-521"]);
    assert.equal(caps.minEccBits, 384);
  });

  it("key minimums: WOLFSSL_MIN_RSA_BITS, WOLFSSL_MAX_STRENGTH; not a multiple of 8 is a contradiction", () => {
    assert.equal(parse("#define WOLFSSL_MIN_RSA_BITS 2048\n").minRsaBits, 2048);
    const strong = parse("#define WOLFSSL_MAX_STRENGTH\n");
    assert.equal(strong.minRsaBits, 2048);
    assert.equal(strong.minEccBits, 256);
    assert.match(parse("#define WOLFSSL_MIN_RSA_BITS 2050\n").contradictions[0]!.message, /multiple of 8/);
  });

  it("hashes, dates, host matching, chain depth and buffer sizes", () => {
    const caps = parse(
      ["#define NO_SHA", "#define NO_MD5", "#define NO_ASN_TIME", "#define WOLFSSL_ALLOW_NO_CN_IN_SAN", "#define MAX_CHAIN_DEPTH 4", "#define WOLFSSL_IP_ALT_NAME"].join("\n"),
    );
    assert.deepEqual(caps.hashes, ["sha256"]);
    assert.equal(caps.checksDates, false);
    assert.equal(caps.cnWithAltNames, true);
    assert.equal(caps.altCertChains, false);
    assert.equal(caps.trustsLoadedPeers, false);
    assert.equal(caps.ipAltNames, true);
    assert.equal(caps.maxChainDepth, 4);
    assert.equal(caps.maxCertificateSz, 3 + 2051 * 4);
    assert.equal(parse("#define MAX_CERTIFICATE_SZ (8 * 1024)\n").maxHandshakeSz, 8192);
  });

  it("honours #if / #ifdef as a compiler does", () => {
    const text = ["#define TARGET_SMALL 1", "#if TARGET_SMALL", "  #define MAX_CHAIN_DEPTH 3", "#else", "  #define MAX_CHAIN_DEPTH 9", "#endif", "#ifdef NOT_DEFINED", "#define NO_ASN_TIME", "#endif"].join("\n");
    const caps = parse(text);
    assert.equal(caps.maxChainDepth, 3);
    assert.equal(caps.checksDates, true);
  });

  it("a value pkilab cannot work out, or a file without #define, is one clear InputError", () => {
    assert.throws(() => parse("#define MAX_CHAIN_DEPTH SOMETHING_ELSE\n"), (err: unknown) => err instanceof InputError && /MAX_CHAIN_DEPTH/.test(err.message));
    assert.throws(() => parse("int x;\n"), (err: unknown) => err instanceof InputError && /no #define/.test(err.message));
  });
});

describe("pkilab lint --wolfssl-config", () => {
  it("a missing or binary file is one line, exit 2", () => {
    const binary = path.join(work, "binary.h");
    writeFileSync(binary, Buffer.from([0x23, 0x64, 0, 1, 2]));
    const lab = path.join(work, "lab");
    assert.equal(runCli(["init", lab, "--server", "localhost"]).code, 0);
    const cert = path.join(lab, "servers", "localhost", "cert.pem");
    for (const file of [path.join(work, "missing.h"), binary]) {
      const r = runCli(["lint", cert, "--wolfssl-config", file]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(path.basename(file)));
    }
  });

  it("an endless device (/dev/zero) is read only up to PREPROCESSOR_LIMITS.maxSourceChars: one line, exit 2", () => {
    const r = runCli(["peers", "wolfssl", "--wolfssl-config", "/dev/zero"]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /\/dev\/zero: is more than 16777216 bytes, more than pkilab reads as a config header/);
  });

  it("pkilab peers wolfssl --wolfssl-config prints what the device accepts", () => {
    const file = path.join(work, "user_settings.h");
    writeFileSync(file, "#define HAVE_ECC\n#define ECC_USER_CURVES\n#define NO_ECC256\n#define HAVE_ECC384\n#define MAX_CHAIN_DEPTH 3\n");
    const r = runCli(["peers", "wolfssl", "--wolfssl-config", file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /curves: P-384 \(ECC_MIN_KEY_SZ 224\)/);
    assert.match(r.stdout, /reads at most 3 certificates/);
  });

  it("implies --for wolfssl and names the config in the verdict", () => {
    const lab = path.join(work, "lab2");
    assert.equal(runCli(["init", lab, "--server", "localhost"]).code, 0);
    const r = runCli(["lint", path.join(lab, "servers", "localhost", "cert.pem"), "--wolfssl-config", SYSTEM_OPTIONS_H, "--host", "localhost", "--json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as { verdicts: { peer: string; assumed: string[] }[] };
    assert.equal(report.verdicts[0]!.peer, "wolfssl");
    assert.ok(report.verdicts[0]!.assumed.some((a) => a.includes("options.h")), report.verdicts[0]!.assumed.join("; "));
    assert.ok(report.verdicts[0]!.assumed.some((a) => a.includes("wolfSSL 5.5.4")));
  });
});
