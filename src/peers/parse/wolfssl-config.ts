/**
 * Reads a device's wolfSSL build configuration (the `wolfssl/options.h` that `./configure` writes,
 * a `user_settings.h` for a WOLFSSL_USER_SETTINGS build, override files, or a `cc -E -dM` macro
 * dump) and works out what the device's TLS client accepts in a server's chain: curves and key
 * sizes, hashes, chain depth, buffer sizes, date checks, host matching.
 *
 * Citations like [5.5.4 wolfssl/internal.h MAX_CHAIN_DEPTH] name a file and macro or function of
 * the public wolfSSL/wolfssl repository (https://github.com/wolfSSL/wolfssl) at tag v5.5.4-stable;
 * Debian's wolfssl 5.5.4 source package (bookworm) has the same files. Every default below is the
 * value the library headers give a macro the configuration leaves undefined.
 *
 * The files go through pkilab's C preprocessor (./c-preprocessor.ts) in order, in one macro table,
 * as a compiler reads options.h / user_settings.h and then wolfssl/wolfcrypt/settings.h: `#if`s are
 * evaluated with what the files define, `#include` is not followed (pass the included file as its
 * own `--wolfssl-config`). This module takes the files' text; src/app/read-wolfssl-config.ts reads them.
 */
import { InputError } from "../../io/input-error.js";
import { evaluateInteger, PreprocessError, preprocess, shown } from "./c-preprocessor.js";

/** The wolfSSL version whose defaults pkilab knows (and tests against: Debian bookworm's libwolfssl-dev). */
export const WOLFSSL_VERSION = "5.5.4";

export interface WolfsslCapabilities {
  /** LIBWOLFSSL_VERSION_STRING when a file defines it (version.h), else WOLFSSL_VERSION. */
  version: string;
  versionSource: string;
  /** The file names, or "wolfSSL 5.5.4 default configuration". */
  source: string;
  rsa: boolean;
  ecc: boolean;
  ed25519: boolean;
  ed448: boolean;
  /** Curves in the device's ECC table, by pkilab's names ("P-256", "secp256k1", "brainpoolP256r1"). */
  curves: string[];
  /** ECC_MIN_KEY_SZ: curves smaller than this are not compiled in. */
  eccMinKeySz: number;
  /** WOLFSSL_MIN_ECC_BITS / WOLFSSL_MIN_RSA_BITS: the smallest key the TLS layer accepts in a chain. */
  minEccBits: number;
  minRsaBits: number;
  /** Hashes usable for certificate signatures: "md5", "sha1", "sha224", "sha256", "sha384", "sha512". */
  hashes: string[];
  /** MAX_CHAIN_DEPTH: certificates of the server's Certificate message the device reads. */
  maxChainDepth: number;
  /** MAX_CERTIFICATE_SZ (= MAX_HANDSHAKE_SZ unless set): the largest Certificate message body. */
  maxCertificateSz: number;
  /** MAX_HANDSHAKE_SZ. */
  maxHandshakeSz: number;
  /** Validity dates are checked (no NO_ASN_TIME). */
  checksDates: boolean;
  /** WOLFSSL_ALT_CERT_CHAINS: a path may end at any CA loaded (an intermediate is enough). */
  altCertChains: boolean;
  /**
   * WOLFSSL_TRUST_PEER_CERT with OPENSSL_COMPATIBLE_DEFAULTS: wolfSSL_CTX_load_verify_buffer also
   * loads each certificate as a trusted peer, so a server certificate found there is accepted as is.
   */
  trustsLoadedPeers: boolean;
  /** iPAddress SANs are kept in the alt names, as text (OPENSSL_ALL, WOLFSSL_QT or WOLFSSL_IP_ALT_NAME). */
  ipAltNames: boolean;
  /** URI SANs are kept in the alt names (unless IGNORE_NAME_CONSTRAINTS). */
  uriAltNames: boolean;
  /** WOLFSSL_ALLOW_NO_CN_IN_SAN: the CN is tried first even when the certificate has alt names. */
  cnWithAltNames: boolean;
  /** OPENSSL_EXTRA / OPENSSL_ALL / OPENSSL_EXTRA_X509_SMALL: the OpenSSL-compatible verify path. */
  opensslExtra: boolean;
  /** The leaf's extendedKeyUsage must allow serverAuth (no IGNORE_KEY_EXTENSIONS... see derive()). */
  checksLeafEku: boolean;
  /** Problems in the config itself (#error reached, a value that is not a multiple of 8). */
  contradictions: { macro: string; message: string }[];
  macros: Record<string, string | true>;
}

