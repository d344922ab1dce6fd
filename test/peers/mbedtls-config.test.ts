// src/peers/parse/mbedtls-config.ts against small headers written here and against the real thing:
// Debian's libmbedtls-dev (2.28.3) header, read as text and through gcc's own preprocessor
// (`gcc -E -dM`), whose check_config.h also says which contradictions really stop a build; and the
// 3.6.6 source tree's mbedtls_config.h (scripts/install-peers.sh unpacks it; test/helpers/mbedtls.ts
// peersDir() finds it), read as text and through gcc with 3.6's build_info.h.
// test/peers/mbedtls-config-cc.test.ts compares the preprocessor itself with cc on every configs/ header.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { readMbedtlsConfig } from "../../src/app/read-mbedtls-config.js";
import { defaultCapabilities, type MbedtlsCapabilities } from "../../src/peers/parse/mbedtls-config.js";
import { REPO_ROOT, tempDir } from "../helpers/cli.js";
import { peersDir } from "../helpers/mbedtls.js";
import { requireProgram, run } from "../helpers/peers.js";

const SYSTEM_CONFIG = "/usr/include/mbedtls/config.h";
const work = tempDir("mbedtls-config");
after(() => rmSync(work, { recursive: true, force: true }));

let fileCount = 0;
/** Writes `text` to a fresh directory under `work` as `name` and returns its path. */
function write(name: string, text: string | Buffer): string {
  const dir = path.join(work, `f${fileCount++}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The capability fields: everything but where they came from, the raw table and the problems. */
function capabilities(c: MbedtlsCapabilities): Omit<MbedtlsCapabilities, "versionSource" | "source" | "macros" | "contradictions"> {
  const { versionSource: _vs, source: _s, macros: _m, contradictions: _c, ...rest } = c;
  return rest;
}

/**
 * Runs gcc's preprocessor on `source` with the 2.28 system headers (and `dir` on the include path)
 * and returns the `-dM` macro dump's path, plus stderr (where #error lines land).
 */
function gccDump(dir: string, source: string, defines: string[] = []): { file: string; code: number; stderr: string } {
  const r = run("gcc", ["-E", "-dM", "-I/usr/include", `-I${dir}`, ...defines.map((d) => `-D${d}`), "-"], { input: source });
  const file = path.join(dir, `dump-${fileCount++}.txt`);
  writeFileSync(file, r.stdout);
  return { file, code: r.code, stderr: r.stderr };
}

/** The key exchanges gcc's check_config.h stops on ("MBEDTLS_KEY_EXCHANGE_X_ENABLED defined, but not all prerequisites"). */
function kxErrors(stderr: string): string[] {
  const found = new Set([...stderr.matchAll(/MBEDTLS_KEY_EXCHANGE_(\w+?)_ENABLED defined, but not all prerequisites/g)].map((m) => m[1]!));
  return [...found].sort();
}

const CERT_KX = ["ECDHE_ECDSA", "ECDHE_RSA", "DHE_RSA", "RSA", "ECDH_ECDSA", "ECDH_RSA"];
const ALL_CURVES = ["P-192", "P-224", "P-256", "P-384", "P-521", "secp192k1", "secp224k1", "secp256k1", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1", "x25519", "x448"];

function isInputError(fileName: string, pattern: RegExp): (err: unknown) => boolean {
  return (err) => {
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    assert.equal(err.exitCode, 2);
    assert.ok(!err.message.includes("\n"), `one line: ${err.message}`);
    assert.ok(err.message.includes(fileName), `names ${fileName}: ${err.message}`);
    assert.match(err.message, pattern);
    return true;
  };
}

describe("mbedTLS stock configurations", () => {
  it("2.28 and 3.6 defaults: all 13 curves, every certificate key exchange, every hash, 16 KB buffers", () => {
    for (const version of ["2.28", "3.6"] as const) {
      const c = defaultCapabilities(version);
      assert.equal(c.version, version);
      assert.equal(c.source, `mbedTLS ${version} default configuration`);
      assert.deepEqual(c.curves, ALL_CURVES);
      assert.deepEqual(c.keyExchanges, CERT_KX);
      // SHA1_C is compiled in by default; whether SHA-1 certificates are accepted is the X.509 profile's business.
      assert.deepEqual(c.hashes, ["sha1", "sha224", "sha256", "sha384", "sha512"]);
      assert.equal(c.mpiMaxBytes, 1024);
      assert.equal(c.inContentLen, 16384);
      assert.equal(c.outContentLen, 16384);
      assert.equal(c.maxIntermediates, 8);
      assert.equal(c.tls12, true);
      assert.equal(c.haveTimeDate, true);
      assert.equal(c.pemParse, true);
      assert.equal(c.maxFragmentLength, true);
      assert.equal(c.checkKeyUsage, true);
      assert.equal(c.checkExtendedKeyUsage, true);
      assert.equal(c.rsa && c.pkcs1v15 && c.pkcs1v21 && c.ecdsa, true);
      assert.deepEqual(c.contradictions, []);
      assert.equal(c.curveMacros["P-521"], "MBEDTLS_ECP_DP_SECP521R1_ENABLED");
      assert.equal(c.curveMacros["x25519"], "MBEDTLS_ECP_DP_CURVE25519_ENABLED");
      assert.equal(c.curveMacros["brainpoolP384r1"], "MBEDTLS_ECP_DP_BP384R1_ENABLED");
    }
    // TLS 1.3 is on by default in 3.6 [3.6.6 include/mbedtls/mbedtls_config.h:1885]; 2.28 has none.
    assert.equal(defaultCapabilities("3.6").tls13, true);
    assert.equal(defaultCapabilities("2.28").tls13, false);
    // PBES2 with AES-CBC arrived in 3.6.0 [3.6.6 ChangeLog:636-637].
    assert.equal(defaultCapabilities("3.6").pkcs5Aes, true);
    assert.equal(defaultCapabilities("2.28").pkcs5Aes, false);
  });
});

describe("the installed mbedTLS 2.28 header (libmbedtls-dev)", () => {
  before(() => {
    if (!existsSync(SYSTEM_CONFIG)) {
      assert.fail(`${SYSTEM_CONFIG} is missing: install Debian's libmbedtls-dev (scripts/install-peers.sh does); these tests check the parser against it`);
    }
    requireProgram("gcc");
  });

  it("read as text, it is 2.28 and gives exactly the stock 2.28 capabilities", () => {
    const parsed = readMbedtlsConfig([SYSTEM_CONFIG]);
    assert.equal(parsed.version, "2.28");
    assert.match(parsed.versionSource, /^guessed from config\.h \(MBEDTLS_SSL_MAX_CONTENT_LEN is a 2\.28 option/);
    assert.equal(parsed.source, SYSTEM_CONFIG);
    assert.deepEqual(capabilities(parsed), capabilities(defaultCapabilities("2.28")));
    assert.deepEqual(parsed.contradictions, []);

    // The built-in stock table is what the header says, option by option...
    const stock = defaultCapabilities("2.28").macros;
    for (const name of Object.keys(stock)) assert.equal(parsed.macros[name], true, `${name} is on in ${SYSTEM_CONFIG}`);
    // ...and names no option the header leaves off among those pkilab reads.
    const read = /^MBEDTLS_(ECP_DP_\w+|KEY_EXCHANGE_\w+|SHA\d+_C|SHA512_NO_SHA384|PKCS1_V\d+|SSL_PROTO_(TLS\w*|SSL3)|HAVE_TIME\w*|X509_CHECK_\w+|RSA_C|ECDSA_C|ECDH_C|DHM_C|ECP_C|PEM_PARSE_C|BASE64_C|PKCS5_C|X509_CRL_PARSE_C)$/;
    for (const name of Object.keys(parsed.macros).filter((n) => read.test(n))) {
      assert.ok(name in stock, `${name} is on in ${SYSTEM_CONFIG} but not in the built-in 2.28 table`);
    }
    // Commented-out options stay out; values keep their text.
    assert.equal(parsed.macros["MBEDTLS_SSL_MAX_CONTENT_LEN"], undefined);
    assert.equal(parsed.macros["MBEDTLS_KEY_EXCHANGE_ECJPAKE_ENABLED"], undefined);
  });

  it("a `gcc -E -dM` dump of it gives the same capabilities as the text", () => {
    const text = readMbedtlsConfig([SYSTEM_CONFIG]);
    const dir = path.dirname(write("x", ""));
    // config.h alone, and config.h with the headers the SSL and X.509 modules include.
    for (const source of ['#include "mbedtls/config.h"\n', '#include "mbedtls/config.h"\n#include "mbedtls/ssl.h"\n#include "mbedtls/x509_crt.h"\n']) {
      const dump = gccDump(dir, source);
      assert.equal(dump.code, 0, dump.stderr);
      const parsed = readMbedtlsConfig([dump.file]);
      assert.equal(parsed.version, "2.28");
      assert.match(parsed.versionSource, /^guessed from dump-\d+\.txt \(MBEDTLS_\w+ is (a 2\.28|the include guard)/);
      assert.deepEqual(capabilities(parsed), capabilities(text));
      assert.deepEqual(parsed.contradictions, []);
    }
  });

  it("a user config's #define and #undef override it the way MBEDTLS_USER_CONFIG_FILE does", () => {
    // A small device's overrides: IN 4096, MPI 256, no P-521, no SHA-512.
    const user = write(
      "user.h",
      `/* device overrides */
#undef MBEDTLS_ECP_DP_SECP521R1_ENABLED
#define MBEDTLS_SSL_IN_CONTENT_LEN 4096
#define MBEDTLS_MPI_MAX_SIZE 256 /**< RSA-2048 at most */
#undef MBEDTLS_SHA512_C
#undef MBEDTLS_HAVE_TIME_DATE
#undef MBEDTLS_KEY_EXCHANGE_DHE_RSA_ENABLED
`,
    );
    const text = readMbedtlsConfig([SYSTEM_CONFIG, user]);
    assert.equal(text.version, "2.28");
    assert.equal(text.source, `${SYSTEM_CONFIG}, ${user}`);
    assert.deepEqual(text.curves, ALL_CURVES.filter((c) => c !== "P-521"));
    assert.deepEqual(text.hashes, ["sha1", "sha224", "sha256"]);
    assert.deepEqual(text.keyExchanges, CERT_KX.filter((k) => k !== "DHE_RSA"));
    assert.equal(text.inContentLen, 4096);
    assert.equal(text.outContentLen, 16384);
    assert.equal(text.mpiMaxBytes, 256);
    assert.equal(text.haveTimeDate, false);
    assert.deepEqual(text.contradictions, []);
    assert.equal(text.macros["MBEDTLS_SHA512_C"], undefined);

    const dump = gccDump(path.dirname(user), '#include "mbedtls/config.h"\n#include "mbedtls/ssl.h"\n', ['MBEDTLS_USER_CONFIG_FILE="user.h"']);
    assert.equal(dump.code, 0, dump.stderr);
    assert.deepEqual(capabilities(readMbedtlsConfig([dump.file])), capabilities(text));
  });

  it("each key exchange it reports as missing a prerequisite is one gcc's check_config.h stops on", () => {
    const prerequisites = ["MBEDTLS_ECDH_C", "MBEDTLS_ECDSA_C", "MBEDTLS_RSA_C", "MBEDTLS_PKCS1_V15", "MBEDTLS_DHM_C", "MBEDTLS_X509_CRT_PARSE_C"];
    for (const prerequisite of prerequisites) {
      const user = write("user.h", `#undef ${prerequisite}\n`);
      const parsed = readMbedtlsConfig([SYSTEM_CONFIG, user]);
      const flagged = parsed.contradictions
        .map((c) => /^MBEDTLS_KEY_EXCHANGE_(\w+)_ENABLED$/.exec(c.macro)?.[1])
        .filter((k): k is string => k !== undefined && CERT_KX.includes(k))
        .sort();
      const dump = gccDump(path.dirname(user), '#include "mbedtls/config.h"\n', ['MBEDTLS_USER_CONFIG_FILE="user.h"']);
      const gccFlagged = kxErrors(dump.stderr).filter((k) => CERT_KX.includes(k));
      assert.ok(gccFlagged.length > 0, `gcc reports something for #undef ${prerequisite}`);
      assert.deepEqual(flagged, gccFlagged, `#undef ${prerequisite}`);
      // A key exchange that cannot build is not counted as enabled.
      for (const kx of flagged) assert.ok(!parsed.keyExchanges.includes(kx), `${kx} is off without ${prerequisite}`);
      for (const c of parsed.contradictions.filter((x) => x.macro.startsWith("MBEDTLS_KEY_EXCHANGE_"))) {
        assert.match(c.message, new RegExp(`^${SYSTEM_CONFIG.replace(/[./]/g, "\\$&")}:\\d+: ${c.macro} needs ${prerequisite}`));
      }
    }
  });

  it("MBEDTLS_ECP_MAX_BITS 384 with P-521 enabled is a contradiction, as gcc's ecp.h says", () => {
    const user = write("user.h", "#define MBEDTLS_ECP_MAX_BITS 384\n");
    const parsed = readMbedtlsConfig([SYSTEM_CONFIG, user]);
    assert.deepEqual(
      parsed.contradictions.map((c) => c.macro),
      ["MBEDTLS_ECP_MAX_BITS"],
    );
    assert.match(parsed.contradictions[0]!.message, /user\.h:1: MBEDTLS_ECP_MAX_BITS is 384 but P-521 \(MBEDTLS_ECP_DP_SECP521R1_ENABLED\) needs 521/);
    // The option does not disable curves: ecp.h only checks it [2.28.3 include/mbedtls/ecp.h:288-305].
    assert.ok(parsed.curves.includes("P-521"));
    const dump = gccDump(path.dirname(user), '#include "mbedtls/config.h"\n#include "mbedtls/ecp.h"\n', ['MBEDTLS_USER_CONFIG_FILE="user.h"']);
    assert.notEqual(dump.code, 0);
    assert.match(dump.stderr, /MBEDTLS_ECP_MAX_BITS is smaller than the largest supported curve/);

    // Without P-521 (and the 512- and 448-bit curves) 384 is enough, for gcc and for pkilab.
    const fits = write(
      "user.h",
      "#define MBEDTLS_ECP_MAX_BITS 384\n#undef MBEDTLS_ECP_DP_SECP521R1_ENABLED\n#undef MBEDTLS_ECP_DP_BP512R1_ENABLED\n#undef MBEDTLS_ECP_DP_CURVE448_ENABLED\n",
    );
    assert.deepEqual(readMbedtlsConfig([SYSTEM_CONFIG, fits]).contradictions, []);
    const ok = gccDump(path.dirname(fits), '#include "mbedtls/config.h"\n#include "mbedtls/ecp.h"\n', ['MBEDTLS_USER_CONFIG_FILE="user.h"']);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it("HAVE_TIME_DATE without HAVE_TIME, PEM without BASE64, RSA without PKCS#1: contradictions gcc also stops on", () => {
    const cases: [string, string, RegExp][] = [
      ["#undef MBEDTLS_HAVE_TIME\n", "MBEDTLS_HAVE_TIME_DATE", /MBEDTLS_HAVE_TIME_DATE without MBEDTLS_HAVE_TIME/],
      ["#undef MBEDTLS_BASE64_C\n", "MBEDTLS_PEM_PARSE_C", /MBEDTLS_PEM_PARSE_C defined, but not all prerequisites/],
      ["#undef MBEDTLS_PKCS1_V15\n#undef MBEDTLS_PKCS1_V21\n", "MBEDTLS_RSA_C", /MBEDTLS_RSA_C defined, but none of the PKCS1 versions enabled/],
    ];
    for (const [text, macro, gccError] of cases) {
      const user = write("user.h", text);
      const parsed = readMbedtlsConfig([SYSTEM_CONFIG, user]);
      assert.ok(parsed.contradictions.some((c) => c.macro === macro), `${macro} flagged for ${text.trim()}`);
      const dump = gccDump(path.dirname(user), '#include "mbedtls/config.h"\n', ['MBEDTLS_USER_CONFIG_FILE="user.h"']);
      assert.match(dump.stderr, gccError);
    }
    const noBase64 = readMbedtlsConfig([SYSTEM_CONFIG, write("user.h", "#undef MBEDTLS_BASE64_C\n")]);
    assert.equal(noBase64.pemParse, false);
  });
});

describe("the mbedTLS 3.6.6 header (source tree)", () => {
  const src = path.join(peersDir(), "src", "3.6");
  const header = path.join(src, "include", "mbedtls", "mbedtls_config.h");
  before(() => {
    if (!existsSync(header)) assert.fail(`${header} is missing: run scripts/install-peers.sh (the README's test command does); these tests check the parser against it`);
    requireProgram("gcc");
  });

  it("read as text, it is 3.6 and gives exactly the stock 3.6 capabilities", () => {
    const parsed = readMbedtlsConfig([header]);
    assert.equal(parsed.version, "3.6");
    assert.match(parsed.versionSource, /^guessed from mbedtls_config\.h \(/);
    assert.deepEqual(capabilities(parsed), capabilities(defaultCapabilities("3.6")));
    assert.deepEqual(parsed.contradictions, []);
    // The built-in stock table is what the header says, option by option, and names every option
    // pkilab reads that the header turns on.
    const stock = defaultCapabilities("3.6").macros;
    for (const name of Object.keys(stock)) assert.equal(parsed.macros[name], true, `${name} is on in ${header}`);
    const read = /^MBEDTLS_(ECP_DP_\w+|KEY_EXCHANGE_\w+|SHA\d+_C|PKCS1_V\d+|SSL_PROTO_TLS\w*|HAVE_TIME\w*|RSA_C|ECDSA_C|ECDH_C|DHM_C|ECP_C|PEM_PARSE_C|BASE64_C|PKCS5_C|AES_C|CIPHER_MODE_CBC|SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED|X509_RSASSA_PSS_SUPPORT|X509_CRT_PARSE_C|X509_CRL_PARSE_C)$/;
    for (const name of Object.keys(parsed.macros).filter((n) => read.test(n))) {
      assert.ok(name in stock, `${name} is on in ${header} but not in the built-in 3.6 table`);
    }
  });

  it("with a user config, the text and gcc's dump through build_info.h give the same capabilities", () => {
    const user = write(
      "user.h",
      "#define MBEDTLS_SSL_IN_CONTENT_LEN 4096\n#define MBEDTLS_MPI_MAX_SIZE 256\n#undef MBEDTLS_ECP_DP_SECP521R1_ENABLED\n#undef MBEDTLS_SHA384_C\n#undef MBEDTLS_SHA512_C\n#undef MBEDTLS_HAVE_TIME_DATE\n",
    );
    const text = readMbedtlsConfig([header, user]);
    assert.equal(text.version, "3.6");
    assert.deepEqual(text.curves, ALL_CURVES.filter((c) => c !== "P-521"));
    assert.deepEqual(text.hashes, ["sha1", "sha224", "sha256"]);
    assert.equal(text.inContentLen, 4096);
    assert.equal(text.outContentLen, 16384);
    assert.equal(text.mpiMaxBytes, 256);
    assert.equal(text.haveTimeDate, false);
    assert.deepEqual(text.contradictions, []);
    const r = run("gcc", ["-E", "-dM", "-I", path.join(src, "include"), "-I", path.dirname(user), '-DMBEDTLS_USER_CONFIG_FILE="user.h"', "-"], {
      input: '#include "mbedtls/build_info.h"\n#include "mbedtls/ssl.h"\n#include "mbedtls/x509_crt.h"\n',
    });
    assert.equal(r.code, 0, r.stderr);
    const dump = write("dump.txt", r.stdout);
    const fromDump = readMbedtlsConfig([dump]);
    assert.match(fromDump.versionSource, /MBEDTLS_VERSION_NUMBER 0x03060600/);
    assert.deepEqual(capabilities(fromDump), capabilities(text));
  });
});

// Seed 000 (STM32Cube_FW_F7 V1.15.0 SSL_Client, Stack Overflow 68112910): the ClientHello offered one
// suite (c02b, ECDHE-ECDSA-AES128-GCM-SHA256), one group (secp224r1), SHA-256/SHA-224 with ECDSA and
// RSA, SNI, encrypt_then_mac, extended_master_secret and session_ticket, max version 3.3. Google
// answered alert 40. The fix was enabling MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED "along with the
// required MBEDTLS_RSA_C, MBEDTLS_PKCS1_V21, MBEDTLS_PKCS1_V15", and secp256r1 instead of secp224r1.
// The header below is that device's config as the ClientHello shows it, in STM32Cube's layout. The
// post does not say which PKCS#1 version was on: RSA_C was (RSA signature algorithms were offered),
// and 2.28's check_config.h wants one with it ("MBEDTLS_RSA_C defined, but none of the PKCS1
// versions enabled"); PKCS1_V21 alone is the reading under which "the required ... MBEDTLS_PKCS1_V15"
// for ECDHE_RSA was still missing.
const SEED_000 = `/**
  ******************************************************************************
  * @file    mbedtls_config.h
  * @brief   the mbedtls custom config header file.
  ******************************************************************************
  */
#ifndef MBEDTLS_CONFIG_H
#define MBEDTLS_CONFIG_H

/* System support */
#define MBEDTLS_HAVE_ASM
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT

/* mbed TLS feature support */
#define MBEDTLS_CIPHER_MODE_CBC
#define MBEDTLS_ECP_DP_SECP224R1_ENABLED           /* supported_groups: secp224r1 (0x0015) only */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED   /* the one suite offered: c02b */
#define MBEDTLS_SSL_ENCRYPT_THEN_MAC
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET
#define MBEDTLS_SSL_PROTO_TLS1_2                   /* client hello, max version: [3:3] */
#define MBEDTLS_SSL_SERVER_NAME_INDICATION
#define MBEDTLS_SSL_SESSION_TICKETS

/* mbed TLS modules */
#define MBEDTLS_AES_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CTR_DRBG_C
#define MBEDTLS_DEBUG_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_GCM_C
#define MBEDTLS_MD_C
#define MBEDTLS_NET_C
#define MBEDTLS_OID_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_RSA_C          /* rsa_pkcs1_sha256 and SHA224 RSA in signature_algorithms */
#define MBEDTLS_SHA256_C       /* SHA-256 and SHA-224 only: no SHA-384/512 signature algorithms */
#define MBEDTLS_SSL_CLI_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_USE_C

#include "mbedtls/check_config.h"

#endif /* MBEDTLS_CONFIG_H */
`;

// Seed 002 (Mbed TLS forum, "mbedTLS SSL handshake issue 2"): the STM32F4 server's config, verbatim,
// as fixtures/make-mbedtls.ts copied it from the seed into the fixture.
const SEED_002 = readFileSync(path.join(REPO_ROOT, "fixtures", "mbedtls", "seed-002-p521-key-small-device", "config.h"), "utf8");

describe("seed configurations", () => {
  before(() => requireProgram("gcc"));

  it("seed 000: ECDHE_ECDSA only, secp224r1 only", () => {
    const file = write("mbedtls_config.h", SEED_000);
    const c = readMbedtlsConfig([file]);
    assert.equal(c.version, "2.28");
    assert.equal(c.versionSource, "guessed from mbedtls_config.h (MBEDTLS_CONFIG_H is the include guard of 2.28's config.h (3.x's mbedtls_config.h has none))");
    assert.deepEqual(c.curves, ["P-224"]);
    assert.deepEqual(c.keyExchanges, ["ECDHE_ECDSA"]);
    assert.deepEqual(c.hashes, ["sha224", "sha256"]);
    assert.equal(c.rsa, true);
    assert.equal(c.pkcs1v15, false);
    assert.equal(c.pkcs1v21, true);
    assert.equal(c.ecdsa, true);
    assert.equal(c.tls12, true);
    assert.equal(c.tls13, false);
    // Options the file leaves out are off: it is the whole configuration (MBEDTLS_CONFIG_FILE).
    assert.equal(c.haveTimeDate, false);
    assert.equal(c.checkKeyUsage, false);
    assert.equal(c.maxFragmentLength, false);
    assert.equal(c.inContentLen, 16384);
    assert.deepEqual(c.contradictions, []);

    // gcc agrees, and 2.28's check_config.h accepts the file.
    const dump = gccDump(path.dirname(file), '#include "mbedtls/ssl.h"\n#include "mbedtls/x509_crt.h"\n', ['MBEDTLS_CONFIG_FILE="mbedtls_config.h"']);
    assert.equal(dump.code, 0, dump.stderr);
    assert.deepEqual(capabilities(readMbedtlsConfig([dump.file])), capabilities(c));
  });

  it("seed 000 fixed: ECDHE_RSA with RSA_C, PKCS1_V15 and PKCS1_V21, and P-256", () => {
    const file = write("mbedtls_config.h", SEED_000);
    const fix = write(
      "fix.h",
      `#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_PKCS1_V15
#undef  MBEDTLS_ECP_DP_SECP224R1_ENABLED
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
`,
    );
    const c = readMbedtlsConfig([file, fix]);
    assert.deepEqual(c.keyExchanges, ["ECDHE_ECDSA", "ECDHE_RSA"]);
    assert.deepEqual(c.curves, ["P-256"]);
    assert.equal(c.pkcs1v15, true);
    assert.equal(c.pkcs1v21, true);
    assert.deepEqual(c.contradictions, []);

    // ECDHE_RSA alone (without PKCS1_V15) does not build: pkilab says so and counts it as off.
    const half = write("half.h", "#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED\n");
    const broken = readMbedtlsConfig([file, half]);
    assert.deepEqual(broken.keyExchanges, ["ECDHE_ECDSA"]);
    assert.deepEqual(broken.contradictions.map((x) => x.macro), ["MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED"]);
    assert.match(broken.contradictions[0]!.message, /half\.h:1: MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED needs MBEDTLS_PKCS1_V15, which is not defined/);
    // gcc agrees. (STM32Cube's header includes check_config.h itself, so the line goes in before that.)
    const joined = write("joined.h", SEED_000.replace('#include "mbedtls/check_config.h"', '#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED\n#include "mbedtls/check_config.h"'));
    const joinedDump = gccDump(path.dirname(joined), '#include "joined.h"\n');
    assert.notEqual(joinedDump.code, 0);
    assert.deepEqual(kxErrors(joinedDump.stderr), ["ECDHE_RSA"]);
  });

  it("seed 002: P-256/P-384 only, MPI_MAX_SIZE 48, SSL_MAX_CONTENT_LEN 1024, no HAVE_TIME_DATE", () => {
    const file = write("config.h", SEED_002);
    const c = readMbedtlsConfig([file]);
    assert.equal(c.version, "2.28");
    assert.equal(c.versionSource, "guessed from config.h (MBEDTLS_SSL_MAX_CONTENT_LEN is a 2.28 option, removed in 3.0)");
    assert.deepEqual(c.curves, ["P-256", "P-384"]);
    assert.deepEqual(c.keyExchanges, ["ECDHE_ECDSA"]);
    assert.deepEqual(c.hashes, ["sha224", "sha256", "sha384", "sha512"]);
    assert.equal(c.mpiMaxBytes, 48);
    assert.equal(c.inContentLen, 1024);
    assert.equal(c.outContentLen, 1024);
    assert.equal(c.maxIntermediates, 8);
    assert.equal(c.haveTimeDate, false);
    assert.equal(c.rsa, false);
    assert.equal(c.pemParse, true);
    assert.equal(c.maxFragmentLength, true);
    assert.equal(c.checkKeyUsage, false);
    assert.equal(c.pkcs5Aes, false);
    // ECP_MAX_BITS 384 covers P-384: no contradiction.
    assert.deepEqual(c.contradictions, []);
    // The backslash-continued value is read whole; a `0` value still means "defined".
    assert.equal(
      String(c.macros["MBEDTLS_SSL_CIPHERSUITES"]).replace(/\s+/g, " "),
      "MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    );
    assert.equal(c.macros["MBEDTLS_SSL_KEEP_PEER_CERTIFICATE"], "0");

    // gcc with the 2.28 headers: the config builds, and the dump reads the same. (Not under the name
    // config.h: `#include MBEDTLS_CONFIG_FILE` in mbedtls/ssl.h would find mbedtls/config.h first.)
    const device = write("device_config.h", SEED_002);
    const built = gccDump(path.dirname(device), '#include "device_config.h"\n#include "mbedtls/check_config.h"\n');
    assert.equal(built.code, 0, built.stderr);
    const dump = gccDump(path.dirname(device), '#include "mbedtls/ssl.h"\n#include "mbedtls/x509_crt.h"\n', ['MBEDTLS_CONFIG_FILE="device_config.h"']);
    assert.equal(dump.code, 0, dump.stderr);
    const fromDump = readMbedtlsConfig([dump.file]);
    assert.equal(fromDump.version, "2.28");
    assert.deepEqual(capabilities(fromDump), capabilities(c));
  });
});

describe("CRL parsing (MBEDTLS_X509_CRL_PARSE_C)", () => {
  it("on in both stock configs, off in seed 002 and after an #undef; gcc's dump agrees", () => {
    assert.equal(defaultCapabilities("2.28").crlParse, true);
    assert.equal(defaultCapabilities("3.6").crlParse, true);
    assert.equal(readMbedtlsConfig([SYSTEM_CONFIG]).crlParse, true);
    // Seed 002's firmware config never defines it: that device cannot load a CRL at all.
    assert.equal(readMbedtlsConfig([write("config.h", SEED_002)]).crlParse, false);
    const override = write("no_crl.h", "#undef MBEDTLS_X509_CRL_PARSE_C\n");
    assert.equal(readMbedtlsConfig([SYSTEM_CONFIG, override]).crlParse, false);
    const dump = gccDump(path.dirname(override), '#include "mbedtls/config.h"\n#include "no_crl.h"\n#include "mbedtls/check_config.h"\n');
    assert.equal(dump.code, 0, dump.stderr);
    assert.equal(readMbedtlsConfig([dump.file]).crlParse, false);
  });
});

describe("which version", () => {
  const cases: { name: string; text: string; version: "2.28" | "3.6"; source: RegExp }[] = [
    { name: "SSL_MAX_CONTENT_LEN", text: "#define MBEDTLS_SSL_MAX_CONTENT_LEN 4096\n", version: "2.28", source: /^guessed from h\.h \(MBEDTLS_SSL_MAX_CONTENT_LEN is a 2\.28 option/ },
    { name: "X509_CHECK_KEY_USAGE", text: "#define MBEDTLS_X509_CHECK_KEY_USAGE\n", version: "2.28", source: /MBEDTLS_X509_CHECK_KEY_USAGE is a 2\.28 option/ },
    { name: "ECP_MAX_BITS", text: "#define MBEDTLS_ECP_C\n#define MBEDTLS_ECP_DP_SECP256R1_ENABLED\n#define MBEDTLS_ECP_MAX_BITS 256\n", version: "2.28", source: /MBEDTLS_ECP_MAX_BITS is a 2\.28 option/ },
    { name: "include guard", text: "#ifndef MBEDTLS_CONFIG_H\n#define MBEDTLS_CONFIG_H\n#define MBEDTLS_ECP_C\n#endif\n", version: "2.28", source: /MBEDTLS_CONFIG_H is the include guard/ },
    { name: "commented-out 2.28 option", text: "#define MBEDTLS_ECP_C\n//#define MBEDTLS_SSL_MAX_CONTENT_LEN 16384\n", version: "2.28", source: /MBEDTLS_SSL_MAX_CONTENT_LEN/ },
    { name: "SSL_PROTO_TLS1_3", text: "#define MBEDTLS_SSL_PROTO_TLS1_3\n", version: "3.6", source: /^guessed from h\.h \(MBEDTLS_SSL_PROTO_TLS1_3 is a 3\.x option/ },
    { name: "SHA384_C", text: "#define MBEDTLS_SHA384_C\n", version: "3.6", source: /MBEDTLS_SHA384_C is a 3\.x option/ },
    { name: "PSA_WANT_", text: "#define PSA_WANT_ALG_SHA_256 1\n", version: "3.6", source: /PSA_WANT_ALG_SHA_256 is a 3\.x PSA option/ },
    { name: "CONFIG_VERSION (commented out)", text: "//#define MBEDTLS_CONFIG_VERSION 0x03000000\n#define MBEDTLS_ECP_C\n", version: "3.6", source: /MBEDTLS_CONFIG_VERSION exists only in 3\.x/ },
    { name: "#undef of a 3.x option", text: "#undef MBEDTLS_SSL_PROTO_TLS1_3\n", version: "3.6", source: /MBEDTLS_SSL_PROTO_TLS1_3/ },
    { name: "3.x option beats a 2.28 leftover", text: "#ifndef MBEDTLS_CONFIG_H\n#define MBEDTLS_SSL_MAX_CONTENT_LEN 4096\n#define MBEDTLS_SSL_PROTO_TLS1_3\n#endif\n", version: "3.6", source: /MBEDTLS_SSL_PROTO_TLS1_3/ },
    { name: "2.28 TLS 1.3 prototype", text: "//#define MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL\n#define MBEDTLS_ECP_C\n", version: "2.28", source: /MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL is a 2\.28 option/ },
    { name: "a 3.x option in a skipped #if group", text: "#if 0\n#define MBEDTLS_SSL_PROTO_TLS1_3\n#endif\n#define MBEDTLS_ECP_C\n", version: "3.6", source: /^guessed from h\.h \(MBEDTLS_SSL_PROTO_TLS1_3 is a 3\.x option/ },
    { name: "nothing decides", text: "#define MBEDTLS_ECP_C\n#define MBEDTLS_ECP_DP_SECP256R1_ENABLED\n", version: "3.6", source: /^default$/ },
  ];
  for (const { name, text, version, source } of cases) {
    it(`${name} -> ${version}`, () => {
      const c = readMbedtlsConfig([write("h.h", text)]);
      assert.equal(c.version, version);
      assert.match(c.versionSource, source);
    });
  }

  it("MBEDTLS_VERSION_NUMBER in a macro dump decides", () => {
    const dump = (n: string) => write("dump.txt", `#define __STDC__ 1\n#define __GNUC__ 12\n#define MBEDTLS_VERSION_NUMBER ${n}\n#define MBEDTLS_ECP_C \n#define MBEDTLS_SSL_MAX_CONTENT_LEN 16384\n`);
    const old = readMbedtlsConfig([dump("0x021C0A00")]);
    assert.equal(old.version, "2.28");
    assert.equal(old.versionSource, "guessed from dump.txt (MBEDTLS_VERSION_NUMBER 0x021C0A00)");
    const current = readMbedtlsConfig([dump("0x03060600")]);
    assert.equal(current.version, "3.6");
    assert.equal(current.versionSource, "guessed from dump.txt (MBEDTLS_VERSION_NUMBER 0x03060600, read as 3.6)");
  });

  it("--mbedtls-version wins over the guess", () => {
    const c = readMbedtlsConfig([write("h.h", "#define MBEDTLS_SSL_PROTO_TLS1_3\n#define MBEDTLS_SSL_PROTO_TLS1_2\n")], { version: "2.28" });
    assert.equal(c.version, "2.28");
    assert.equal(c.versionSource, "--mbedtls-version");
    assert.equal(c.tls13, false);
    // Read as 2.28, the 3.x option is one 2.28 ignores.
    assert.deepEqual(c.contradictions.map((x) => x.macro), ["MBEDTLS_SSL_PROTO_TLS1_3"]);
  });
});

describe("reading header text", () => {
  it("strips comments, skips //#define, evaluates #if, ignores #include, reads CRLF files", () => {
    const text = [
      "/* block comment with a define inside",
      "#define MBEDTLS_ECP_DP_SECP521R1_ENABLED",
      "*/",
      "#define MBEDTLS_ECP_C /* trailing block comment */",
      "#define MBEDTLS_ECP_DP_SECP256R1_ENABLED // trailing line comment",
      "//#define MBEDTLS_ECP_DP_SECP384R1_ENABLED",
      "// #define MBEDTLS_ECP_DP_BP256R1_ENABLED",
      "#define MBEDTLS_MPI_MAX_SIZE            512 /**< Maximum number of bytes for usable MPIs. */",
      "#define MBEDTLS_SSL_IN_CONTENT_LEN 4096 // small device",
      '#define MBEDTLS_CONFIG_FILE "dir//name.h" /* a string keeps its slashes */',
      "#  define MBEDTLS_SHA256_C",
      "#define MBEDTLS_PARAM_FAILED( cond ) assert( cond )",
      "#if defined(_MSC_VER) && !defined(_CRT_SECURE_NO_DEPRECATE)",
      "#define _CRT_SECURE_NO_DEPRECATE 1",
      "#endif",
      "#include MBEDTLS_USER_CONFIG_FILE",
      '#include "mbedtls/check_config.h"',
      "",
    ].join("\r\n");
    const c = readMbedtlsConfig([write("device_config.h", text)], { version: "2.28" });
    assert.deepEqual(c.curves, ["P-256"]);
    assert.equal(c.mpiMaxBytes, 512);
    assert.equal(c.inContentLen, 4096);
    assert.equal(c.outContentLen, 16384);
    assert.deepEqual(c.hashes, ["sha224", "sha256"]);
    assert.equal(c.macros["MBEDTLS_CONFIG_FILE"], '"dir//name.h"');
    assert.equal(c.macros["MBEDTLS_ECP_C"], true);
    assert.equal(c.macros["MBEDTLS_PARAM_FAILED"], true);
    assert.equal(c.macros["MBEDTLS_ECP_DP_SECP521R1_ENABLED"], undefined);
    assert.equal(c.macros["MBEDTLS_ECP_DP_SECP384R1_ENABLED"], undefined);
    assert.equal(c.macros["MBEDTLS_ECP_DP_BP256R1_ENABLED"], undefined);
    // Inside `#if defined(_MSC_VER) && ...`: no compiler macro is defined, so the group is skipped, as cc -E does on Linux.
    assert.equal(c.macros["_CRT_SECURE_NO_DEPRECATE"], undefined);
  });

  it("resolves values that name other macros, casts, suffixes and arithmetic", () => {
    const text = `#define MBEDTLS_SSL_MAX_CONTENT_LEN   (4u * 1024u)
#define MBEDTLS_SSL_OUT_CONTENT_LEN   MBEDTLS_SSL_MAX_CONTENT_LEN
#define DEVICE_RX_BUFFER              2048UL
#define MBEDTLS_SSL_IN_CONTENT_LEN    ((size_t) DEVICE_RX_BUFFER)
#define MBEDTLS_MPI_MAX_SIZE          0x200
#define MBEDTLS_X509_MAX_INTERMEDIATE_CA (DEVICE_DEPTH - 1)
#define DEVICE_DEPTH                  (1 << 2)
`;
    const c = readMbedtlsConfig([write("config.h", text)]);
    assert.equal(c.version, "2.28");
    assert.equal(c.outContentLen, 4096);
    assert.equal(c.inContentLen, 2048);
    assert.equal(c.mpiMaxBytes, 512);
    assert.equal(c.maxIntermediates, 3);
    assert.equal(c.macros["MBEDTLS_SSL_OUT_CONTENT_LEN"], "MBEDTLS_SSL_MAX_CONTENT_LEN");

    // 2.28: IN/OUT follow MAX_CONTENT_LEN; an override of MAX alone moves both.
    const base = write("config.h", "#define MBEDTLS_SSL_TLS_C\n#define MBEDTLS_SSL_MAX_CONTENT_LEN 16384\n");
    const user = write("user.h", "#undef MBEDTLS_SSL_MAX_CONTENT_LEN\n#define MBEDTLS_SSL_MAX_CONTENT_LEN 2048\n#define MBEDTLS_SSL_OUT_CONTENT_LEN 1024\n");
    const both = readMbedtlsConfig([base, user]);
    assert.equal(both.inContentLen, 2048);
    assert.equal(both.outContentLen, 1024);
  });

  it("a size option pkilab cannot evaluate is an InputError naming the line", () => {
    const unknown = write("config.h", "#define MBEDTLS_SSL_TLS_C\n#define MBEDTLS_MPI_MAX_SIZE VENDOR_MPI_BYTES\n");
    assert.throws(() => readMbedtlsConfig([unknown], { version: "3.6" }), isInputError(`${unknown}:2`, /MBEDTLS_MPI_MAX_SIZE is `VENDOR_MPI_BYTES`, not a positive number pkilab can work out: define it as a number, or pass .* `cc -E -dM` macro dump/));
    const cycle = write("config.h", "#define A B\n#define B A\n#define MBEDTLS_SSL_IN_CONTENT_LEN A\n");
    assert.throws(() => readMbedtlsConfig([cycle], { version: "3.6" }), isInputError(`${cycle}:3`, /MBEDTLS_SSL_IN_CONTENT_LEN is `A`/));
  });
});

describe("macro dumps", () => {
  // A trimmed `cc -E -dM` of a 3.6.6 build through build_info.h with a user config (IN_CONTENT_LEN
  // 4096, MPI_MAX_SIZE 256, P-521 off, SHA-384/512 off): OUT stays 16384, MBEDTLS_ECP_MAX_BITS is
  // 512, MBEDTLS_ECP_HAVE_SECP521R1, MBEDTLS_MD_CAN_SHA384 and MBEDTLS_HAVE_TIME_DATE are absent.
  const curves36 = ["SECP192R1", "SECP224R1", "SECP256R1", "SECP384R1", "SECP192K1", "SECP224K1", "SECP256K1", "BP256R1", "BP384R1", "BP512R1", "CURVE25519", "CURVE448"];
  const dump36 = [
    "#define __STDC__ 1",
    "#define __GNUC__ 12",
    "#define __x86_64__ 1",
    "#define MBEDTLS_BUILD_INFO_H ",
    "#define MBEDTLS_VERSION_NUMBER 0x03060600",
    "#define MBEDTLS_HAVE_TIME ",
    ...curves36.flatMap((c) => [`#define MBEDTLS_ECP_DP_${c}_ENABLED `, `#define MBEDTLS_ECP_HAVE_${c} `]),
    "#define PSA_WANT_ECC_SECP_R1_256 1",
    "#define MBEDTLS_ECP_MAX_BITS 512",
    "#define MBEDTLS_ECP_C ",
    "#define MBEDTLS_ECDH_C ",
    "#define MBEDTLS_ECDSA_C ",
    "#define MBEDTLS_RSA_C ",
    "#define MBEDTLS_PKCS1_V15 ",
    "#define MBEDTLS_PKCS1_V21 ",
    "#define MBEDTLS_DHM_C ",
    "#define PSA_WANT_ALG_FFDH 1",
    "#define MBEDTLS_X509_CRT_PARSE_C ",
    ...["RSA", "DHE_RSA", "ECDHE_RSA", "ECDHE_ECDSA", "ECDH_ECDSA", "ECDH_RSA"].map((k) => `#define MBEDTLS_KEY_EXCHANGE_${k}_ENABLED `),
    "#define MBEDTLS_SHA1_C ",
    "#define MBEDTLS_SHA224_C ",
    "#define MBEDTLS_SHA256_C ",
    "#define MBEDTLS_MD_CAN_SHA1 ",
    "#define MBEDTLS_MD_CAN_SHA224 ",
    "#define MBEDTLS_MD_CAN_SHA256 ",
    "#define MBEDTLS_SSL_PROTO_TLS1_2 ",
    "#define MBEDTLS_SSL_PROTO_TLS1_3 ",
    "#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED ",
    "#define MBEDTLS_SSL_IN_CONTENT_LEN 4096",
    "#define MBEDTLS_SSL_OUT_CONTENT_LEN 16384",
    "#define MBEDTLS_MPI_MAX_SIZE 256",
    "#define MBEDTLS_MPI_MAX_BITS (8 * MBEDTLS_MPI_MAX_SIZE)",
    "#define MBEDTLS_X509_MAX_INTERMEDIATE_CA 8",
    "#define MBEDTLS_PEM_PARSE_C ",
    "#define MBEDTLS_BASE64_C ",
    "#define MBEDTLS_PKCS5_C ",
    "#define MBEDTLS_AES_C ",
    "#define MBEDTLS_CIPHER_MODE_CBC ",
    "",
  ].join("\n");

  it("a 3.6 dump: version from MBEDTLS_VERSION_NUMBER, derived ECP_MAX_BITS not reported", () => {
    const c = readMbedtlsConfig([write("mbedtls-macros.txt", dump36)]);
    assert.equal(c.version, "3.6");
    assert.match(c.versionSource, /MBEDTLS_VERSION_NUMBER 0x03060600/);
    assert.deepEqual(c.curves, ALL_CURVES.filter((x) => x !== "P-521"));
    assert.deepEqual(c.hashes, ["sha1", "sha224", "sha256"]);
    assert.deepEqual(c.keyExchanges, CERT_KX);
    assert.equal(c.inContentLen, 4096);
    assert.equal(c.outContentLen, 16384);
    assert.equal(c.mpiMaxBytes, 256);
    assert.equal(c.haveTimeDate, false);
    assert.equal(c.tls13, true);
    assert.equal(c.checkKeyUsage, true);
    assert.equal(c.pkcs5Aes, true);
    assert.deepEqual(c.contradictions, []);
  });

  it("in a 3.6 text config, MBEDTLS_ECP_MAX_BITS is a 2.28 leftover", () => {
    const c = readMbedtlsConfig([write("mbedtls_config.h", "#define MBEDTLS_ECP_C\n#define MBEDTLS_ECP_DP_SECP256R1_ENABLED\n#define MBEDTLS_ECP_MAX_BITS 256\n")], { version: "3.6" });
    assert.deepEqual(c.contradictions.map((x) => x.macro), ["MBEDTLS_ECP_MAX_BITS"]);
  });
});

describe("3.6 contradictions", () => {
  const BASE_36 = `/* a trimmed 3.6 mbedtls_config.h */
#define MBEDTLS_HAVE_TIME
#define MBEDTLS_HAVE_TIME_DATE
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA384_C
#define MBEDTLS_X509_CRT_PARSE_C
`;

  it("MBEDTLS_SSL_MAX_CONTENT_LEN and X509_CHECK_KEY_USAGE in a 3.6 config are ignored there", () => {
    const base = write("mbedtls_config.h", BASE_36);
    const user = write("user.h", "#define MBEDTLS_SSL_MAX_CONTENT_LEN 4096\n#undef MBEDTLS_X509_CHECK_KEY_USAGE\n#define MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE\n");
    const c = readMbedtlsConfig([base, user]);
    assert.equal(c.version, "3.6");
    assert.match(c.versionSource, /^guessed from mbedtls_config\.h \(MBEDTLS_SSL_PROTO_TLS1_3 is a 3\.x option/);
    assert.deepEqual(c.contradictions.map((x) => x.macro), ["MBEDTLS_SSL_MAX_CONTENT_LEN", "MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE"]);
    assert.match(c.contradictions[0]!.message, /user\.h:1: MBEDTLS_SSL_MAX_CONTENT_LEN is a 2\.28 option that mbedTLS 3\.x removed and ignores without a warning: set MBEDTLS_SSL_IN_CONTENT_LEN and MBEDTLS_SSL_OUT_CONTENT_LEN instead/);
    // Ignored means ignored: the buffers keep 3.6's 16384, and KU/EKU are always checked.
    assert.equal(c.inContentLen, 16384);
    assert.equal(c.outContentLen, 16384);
    assert.equal(c.checkKeyUsage, true);
    assert.deepEqual(c.curves, ["P-256", "P-384"]);
    assert.deepEqual(c.hashes, ["sha256", "sha384"]);
    assert.deepEqual(c.keyExchanges, ["ECDHE_ECDSA"]);
  });

  it("3.6: a curve enabled through PSA_WANT_ECC_x counts, and key exchanges may rely on PSA", () => {
    const c = readMbedtlsConfig([
      write("crypto_config.h", "#define MBEDTLS_SSL_PROTO_TLS1_3\n#define PSA_WANT_ECC_SECP_R1_256 1\n#define PSA_WANT_ALG_ECDH 1\n#define PSA_WANT_ALG_ECDSA 1\n#define PSA_WANT_ALG_SHA_256 1\n#define MBEDTLS_X509_CRT_PARSE_C\n#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED\n"),
    ]);
    assert.equal(c.version, "3.6");
    assert.deepEqual(c.curves, ["P-256"]);
    assert.deepEqual(c.hashes, ["sha256"]);
    assert.deepEqual(c.keyExchanges, ["ECDHE_ECDSA"]);
    assert.equal(c.ecdsa, true);
    assert.deepEqual(c.contradictions, []);
  });

  it("3.6 options 3.x refuses, and TLS 1.3 without ECDSA or PSS", () => {
    const c = readMbedtlsConfig([write("mbedtls_config.h", "#define MBEDTLS_SSL_PROTO_TLS1_3\n#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED\n#define MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_CERTIFICATES\n")]);
    assert.deepEqual(c.contradictions.map((x) => x.macro).sort(), ["MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED", "MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_CERTIFICATES"]);
  });
});

describe("bad input", () => {
  const notHeader = /holds no #define lines: pass the device's config\.h \/ mbedtls_config\.h or a `cc -E -dM` macro dump$/;

  it("a binary file, a PEM certificate, JSON, an empty file", () => {
    const inputs: [string, string | Buffer][] = [
      ["cert.der", Buffer.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x01, 0x00, 0x00, 0x23, 0x64, 0x65, 0x66])],
      ["cert.pem", "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n"],
      ["config.json", '{ "MBEDTLS_SSL_IN_CONTENT_LEN": 4096 }\n'],
      ["empty.h", ""],
      ["prose.h", "/* #define MBEDTLS_X is documented here */\n#include <stdint.h>\n"],
    ];
    for (const [name, content] of inputs) {
      const file = write(name, content);
      assert.throws(() => readMbedtlsConfig([file]), isInputError(file, notHeader), name);
    }
  });

  it("a missing file and a directory", () => {
    const missing = path.join(work, "no-such-config.h");
    assert.throws(() => readMbedtlsConfig([missing]), isInputError(missing, /: no such file or directory: pass the device's config\.h/));
    assert.throws(() => readMbedtlsConfig([work]), isInputError(work, /: this is a directory, not a file: pass/));
  });

  it("an endless device is read only up to PREPROCESSOR_LIMITS.maxSourceChars", () => {
    assert.throws(() => readMbedtlsConfig(["/dev/zero"]), isInputError("/dev/zero", /: is more than 16777216 bytes, more than pkilab reads as a config header \(PREPROCESSOR_LIMITS\.maxSourceChars = 16777216\)/));
  });

  it("a bad override file is reported by its own name", () => {
    const main = write("config.h", SEED_002);
    const bad = write("user.json", "{}\n");
    assert.throws(() => readMbedtlsConfig([main, bad]), isInputError(bad, notHeader));
  });
});
