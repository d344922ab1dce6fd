/**
 * Reads a device's mbedTLS configuration (2.28 `config.h`, 3.x `mbedtls_config.h`, a vendor header,
 * `MBEDTLS_USER_CONFIG_FILE`-style override files, or a `cc -E -dM` macro dump) and works out what
 * the device can parse and negotiate: curves, certificate key exchanges, hashes, buffer sizes.
 *
 * Citations like [2.28.3 include/mbedtls/config.h:798-811] are file:line in the public
 * Mbed-TLS/mbedtls repository (https://github.com/Mbed-TLS/mbedtls) at tags v2.28.3 and v3.6.6;
 * Debian's mbedtls 2.28.3 (bookworm) and 3.6.6 (trixie) source packages have the same files.
 *
 * The files go through a C preprocessor (./c-preprocessor.ts) in order, in one macro table, as a
 * compiler reads the config and then the MBEDTLS_USER_CONFIG_FILE it includes
 * [2.28.3 include/mbedtls/config.h:4163-4165] [3.6.6 include/mbedtls/build_info.h:129-131]:
 * `#if`/`#ifdef`/`#elif`/`#else` are evaluated with the macros defined so far (a vendor header's
 * `#if defined(CONFIG_X)` sees only what the files define: pass the file that defines CONFIG_X
 * first, or a dump; no compiler macro such as __GNUC__ or __ARM_ARCH is defined), `#undef` clears, an `#error` reached is reported as a contradiction, and
 * `#include` is not followed (pass the included file as its own `--mbedtls-config`, in order).
 * This module takes the files' text; src/app/read-mbedtls-config.ts reads them.
 * `//#define NAME`, the way upstream scripts/config.py writes an option that is off
 * [2.28.3 scripts/config.py:392-398] [3.6.6 framework/scripts/mbedtls_framework/config_common.py:244-250],
 * and a `#define` in a skipped group are mentioned but off: they only help guess the version.
 * The exact answer for a build with extra -D flags comes from a macro dump made with the firmware's
 * own compiler flags (`cc -E -dM <flags> -include mbedtls/build_info.h`); this reader takes those too.
 * test/peers/mbedtls-config-cc.test.ts compares the macro table with `cc -E -dM` on every
 * configs/*.h of both source trees.
 */
import path from "node:path";
import { InputError } from "../../io/input-error.js";
import { evaluateInteger, PreprocessError, preprocess, shown as sourceExcerpt } from "./c-preprocessor.js";

import { CURVES, CURVE_MACROS, curveMacro, type MbedtlsVersion } from "../../knowledge/mbedtls-macros.js";

export type { MbedtlsVersion };

export interface MbedtlsCapabilities {
  version: MbedtlsVersion;
  /** How the version was decided: "--mbedtls-version", "guessed from config.h (…reason…)", "default". */
  versionSource: string;
  /** Where the settings come from: "mbedTLS 3.6 default configuration" or the file names. */
  source: string;
  /** Curves the device can parse and offer, by the names pkilab uses: "P-192","P-224","P-256","P-384","P-521","secp192k1","secp224k1","secp256k1","brainpoolP256r1","brainpoolP384r1","brainpoolP512r1","x25519","x448". */
  curves: string[];
  /** The MBEDTLS_ECP_DP_*_ENABLED macro for each curve name (for fixes). */
  curveMacros: Record<string, string>;
  /** TLS 1.2 certificate key exchanges enabled: "ECDHE_ECDSA","ECDHE_RSA","DHE_RSA","RSA","ECDH_ECDSA","ECDH_RSA". */
  keyExchanges: string[];
  tls12: boolean;
  tls13: boolean;
  rsa: boolean;
  pkcs1v15: boolean;
  pkcs1v21: boolean;
  ecdsa: boolean;
  /** Hashes usable for certificate signatures: "sha1","sha224","sha256","sha384","sha512". */
  hashes: string[];
  mpiMaxBytes: number;
  inContentLen: number;
  outContentLen: number;
  maxIntermediates: number;
  haveTimeDate: boolean;
  pemParse: boolean;
  /**
   * MBEDTLS_X509_CRL_PARSE_C: the device can parse CRLs (library/x509_crl.c is compiled) and
   * mbedtls_x509_crt_verify() checks the ones it is given; without it there is no
   * mbedtls_x509_crl_parse() and the CRL argument is ignored [2.28.3 library/x509_crt.c:2983-2987]
   * [3.6.6 library/x509_crt.c:2673-2677]. What it checks: src/knowledge/mbedtls-crl.ts.
   */
  crlParse: boolean;
  /** 2.28 only (always true in 3.6). */
  checkKeyUsage: boolean;
  checkExtendedKeyUsage: boolean;
  maxFragmentLength: boolean;
  /** PBES2 with AES (OpenSSL 3's default encrypted PKCS#8): 3.6 yes, 2.28 no. */
  pkcs5Aes: boolean;
  /** Problems in the config itself: a contradiction (MBEDTLS_ECP_MAX_BITS below an enabled curve in 2.28; a key exchange enabled without what it needs per check_config.h), or a 2.28-only option in a 3.x config (silently ignored). */
  contradictions: { macro: string; message: string }[];
  /** The effective macro table (name -> value, or true for a bare #define). */
  macros: Record<string, string | true>;
}

// ---------------------------------------------------------------------------------------------
// What mbedTLS knows
// ---------------------------------------------------------------------------------------------

/** What a TLS 1.2 certificate key exchange needs, per check_config.h. */
interface KeyExchange {
  name: string;
  /** Each entry is satisfied when any of its alternatives is defined. */
  needs: (version: MbedtlsVersion) => string[][];
}

