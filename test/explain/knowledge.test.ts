// The knowledge tables of `pkilab explain` (src/knowledge/) checked against the REAL
// libraries, never against themselves:
// - mbedTLS 2.28: Debian's libmbedtls-dev headers (/usr/include/mbedtls) for names, values and the
//   cited lines; mbedtls_strerror / mbedtls_x509_crt_verify_info from Debian's libmbedtls for texts.
// - mbedTLS 3.6: the Debian source tree's include/mbedtls and a stock build of it
//   (mbedtlsBuild("3.6")); the alert-selection chain is read from library/ssl_tls.c of both trees.
// - OpenSSL 3.0: /usr/include/openssl/x509_vfy.h (libssl-dev), X509_verify_cert_error_string,
//   SSL_alert_desc_string_long and the alert error reasons from libssl/libcrypto.
// - Messages: real `openssl s_server` / `s_client` and curl runs, the installed nginx binary's
//   strings, fixtures/nginx-logs/ (real nginx lines) and mbedTLS' own format strings.
// Text convention: mbedtls_strerror prints "MODULE - text"; the tables keep `module` and `text`
// apart, so the real string must equal `${module} - ${text}`.
// A missing peer (gcc, headers, libssl-dev, sources, openssl, curl, nginx) fails with the install
// command; nothing is skipped. The 1.1.x OpenSSL texts cannot be run here (no 1.1 library): they
// are cited from OpenSSL 1.1.1 crypto/x509/x509_txt.c in src/knowledge/openssl-verify.ts.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { REASONS, type ReasonId } from "../../src/chain/reasons.js";
import {
  decodeMbedtlsError,
  decodeVerifyFlags,
  findMbedtlsError,
  formatMbedtlsCode,
  MBEDTLS_ERRORS,
  MBEDTLS_VERIFY_FLAGS,
  MBEDTLS_VERIFY_UNKNOWN_TEXT,
  mbedtlsAlertForFlags,
  type MbedtlsErrorEntry,
} from "../../src/knowledge/mbedtls-errors.js";
import { captureNumber, matchMessages, MESSAGES, type KnownMessage } from "../../src/knowledge/messages.js";
import {
  findOpensslVerifyError,
  findOpensslVerifyErrorByText,
  OPENSSL_VERIFY_ERRORS,
  OPENSSL_VERIFY_UNKNOWN_TEXT,
  pkilabReasonsFor,
} from "../../src/knowledge/openssl-verify.js";
import { alertFromOpensslErrorCode, findTlsAlert, findTlsAlertByReason, TLS_ALERTS } from "../../src/knowledge/tls-alerts.js";
import { REPO_ROOT, tempDir } from "../helpers/cli.js";
import { mbedtlsBuild, peersDir, startOpensslServer, type MbedtlsBuild, type OpensslServer } from "../helpers/mbedtls.js";
import { requireProgram } from "../helpers/peers.js";

const INSTALL = "run scripts/install-peers.sh (the README's test command does)";
const work = tempDir("explain-knowledge");
after(() => rmSync(work, { recursive: true, force: true }));

/** The headers whose MBEDTLS_ERR_* codes the table covers (platform.h holds PLATFORM_* in 2.28; 3.x moved them to error.h). */
const COVERED_HEADERS = [
  "ssl", "x509", "pk", "ecp", "bignum", "pem", "pkcs5", "pkcs12", "rsa", "asn1", "oid", "base64", "md", "cipher", "net_sockets", "error", "platform",
];

function requireFile(file: string, what: string): string {
  if (!existsSync(file)) throw new Error(`${file} not found (${what}): ${INSTALL}`);
  return file;
}

interface Define {
  name: string;
  value: number;
  file: string;
  line: number;
}

/** Every `#define NAME VALUE` in `files` matching `re` (group 1 name, group 2 value as written). */
function parseDefines(dir: string, files: string[], re: RegExp, parse: (v: string) => number): Define[] {
  const out: Define[] = [];
  for (const file of files) {
    const p = path.join(dir, file);
    if (!existsSync(p)) continue;
    readFileSync(p, "utf8").split("\n").forEach((text, i) => {
      const m = re.exec(text);
      if (m) out.push({ name: m[1]!, value: parse(m[2]!), file, line: i + 1 });
    });
  }
  return out;
}

const ERR_DEFINE = /^#define\s+(MBEDTLS_ERR_\w+)\s+(-0x[0-9A-Fa-f]+)\b/;
const parseNegHex = (v: string) => -Number.parseInt(v.slice(3), 16);

/** Compiles a C program from `source` with gcc and returns the binary's path; a failure throws with gcc's output. */
function compile(name: string, source: string, cflags: string[], ldflags: string[]): string {
  const gcc = requireProgram("gcc");
  const src = path.join(work, `${name}.c`);
  const bin = path.join(work, name);
  writeFileSync(src, source);
  const cc = spawnSync(gcc, ["-std=c99", "-Wall", "-O1", ...cflags, "-o", bin, src, ...ldflags], { encoding: "utf8" });
  if (cc.status !== 0) throw new Error(`gcc ${name}.c failed (${INSTALL}):\n${cc.stderr}`);
  return bin;
}