/** Ends every message about a config file that cannot be used. */
export const WOLFSSL_HELP = "pass the device's wolfssl/options.h or user_settings.h (or a `cc -E -dM` macro dump)";

export interface WolfsslConfigSource {
  name: string;
  text: string;
}

/**
 * Defaults the 5.5.4 headers give what a configuration leaves undefined. MAX_CERTIFICATE_SZ is
 * computed from MAX_CHAIN_DEPTH in derive().
 */
const DEFAULTS = {
  // [5.5.4 wolfssl/internal.h MAX_CHAIN_DEPTH] "max cert chain peer depth"
  MAX_CHAIN_DEPTH: 9,
  // [5.5.4 wolfssl/internal.h WOLFSSL_MIN_RSA_BITS]: 2048 with WOLFSSL_MAX_STRENGTH, else 1024
  WOLFSSL_MIN_RSA_BITS: 1024,
  // [5.5.4 wolfssl/internal.h WOLFSSL_MIN_ECC_BITS]: 256 with WOLFSSL_MAX_STRENGTH, else 224
  WOLFSSL_MIN_ECC_BITS: 224,
  // [5.5.4 wolfssl/wolfcrypt/settings.h ECC_MIN_KEY_SZ]: WOLFSSL_MIN_ECC_BITS if defined there, else 224 (192 for FIPS v2)
  ECC_MIN_KEY_SZ: 224,
  // [5.5.4 wolfssl/internal.h enum MAX_X509_SIZE]: 2048 (3072 with WOLFSSL_HAPROXY, 8192 with HAVE_PQC); CERT_HEADER_SZ 3
  MAX_X509_SIZE: 2048,
  CERT_HEADER_SZ: 3,
} as const;

/** The curves of wolfcrypt/src/ecc.c ecc_sets[] pkilab names, with the size macro and family each needs. */
const CURVES: { name: string; bits: number; family: "secp" | "koblitz" | "brainpool" }[] = [
  { name: "P-192", bits: 192, family: "secp" },
  { name: "P-224", bits: 224, family: "secp" },
  { name: "P-256", bits: 256, family: "secp" },
  { name: "secp256k1", bits: 256, family: "koblitz" },
  { name: "brainpoolP256r1", bits: 256, family: "brainpool" },
  { name: "P-384", bits: 384, family: "secp" },
  { name: "brainpoolP384r1", bits: 384, family: "brainpool" },
  { name: "brainpoolP512r1", bits: 512, family: "brainpool" },
  { name: "P-521", bits: 521, family: "secp" },
];

/** The macro that adds a curve size to the table under ECC_USER_CURVES (HAVE_ECC192 …; 256 is on unless NO_ECC256). */
export function curveSizeMacro(bits: number): string {
  return bits === 256 ? "NO_ECC256 (undefine it)" : `HAVE_ECC${bits}`;
}

/**
 * What a default `./configure` build gives, when no file is passed. Debian's libwolfssl-dev is not
 * that: its options.h turns on OPENSSL_EXTRA, alternate chains, trusted peers and IP alt names —
 * pass /usr/include/wolfssl/options.h for it.
 */