// 2.28: ECDH_C / ECDSA_C [2.28.3 include/mbedtls/check_config.h:297-346].
// 3.6: MBEDTLS_CAN_ECDH / MBEDTLS_PK_CAN_ECDSA_SIGN, which the legacy option or its PSA_WANT_ALG_*
// counterpart provides [3.6.6 include/mbedtls/check_config.h:341-368].
const ecdh = (v: MbedtlsVersion): string[] => (v === "2.28" ? ["MBEDTLS_ECDH_C"] : ["MBEDTLS_ECDH_C", "PSA_WANT_ALG_ECDH", "MBEDTLS_CAN_ECDH"]);
const ecdsaSign = (v: MbedtlsVersion): string[] =>
  v === "2.28" ? ["MBEDTLS_ECDSA_C"] : ["MBEDTLS_ECDSA_C", "PSA_WANT_ALG_ECDSA", "PSA_WANT_ALG_DETERMINISTIC_ECDSA", "MBEDTLS_PK_CAN_ECDSA_SIGN"];
const crt = ["MBEDTLS_X509_CRT_PARSE_C"];

const KEY_EXCHANGES: readonly KeyExchange[] = [
  { name: "ECDHE_ECDSA", needs: (v) => [ecdh(v), ecdsaSign(v), crt] },
  { name: "ECDHE_RSA", needs: (v) => [ecdh(v), ["MBEDTLS_RSA_C"], crt, ["MBEDTLS_PKCS1_V15"]] },
  { name: "DHE_RSA", needs: () => [["MBEDTLS_DHM_C"], ["MBEDTLS_RSA_C"], crt, ["MBEDTLS_PKCS1_V15"]] },
  { name: "RSA", needs: () => [["MBEDTLS_RSA_C"], crt, ["MBEDTLS_PKCS1_V15"]] },
  { name: "ECDH_ECDSA", needs: (v) => [ecdh(v), ecdsaSign(v), crt] },
  { name: "ECDH_RSA", needs: (v) => [ecdh(v), ["MBEDTLS_RSA_C"], crt] },
];

const kxMacro = (name: string): string => `MBEDTLS_KEY_EXCHANGE_${name}_ENABLED`;

/**
 * Options of 2.28 that 3.x removed: nothing in 3.x tests them any more, so a 3.x build ignores them
 * without a word (each entry cites the 3.6.6 text that says it was removed).
 */
const REMOVED_IN_3: Record<string, string> = {
  // [3.6.6 docs/3.0-migration-guide.md:830-837]
  MBEDTLS_SSL_MAX_CONTENT_LEN: "set MBEDTLS_SSL_IN_CONTENT_LEN and MBEDTLS_SSL_OUT_CONTENT_LEN instead",
  // [3.6.6 docs/3.0-migration-guide.md:580-596]
  MBEDTLS_X509_CHECK_KEY_USAGE: "3.x always checks keyUsage; remove the line",
  MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE: "3.x always checks extendedKeyUsage; remove the line",
  // [3.6.6 ChangeLog:2251-2252]: derived from the enabled curves in 3.x
  MBEDTLS_ECP_MAX_BITS: "3.x derives it from the enabled curves; remove the line",
};

/** Options 3.x refuses with #error [3.6.6 include/mbedtls/check_config.h:1090-1130]. */
const REFUSED_BY_3: Record<string, string> = {
  MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_CERTIFICATES: "SHA-1 certificates need a custom X.509 profile in 3.x; remove the line",
  MBEDTLS_SSL_PROTO_SSL3: "SSL 3.0 is gone from 3.x; remove the line",
};

/** Options that exist only in 3.x: a 2.28 build ignores them. */
const ONLY_IN_3 = ["MBEDTLS_SSL_PROTO_TLS1_3", "MBEDTLS_SHA224_C", "MBEDTLS_SHA384_C", "MBEDTLS_SHA3_C"];

// ---------------------------------------------------------------------------------------------
// Stock configurations
// ---------------------------------------------------------------------------------------------

/**
 * The options pkilab reads that the stock 2.28.3 `include/mbedtls/config.h` enables (line numbers
 * of that file; Debian's libmbedtls-dev header has the same lines). Checked against the installed
 * header by test/peers/mbedtls-config.test.ts.
 */