function runBinary(bin: string, args: string[]): string {
  const r = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Prints `err <arg>\t<mbedtls_strerror>` for a code, `flag <arg>\t<verify_info line(s)>` for "f<flags>". */
const MBEDTLS_TEXTS_C = `
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <mbedtls/error.h>
#include <mbedtls/x509_crt.h>
static char buf[16384];
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == 'f') {
      uint32_t f = (uint32_t) strtoul(argv[i] + 1, NULL, 0);
      if (mbedtls_x509_crt_verify_info(buf, sizeof buf, "", f) < 0) return 2;
      printf("flag %s\\t%s", argv[i] + 1, buf);
    } else {
      mbedtls_strerror((int) strtol(argv[i], NULL, 0), buf, sizeof buf);
      printf("err %s\\t%s\\n", argv[i], buf);
    }
  }
  return 0;
}
`;

interface MbedtlsTexts {
  strerror: Map<number, string>;
  verifyInfo: Map<number, string>;
}

function mbedtlsTexts(bin: string, codes: number[], flags: number[]): MbedtlsTexts {
  const args = [...codes.map((c) => `-0x${(-c).toString(16)}`), ...flags.map((f) => `f0x${f.toString(16)}`)];
  const strerror = new Map<number, string>();
  const verifyInfo = new Map<number, string>();
  let lastFlag: number | undefined;
  for (const line of runBinary(bin, args).split("\n")) {
    const err = /^err (-0x[0-9a-f]+)\t(.*)$/.exec(line);
    const flag = /^flag (0x[0-9a-f]+)\t(.*)$/.exec(line);
    if (err) strerror.set(parseNegHex(err[1]!), err[2]!);
    else if (flag) {
      lastFlag = Number.parseInt(flag[1]!.slice(2), 16);
      verifyInfo.set(lastFlag, flag[2]!);
    } else if (line !== "" && lastFlag !== undefined) verifyInfo.set(lastFlag, `${verifyInfo.get(lastFlag)}\n${line}`);
  }
  return { strerror, verifyInfo };
}

interface Line {
  label: "2.28" | "3.6";
  version: string;
  includeDir: string;
  nameOf: (e: MbedtlsErrorEntry) => string | undefined;
  textOf: (e: MbedtlsErrorEntry) => string | undefined;
  build: () => Promise<MbedtlsBuild>;
  /** The unpacked source tree (library/ssl_tls.c). */
  srcDir: () => string;
}

const LINES: Line[] = [
  {
    label: "2.28",
    version: "2.28.3",
    includeDir: "/usr/include",
    nameOf: (e) => e.name28,
    textOf: (e) => e.text28,
    build: () => mbedtlsBuild("2.28-system"),
    srcDir: () => path.join(peersDir(), "src", "2.28"),
  },
  {
    label: "3.6",
    version: "3.6.6",
    includeDir: path.join(peersDir(), "src", "3.6", "include"),
    nameOf: (e) => e.name36,
    textOf: (e) => e.text36,
    build: () => mbedtlsBuild("3.6"),
    srcDir: () => path.join(peersDir(), "src", "3.6"),
  },
];

function headerVersion(includeDir: string): string {
  for (const file of ["mbedtls/build_info.h", "mbedtls/version.h"]) {
    const p = path.join(includeDir, file);
    if (!existsSync(p)) continue;
    const m = /#define\s+MBEDTLS_VERSION_STRING\s+"([^"]+)"/.exec(readFileSync(p, "utf8"));
    if (m) return m[1]!;
  }
  throw new Error(`no mbedTLS headers in ${includeDir}: ${INSTALL}`);
}

for (const line of LINES) {
  describe(`mbedTLS ${line.label} error codes against the real headers and library`, () => {
    let defines: Define[] = [];
    let texts: MbedtlsTexts;
    before(async () => {
      const dir = path.join(line.includeDir, "mbedtls");
      requireFile(path.join(dir, "ssl.h"), `mbedTLS ${line.label} headers`);
      // The citations say which release; a different release on this machine would make them wrong.
      assert.equal(headerVersion(line.includeDir), line.version, `the tables cite mbedTLS ${line.version}`);
      defines = parseDefines(dir, COVERED_HEADERS.map((h) => `${h}.h`), ERR_DEFINE, parseNegHex);
      assert.ok(defines.length > 150, `only ${defines.length} MBEDTLS_ERR_ defines found in ${dir}`);
      const build = await line.build();
      const bin = compile(`mbedtls-texts-${line.label}`, MBEDTLS_TEXTS_C, build.cflags, build.ldflags);
      const composite = [-0x262e, -0x21e2, -0x2562, -0x112c, -0x2262, -0x3b00 - 0x10];
      texts = mbedtlsTexts(bin, [...MBEDTLS_ERRORS.map((e) => e.code), ...composite], [...MBEDTLS_VERIFY_FLAGS.map((f) => f.flag), 0x100000]);
    });

    it("every entry's name is #defined with that value, at the cited line", () => {
      for (const e of MBEDTLS_ERRORS) {
        const name = line.nameOf(e);
        if (!name) continue;
        const d = defines.find((x) => x.name === name);
        assert.ok(d, `${name} (${formatMbedtlsCode(e.code)}) is not defined in mbedTLS ${line.version}'s covered headers`);
        assert.equal(d.value, e.code, `${name}: header says ${formatMbedtlsCode(d.value)}, table says ${formatMbedtlsCode(e.code)}`);
        const cite = `[${line.version} include/mbedtls/${d.file}:${d.line}]`;
        assert.ok(e.cite.includes(cite), `${name}: cite "${e.cite}" should contain ${cite}`);
      }
    });

    it("every code of the covered headers is in the table (no missing codes)", () => {
      const missing = defines.filter((d) => !MBEDTLS_ERRORS.some((e) => e.code === d.value && line.nameOf(e) === d.name));
      assert.deepEqual(missing.map((d) => `${d.name} ${formatMbedtlsCode(d.value)} (${d.file}:${d.line})`), []);
    });

    it("level follows the composition rule of include/mbedtls/error.h", () => {
      for (const e of MBEDTLS_ERRORS) {
        const hi = -e.code & 0xff80;
        assert.equal(e.level, hi ? "high" : "low", `${formatMbedtlsCode(e.code)}`);
        assert.ok(hi === 0 || (-e.code & 0x7f) === 0, `${formatMbedtlsCode(e.code)} mixes a high and a low part`);
      }
    });

    it("texts are mbedtls_strerror's, as `${module} - ${text}`", () => {
      for (const e of MBEDTLS_ERRORS) {
        const real = texts.strerror.get(e.code);
        assert.ok(real !== undefined, `no strerror output for ${formatMbedtlsCode(e.code)}`);
        const text = line.textOf(e);
        if (text === undefined) {
          assert.match(real, /^UNKNOWN ERROR CODE/, `${formatMbedtlsCode(e.code)} has no ${line.label} text in the table but strerror knows it: ${real}`);
          assert.equal(line.nameOf(e), undefined, `${formatMbedtlsCode(e.code)}: a ${line.label} name without a ${line.label} text`);
        } else {
          assert.equal(real, `${e.module} - ${text}`, `${formatMbedtlsCode(e.code)} ${line.nameOf(e) ?? ""}`);
        }
      }
    });

    it("decodeMbedtlsError splits composite codes the way mbedtls_strerror prints them", () => {
      for (const code of [-0x262e, -0x21e2, -0x2562, -0x112c, -0x2262, -0x3b10]) {
        const { high, low } = decodeMbedtlsError(code);
        assert.ok(high && low, `${formatMbedtlsCode(code)} should decode into two known parts`);
        const expected = `${high.module} - ${line.textOf(high)} : ${low.module} - ${line.textOf(low)}`;
        assert.equal(texts.strerror.get(code), expected, formatMbedtlsCode(code));
      }
      // -0x262E = X509_UNKNOWN_SIG_ALG + OID_NOT_FOUND, and single parts.
      assert.equal(decodeMbedtlsError(-0x262e).high?.name28, "MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG");
      assert.equal(decodeMbedtlsError(-0x262e).low?.name36, "MBEDTLS_ERR_OID_NOT_FOUND");
      assert.deepEqual(Object.keys(decodeMbedtlsError(-0x7780)), ["high"]);
      assert.deepEqual(Object.keys(decodeMbedtlsError(-0x0050)), ["low"]);
      assert.equal(decodeMbedtlsError(0x7780).high?.code, -0x7780, "an unsigned paste means the negative code");
      assert.equal(findMbedtlsError(-0x7a00)?.name28, "MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE");
      assert.equal(findMbedtlsError(-0x7a00)?.name36, "MBEDTLS_ERR_SSL_BAD_CERTIFICATE");
    });

    it("verify flags: names and values are x509.h's, texts are mbedtls_x509_crt_verify_info's", () => {
      const dir = path.join(line.includeDir, "mbedtls");
      const flags = parseDefines(dir, ["x509.h"], /^#define\s+(MBEDTLS_X509_BAD(?:CERT|CRL)_\w+)\s+(0x[0-9A-Fa-f]+)\b/, (v) => Number.parseInt(v.slice(2), 16));
      assert.deepEqual(
        flags.map((d) => [d.name, d.value]),
        MBEDTLS_VERIFY_FLAGS.map((f) => [f.name, f.flag]),
      );
      for (const d of flags) {
        const f = MBEDTLS_VERIFY_FLAGS.find((x) => x.name === d.name);
        assert.ok(f, d.name);
        assert.ok(f.cite.includes(`[${line.version} include/mbedtls/x509.h:${d.line}]`), `${d.name}: cite should contain x509.h:${d.line}`);
        assert.equal(texts.verifyInfo.get(d.value), f.text, d.name);
      }
      assert.equal(texts.verifyInfo.get(0x100000), MBEDTLS_VERIFY_UNKNOWN_TEXT);
      const all = decodeVerifyFlags(0xffffffff);
      assert.equal(all.flags.length, MBEDTLS_VERIFY_FLAGS.length);
      assert.equal(all.allBitsSet, true);
      assert.equal(all.unknownBits, 0xfff00000);
      assert.deepEqual(decodeVerifyFlags(0x0c).flags.map((f) => f.name), ["MBEDTLS_X509_BADCERT_CN_MISMATCH", "MBEDTLS_X509_BADCERT_NOT_TRUSTED"]);
    });

    it("the alert sent for verify flags follows library/ssl_tls.c's first-match chain", () => {
      const source = readFileSync(requireFile(path.join(line.srcDir(), "library", "ssl_tls.c"), `mbedTLS ${line.label} sources`), "utf8");
      const start = source.indexOf("verify_result & MBEDTLS_X509_BADCERT_OTHER");
      const end = source.indexOf("alert = MBEDTLS_SSL_ALERT_MSG_CERT_UNKNOWN;", start);
      assert.ok(start > 0 && end > start, "alert chain not found in ssl_tls.c");
      const alertValues = new Map(
        parseDefines(path.join(line.includeDir, "mbedtls"), ["ssl.h"], /^#define\s+(MBEDTLS_SSL_ALERT_MSG_\w+)\s+(\d+)\b/, Number).map((d) => [d.name, d.value]),
      );
      const chain = [...source.slice(start - 60, end).matchAll(/verify_result & (MBEDTLS_X509_\w+)\)\s*\{\s*alert = (MBEDTLS_SSL_ALERT_MSG_\w+);/g)].map((m) => {
        const flag = MBEDTLS_VERIFY_FLAGS.find((f) => f.name === m[1]);
        const alert = alertValues.get(m[2]!);
        assert.ok(flag && alert !== undefined, `unknown flag or alert in the chain: ${m[1]} ${m[2]}`);
        return { flag: flag.flag, alert };
      });
      assert.ok(chain.length >= 9, `only ${chain.length} branches parsed`);
      const real = (flags: number) => chain.find((b) => (flags & b.flag) !== 0)?.alert ?? alertValues.get("MBEDTLS_SSL_ALERT_MSG_CERT_UNKNOWN");
      const cases = [...MBEDTLS_VERIFY_FLAGS.map((f) => f.flag), 0x08 | 0x01, 0x01 | 0x02, 0x04 | 0x08, 0x200 | 0x4000, 0x1000 | 0x01, 0xffffffff];
      for (const flags of cases) {
        assert.equal(mbedtlsAlertForFlags(flags, line.label), real(flags), `flags 0x${flags.toString(16)}`);
      }
      if (line.label === "2.28") for (const f of MBEDTLS_VERIFY_FLAGS) assert.equal(f.alert, real(f.flag), `${f.name}.alert`);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// OpenSSL
// ---------------------------------------------------------------------------------------------

const OPENSSL_C = `
#include <stdio.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>
int main(void) {
  OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL);
  for (int n = 0; n < 128; n++) printf("verify\\t%d\\t%s\\n", n, X509_verify_cert_error_string(n));
  for (int n = 0; n < 256; n++) {
    unsigned long e = ERR_PACK(ERR_LIB_SSL, 0, SSL_AD_REASON_OFFSET + n);
    const char *r = ERR_reason_error_string(e);
    printf("alert\\t%d\\t%s\\t%s\\t%08lX\\n", n, SSL_alert_desc_string_long(n), r ? r : "", e);
  }
  printf("version\\t%s\\n", OpenSSL_version(OPENSSL_VERSION));
  return 0;
}
`;

interface OpensslFacts {
  verifyText: Map<number, string>;
  alertLong: Map<number, string>;
  alertReason: Map<number, string>;
  alertErrorCode: Map<number, string>;
  version: string;
}

let opensslFacts: OpensslFacts | undefined;
function openssl(): OpensslFacts {
  if (opensslFacts) return opensslFacts;
  requireFile("/usr/include/openssl/ssl.h", "libssl-dev");
  const bin = compile("openssl-texts", OPENSSL_C, [], ["-lssl", "-lcrypto"]);
  const facts: OpensslFacts = { verifyText: new Map(), alertLong: new Map(), alertReason: new Map(), alertErrorCode: new Map(), version: "" };
  for (const l of runBinary(bin, []).split("\n")) {
    const f = l.split("\t");
    if (f[0] === "verify") facts.verifyText.set(Number(f[1]), f[2]!);
    if (f[0] === "alert") {
      facts.alertLong.set(Number(f[1]), f[2]!);
      if (f[3] !== "") facts.alertReason.set(Number(f[1]), f[3]!);
      facts.alertErrorCode.set(Number(f[1]), f[4]!);
    }
    if (f[0] === "version") facts.version = f[1]!;
  }
  return (opensslFacts = facts);
}

describe("OpenSSL verify errors against x509_vfy.h and X509_verify_cert_error_string", () => {
  it("the library is OpenSSL 3.0, the version the texts are from", () => {
    assert.match(openssl().version, /^OpenSSL 3\.0\./);
  });

  it("numbers and names are x509_vfy.h's, at the cited line; every number there is in the table", () => {
    const header = requireFile("/usr/include/openssl/x509_vfy.h", "libssl-dev");
    const defs = parseDefines(path.dirname(header), ["x509_vfy.h"], /^#\s*define\s+(X509_V_(?:OK|ERR_\w+))\s+(\d+)\b/, Number);
    assert.ok(defs.length >= 95, `only ${defs.length} X509_V_ defines parsed`);
    for (const d of defs) {
      const e = findOpensslVerifyError(d.value);
      assert.ok(e, `${d.name} ${d.value} missing from the table`);
      assert.equal(e.name, d.name, `${d.value}`);
      assert.ok(e.cite.includes(`[3.0.19 include/openssl/x509_vfy.h:${d.line}]`), `${d.name}: cite "${e.cite}"`);
    }
    for (const e of OPENSSL_VERIFY_ERRORS) {
      const inHeader = defs.some((d) => d.value === e.code);
      assert.equal(inHeader, e.since !== "3.2", `${e.code} ${e.name}: in the 3.0 header = ${inHeader}, since = ${e.since ?? "(1.x)"}`);
    }
    assert.deepEqual(OPENSSL_VERIFY_ERRORS.map((e) => e.code), Array.from({ length: 96 }, (_, i) => i));
  });

  it("texts are X509_verify_cert_error_string's (3.0); numbers 3.0 does not know say so", () => {
    const real = openssl().verifyText;
    for (const e of OPENSSL_VERIFY_ERRORS) {
      if (e.since === "3.2") assert.equal(real.get(e.code), OPENSSL_VERIFY_UNKNOWN_TEXT, `${e.code} should be unknown to 3.0`);
      else assert.equal(real.get(e.code), e.text, `${e.code} ${e.name}`);
      assert.notEqual(e.text11, e.text, `${e.code}: text11 is only for a different 1.1.x wording`);
    }
    // Every number 3.0 knows is covered.
    for (const [n, text] of real) if (text !== OPENSSL_VERIFY_UNKNOWN_TEXT) assert.ok(findOpensslVerifyError(n), `${n} "${text}" missing`);
    // Texts are unique among 3.x wordings, so a text-only line (curl) finds its number.
    for (const [n, text] of real) if (text !== OPENSSL_VERIFY_UNKNOWN_TEXT) assert.equal(findOpensslVerifyErrorByText(text)?.code, n, text);
    assert.equal(findOpensslVerifyErrorByText("unsupported certificate purpose")?.code, 26, "1.1.x wording of 26");
    assert.equal(findOpensslVerifyErrorByText("self signed certificate")?.code, 18, "1.1.x wording of 18");
  });

  it("pkilab's reason ids carry OpenSSL's real numbers and texts", () => {
    const real = openssl().verifyText;
    for (const id of Object.keys(REASONS) as ReasonId[]) {
      const n = REASONS[id].openssl;
      if (n === null) continue; // key-mismatch: no verify error
      const text = findOpensslVerifyError(n)?.text;
      assert.equal(text, real.get(n), `src/chain/reasons.ts "${id}" says ${n}, src/knowledge/openssl-verify.ts words it "${text}", but OpenSSL's text for ${n} is "${real.get(n)}"`);
      assert.ok(pkilabReasonsFor(n).includes(id), id);
    }
  });
});

describe("TLS alerts against OpenSSL and mbedTLS", () => {
  it("names and texts match SSL_alert_desc_string_long and OpenSSL's alert error reasons", () => {
    const { alertLong, alertReason, alertErrorCode } = openssl();
    for (const a of TLS_ALERTS) {
      const long = alertLong.get(a.code);
      if (a.openssl === undefined) assert.equal(long, "unknown", `${a.code} ${a.name}: OpenSSL 3.0 knows it as "${long}"`);
      else {
        assert.equal(long, a.openssl, `${a.code} ${a.name}`);
        const words = (s: string) => s.toLowerCase().replace(/_/g, " ");
        assert.equal(words(a.name), words(a.openssl), `${a.code}: registry name vs OpenSSL`);
      }
      assert.equal(alertReason.get(a.code), a.opensslReason, `${a.code} ${a.name}: error reason`);
      if (a.opensslReason) {
        assert.equal(findTlsAlertByReason(a.opensslReason)?.code, a.code);
        assert.equal(alertFromOpensslErrorCode(`error:${alertErrorCode.get(a.code)}`), a.code, `packed code of ${a.code}`);
      }
    }
    // Every alert OpenSSL 3.0 names is in the table.
    for (const [n, long] of alertLong) if (long !== "unknown") assert.ok(findTlsAlert(n), `${n} "${long}" missing`);
    for (const n of alertReason.keys()) assert.ok(findTlsAlert(n), `${n} "${alertReason.get(n)}" missing`);
    // 3.2+ wording and the 1.1.x packing.
    assert.equal(findTlsAlertByReason("ssl/tls alert bad certificate")?.code, 42);
    assert.equal(alertFromOpensslErrorCode("error:14094412"), 42);
    assert.equal(alertFromOpensslErrorCode("error:0A0000C1"), undefined, "no shared cipher is not an alert");
  });

  for (const line of LINES) {
    it(`MBEDTLS_SSL_ALERT_MSG_* of mbedTLS ${line.label} are the table's`, () => {
      const macros = parseDefines(path.join(line.includeDir, "mbedtls"), ["ssl.h"], /^#define\s+(MBEDTLS_SSL_ALERT_MSG_\w+)\s+(\d+)\b/, Number);
      assert.ok(macros.length >= 28, `only ${macros.length} alert macros`);
      for (const m of macros) {
        const a = TLS_ALERTS.find((x) => x.mbedtls?.macro === m.name);
        assert.ok(a, `${m.name} ${m.value} missing`);
        assert.equal(a.code, m.value, m.name);
        if (line.label === "2.28") assert.equal(a.mbedtls?.in28, true, `${m.name} exists in 2.28`);
      }
      for (const a of TLS_ALERTS) {
        if (!a.mbedtls || (line.label === "2.28" && !a.mbedtls.in28)) continue;
        assert.ok(macros.some((m) => m.name === a.mbedtls?.macro), `${a.mbedtls.macro} not in mbedTLS ${line.label}`);
      }
      if (line.label === "2.28") {
        for (const a of TLS_ALERTS.filter((x) => x.mbedtls && !x.mbedtls.in28)) {
          assert.ok(!macros.some((m) => m.name === a.mbedtls?.macro), `${a.mbedtls?.macro} is in 2.28 after all`);
        }
      }
    });
  }

  it("every verify error's alert is a known alert; verify flags' alerts too", () => {
    for (const e of OPENSSL_VERIFY_ERRORS) if (e.alert !== undefined) assert.ok(findTlsAlert(e.alert), `${e.code} → ${e.alert}`);
    for (const f of MBEDTLS_VERIFY_FLAGS) assert.ok(findTlsAlert(f.alert), `${f.name} → ${f.alert}`);
  });
});

// ---------------------------------------------------------------------------------------------
// Messages against real output
// ---------------------------------------------------------------------------------------------

function byId(id: string): KnownMessage {
  const m = MESSAGES.find((x) => x.id === id);
  if (!m) throw new Error(`no message ${id}`);
  return m;
}

/** Group 1 of message `id` in `text` (throws with the text when the pattern does not match). */
function group1(id: string, text: string): string {
  const m = byId(id).pattern.exec(text);
  assert.ok(m, `${id} ${byId(id).pattern} does not match:\n${text}`);
  return m[1]!;
}

function expectNumber(id: string, text: string, expected: number): void {
  const message = byId(id);
  assert.ok(message.capture, `${id} captures no number`);
  assert.equal(captureNumber(message.capture, group1(id, text)), expected, `${id} in:\n${text}`);
}

function expectImplies(id: string, text: string): void {
  assert.ok(byId(id).pattern.test(text), `${id} ${byId(id).pattern} does not match:\n${text}`);
}

function shell(program: string, args: string[], options: { input?: string; timeoutMs?: number; cwd?: string } = {}): string {
  const r = spawnSync(program, args, { encoding: "utf8", input: options.input ?? "", timeout: options.timeoutMs ?? 20_000, cwd: options.cwd });
  if (r.error) throw r.error;
  return `${r.stdout}\n${r.stderr}`;
}

describe("messages against real programs", () => {
  const pki = path.join(work, "pki");
  const servers: OpensslServer[] = [];
  let plain: net.Server | undefined;
  let plainPort = 0;
  const at = (f: string) => path.join(pki, f);

  before(async () => {
    const ossl = requireProgram("openssl");
    requireProgram("curl");
    rmSync(pki, { recursive: true, force: true });
    const o = (args: string[]) => {
      const r = spawnSync(ossl, args, { cwd: work, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`openssl ${args.join(" ")}:\n${r.stderr}`);
    };
    mkdirSync(pki, { recursive: true });
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    o(["req", "-x509", ...ec, "-subj", "/CN=knowledge test CA", "-days", "2", "-keyout", at("ca.key"), "-out", at("ca.pem"),
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"]);
    o(["req", "-new", ...ec, "-subj", "/CN=localhost", "-keyout", at("server.key"), "-out", at("server.csr")]);
    writeFileSync(at("server.ext"), "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n");
    o(["x509", "-req", "-in", at("server.csr"), "-CA", at("ca.pem"), "-CAkey", at("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", at("server.ext"), "-out", at("server.pem")]);
    o(["req", "-x509", ...ec, "-subj", "/CN=self-signed client", "-days", "2", "-keyout", at("self.key"), "-out", at("self.pem")]);
    // A: CA-signed server, TLS 1.3. B: requires a client certificate, aborts on a bad one.
    // C: TLS 1.2 only with an ECDSA certificate (for "no shared cipher").
    servers.push(await startOpensslServer({ cert: at("server.pem"), key: at("server.key"), cwd: pki }));
    servers.push(await startOpensslServer({ cert: at("server.pem"), key: at("server.key"), cwd: pki, args: ["-Verify", "1", "-verify_return_error", "-CAfile", at("ca.pem")] }));
    servers.push(await startOpensslServer({ cert: at("server.pem"), key: at("server.key"), cwd: pki, args: ["-tls1_2"] }));
    // A plain-text server on a port the client treats as TLS ("wrong version number").
    plain = net.createServer((s) => {
      s.once("data", () => s.end("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
      s.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => plain?.listen(0, "127.0.0.1", () => resolve()));
    plainPort = (plain.address() as net.AddressInfo).port;
  });

  after(async () => {
    for (const s of servers) await s.stop();
    await new Promise<void>((resolve) => (plain ? plain.close(() => resolve()) : resolve()));
  });

  /** curl runs in a child process: spawnSync would block the event loop the plain server needs. */
  function curl(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn("curl", ["-sS", "--max-time", "10", ...args], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
      child.once("error", reject);
      child.once("close", () => resolve(out));
    });
  }

  it("curl: 'SSL certificate problem: …' carries X509_verify_cert_error_string; a SAN mismatch has its own wording", async () => {
    const a = servers[0]!;
    const unknown = await curl([`https://localhost:${a.port}/`, "--cacert", at("self.pem")]);
    const text = group1("curl-certificate-problem", unknown);
    assert.equal(findOpensslVerifyErrorByText(text)?.code, 20, unknown);
    expectImplies("unable-to-get-local-issuer", unknown);
    const mismatch = await curl([`https://127.0.0.1:${a.port}/`, "--cacert", at("ca.pem")]);
    assert.equal(group1("curl-no-alternative-name", mismatch), "127.0.0.1");
    const ok = await curl([`https://localhost:${a.port}/`, "--cacert", at("ca.pem"), "-o", "/dev/null", "-w", "%{http_code}"]);
    assert.equal(ok.trim(), "200", "the control case succeeds");
  });

  it("curl to a plain-text port: 'wrong version number'", async () => {
    const out = await curl([`https://127.0.0.1:${plainPort}/`, "-k"]);
    expectImplies("wrong-version-number", out);
  });

  it("s_client: verify errors and the verify return code carry the real number and text", () => {
    const a = servers[0]!;
    const out = shell("openssl", ["s_client", "-connect", `127.0.0.1:${a.port}`, "-servername", "localhost"], { input: "Q\n" });
    const code = captureNumber("verify", group1("openssl-verify-return-code", out));
    assert.ok(code !== undefined && code > 0, out);
    const text = /Verify return code: \d+ \(([^)]*)\)/.exec(out)?.[1];
    assert.equal(findOpensslVerifyError(code)?.text, text);
    const num = /verify error:num=(\d+):([^\n]*)/.exec(out);
    assert.ok(num, out);
    expectNumber("openssl-verify-error-num", out, Number(num[1]));
    assert.equal(findOpensslVerifyError(Number(num[1]))?.text, num[2]!.trim());
  });

  it("TLS 1.3 client without a certificate: 'tlsv13 alert certificate required', alert 116; the server says 'peer did not return a certificate'", async () => {
    const b = servers[1]!;
    const out = shell("openssl", ["s_client", "-connect", `127.0.0.1:${b.port}`, "-CAfile", at("ca.pem"), "-ign_eof"], { input: "GET / HTTP/1.0\r\n\r\n" });
    expectImplies("alert-certificate-required", out);
    expectNumber("openssl-alert-number", out, 116);
    assert.equal(findTlsAlertByReason(group1("openssl-alert-reason", out))?.code, 116);
    const errCode = /error:([0-9A-F]{8}):SSL routines:[^:]*:tlsv13 alert certificate required/.exec(out)?.[1];
    assert.ok(errCode, out);
    assert.equal(alertFromOpensslErrorCode(errCode), 116);
    await waitFor(() => /peer did not return a certificate/.test(b.output()), b.output);
    expectImplies("peer-did-not-return-certificate", b.output());
  });

  it("self-signed client certificate: the server logs verify error 18 and sends 'tlsv1 alert unknown ca', alert 48", async () => {
    const b = servers[1]!;
    const out = shell("openssl", ["s_client", "-connect", `127.0.0.1:${b.port}`, "-CAfile", at("ca.pem"), "-cert", at("self.pem"), "-key", at("self.key"), "-ign_eof"], { input: "GET / HTTP/1.0\r\n\r\n" });
    expectImplies("alert-unknown-ca", out);
    expectNumber("openssl-alert-number", out, 48);
    assert.equal(findOpensslVerifyError(18)?.alert, 48, "ssl_x509err2alert: 18 → 48, as seen");
    await waitFor(() => /verify error:num=18:/.test(b.output()), b.output);
    expectNumber("openssl-verify-error-num", b.output(), 18);
  });

  it("no common cipher: the server logs 'no shared cipher', the client gets alert 40 (also as a Postfix line)", async () => {
    const c = servers[2]!;
    const out = shell("openssl", ["s_client", "-connect", `127.0.0.1:${c.port}`, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"], { input: "Q\n" });
    expectNumber("openssl-alert-number", out, 40);
    assert.equal(findTlsAlertByReason(group1("openssl-alert-reason", out))?.code, 40);
    await waitFor(() => /no shared cipher/.test(c.output()), c.output);
    expectImplies("no-shared-cipher", c.output());
    // Postfix prints OpenSSL's error queue after its own line (📄 src/tls/tls_server.c, tls_misc.c).
    const opensslError = /error:[0-9A-F]{8}:SSL routines:[^\n]*no shared cipher[^\n]*/.exec(c.output())?.[0];
    assert.ok(opensslError, c.output());
    const postfix = `postfix/smtpd[4242]: SSL_accept error from mx.example.net[192.0.2.7]: -1\npostfix/smtpd[4242]: warning: TLS library problem: ${opensslError}`;
    assert.equal(group1("postfix-ssl-accept-error", postfix), "mx.example.net[192.0.2.7]");
    assert.ok(group1("postfix-tls-library-problem", postfix).includes("no shared cipher"));
    assert.ok(matchMessages(postfix).some((m) => m.message.id === "no-shared-cipher"));
  });

  it("every OpenSSL alert reason is recognised by the alert-reason pattern", () => {
    const { alertReason } = openssl();
    for (const [n, reason] of alertReason) {
      const line = `error:0A000${(1000 + n).toString(16).toUpperCase()}:SSL routines::${reason}:SSL alert number ${n}`;
      assert.equal(findTlsAlertByReason(group1("openssl-alert-reason", line))?.code, n, line);
      expectNumber("openssl-alert-number", line, n);
    }
  });
});

describe("messages against nginx (binary and real log lines)", () => {
  it("fixtures/nginx-logs: every verify-error line gives a number whose text is the one nginx logged", () => {
    const dir = path.join(REPO_ROOT, "fixtures", "nginx-logs");
    const files = readdirSync(requireFile(dir, "fixtures")).filter((f) => f.endsWith(".log"));
    assert.ok(files.length > 10);
    let seen = 0;
    for (const f of files) {
      for (const l of readFileSync(path.join(dir, f), "utf8").split("\n")) {
        if (!l.includes("client SSL certificate verify error")) continue;
        const m = /\((\d+):([^)]*)\)/.exec(l);
        assert.ok(m, l);
        expectNumber("nginx-client-verify-error", l, Number(m[1]));
        assert.equal(findOpensslVerifyError(Number(m[1]))?.text, m[2], `${f}: ${l}`);
        assert.ok(!byId("nginx-status-495").pattern.test(l) && !byId("nginx-status-496").pattern.test(l), `status pattern fires on ${l}`);
        seen++;
      }
    }
    assert.ok(seen >= files.length - 1, `only ${seen} verify-error lines`);
  });

  it("the nginx binary holds the pages and log formats the patterns match", () => {
    const nginx = requireProgram("nginx");
    const binary = readFileSync(nginx).toString("latin1");
    const titles = [...binary.matchAll(/<title>(4\d\d [^<]+)<\/title>/g)].map((m) => m[1]);
    for (const [id, title] of [
      ["nginx-400-ssl-certificate-error", "400 The SSL certificate error"],
      ["nginx-400-no-certificate", "400 No required SSL certificate was sent"],
      ["nginx-400-plain-http", "400 The plain HTTP request was sent to HTTPS port"],
    ] as const) {
      assert.ok(titles.includes(title), `nginx has no page "${title}" (${titles.join(", ")})`);
      expectImplies(id, `<html>\r\n<head><title>${title}</title></head>`);
    }
    const fill = (format: string, values: Record<string, string>) => format.replace(/%(?:l|s|V|d)/g, (k) => values[k] ?? "");
    const formats = {
      verify: /client SSL certificate verify error: \(%l:%s\)/,
      noCert: /client sent no required SSL certificate/,
      handshake: /SSL_do_handshake\(\) failed/,
      upstream: /upstream SSL certificate verify error: \(%l:%s\)/,
      upstreamName: /upstream SSL certificate does not match "%V"/,
    };
    for (const [k, re] of Object.entries(formats)) assert.ok(re.test(binary), `nginx binary lacks the ${k} log format ${re}`);
    expectNumber("nginx-client-verify-error", fill("client SSL certificate verify error: (%l:%s)", { "%l": "26", "%s": "unsuitable certificate purpose" }), 26);
    expectNumber("nginx-upstream-verify-error", fill("upstream SSL certificate verify error: (%l:%s)", { "%l": "20", "%s": "unable to get local issuer certificate" }), 20);
    assert.equal(group1("nginx-upstream-name-mismatch", fill('upstream SSL certificate does not match "%V"', { "%V": "api.internal" })), "api.internal");
    expectImplies("nginx-client-sent-no-certificate", "*1 client sent no required SSL certificate while reading client request headers");
    // ngx_ssl_handshake logs "SSL_do_handshake() failed" followed by OpenSSL's error queue (nginx src/event/ngx_event_openssl.c ngx_ssl_handshake(), ngx_ssl_connection_error()).
    const { alertErrorCode, alertReason } = openssl();
    for (const n of [42, 48]) {
      const l = `[info] 1#1: *19 SSL_do_handshake() failed (SSL: error:${alertErrorCode.get(n)}:SSL routines::${alertReason.get(n)}:SSL alert number ${n}) while SSL handshaking, client: 127.0.0.1`;
      expectNumber("nginx-handshake-alert", l, n);
    }
  });
});

describe("messages against mbedTLS' own output", () => {
  for (const line of LINES) {
    it(`mbedTLS ${line.label}: debug and sample-program format strings, strerror lines`, () => {
      const src = line.srcDir();
      const read = (file: string) => readFileSync(requireFile(path.join(src, file), `mbedTLS ${line.label} sources`), "utf8");
      const msg = read("library/ssl_msg.c");
      const fatal = /"(is a fatal alert message \(msg %d\))"/.exec(msg)?.[1];
      const alert = /"(got an alert message, type: \[%u:%u\])"/.exec(msg)?.[1];
      assert.ok(fatal && alert, "alert debug formats not found in ssl_msg.c");
      expectNumber("mbedtls-fatal-alert-debug", fatal.replace("%d", "48"), 48);
      expectNumber("mbedtls-alert-debug", alert.replace("%u", "2").replace("%u", "40"), 40);
      const flags = /"(! Certificate verification flags %08x)"/.exec(read("library/ssl_tls.c"))?.[1];
      assert.ok(flags, "verification flags debug format not found");
      expectNumber("mbedtls-verify-flags-debug", flags.replace("%08x", "00000008"), 8);
      const returned = /"( failed\\n {2}! mbedtls_ssl_handshake returned -0x%x)\\n/.exec(read("programs/ssl/ssl_client2.c"))?.[1];
      assert.ok(returned, "ssl_client2's handshake failure format not found");
      for (const code of [0x7780, 0x2700, 0x50]) expectNumber("mbedtls-code", returned.replace("%x", code.toString(16)), -code);
      for (const e of MBEDTLS_ERRORS) {
        const text = line.textOf(e);
        if (text === undefined) continue;
        assert.equal(group1("mbedtls-strerror", `! ${e.module} - ${text}`), e.module, formatMbedtlsCode(e.code));
      }
    });
  }
});

describe("message table hygiene", () => {
  it("ids are unique; capturing patterns have a group 1; implied numbers exist", () => {
    const ids = new Set<string>();
    for (const m of MESSAGES) {
      assert.ok(!ids.has(m.id), `duplicate id ${m.id}`);
      ids.add(m.id);
      const groups = new RegExp(`${m.pattern.source}|`).exec("")?.length ?? 0;
      if (m.capture || m.captureText) assert.ok(groups >= 2, `${m.id} has no group 1`);
      if (m.implies?.alert !== undefined) assert.ok(findTlsAlert(m.implies.alert), m.id);
      if (m.implies?.verify !== undefined) assert.ok(findOpensslVerifyError(m.implies.verify), m.id);
      assert.ok(m.cite.length > 0 && m.causes.length > 0, m.id);
    }
  });
});

async function waitFor(check: () => boolean, output: () => string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting; output so far:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