export function defaultWolfsslCapabilities(): WolfsslCapabilities {
  // A ./configure default build on x86-64 [5.5.4 configure.ac]: ECC on, --enable-sha384 and
  // --enable-sha512 "default: enabled", SHA-224 enabled on x86_64/aarch64; Ed25519 and
  // --enable-altcertchains "default: disabled"; no OpenSSL compatibility layer.
  const table: MacroTable = new Map(["HAVE_ECC", "WOLFSSL_SHA224", "WOLFSSL_SHA384", "WOLFSSL_SHA512"].map((n) => [n, { value: true, origin: "wolfSSL 5.5.4 default" }]));
  return derive(table, { source: `wolfSSL ${WOLFSSL_VERSION} default configuration (./configure)`, errors: [] });
}

interface Definition {
  value: string | true;
  params?: string[];
  origin: string;
}
type MacroTable = Map<string, Definition>;

/** Parses the files as one configuration, in order. No files: the default configuration. */
export function parseWolfsslConfig(sources: WolfsslConfigSource[]): WolfsslCapabilities {
  if (sources.length === 0) return defaultWolfsslCapabilities();
  let result;
  try {
    result = preprocess(sources);
  } catch (err) {
    if (err instanceof PreprocessError) throw new InputError(`${err.message}: ${WOLFSSL_HELP}`);
    throw err;
  }
  for (const report of result.sources) {
    if (report.defineLines === 0) throw new InputError(`${report.name}: holds no #define lines: ${WOLFSSL_HELP}`);
  }
  const table: MacroTable = new Map();
  for (const [name, def] of result.macros) table.set(name, { value: def.params !== undefined || def.body === "" ? true : def.body, params: def.params, origin: def.origin });
  return derive(table, { source: sources.map((s) => s.name).join(", "), errors: result.errors });
}