const STOCK_228: readonly string[] = [
  "MBEDTLS_HAVE_TIME", // [2.28.3 include/mbedtls/config.h:138]
  "MBEDTLS_HAVE_TIME_DATE", // [2.28.3 include/mbedtls/config.h:159]
  "MBEDTLS_CIPHER_MODE_CBC", // [2.28.3 include/mbedtls/config.h:652]
  ...CURVES.map(curveMacro), // all 13 [2.28.3 include/mbedtls/config.h:798-811]
  // every key exchange but ECJPAKE [2.28.3 include/mbedtls/config.h:958-1211]
  ...["PSK", "DHE_PSK", "ECDHE_PSK", "RSA_PSK", "RSA", "DHE_RSA", "ECDHE_RSA", "ECDHE_ECDSA", "ECDH_ECDSA", "ECDH_RSA"].map(kxMacro),
  "MBEDTLS_PKCS1_V15", // [2.28.3 include/mbedtls/config.h:1381]
  "MBEDTLS_PKCS1_V21", // [2.28.3 include/mbedtls/config.h:1392]
  "MBEDTLS_SSL_MAX_FRAGMENT_LENGTH", // [2.28.3 include/mbedtls/config.h:1823]
  "MBEDTLS_SSL_PROTO_TLS1", // [2.28.3 include/mbedtls/config.h:1850]
  "MBEDTLS_SSL_PROTO_TLS1_1", // [2.28.3 include/mbedtls/config.h:1862]
  "MBEDTLS_SSL_PROTO_TLS1_2", // [2.28.3 include/mbedtls/config.h:1874]
  "MBEDTLS_SSL_SERVER_NAME_INDICATION", // [2.28.3 include/mbedtls/config.h:2043]
  "MBEDTLS_X509_CHECK_KEY_USAGE", // [2.28.3 include/mbedtls/config.h:2286]
  "MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE", // [2.28.3 include/mbedtls/config.h:2299]
  "MBEDTLS_X509_RSASSA_PSS_SUPPORT", // [2.28.3 include/mbedtls/config.h:2309]
  "MBEDTLS_AES_C", // [2.28.3 include/mbedtls/config.h:2449]
  "MBEDTLS_BASE64_C", // [2.28.3 include/mbedtls/config.h:2517]
  "MBEDTLS_BIGNUM_C", // [2.28.3 include/mbedtls/config.h:2534]
  "MBEDTLS_CERTS_C", // [2.28.3 include/mbedtls/config.h:2667-2676]
  "MBEDTLS_CIPHER_C", // [2.28.3 include/mbedtls/config.h:2708]
  "MBEDTLS_DHM_C", // [2.28.3 include/mbedtls/config.h:2810]
  "MBEDTLS_ECDH_C", // [2.28.3 include/mbedtls/config.h:2826]
  "MBEDTLS_ECDSA_C", // [2.28.3 include/mbedtls/config.h:2843]
  "MBEDTLS_ECP_C", // [2.28.3 include/mbedtls/config.h:2876]
  "MBEDTLS_MD_C", // [2.28.3 include/mbedtls/config.h:2993]
  "MBEDTLS_PEM_PARSE_C", // [2.28.3 include/mbedtls/config.h:3139]
  "MBEDTLS_PK_C", // [2.28.3 include/mbedtls/config.h:3171]
  "MBEDTLS_PK_PARSE_C", // [2.28.3 include/mbedtls/config.h:3186]
  "MBEDTLS_PKCS5_C", // [2.28.3 include/mbedtls/config.h:3213]
  "MBEDTLS_PKCS12_C", // [2.28.3 include/mbedtls/config.h:3247]
  "MBEDTLS_RSA_C", // [2.28.3 include/mbedtls/config.h:3362]
  "MBEDTLS_SHA1_C", // [2.28.3 include/mbedtls/config.h:3384]
  "MBEDTLS_SHA256_C", // [2.28.3 include/mbedtls/config.h:3401]
  "MBEDTLS_SHA512_C", // [2.28.3 include/mbedtls/config.h:3416]
  "MBEDTLS_SSL_CLI_C", // [2.28.3 include/mbedtls/config.h:3465]
  "MBEDTLS_SSL_SRV_C", // [2.28.3 include/mbedtls/config.h:3479]
  "MBEDTLS_SSL_TLS_C", // [2.28.3 include/mbedtls/config.h:3495]
  "MBEDTLS_X509_USE_C", // [2.28.3 include/mbedtls/config.h:3572]
  "MBEDTLS_X509_CRT_PARSE_C", // [2.28.3 include/mbedtls/config.h:3588]
  "MBEDTLS_X509_CRL_PARSE_C", // [2.28.3 include/mbedtls/config.h:3602]
];

/**
 * The options pkilab reads that the stock 3.6.6 `include/mbedtls/mbedtls_config.h` enables (line
 * numbers of that file). Checked against the 3.6.6 source tree's header by
 * test/peers/mbedtls-config.test.ts.
 */
const STOCK_36: readonly string[] = [
  "MBEDTLS_HAVE_TIME", // [3.6.6 include/mbedtls/mbedtls_config.h:131]
  "MBEDTLS_HAVE_TIME_DATE", // [3.6.6 include/mbedtls/mbedtls_config.h:152]
  "MBEDTLS_CIPHER_MODE_CBC", // [3.6.6 include/mbedtls/mbedtls_config.h:653]; PBES2 AES-CBC needs it [3.6.6 library/oid.c:679-696]
  ...CURVES.map(curveMacro), // all 13 [3.6.6 include/mbedtls/mbedtls_config.h:760-773]
  // every key exchange but ECJPAKE [3.6.6 include/mbedtls/mbedtls_config.h:881-1128]
  ...["PSK", "DHE_PSK", "ECDHE_PSK", "RSA_PSK", "RSA", "DHE_RSA", "ECDHE_RSA", "ECDHE_ECDSA", "ECDH_ECDSA", "ECDH_RSA"].map(kxMacro),
  "MBEDTLS_PKCS1_V15", // [3.6.6 include/mbedtls/mbedtls_config.h:1324]
  "MBEDTLS_PKCS1_V21", // [3.6.6 include/mbedtls/mbedtls_config.h:1338]
  "MBEDTLS_SSL_MAX_FRAGMENT_LENGTH", // [3.6.6 include/mbedtls/mbedtls_config.h:1825]
  "MBEDTLS_SSL_PROTO_TLS1_2", // [3.6.6 include/mbedtls/mbedtls_config.h:1855]
  "MBEDTLS_SSL_PROTO_TLS1_3", // [3.6.6 include/mbedtls/mbedtls_config.h:1885]
  "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED", // [3.6.6 include/mbedtls/mbedtls_config.h:1937]
  "MBEDTLS_SSL_SERVER_NAME_INDICATION", // [3.6.6 include/mbedtls/mbedtls_config.h:2096]
  "MBEDTLS_X509_RSASSA_PSS_SUPPORT", // [3.6.6 include/mbedtls/mbedtls_config.h:2319]
  "MBEDTLS_AES_C", // [3.6.6 include/mbedtls/mbedtls_config.h:2460]
  "MBEDTLS_BASE64_C", // [3.6.6 include/mbedtls/mbedtls_config.h:2500]
  "MBEDTLS_BIGNUM_C", // [3.6.6 include/mbedtls/mbedtls_config.h:2542]
  "MBEDTLS_CIPHER_C", // [3.6.6 include/mbedtls/mbedtls_config.h:2708]
  // [3.6.6 include/mbedtls/mbedtls_config.h:2810]; it turns on PSA_WANT_ALG_FFDH [3.6.6 include/mbedtls/config_adjust_psa_from_legacy.h:87-93]
  "MBEDTLS_DHM_C",
  "MBEDTLS_ECDH_C", // [3.6.6 include/mbedtls/mbedtls_config.h:2828]
  "MBEDTLS_ECDSA_C", // [3.6.6 include/mbedtls/mbedtls_config.h:2845]
  "MBEDTLS_ECP_C", // [3.6.6 include/mbedtls/mbedtls_config.h:2881]
  "MBEDTLS_MD_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3039]
  "MBEDTLS_PEM_PARSE_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3154]
  "MBEDTLS_PK_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3188]
  "MBEDTLS_PK_PARSE_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3203]
  "MBEDTLS_PKCS5_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3233]
  "MBEDTLS_PKCS12_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3268]
  "MBEDTLS_PSA_CRYPTO_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3325]
  "MBEDTLS_RSA_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3420]
  // One module per hash in 3.x [3.6.6 include/mbedtls/mbedtls_config.h:3439-3593]
  "MBEDTLS_SHA1_C",
  "MBEDTLS_SHA224_C",
  "MBEDTLS_SHA256_C",
  "MBEDTLS_SHA384_C",
  "MBEDTLS_SHA512_C",
  "MBEDTLS_SHA3_C",
  "MBEDTLS_SSL_CLI_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3698]
  "MBEDTLS_SSL_SRV_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3712]
  "MBEDTLS_SSL_TLS_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3728]
  "MBEDTLS_X509_USE_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3833]
  "MBEDTLS_X509_CRT_PARSE_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3849]
  "MBEDTLS_X509_CRL_PARSE_C", // [3.6.6 include/mbedtls/mbedtls_config.h:3863]
];

/**
 * Values the library headers give an option the config leaves unset (`#if !defined(X) #define X …`),
 * used when an option is unset or a value refers to it. (2.28's ECP_MAX_BITS default, the largest
 * enabled curve [2.28.3 include/mbedtls/ecp.h:288-305], is computed where it is needed.)
 */
const HEADER_DEFAULTS: Record<MbedtlsVersion, Record<string, string>> = {
  "2.28": {
    // [2.28.3 include/mbedtls/config.h:3943] [2.28.3 include/mbedtls/ssl.h:315-324]: IN/OUT follow MAX
    MBEDTLS_SSL_MAX_CONTENT_LEN: "16384",
    MBEDTLS_SSL_IN_CONTENT_LEN: "MBEDTLS_SSL_MAX_CONTENT_LEN", // [2.28.3 include/mbedtls/config.h:3968]
    MBEDTLS_SSL_OUT_CONTENT_LEN: "MBEDTLS_SSL_MAX_CONTENT_LEN", // [2.28.3 include/mbedtls/config.h:4039]
    MBEDTLS_MPI_MAX_SIZE: "1024", // [2.28.3 include/mbedtls/bignum.h:80-91]
    MBEDTLS_X509_MAX_INTERMEDIATE_CA: "8", // [2.28.3 include/mbedtls/config.h:4088] [2.28.3 include/mbedtls/x509.h:52]
  },
  "3.6": {
    MBEDTLS_SSL_IN_CONTENT_LEN: "16384", // [3.6.6 include/mbedtls/ssl.h:431-432]
    MBEDTLS_SSL_OUT_CONTENT_LEN: "16384", // [3.6.6 include/mbedtls/mbedtls_config.h:4342]
    MBEDTLS_MPI_MAX_SIZE: "1024", // [3.6.6 include/mbedtls/bignum.h:66-77]
    MBEDTLS_X509_MAX_INTERMEDIATE_CA: "8", // [3.6.6 include/mbedtls/x509.h:28-37]
  },
};

/** Ends every message about a config file that cannot be used: what pkilab wants instead. */
export const HELP = "pass the device's config.h / mbedtls_config.h or a `cc -E -dM` macro dump";

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * What a device built with the stock configuration of `version` accepts. `versionSource` is
 * "default"; callers that took the version from an option set their own. `macros` holds the stock
 * options pkilab reads (STOCK_228 / STOCK_36), not the whole header.
 */
export function defaultCapabilities(version: MbedtlsVersion): MbedtlsCapabilities {
  const table: MacroTable = new Map();
  for (const name of version === "2.28" ? STOCK_228 : STOCK_36) table.set(name, { value: true, origin: `mbedTLS ${version} default` });
  return derive(version, table, { isDump: false, versionSource: "default", source: `mbedTLS ${version} default configuration`, errors: [] });
}

/** One config file's name (for messages) and text. */
export interface ConfigSource {
  name: string;
  text: string;
}

/**
 * Parses `sources`: the main config header (or a `cc -E -dM` dump), then override files applied in
 * order like `MBEDTLS_USER_CONFIG_FILE`. The first file is the whole configuration: an option it
 * does not define is off, as when the file is given as `MBEDTLS_CONFIG_FILE`. No sources: the
 * stock configuration of `options.version` (3.6 when not given).
 */