function derive(table: MacroTable, context: { source: string; errors: { origin: string; text: string }[] }): WolfsslCapabilities {
  const on = (name: string): boolean => table.has(name);
  const contradictions: { macro: string; message: string }[] = context.errors.map((e) => ({
    macro: "#error",
    message: `${e.origin}: #error ${e.text}: the compiler stops the build at this line, so no device is built from this config as given`,
  }));
  /** A macro's integer value, or `fallback` when undefined; a value pkilab cannot evaluate is an InputError. */
  const integer = (name: string, fallback: number): number => {
    const def = table.get(name);
    if (def === undefined) return fallback;
    let v: bigint | undefined;
    try {
      v = def.value === true ? undefined : evaluateInteger(def.value, (n) => {
        const d = table.get(n);
        return d === undefined ? undefined : { body: d.value === true ? "" : d.value, params: d.params };
      });
    } catch (err) {
      if (err instanceof PreprocessError) throw new InputError(`${def.origin}: ${err.problem}`);
      throw err;
    }
    if (v === undefined || v <= 0n || v > 1_000_000_000n) {
      const what = def.value === true ? "defined without a value" : `\`${shown(def.value)}\``;
      throw new InputError(`${def.origin}: ${name} is ${what}, not a positive number pkilab can work out: define it as a number, or ${WOLFSSL_HELP}`);
    }
    return Number(v);
  };
  const multipleOf8 = (name: string, value: number): void => {
    // [5.5.4 wolfssl/internal.h]: "#error RSA/ECC minimum bit size must be a multiple of 8"
    if (value % 8 !== 0) contradictions.push({ macro: name, message: `${table.get(name)?.origin ?? context.source}: ${name} is ${value}, not a multiple of 8: wolfssl/internal.h stops the build ("minimum bit size must be a multiple of 8")` });
  };

  const maxStrength = on("WOLFSSL_MAX_STRENGTH");
  const minRsaBits = integer("WOLFSSL_MIN_RSA_BITS", maxStrength ? 2048 : DEFAULTS.WOLFSSL_MIN_RSA_BITS);
  const minEccBits = integer("WOLFSSL_MIN_ECC_BITS", maxStrength ? 256 : DEFAULTS.WOLFSSL_MIN_ECC_BITS);
  multipleOf8("WOLFSSL_MIN_RSA_BITS", minRsaBits);
  multipleOf8("WOLFSSL_MIN_ECC_BITS", minEccBits);
  // settings.h sees WOLFSSL_MIN_ECC_BITS only when the configuration defines it (internal.h's default comes later).
  const eccMinKeySz = integer("ECC_MIN_KEY_SZ", on("WOLFSSL_MIN_ECC_BITS") ? minEccBits : DEFAULTS.ECC_MIN_KEY_SZ);

  // Curves [5.5.4 wolfcrypt/src/ecc.c, the ECC112..ECC521 defines and ecc_sets[]]: a size is in the
  // table when HAVE_ECC<size> or HAVE_ALL_CURVES (256: unless NO_ECC256) and ECC_MIN_KEY_SZ <= size;
  // HAVE_ALL_CURVES is defined unless ECC_USER_CURVES, and not with WOLFSSL_SP_MATH (single precision
  // only: P-256, plus P-384/P-521 with WOLFSSL_SP_384/_521) [5.5.4 wolfssl/wolfcrypt/settings.h];
  // secp curves unless NO_ECC_SECP, Koblitz with HAVE_ECC_KOBLITZ, Brainpool with HAVE_ECC_BRAINPOOL.
  const ecc = on("HAVE_ECC");
  const spMathOnly = on("WOLFSSL_SP_MATH") && !on("ECC_USER_CURVES");
  const allCurves = on("HAVE_ALL_CURVES") || (!on("ECC_USER_CURVES") && !on("WOLFSSL_SP_MATH"));
  const sizeOn = (bits: number): boolean =>
    (bits === 256
      ? !on("NO_ECC256") || allCurves
      : on(`HAVE_ECC${bits}`) || allCurves || (spMathOnly && ((bits === 384 && on("WOLFSSL_SP_384")) || (bits === 521 && on("WOLFSSL_SP_521"))))) && eccMinKeySz <= bits;
  const familyOn = { secp: !on("NO_ECC_SECP"), koblitz: on("HAVE_ECC_KOBLITZ"), brainpool: on("HAVE_ECC_BRAINPOOL") };
  const curves = ecc ? CURVES.filter((c) => familyOn[c.family] && sizeOn(c.bits)).map((c) => c.name) : [];

  // Hashes for certificate signatures [5.5.4 wolfcrypt/src/asn.c HashForSignature()].
  const hashes = [
    ...(on("NO_MD5") ? [] : ["md5"]),
    ...(on("NO_SHA") ? [] : ["sha1"]),
    ...(on("WOLFSSL_SHA224") ? ["sha224"] : []),
    ...(on("NO_SHA256") ? [] : ["sha256"]),
    ...(on("WOLFSSL_SHA384") ? ["sha384"] : []),
    ...(on("WOLFSSL_SHA512") ? ["sha512"] : []),
  ];

  const maxChainDepth = integer("MAX_CHAIN_DEPTH", DEFAULTS.MAX_CHAIN_DEPTH);
  // [5.5.4 wolfssl/internal.h MAX_CERTIFICATE_SZ]: CERT_HEADER_SZ + (MAX_X509_SIZE + CERT_HEADER_SZ) * MAX_CHAIN_DEPTH
  const maxX509 = on("HAVE_PQC") ? 8192 : on("WOLFSSL_HAPROXY") ? 3072 : DEFAULTS.MAX_X509_SIZE;
  const computed = DEFAULTS.CERT_HEADER_SZ + (maxX509 + DEFAULTS.CERT_HEADER_SZ) * maxChainDepth;
  const maxCertificateSz = integer("MAX_CERTIFICATE_SZ", computed);
  // [5.5.4 wolfssl/internal.h MAX_HANDSHAKE_SZ]: MAX_CERTIFICATE_SZ unless set
  const maxHandshakeSz = integer("MAX_HANDSHAKE_SZ", maxCertificateSz);

  // OPENSSL_EXTRA is also turned on by OPENSSL_ALL, WOLFSSL_NGINX, WOLFSSL_HAPROXY, HAVE_LIGHTY and
  // WOLFSSL_QL [5.5.4 wolfssl/wolfcrypt/settings.h].
  const opensslExtra = ["OPENSSL_EXTRA", "OPENSSL_ALL", "OPENSSL_EXTRA_X509_SMALL", "WOLFSSL_NGINX", "WOLFSSL_HAPROXY", "HAVE_LIGHTY", "WOLFSSL_QL"].some(on);
  return {
    version: versionOf(table),
    versionSource: table.has("LIBWOLFSSL_VERSION_STRING") ? `LIBWOLFSSL_VERSION_STRING at ${table.get("LIBWOLFSSL_VERSION_STRING")!.origin}` : `pkilab's default (the version whose defaults it knows)`,
    source: context.source,
    rsa: !on("NO_RSA"),
    ecc,
    ed25519: on("HAVE_ED25519"),
    ed448: on("HAVE_ED448"),
    curves,
    eccMinKeySz,
    minEccBits,
    minRsaBits,
    hashes,
    maxChainDepth,
    maxCertificateSz,
    maxHandshakeSz,
    // [5.5.4 wolfcrypt/src/asn.c ParseCertRelative()/wc_ValidateDate()]: date checks are compiled out with NO_ASN_TIME
    checksDates: !on("NO_ASN_TIME"),
    // [5.5.4 src/internal.c ProcessPeerCerts()]: with WOLFSSL_ALT_CERT_CHAINS a CA that has no signer is skipped
    altCertChains: on("WOLFSSL_ALT_CERT_CHAINS"),
    // [5.5.4 src/ssl.c wolfSSL_CTX_load_verify_buffer_ex()] calls wolfSSL_CTX_trust_peer_buffer() under both macros
    trustsLoadedPeers: on("WOLFSSL_TRUST_PEER_CERT") && on("OPENSSL_COMPATIBLE_DEFAULTS"),
    // [5.5.4 wolfcrypt/src/asn.c DecodeGeneralName()]: iPAddress entries join cert->altNames only with
    // WOLFSSL_QT, OPENSSL_ALL or WOLFSSL_IP_ALT_NAME; URI entries unless IGNORE_NAME_CONSTRAINTS
    ipAltNames: on("OPENSSL_ALL") || on("WOLFSSL_QT") || on("WOLFSSL_IP_ALT_NAME"),
    uriAltNames: !on("IGNORE_NAME_CONSTRAINTS"),
    // [5.5.4 src/internal.c ProcessPeerCerts()]: the domain check reads the CN only without alt names, unless WOLFSSL_ALLOW_NO_CN_IN_SAN
    cnWithAltNames: on("WOLFSSL_ALLOW_NO_CN_IN_SAN"),
    opensslExtra,
    // [5.5.4 wolfcrypt/src/asn.c DecodeCertExtensions()] skips the key usage extensions with IGNORE_KEY_EXTENSIONS;
    // [5.5.4 src/internal.c ProcessPeerCerts()] checks extKeyUsage serverAuth (EXTKEYUSE_AUTH_E) otherwise.
    checksLeafEku: !on("IGNORE_KEY_EXTENSIONS"),
    contradictions,
    macros: Object.fromEntries([...table].map(([name, def]) => [name, def.value])),
  };
}

function versionOf(table: MacroTable): string {
  const v = table.get("LIBWOLFSSL_VERSION_STRING")?.value;
  const m = typeof v === "string" ? /^"([^"]+)"$/.exec(v) : null;
  return m ? m[1]! : WOLFSSL_VERSION;
}