export function parseMbedtlsConfig(sources: ConfigSource[], options: { version?: MbedtlsVersion } = {}): MbedtlsCapabilities {
  if (sources.length === 0) {
    const caps = defaultCapabilities(options.version ?? "3.6");
    if (options.version) caps.versionSource = "--mbedtls-version";
    return caps;
  }
  const { parsed, table, errors } = parseSources(sources);
  const decided = options.version
    ? { version: options.version, source: "--mbedtls-version" }
    : guessVersion(parsed, table);
  return derive(decided.version, table, {
    isDump: parsed.some((f) => f.isDump),
    versionSource: decided.source,
    source: sources.map((s) => s.name).join(", "),
    errors,
  });
}

// ---------------------------------------------------------------------------------------------
// Parsing the files
// ---------------------------------------------------------------------------------------------

interface Definition {
  /** The replacement text, or true for a bare `#define X` and for a function-like macro (only ever tested with defined()). */
  value: string | true;
  /** Parameters of a function-like macro. */
  params?: string[];
  /** "file:line" of the #define, for messages. */
  origin: string;
}
type MacroTable = Map<string, Definition>;

interface ParsedFile {
  file: string;
  /** Every macro name the file sets, clears, or shows but leaves off (`//#define`, or a #define in a skipped #if group), with its line. */
  mentions: Map<string, string>;
  /** Names tested by `#ifndef` (include guards). */
  guards: Set<string>;
  /** Made by `cc -E -dM`: only `#define` lines, with the compiler's own `__…__` macros among them. */
  isDump: boolean;
}

function notAHeader(file: string, why: string): InputError {
  return new InputError(`${file}: ${why}: ${HELP}`);
}

/**
 * Runs the files through the C preprocessor in order, in one macro table, as a compiler reads the
 * config and then the MBEDTLS_USER_CONFIG_FILE included after it
 * [2.28.3 include/mbedtls/config.h:4163-4165] [3.6.6 include/mbedtls/build_info.h:129-131].
 */
function parseSources(sources: ConfigSource[]): { parsed: ParsedFile[]; table: MacroTable; errors: { origin: string; text: string }[] } {
  let result;
  try {
    result = preprocess(sources);
  } catch (err) {
    if (err instanceof PreprocessError) throw new InputError(err.message);
    throw err;
  }
  const parsed = result.sources.map((report, i): ParsedFile => {
    if (report.defineLines === 0) throw notAHeader(report.name, "holds no #define lines");
    // A directive that took effect names its line; an option shown but off counts only when nothing else named it.
    const mentions = new Map<string, string>();
    for (const m of report.mentions) {
      if (m.how === "define" || m.how === "undef" || !mentions.has(m.name)) mentions.set(m.name, m.origin);
    }
    const nonBlank = (sources[i]?.text ?? "").split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
    const isDump = nonBlank.every((l) => l.startsWith("#define ") && l.length > 8 && l[8] !== " ") && [...mentions.keys()].some((n) => n.startsWith("__"));
    return { file: report.name, mentions, guards: report.ifndefs, isDump };
  });
  const table: MacroTable = new Map();
  for (const [name, def] of result.macros) {
    table.set(name, { value: def.params !== undefined || def.body === "" ? true : def.body, params: def.params, origin: def.origin });
  }
  return { parsed, table, errors: result.errors };
}

// ---------------------------------------------------------------------------------------------
// Which version
// ---------------------------------------------------------------------------------------------

/** Present only in 3.x configs, or in 3.x macro dumps. */
const MARKERS_3: { match: (name: string) => boolean; why: (name: string) => string }[] = [
  { match: (n) => n === "MBEDTLS_CONFIG_VERSION", why: (n) => `${n} exists only in 3.x` },
  { match: (n) => n === "MBEDTLS_SSL_PROTO_TLS1_3", why: (n) => `${n} is a 3.x option (2.28 has only MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL)` },
  { match: (n) => /^MBEDTLS_SHA(224|384|3)_C$/.test(n), why: (n) => `${n} is a 3.x option (2.28 has SHA256_C and SHA512_C only)` },
  { match: (n) => n === "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED", why: (n) => `${n} is a 3.x option` },
  { match: (n) => n.startsWith("MBEDTLS_MD_CAN_") || n.startsWith("MBEDTLS_ECP_HAVE_"), why: (n) => `${n} is defined by 3.x headers` },
  { match: (n) => n.startsWith("PSA_WANT_"), why: (n) => `${n} is a 3.x PSA option` },
];

/** Present only in 2.28 configs (ECP_MAX_BITS only as an option: dumps of both versions have it). */
const MARKERS_228: { name: string; why: string; dumps: boolean }[] = [
  { name: "MBEDTLS_SSL_MAX_CONTENT_LEN", why: "is a 2.28 option, removed in 3.0", dumps: true },
  { name: "MBEDTLS_X509_CHECK_KEY_USAGE", why: "is a 2.28 option, removed in 3.0", dumps: true },
  { name: "MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE", why: "is a 2.28 option, removed in 3.0", dumps: true },
  { name: "MBEDTLS_ECP_MAX_BITS", why: "is a 2.28 option, derived by 3.x", dumps: false },
  { name: "MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL", why: "is a 2.28 option", dumps: true },
  { name: "MBEDTLS_SHA512_NO_SHA384", why: "is a 2.28 option", dumps: true },
  { name: "MBEDTLS_CERTS_C", why: "is a 2.28 module, removed from the 3.x library", dumps: true },
  { name: "MBEDTLS_SSL_PROTO_TLS1_1", why: "is a 2.28 option (TLS 1.0/1.1 are gone from 3.x)", dumps: true },
  { name: "MBEDTLS_SSL_PROTO_TLS1", why: "is a 2.28 option (TLS 1.0/1.1 are gone from 3.x)", dumps: true },
  { name: "MBEDTLS_CONFIG_H", why: "is the include guard of 2.28's config.h (3.x's mbedtls_config.h has none)", dumps: true },
];

/**
 * MBEDTLS_VERSION_NUMBER (a dump) decides; else any 3.x-only name decides 3.6 (a 2.28 leftover in
 * a 3.x config is then reported as ignored); else any 2.28-only name decides 2.28; else 3.6.
 */
function guessVersion(files: ParsedFile[], table: MacroTable): { version: MbedtlsVersion; source: string } {
  const where = (origin: string): string => path.basename(origin.replace(/:\d+$/, ""));
  const versionNumber = table.get("MBEDTLS_VERSION_NUMBER");
  if (versionNumber && versionNumber.value !== true) {
    const n = evaluate(versionNumber.value, (name) => table.get(name), versionNumber.origin);
    if (n !== undefined) {
      const major = Math.floor(n / 0x1000000);
      const shown = `MBEDTLS_VERSION_NUMBER 0x${n.toString(16).toUpperCase().padStart(8, "0")}`;
      if (major === 2) return { version: "2.28", source: `guessed from ${where(versionNumber.origin)} (${shown})` };
      if (major >= 3) return { version: "3.6", source: `guessed from ${where(versionNumber.origin)} (${shown}, read as 3.6)` };
    }
  }
  for (const file of files) {
    for (const [name, origin] of file.mentions) {
      const marker = MARKERS_3.find((m) => m.match(name));
      if (marker) return { version: "3.6", source: `guessed from ${where(origin)} (${marker.why(name)})` };
    }
  }
  for (const marker of MARKERS_228) {
    for (const file of files) {
      if (file.isDump && !marker.dumps) continue;
      const origin = file.mentions.get(marker.name) ?? (file.guards.has(marker.name) ? file.file : undefined);
      if (origin) return { version: "2.28", source: `guessed from ${where(origin)} (${marker.name} ${marker.why})` };
    }
  }
  return { version: "3.6", source: "default" };
}

// ---------------------------------------------------------------------------------------------
// Integer values
// ---------------------------------------------------------------------------------------------

/**
 * The integer a macro value stands for (`4096`, `(4u * 1024u)`, `((size_t) DEVICE_RX_BUFFER)`), with
 * other macros taken from `lookup`; undefined when it is not an integer constant expression or
 * does not fit a JavaScript number. A value whose expansion crosses a preprocessor limit is an
 * InputError naming `origin`.
 */
function evaluate(expr: string, lookup: (name: string) => Definition | string | undefined, origin: string): number | undefined {
  const macroLookup = (name: string): { body: string; params?: readonly string[] } | undefined => {
    const found = lookup(name);
    if (found === undefined || typeof found === "string") return found === undefined ? undefined : { body: found };
    return { body: found.value === true ? "" : found.value, params: found.params };
  };
  let v: bigint | undefined;
  try {
    v = evaluateInteger(expr, macroLookup);
  } catch (err) {
    if (err instanceof PreprocessError) throw new InputError(`${origin}: ${err.problem}`);
    throw err;
  }
  return v !== undefined && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

// ---------------------------------------------------------------------------------------------
// From macros to capabilities
// ---------------------------------------------------------------------------------------------

function derive(
  version: MbedtlsVersion,
  table: MacroTable,
  context: { isDump: boolean; versionSource: string; source: string; errors: { origin: string; text: string }[] },
): MbedtlsCapabilities {
  const on = (name: string): boolean => table.has(name);
  const anyOn = (names: string[]): boolean => names.some(on);
  const contradictions: { macro: string; message: string }[] = [];
  // An #error the preprocessor reached: the config does not compile as given.
  for (const e of context.errors) {
    contradictions.push({
      macro: "#error",
      message: `${e.origin}: #error ${e.text}: the compiler stops the build at this line, so no device is built from this config as given: change the config so the conditional around it is false, or remove the #error`,
    });
  }
  const origin = (name: string): string => table.get(name)?.origin ?? context.source;
  const headerDefaults = HEADER_DEFAULTS[version];
  const lookup = (name: string): Definition | string | undefined => table.get(name) ?? headerDefaults[name];

  /** The integer value of a size option: its definition, else the library header's default. */
  const size = (name: string): number => {
    const def = table.get(name);
    const expr = def?.value ?? headerDefaults[name];
    const n = expr === undefined || expr === true ? undefined : evaluate(expr, lookup, def?.origin ?? context.source);
    if (n === undefined || n <= 0) {
      const shown = def?.value === true ? "defined without a value" : `\`${sourceExcerpt(String(def?.value ?? expr))}\``;
      throw new InputError(`${def?.origin ?? context.source}: ${name} is ${shown}, not a positive number pkilab can work out: define it as a number, or ${HELP}`);
    }
    return n;
  };

  // Curves. 2.28: the MBEDTLS_ECP_DP_x_ENABLED option, within MBEDTLS_ECP_C (EC keys are parsed only
  // with it). 3.6: MBEDTLS_ECP_HAVE_x = the legacy option or PSA_WANT_ECC_x
  // [3.6.6 include/mbedtls/config_adjust_legacy_crypto.h:475-495]; a dump has MBEDTLS_ECP_HAVE_x itself.
  const enabledCurves = CURVES.filter((c) =>
    version === "2.28"
      ? on("MBEDTLS_ECP_C") && on(curveMacro(c))
      : anyOn([curveMacro(c), `PSA_WANT_ECC_${c.psa}`, `MBEDTLS_ECP_HAVE_${c.dp}`]),
  );

  // 2.28: MBEDTLS_ECP_MAX_BITS must cover the largest enabled curve, or ecp.h #errors; it does not
  // disable curves [2.28.3 include/mbedtls/ecp.h:181-213, 288-305].
  if (version === "2.28" && on("MBEDTLS_ECP_MAX_BITS") && enabledCurves.length > 0) {
    const largest = enabledCurves.reduce((a, b) => (b.bits > a.bits ? b : a));
    const maxBits = evaluate(
      String(table.get("MBEDTLS_ECP_MAX_BITS")!.value),
      (n) => (n === "MBEDTLS_ECP_MAX_BITS_MIN" ? String(largest.bits) : lookup(n)),
      origin("MBEDTLS_ECP_MAX_BITS"),
    );
    if (maxBits !== undefined && maxBits < largest.bits) {
      contradictions.push({
        macro: "MBEDTLS_ECP_MAX_BITS",
        message: `${origin("MBEDTLS_ECP_MAX_BITS")}: MBEDTLS_ECP_MAX_BITS is ${maxBits} but ${largest.name} (${curveMacro(largest)}) needs ${largest.bits}; mbedTLS 2.28 stops the build ("MBEDTLS_ECP_MAX_BITS is smaller than the largest supported curve"): raise it to ${largest.bits}, remove it, or disable ${curveMacro(largest)}`,
      });
    }
  }

  // Certificate key exchanges, each only with its prerequisites [2.28.3 include/mbedtls/check_config.h:297-346]
  // [3.6.6 include/mbedtls/check_config.h:341-368]: a missing one is an #error, so pkilab reports it and
  // counts the key exchange as off.
  const keyExchanges: string[] = [];
  for (const kx of KEY_EXCHANGES) {
    const macro = kxMacro(kx.name);
    if (!on(macro)) continue;
    const missing = kx.needs(version).filter((alternatives) => !anyOn(alternatives)).map((alternatives) => alternatives[0]!);
    if (missing.length === 0) {
      keyExchanges.push(kx.name);
      continue;
    }
    contradictions.push({
      macro,
      message: `${origin(macro)}: ${macro} needs ${missing.join(", ")}, which ${missing.length === 1 ? "is" : "are"} not defined; mbedTLS stops the build ("${macro} defined, but not all prerequisites"), so pkilab counts ${kx.name} as off: define ${missing.length === 1 ? "it" : "them"} or remove ${macro}`,
    });
  }

  // Hashes. 2.28: SHA256_C gives SHA-224 and SHA-256; SHA512_C gives SHA-512, and SHA-384 unless
  // MBEDTLS_SHA512_NO_SHA384 [2.28.3 include/mbedtls/config.h:1549-1556, 3389-3416]. 3.6: one module each,
  // or PSA_WANT_ALG_SHA_x; both give MBEDTLS_MD_CAN_SHAx [3.6.6 include/mbedtls/config_adjust_legacy_crypto.h:172-292].
  const hashOn = (bits: "1" | "224" | "256" | "384" | "512"): boolean => {
    if (version === "2.28") {
      if (bits === "1") return on("MBEDTLS_SHA1_C");
      if (bits === "224" || bits === "256") return on("MBEDTLS_SHA256_C");
      if (bits === "384") return on("MBEDTLS_SHA512_C") && !on("MBEDTLS_SHA512_NO_SHA384");
      return on("MBEDTLS_SHA512_C");
    }
    return anyOn([`MBEDTLS_SHA${bits}_C`, `PSA_WANT_ALG_SHA_${bits}`, `MBEDTLS_MD_CAN_SHA${bits}`]);
  };
  const hashes = (["1", "224", "256", "384", "512"] as const).filter(hashOn).map((bits) => `sha${bits}`);

  const rsa = on("MBEDTLS_RSA_C");
  const pkcs1v15 = rsa && on("MBEDTLS_PKCS1_V15");
  const pkcs1v21 = rsa && on("MBEDTLS_PKCS1_V21");
  if (rsa && !pkcs1v15 && !pkcs1v21) {
    // [2.28.3 include/mbedtls/check_config.h:679-682]; 3.x keeps the same #error.
    contradictions.push({
      macro: "MBEDTLS_RSA_C",
      message: `${origin("MBEDTLS_RSA_C")}: MBEDTLS_RSA_C needs MBEDTLS_PKCS1_V15 or MBEDTLS_PKCS1_V21 and neither is defined; mbedTLS stops the build ("MBEDTLS_RSA_C defined, but none of the PKCS1 versions enabled"): define MBEDTLS_PKCS1_V15 (RSA certificates and the RSA key exchanges need it)`,
    });
  }
  // ECDSA signature OIDs are known only with it [2.28.3 library/oid.c:396ff]; 3.6 may get it from PSA.
  const ecdsa = version === "2.28" ? on("MBEDTLS_ECDSA_C") : anyOn(["MBEDTLS_ECDSA_C", "PSA_WANT_ALG_ECDSA", "PSA_WANT_ALG_DETERMINISTIC_ECDSA"]);

  const tls12 = on("MBEDTLS_SSL_PROTO_TLS1_2");
  // 2.28's MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL has no handshake; TLS 1.3 is 3.6's, on by default
  // [3.6.6 include/mbedtls/mbedtls_config.h:1885].
  const tls13 = version === "3.6" && on("MBEDTLS_SSL_PROTO_TLS1_3");
  if (tls13 && on("MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED") && !ecdsa && !pkcs1v21) {
    // [3.6.6 include/mbedtls/check_config.h:822-828]
    contradictions.push({
      macro: "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED",
      message: `${origin("MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED")}: TLS 1.3 ephemeral key exchange needs ECDSA or MBEDTLS_PKCS1_V21 and neither is enabled; mbedTLS stops the build: enable MBEDTLS_ECDSA_C or MBEDTLS_PKCS1_V21`,
    });
  }

  // With MBEDTLS_HAVE_TIME_DATE undefined, expired and not-yet-valid certificates verify: the date
  // checks return 0 [2.28.3 library/x509.c:1062-1075].
  const haveTimeDate = on("MBEDTLS_HAVE_TIME_DATE");
  if (haveTimeDate && !on("MBEDTLS_HAVE_TIME")) {
    // [2.28.3 include/mbedtls/check_config.h:68-69]
    contradictions.push({
      macro: "MBEDTLS_HAVE_TIME_DATE",
      message: `${origin("MBEDTLS_HAVE_TIME_DATE")}: MBEDTLS_HAVE_TIME_DATE without MBEDTLS_HAVE_TIME; mbedTLS stops the build: define MBEDTLS_HAVE_TIME too`,
    });
  }

  // Without PEM every buffer is read as DER [2.28.3 library/x509_crt.c:1448-1459]; PEM needs BASE64
  // [2.28.3 include/mbedtls/check_config.h:379-380].
  let pemParse = on("MBEDTLS_PEM_PARSE_C");
  if (pemParse && !on("MBEDTLS_BASE64_C")) {
    pemParse = false;
    contradictions.push({
      macro: "MBEDTLS_PEM_PARSE_C",
      message: `${origin("MBEDTLS_PEM_PARSE_C")}: MBEDTLS_PEM_PARSE_C needs MBEDTLS_BASE64_C, which is not defined; mbedTLS stops the build, so pkilab counts PEM parsing as off: define MBEDTLS_BASE64_C`,
    });
  }

  if (version === "3.6") {
    for (const [macro, fix] of Object.entries(REMOVED_IN_3)) {
      // A 3.x dump always has MBEDTLS_ECP_MAX_BITS (ecp.h derives it): not the user's option there.
      if (!on(macro) || (macro === "MBEDTLS_ECP_MAX_BITS" && context.isDump)) continue;
      contradictions.push({ macro, message: `${origin(macro)}: ${macro} is a 2.28 option that mbedTLS 3.x removed and ignores without a warning: ${fix}` });
    }
    for (const [macro, fix] of Object.entries(REFUSED_BY_3)) {
      if (on(macro)) contradictions.push({ macro, message: `${origin(macro)}: ${macro} was removed in 3.x, whose check_config.h stops the build on it: ${fix}` });
    }
  } else {
    for (const macro of ONLY_IN_3) {
      if (on(macro)) contradictions.push({ macro, message: `${origin(macro)}: ${macro} is a 3.x option that mbedTLS 2.28 does not know and ignores: remove it, or read the config as 3.6` });
    }
  }

  // Buffer sizes: 2.28 IN/OUT default to MAX_CONTENT_LEN (16384) [2.28.3 include/mbedtls/config.h:3925-4039];
  // 3.6 ignores MAX_CONTENT_LEN and defaults IN/OUT to 16384 [3.6.6 include/mbedtls/ssl.h:431-432].
  const inContentLen = size("MBEDTLS_SSL_IN_CONTENT_LEN");
  const outContentLen = size("MBEDTLS_SSL_OUT_CONTENT_LEN");
  const mpiMaxBytes = size("MBEDTLS_MPI_MAX_SIZE");
  const maxIntermediates = size("MBEDTLS_X509_MAX_INTERMEDIATE_CA");

  return {
    version,
    versionSource: context.versionSource,
    source: context.source,
    curves: enabledCurves.map((c) => c.name),
    curveMacros: { ...CURVE_MACROS },
    keyExchanges,
    tls12,
    tls13,
    rsa,
    pkcs1v15,
    pkcs1v21,
    ecdsa,
    hashes,
    mpiMaxBytes,
    inContentLen,
    outContentLen,
    maxIntermediates,
    haveTimeDate,
    pemParse,
    crlParse: on("MBEDTLS_X509_CRL_PARSE_C"),
    // KU/EKU checks are options in 2.28 [2.28.3 include/mbedtls/config.h:2286,2299], always on in 3.x
    // [3.6.6 docs/3.0-migration-guide.md:580-596].
    checkKeyUsage: version === "3.6" || on("MBEDTLS_X509_CHECK_KEY_USAGE"),
    checkExtendedKeyUsage: version === "3.6" || on("MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE"),
    // [2.28.3 include/mbedtls/config.h:1823] [3.6.6 include/mbedtls/mbedtls_config.h:1825]
    maxFragmentLength: on("MBEDTLS_SSL_MAX_FRAGMENT_LENGTH"),
    // 2.28's PBES2 knows only DES/3DES [2.28.3 library/oid.c:596-607]; 3.6 adds AES-CBC
    // [3.6.6 library/oid.c:679-696], which needs PKCS5, AES and CBC.
    pkcs5Aes: version === "3.6" && on("MBEDTLS_PKCS5_C") && on("MBEDTLS_AES_C") && on("MBEDTLS_CIPHER_MODE_CBC"),
    contradictions,
    macros: Object.fromEntries([...table].map(([name, def]) => [name, def.value])),
  };
}
