// Every lint rule against certificates forged for it: for each rule and each peer it runs for, at
// least one scenario where it fires and one where it applies and stays quiet (checked by the last
// test of the table). Findings are compared as exact lists of "peer rule severity certIndex"
// strings, like pkilint's expected-findings files: a missing finding and an unexpected one both
// fail. All dates are fixed, so nothing here rots as the real clock moves on.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { readClientHello } from "../../src/app/read-client-hello.js";
import * as der from "../../src/asn1/der-writer.js";
import { describePrivateKeyFile, type KeyDescription } from "../../src/io/private-key.js";
import { lint } from "../../src/lint/engine.js";
import { rule as certExpired } from "../../src/lint/rules/cert-expired.js";
import { RULES } from "../../src/lint/rules/index.js";
import type { Rule } from "../../src/lint/types.js";
import { EKU, EXT } from "../../src/model/oids.js";
import { buildProfile, type ProfileOptions } from "../../src/peers/index.js";
import { cipherSuiteName, groupName, signatureSchemeName, type ClientHello } from "../../src/peers/parse/client-hello.js";
import { readMbedtlsConfig } from "../../src/app/read-mbedtls-config.js";
import { defaultCapabilities, type MbedtlsCapabilities, type MbedtlsVersion } from "../../src/peers/parse/mbedtls-config.js";
import type { MbedtlsX509Profile } from "../../src/knowledge/mbedtls-profiles.js";
import type { PeerId } from "../../src/peers/types.js";
import { readWolfsslConfig } from "../../src/app/read-wolfssl-config.js";
import type { WolfsslCapabilities } from "../../src/peers/parse/wolfssl-config.js";
import { REPO_ROOT, tempDir } from "../helpers/cli.js";
import { forge, forgeKey, type ForgeKey, type ForgeOptions, type Forged } from "../helpers/forge.js";
import { negativeSerial } from "../helpers/negative-serial.js";
import { NON_DER_SERIAL, nonDerForged } from "../helpers/non-der.js";
import { forgeCrl, type CrlSpec } from "../chain/forge-crl.js";

/** The clock (--at) of every scenario unless it says otherwise. */
const AT = "2030-06-01T00:00:00Z";
const HOST = "www.example.com";
const ORG = "pkilab rules test";
const ALL: PeerId[] = ["nginx-mtls", "nginx-server", "browser"];
const NULL_VALUE = Uint8Array.of(0x05, 0x00);
/** Microsoft Server Gated Crypto, an EKU OpenSSL accepts in place of serverAuth. */
const MS_SGC = "1.3.6.1.4.1.311.10.3.3";

/** A P-256 root CA valid 2028–2040. */
function rootCa(extra: Partial<ForgeOptions> = {}): Forged {
  return forge({
    subject: { cn: "Rules Root", o: ORG },
    notBefore: "2028-01-01T00:00:00Z",
    notAfter: "2040-01-01T00:00:00Z",
    basicConstraints: { ca: true },
    keyUsage: ["keyCertSign", "cRLSign"],
    ...extra,
  });
}

/** An intermediate CA valid 2028–2035, pathLen 0, EKU serverAuth + clientAuth. */
function intermediateCa(issuer: Forged, extra: Partial<ForgeOptions> = {}): Forged {
  return forge({
    subject: { cn: "Rules Intermediate", o: ORG },
    issuer,
    notBefore: "2028-01-01T00:00:00Z",
    notAfter: "2035-01-01T00:00:00Z",
    basicConstraints: { ca: true, pathLen: 0 },
    keyUsage: ["keyCertSign", "cRLSign"],
    extKeyUsage: [EKU.serverAuth, EKU.clientAuth],
    ...extra,
  });
}

/**
 * A leaf for www.example.com usable as TLS client and server. Valid 46 days (2030-05-20 to
 * 2030-07-05): inside the browser cap of 47 days for certificates issued from 2029-03-15, and more
 * than 30 days left at --at, so expires-soon stays quiet.
 */
function leafCert(issuer: Forged, extra: Partial<ForgeOptions> = {}): Forged {
  return forge({
    subject: { cn: HOST, o: ORG },
    issuer,
    notBefore: "2030-05-20T00:00:00Z",
    notAfter: "2030-07-05T00:00:00Z",
    keyUsage: ["digitalSignature"],
    extKeyUsage: [EKU.serverAuth, EKU.clientAuth],
    subjectAltNames: [{ dns: HOST }],
    ...extra,
  });
}

const root = rootCa();
const intermediate = intermediateCa(root);

interface Chain {
  leaf: Forged;
  /** Sent after the leaf, in this order (the rest of the leaf file, then --chain). */
  sent: Forged[];
  anchors: Forged[];
}

/** A leaf of the shared intermediate, sent with it, the shared root trusted. */
function standard(extra: Partial<ForgeOptions> = {}): Chain {
  return { leaf: leafCert(intermediate, extra), sent: [intermediate], anchors: [root] };
}

/** RSA-2048 root → P-256 intermediate (RSA-signed) → P-256 leaf. */
function rsaRootChain(): Chain {
  const rsaRoot = forge({ subject: { cn: "RSA Root" }, key: "rsa2048", notBefore: "2030-01-01T00:00:00Z", notAfter: "2040-01-01T00:00:00Z", basicConstraints: { ca: true, critical: true }, keyUsage: { usages: ["keyCertSign", "cRLSign"], critical: true } });
  const int = intermediateCa(rsaRoot, {});
  return { leaf: leafCert(int), sent: [int], anchors: [rsaRoot] };
}

/** `anchor` as read from OpenSSL's "TRUSTED CERTIFICATE" with these trust settings (src/model/aux-trust.ts). */
function trustedForm(anchor: Forged, settings: { trust?: string[]; reject?: string[] }): Forged {
  return { ...anchor, facts: { ...anchor.facts, auxTrust: { trust: settings.trust ?? [], reject: settings.reject ?? [] } } };
}

/**
 * A CA file as nginx needs it beside TRUSTED CERTIFICATE blocks: an unrelated root as a plain
 * CERTIFICATE block first (without one nginx does not start: client-ca-trusted-blocks-only).
 */
const unrelatedRoot = once(() => rootCa({ subject: { cn: "Unrelated Root", o: ORG } }));
function withPlainRoot(...anchors: Forged[]): Forged[] {
  return [unrelatedRoot(), ...anchors];
}

/** A root of its own key with a negative serial (made once). */
const negativeSerialRoot = once(() => negativeSerial(rootCa({ subject: { cn: "Rules Negative Serial Root", o: ORG }, serial: NON_DER_SERIAL })));

/** `anchors` as read from one CA file, in order: their sources are "FILE#1", "FILE#2"… (src/io/read.ts). */
function caFile(file: string, ...anchors: Forged[]): Forged[] {
  return anchors.map((anchor, i) => ({ ...anchor, facts: { ...anchor.facts, source: `${file}#${i + 1}` } }));
}

/** The peers that read a CA file's "CERTIFICATE" blocks only (test/peers/trusted-blocks.test.ts). */
const PLAIN_BLOCK_READERS: PeerId[] = ["mbedtls", "wolfssl", "go-mtls", "go-client"];

/** root → intermediate (built with `ca`) → leaf, the intermediate sent. */
function withIntermediate(ca: Partial<ForgeOptions>, leaf: Partial<ForgeOptions> = {}): Chain {
  const int = intermediateCa(root, ca);
  return { leaf: leafCert(int, leaf), sent: [int], anchors: [root] };
}

/** root → A (no pathLen) → B (pathLen 0) → leaf: two intermediates, sent in the right order. */
function twoIntermediates(aExtra: Partial<ForgeOptions> = {}): { chain: Chain; a: Forged; b: Forged } {
  const a = intermediateCa(root, { subject: { cn: "Rules Intermediate A", o: ORG }, basicConstraints: { ca: true }, ...aExtra });
  const b = intermediateCa(a, { subject: { cn: "Rules Intermediate B", o: ORG } });
  return { chain: { leaf: leafCert(b), sent: [b, a], anchors: [root] }, a, b };
}

/** An RSA-2048 key, made once (RSA key generation is the slow part of this file). */
let rsa: ForgeKey | undefined;
function rsaKey(): ForgeKey {
  return (rsa ??= forgeKey("rsa2048"));
}

/** `anchor` → a standard intermediate (with `ca` changes) → leaf; the intermediate sent, `anchor` trusted. */
function withIssuerRoot(anchor: Forged, ca: Partial<ForgeOptions> = {}): Chain {
  const int = intermediateCa(anchor, ca);
  return { leaf: leafCert(int), sent: [int], anchors: [anchor] };
}

// ---------------------------------------------------------------------------------------------
// Devices: an mbedTLS config header, a private key file, a captured ClientHello
// ---------------------------------------------------------------------------------------------

const MBED: PeerId[] = ["mbedtls"];
const HELLO: PeerId[] = ["client-hello"];
const GO: PeerId[] = ["go-mtls", "go-client"];
const IP = "192.0.2.10";
/** A firmware's own X.509 profile for an old fleet: SHA-1 and RSA-1024 allowed (mbedtls_ssl_conf_cert_profile()). */
const LEGACY_PROFILE: MbedtlsX509Profile = {
  name: "the custom profile in legacy.profile",
  allowedMds: ["SHA1", "SHA224", "SHA256", "SHA384", "SHA512"],
  allowedPks: "any",
  allowedCurves: "any",
  rsaMinBitlen: 1024,
  citation: "test",
};
/** A device dialled by URI (a SPIFFE-style identity). */
const DEVICE_URI = "spiffe://example.com/device";

let scratch: string | undefined;
let scratchFiles = 0;
after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});
/** Writes a file into this run's scratch directory and returns its path. */
function scratchFile(name: string, text: string): string {
  scratch ??= tempDir("lint-rules");
  const file = path.join(scratch, `${++scratchFiles}-${name}`);
  writeFileSync(file, text);
  return file;
}

/**
 * A device's mbedtls_config.h / config.h: the stock options of `version` (those pkilab reads), less
 * `off`, plus `on` (lines after #define: "NAME" or "NAME VALUE"); read as `--mbedtls-config FILE
 * --mbedtls-version V` reads it (the file is the whole configuration).
 */
function mbedtls(version: MbedtlsVersion, change: { off?: string[]; on?: string[] } = {}): MbedtlsCapabilities {
  const names = Object.keys(defaultCapabilities(version).macros);
  for (const name of change.off ?? []) if (!names.includes(name)) throw new Error(`mbedtls(): ${name} is not a stock ${version} option`);
  const lines = [...names.filter((n) => !change.off?.includes(n)), ...(change.on ?? [])].map((l) => `#define ${l}`);
  return readMbedtlsConfig([scratchFile("mbedtls_config.h", `${lines.join("\n")}\n`)], { version });
}

/** A wolfSSL device: a user_settings.h of these lines, read as `--wolfssl-config FILE` reads it. */
function wolfssl(lines: string[]): WolfsslCapabilities {
  return readWolfsslConfig([scratchFile("user_settings.h", `${lines.map((l) => `#define ${l}`).join("\n")}\n`)]);
}
const WOLF: PeerId[] = ["wolfssl"];

/** A config header given as text, its version guessed the way `--mbedtls-config FILE` alone guesses it. */
function mbedtlsHeader(text: string): MbedtlsCapabilities {
  return readMbedtlsConfig([scratchFile("config.h", text)]);
}

/** Seed 002's config.h (a 2.28 STM32 TLS server without RTC), the lines pkilab reads, as posted. */
const SEED_002_CONFIG = `#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_SSL_MAX_FRAGMENT_LENGTH
#define MBEDTLS_SSL_PROTO_TLS1_2
#define MBEDTLS_AES_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_C
#define MBEDTLS_GCM_C
#define MBEDTLS_MD_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C
#define MBEDTLS_SSL_SRV_C
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_BASE64_C
#define MBEDTLS_CERTS_C
#define MBEDTLS_PEM_PARSE_C
#define MBEDTLS_MPI_MAX_SIZE  48
#define MBEDTLS_ECP_MAX_BITS  384
#define MBEDTLS_SSL_MAX_CONTENT_LEN 1024
`;

/** --key: a private key file as lint describes it (format, type, encryption; no secret). */
function keyFile(spec: "p256" | "ed25519" | ForgeKey, encoding: { type: "pkcs8" | "sec1"; cipher?: string } = { type: "pkcs8" }): KeyDescription {
  const pair = typeof spec === "string" ? forgeKey(spec) : spec;
  const pem = pair.privateKey.export({ format: "pem", type: encoding.type, ...(encoding.cipher ? { cipher: encoding.cipher, passphrase: "pkilab" } : {}) });
  return describePrivateKeyFile(scratchFile("key.pem", String(pem)));
}

/** The key of the key-mismatch scenarios' leaf, made once. */
let ownKey: ForgeKey | undefined;
const leafKey = (): ForgeKey => (ownKey ??= forgeKey("p256"));

/** A ClientHello as the client-hello profile reads it, from code points (IANA TLS registries). */
function hello(spec: { versions?: string[]; suites: number[]; groups: number[]; sigalgs: number[] }): ClientHello {
  return {
    legacyVersion: "TLS 1.2",
    supportedVersions: spec.versions ?? [],
    cipherSuites: spec.suites.map((id) => ({ id, name: cipherSuiteName(id) })),
    groups: spec.groups.map((id) => ({ id, name: groupName(id) })),
    signatureAlgorithms: spec.sigalgs.map((id) => ({ id, name: signatureSchemeName(id) })),
    pointFormats: ["uncompressed"],
    keyShareGroups: [],
    extensions: [],
  };
}

/** Seed 000: the STM32 mbedTLS client's own debug dump (one suite, c02b; one group, secp224r1). */
const seed000Hello = (): ClientHello => readClientHello(path.join(REPO_ROOT, "fixtures", "client-hello", "seed-000-one-ecdsa-suite-vs-rsa-server", "client-hello.txt"));

/** Seed 001: Exchange Online's TLS 1.2 hello as tshark decoded it: 16 ECDHE/RSA suites, secp256r1 only. */
const SEED_001_HELLO = hello({
  suites: [0xc02c, 0xc02b, 0xc030, 0xc02f, 0xc024, 0xc023, 0xc028, 0xc027, 0xc014, 0xc013, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f],
  groups: [0x0017],
  sigalgs: [0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203, 0x0202, 0x0601, 0x0603],
});

/** A TLS 1.3 + 1.2 client offering x25519 and secp256r1 only, and ECDSA P-256/P-384 and RSA signature schemes. */
const TLS13_HELLO = hello({
  versions: ["TLS 1.3", "TLS 1.2"],
  suites: [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f],
  groups: [0x001d, 0x0017],
  sigalgs: [0x0403, 0x0503, 0x0804, 0x0401],
});

/** The size of a TLS 1.3 Certificate message carrying `certs` (RFC 8446 4.4.2). */
const tls13CertificateMessage = (certs: Forged[]): number => 4 + 1 + 3 + certs.reduce((sum, c) => sum + 3 + c.der.length + 2, 0);

/** Builds once, so a scenario's chain and its peer options can refer to the same certificates. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Every TLS 1.2 certificate key exchange but ECDHE-ECDSA: seed 000's device (STM32Cube SSL_Client). */
const NON_ECDSA_KX = ["RSA", "DHE_RSA", "ECDHE_RSA", "ECDH_ECDSA", "ECDH_RSA"].map((kx) => `MBEDTLS_KEY_EXCHANGE_${kx}_ENABLED`);
/** Every TLS 1.2 certificate key exchange but RSA key transport. */
const NON_RSA_KX = ["DHE_RSA", "ECDHE_RSA", "ECDHE_ECDSA", "ECDH_ECDSA", "ECDH_RSA"].map((kx) => `MBEDTLS_KEY_EXCHANGE_${kx}_ENABLED`);
/** An unknown non-critical extension of 17000 bytes: a leaf whose Certificate message exceeds 16384 bytes. */
const BIG_EXTENSION = { oid: "1.3.6.1.4.1.55555.3", value: der.octetString(new Uint8Array(17000)) };
/** Leaf + intermediate, for a buffer sized to them exactly. */
const exactFit = once(() => standard());
/** Leaf + intermediate + root sent, the root trusted. */
const rootSent = once((): Chain => ({ leaf: leafCert(intermediate), sent: [intermediate, root], anchors: [root] }));

// ---------------------------------------------------------------------------------------------
// Revocation: CRLs as nginx's ssl_crl loads them (test/chain/forge-crl.ts)
// ---------------------------------------------------------------------------------------------

const MTLS: PeerId[] = ["nginx-mtls"];

/** A CRL of `issuer` valid from a month before AT to a month after, nothing revoked unless said. */
function crlOf(issuer: Forged, spec: Partial<CrlSpec> = {}) {
  return forgeCrl({ issuer, thisUpdate: "2030-05-01T00:00:00Z", nextUpdate: "2030-07-01T00:00:00Z", ...spec }).facts;
}

/** The profile options of nginx with ssl_crl holding these CRLs (the root's and the intermediate's by default). */
function sslCrl(crls: ReturnType<typeof crlOf>[] = [crlOf(root), crlOf(intermediate)]): ProfileOptions {
  return { crls: { crls, source: "ssl_crl at nginx.conf:9" } };
}

/** The profile options of an mbedTLS device given these CRLs with --crl. */
function deviceCrl(crls: ReturnType<typeof crlOf>[]): ProfileOptions {
  return { deviceCrls: { crls, source: "--crl crl.pem" } };
}

/** root → an intermediate without cRLSign → leaf, the intermediate's CRL listing the leaf. */
const noCrlSignRevoked = once(() => {
  const int = intermediateCa(root, { subject: { cn: "Rules Intermediate without cRLSign", o: ORG }, keyUsage: ["keyCertSign"] });
  const leaf = leafCert(int);
  return { chain: { leaf, sent: [int], anchors: [root] }, crls: [crlOf(int, { revoked: [{ cert: leaf, date: "2030-05-15T00:00:00Z" }] })] };
});

/** root → an intermediate without cRLSign → leaf, and the CRLs of both. */
const noCrlSign = once(() => {
  const int = intermediateCa(root, { subject: { cn: "Rules Intermediate without cRLSign", o: ORG }, keyUsage: ["keyCertSign"] });
  return { chain: { leaf: leafCert(int), sent: [int], anchors: [root] }, crls: [crlOf(root), crlOf(int)] };
});
/** The standard chain, its leaf on the intermediate's CRL. */
const revokedLeaf = once(() => {
  const chain = standard();
  return { chain, crls: [crlOf(root), crlOf(intermediate, { revoked: [{ cert: chain.leaf, date: "2030-05-15T00:00:00Z", reason: "keyCompromise" }] })] };
});

interface Scenario {
  name: string;
  /** --for */
  peers: PeerId[];
  /**
   * --verify-depth, --openssl, --host (default www.example.com; null = none), --at (default AT), and
   * ssl_verify_client and server_name as read from an nginx.conf.
   */
  options?: { verifyDepth?: number; opensslSeries?: "1.0" | "1.1+"; host?: string | null; at?: string; verifyClient?: string; serverNames?: string[] };
  chain: () => Chain;
  /** mbedtls (config capabilities, version, device clock, device's own cert) and client-hello options. */
  peer?: () => ProfileOptions;
  /** --key: the device's private key (mbedtls-key-format). */
  key?: () => KeyDescription;
  /** "peer rule severity certIndex", one per finding (a repeated finding is listed twice). */
  expected: string[];
}

// The accept/reject outcome of every nginx-mtls and nginx-server scenario was checked once against
// `openssl verify` 3.0.19 (-auth_level 2, -purpose sslclient/sslserver, -verify_depth, -verify_hostname);
// where they differ, the scenario says why.
const SCENARIOS: Scenario[] = [
  // A clean chain: no rule has anything to say for any peer.
  { name: "baseline: P-256 root → intermediate → leaf, leaf + intermediate sent", peers: ALL, chain: () => standard(), expected: [] },
  { name: "baseline without --host", peers: ALL, options: { host: null }, chain: () => standard(), expected: [] },

  // chain-not-anchored
  {
    name: "intermediate not sent",
    peers: ALL,
    chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [root] }),
    expected: ["nginx-mtls chain-not-anchored error 0", "nginx-server chain-not-anchored error 0", "browser chain-not-anchored error 0"],
  },
  {
    name: "only the intermediate is trusted (a partial chain)",
    peers: ALL,
    chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [intermediate] }),
    expected: ["nginx-mtls chain-not-anchored error 1", "nginx-server chain-not-anchored error 1", "browser chain-not-anchored error 1"],
  },
  {
    name: "self-signed leaf that is not trusted",
    peers: ALL,
    chain: () => ({ leaf: forge({ subject: { cn: HOST }, notBefore: "2030-05-20T00:00:00Z", notAfter: "2030-07-05T00:00:00Z", subjectAltNames: [{ dns: HOST }] }), sent: [], anchors: [root] }),
    expected: ["nginx-mtls chain-not-anchored error 0", "nginx-server chain-not-anchored error 0", "browser chain-not-anchored error 0"],
  },
  {
    name: "the whole chain is sent but its root is not trusted",
    peers: ALL,
    chain: () => ({ leaf: leafCert(intermediate), sent: [intermediate, root], anchors: [rootCa({ subject: { cn: "Other Root", o: ORG } })] }),
    expected: [
      "nginx-mtls chain-not-anchored error 2", "nginx-server chain-not-anchored error 2", "browser chain-not-anchored error 2",
      "nginx-mtls root-in-chain info -1", "nginx-server root-in-chain info -1", "browser root-in-chain info -1",
    ],
  },

  // verify-depth-too-small
  {
    name: "two intermediates at ssl_verify_depth 1",
    peers: ALL,
    options: { verifyDepth: 1 },
    chain: () => twoIntermediates().chain,
    expected: ["nginx-mtls verify-depth-too-small error -1"],
  },
  { name: "two intermediates at ssl_verify_depth 2", peers: ALL, options: { verifyDepth: 2 }, chain: () => twoIntermediates().chain, expected: [] },
  {
    name: "OpenSSL 1.0 counts the leaf: ssl_verify_depth 2 allows one intermediate",
    peers: ["nginx-mtls"],
    options: { verifyDepth: 2, opensslSeries: "1.0" },
    chain: () => twoIntermediates().chain,
    expected: ["nginx-mtls verify-depth-too-small error -1"],
  },
  { name: "OpenSSL 1.0, ssl_verify_depth 2, one intermediate", peers: ["nginx-mtls"], options: { verifyDepth: 2, opensslSeries: "1.0" }, chain: () => standard(), expected: [] },

  // verify-client-off (nginx.conf's ssl_verify_client)
  { name: "ssl_verify_client off", peers: ALL, options: { verifyClient: "off" }, chain: () => standard(), expected: ["nginx-mtls verify-client-off warning -1"] },
  { name: "ssl_verify_client optional", peers: ALL, options: { verifyClient: "optional" }, chain: () => standard(), expected: ["nginx-mtls verify-client-off warning -1"] },
  { name: "ssl_verify_client optional_no_ca", peers: ALL, options: { verifyClient: "optional_no_ca" }, chain: () => standard(), expected: ["nginx-mtls verify-client-off warning -1"] },
  { name: "ssl_verify_client on", peers: ALL, options: { verifyClient: "on" }, chain: () => standard(), expected: [] },

  // trust-settings-rejected: OpenSSL trust settings of a TRUSTED CERTIFICATE anchor (browsers do not read them).
  {
    name: "the root rejected for clientAuth and serverAuth",
    peers: ALL,
    chain: () => ({ ...standard(), anchors: withPlainRoot(trustedForm(root, { reject: [EKU.clientAuth, EKU.serverAuth] })) }),
    expected: ["nginx-mtls trust-settings-rejected error 2", "nginx-server trust-settings-rejected error 2"],
  },
  {
    name: "the root trusted for serverAuth only",
    peers: ALL,
    chain: () => ({ ...standard(), anchors: withPlainRoot(trustedForm(root, { trust: [EKU.serverAuth] })) }),
    expected: ["nginx-mtls trust-settings-rejected error 2"],
  },
  {
    name: "the root trusted for clientAuth and serverAuth, alone in the CA file",
    peers: ALL,
    chain: () => ({ ...standard(), anchors: [trustedForm(root, { trust: [EKU.clientAuth, EKU.serverAuth] })] }),
    expected: ["nginx-mtls client-ca-trusted-blocks-only error -1"],
  },
  {
    // SSL_load_client_CA_file() needs one plain CERTIFICATE block (test/peers/openssl-misses-nginx.test.ts).
    name: "the root trusted for clientAuth, beside a plain CERTIFICATE block of another root",
    peers: ALL,
    chain: () => ({ ...standard(), anchors: withPlainRoot(trustedForm(root, { trust: [EKU.clientAuth, EKU.serverAuth] })) }),
    expected: [],
  },
  {
    // OpenSSL ends the path at a certificate explicitly trusted for the purpose; browsers need the root.
    name: "only the intermediate, trusted for any purpose",
    peers: ALL,
    chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: withPlainRoot(trustedForm(intermediate, { trust: [EKU.anyExtendedKeyUsage] })) }),
    expected: ["browser chain-not-anchored error 1"],
  },
  // ca-file-only-trusted-blocks and trusted-certificate-block-ignored: mbedTLS, wolfSSL and Go read
  // "CERTIFICATE" blocks only; a TRUSTED CERTIFICATE block is no anchor for them.
  {
    name: "the root as a TRUSTED CERTIFICATE block, alone in the CA file",
    peers: PLAIN_BLOCK_READERS,
    chain: () => ({ ...standard(), anchors: caFile("ca.pem", trustedForm(root, { trust: [EKU.clientAuth, EKU.serverAuth] })) }),
    expected: [
      "mbedtls ca-file-only-trusted-blocks error -1", "mbedtls chain-not-anchored error 1",
      "wolfssl ca-file-only-trusted-blocks error -1", "wolfssl chain-not-anchored error 1",
      "go-mtls ca-file-only-trusted-blocks warning -1", "go-mtls chain-not-anchored error 1",
      "go-client ca-file-only-trusted-blocks warning -1", "go-client chain-not-anchored error 1",
    ],
  },
  {
    name: "the root as a TRUSTED block, beside another root as a plain block",
    peers: PLAIN_BLOCK_READERS,
    chain: () => ({ ...standard(), anchors: caFile("ca.pem", trustedForm(root, { trust: [EKU.clientAuth, EKU.serverAuth] }), unrelatedRoot()) }),
    expected: [
      "mbedtls trusted-certificate-block-ignored warning -1", "mbedtls chain-not-anchored error 1",
      "wolfssl trusted-certificate-block-ignored warning -1", "wolfssl chain-not-anchored error 1",
      "go-mtls trusted-certificate-block-ignored warning -1", "go-mtls chain-not-anchored error 1",
      "go-client trusted-certificate-block-ignored warning -1", "go-client chain-not-anchored error 1",
    ],
  },
  {
    name: "the root as a plain block, another root as a TRUSTED block",
    peers: PLAIN_BLOCK_READERS,
    chain: () => ({ ...standard(), anchors: caFile("ca.pem", root, trustedForm(unrelatedRoot(), { trust: [EKU.serverAuth] })) }),
    expected: ["mbedtls trusted-certificate-block-ignored warning -1", "wolfssl trusted-certificate-block-ignored warning -1", "go-mtls trusted-certificate-block-ignored warning -1", "go-client trusted-certificate-block-ignored warning -1"],
  },
  {
    name: "the root as a TRUSTED block in one CA file, as a plain block in another",
    peers: PLAIN_BLOCK_READERS,
    chain: () => ({ ...standard(), anchors: [...caFile("trusted.pem", trustedForm(root, { trust: [EKU.serverAuth] })), ...caFile("ca.pem", root)] }),
    expected: ["mbedtls ca-file-only-trusted-blocks error -1", "wolfssl ca-file-only-trusted-blocks error -1", "go-mtls ca-file-only-trusted-blocks warning -1", "go-client ca-file-only-trusted-blocks warning -1"],
  },
  {
    name: "the root as a TRUSTED block and as a plain block of the same CA file",
    peers: PLAIN_BLOCK_READERS,
    chain: () => ({ ...standard(), anchors: caFile("ca.pem", trustedForm(root, { trust: [EKU.serverAuth] }), root) }),
    expected: [],
  },

  // trusted-copy-used: OpenSSL (nginx, OpenSSL clients) takes the trust store's copy of a sent CA; browsers and mbedTLS are not modelled so.
  {
    name: "the trust store holds a serverAuth-only copy of the intermediate sent (same name and key)",
    peers: ALL,
    chain: () => ({ ...standard(), anchors: [root, intermediateCa(root, { key: intermediate.key, extKeyUsage: [EKU.serverAuth] })] }),
    expected: ["nginx-mtls ca-eku-purpose error 1", "nginx-mtls trusted-copy-used warning 1", "nginx-server trusted-copy-used warning 1"],
  },
  {
    name: "the trust store holds the very intermediate sent",
    peers: ALL,
    chain: () => ({ ...standard(), anchors: [root, intermediate] }),
    expected: [],
  },

  // signature-invalid
  {
    name: "leaf signed by another key than its issuer's",
    peers: ALL,
    chain: () => standard({ wrongSigner: true }),
    expected: ["nginx-mtls signature-invalid error 0", "nginx-server signature-invalid error 0", "browser signature-invalid error 0"],
  },
  {
    name: "intermediate signed by another key than the root's",
    peers: ALL,
    chain: () => withIntermediate({ wrongSigner: true }),
    expected: ["nginx-mtls signature-invalid error 1", "nginx-server signature-invalid error 1", "browser signature-invalid error 1"],
  },

  // ca-not-ca
  {
    name: "intermediate with basicConstraints CA:FALSE",
    peers: ALL,
    chain: () => withIntermediate({ basicConstraints: { ca: false } }),
    expected: ["nginx-mtls ca-not-ca error 1", "nginx-server ca-not-ca error 1", "browser ca-not-ca error 1"],
  },
  {
    name: "intermediate without basicConstraints",
    peers: ALL,
    chain: () => withIntermediate({ basicConstraints: undefined }),
    expected: ["nginx-mtls ca-not-ca error 1", "nginx-server ca-not-ca error 1", "browser ca-not-ca error 1"],
  },
  {
    name: "intermediate whose keyUsage lacks keyCertSign",
    peers: ALL,
    chain: () => withIntermediate({ keyUsage: ["digitalSignature", "cRLSign"] }),
    expected: ["nginx-mtls ca-not-ca error 1", "nginx-server ca-not-ca error 1", "browser ca-not-ca error 1"],
  },
  {
    name: "a v1 self-signed root is a valid trust anchor",
    peers: ALL,
    chain: () => {
      const v1 = rootCa({ version: 1, basicConstraints: undefined, keyUsage: undefined });
      return withIssuerRoot(v1);
    },
    expected: [],
  },

  // ca-path-length-exceeded
  {
    name: "root with pathLen 0 above an intermediate",
    peers: ALL,
    chain: () => withIssuerRoot(rootCa({ basicConstraints: { ca: true, pathLen: 0 } })),
    expected: ["nginx-mtls ca-path-length-exceeded error 2", "nginx-server ca-path-length-exceeded error 2", "browser ca-path-length-exceeded error 2"],
  },
  {
    name: "intermediate with pathLen 0 above another intermediate",
    peers: ALL,
    options: { verifyDepth: 2 },
    chain: () => twoIntermediates({ basicConstraints: { ca: true, pathLen: 0 } }).chain,
    expected: ["nginx-mtls ca-path-length-exceeded error 2", "nginx-server ca-path-length-exceeded error 2", "browser ca-path-length-exceeded error 2"],
  },
  {
    name: "intermediate with pathLen 1 above another intermediate",
    peers: ALL,
    options: { verifyDepth: 2 },
    chain: () => twoIntermediates({ basicConstraints: { ca: true, pathLen: 1 } }).chain,
    expected: [],
  },

  // name-constraint-violation
  {
    name: "SAN outside the intermediate's permitted DNS subtree",
    peers: ALL,
    options: { host: "www.example.org" },
    chain: () => withIntermediate({ nameConstraints: { permitted: ["example.com"] } }, { subjectAltNames: [{ dns: "www.example.org" }] }),
    expected: ["nginx-mtls name-constraint-violation error 0", "nginx-server name-constraint-violation error 0", "browser name-constraint-violation error 0"],
  },
  {
    name: "SAN in the intermediate's excluded DNS subtree",
    peers: ALL,
    options: { host: "db.internal.example.com" },
    chain: () => withIntermediate({ nameConstraints: { excluded: ["internal.example.com"] } }, { subjectAltNames: [{ dns: "db.internal.example.com" }] }),
    expected: ["nginx-mtls name-constraint-violation error 0", "nginx-server name-constraint-violation error 0", "browser name-constraint-violation error 0"],
  },
  {
    name: "SAN inside the permitted subtree and outside the excluded one",
    peers: ALL,
    chain: () => withIntermediate({ nameConstraints: { permitted: ["example.com"], excluded: ["internal.example.com"] } }),
    expected: [],
  },

  // unhandled-critical-extension
  {
    name: "unknown critical extension on the leaf",
    peers: ALL,
    chain: () => standard({ extensions: [{ oid: "1.3.6.1.4.1.55555.1", critical: true, value: NULL_VALUE }] }),
    expected: ["nginx-mtls unhandled-critical-extension error 0", "nginx-server unhandled-critical-extension error 0"],
  },
  {
    name: "unknown critical extension on the intermediate",
    peers: ALL,
    chain: () => withIntermediate({ extensions: [{ oid: "1.3.6.1.4.1.55555.1", critical: true, value: NULL_VALUE }] }),
    expected: ["nginx-mtls unhandled-critical-extension error 1", "nginx-server unhandled-critical-extension error 1"],
  },
  {
    name: "unknown extension, not critical",
    peers: ALL,
    chain: () => standard({ extensions: [{ oid: "1.3.6.1.4.1.55555.1", value: NULL_VALUE }] }),
    expected: [],
  },
  // OpenSSL 3.0's X509_supported_extension lists id-pkix-ocsp-nocheck; `openssl verify` 3.0.19 accepts it critical.
  { name: "critical id-pkix-ocsp-nocheck, which OpenSSL handles", peers: ALL, chain: () => standard({ extensions: [{ oid: "1.3.6.1.5.5.7.48.1.5", critical: true, value: NULL_VALUE }] }), expected: [] },

  // malformed-certificate
  {
    // OpenSSL notices a repeat only of the extensions it decodes (`openssl verify` 3.0.19 accepts this);
    // browsers reject any repeat (RFC 5280 4.2).
    name: "leaf repeats an unknown non-critical extension",
    peers: ALL,
    chain: () => standard({ extensions: [{ oid: "1.3.6.1.4.1.55555.2", value: NULL_VALUE }, { oid: "1.3.6.1.4.1.55555.2", value: NULL_VALUE }] }),
    expected: ["browser malformed-certificate error 0"],
  },
  {
    name: "leaf repeats subjectAltName",
    peers: ALL,
    chain: () => {
      const other = leafCert(intermediate);
      // The same SAN twice, so the host check does not depend on which copy a parser keeps.
      const san = other.facts.extensions.find((ext) => ext.oid === EXT.subjectAltName)!;
      return standard({ extensions: [{ oid: EXT.subjectAltName, value: san.value }] });
    },
    expected: ["nginx-mtls malformed-certificate error 0", "nginx-server malformed-certificate error 0", "browser malformed-certificate error 0"],
  },
  {
    name: "leaf key with explicit EC curve parameters",
    peers: ALL,
    chain: () => standard({ explicitCurve: true }),
    expected: ["nginx-mtls malformed-certificate error 0", "nginx-server malformed-certificate error 0", "browser malformed-certificate error 0"],
  },

  // non-der-encoding: which peers refuse what (test/peers/non-der-encoding.test.ts)
  {
    name: "leaf serial with a leading 00 (OpenSSL: illegal padding)",
    peers: [...ALL, ...MBED],
    chain: () => {
      const leaf = nonDerForged(leafCert(intermediate, { serial: NON_DER_SERIAL }), intermediate, "non-minimal-integer");
      return { leaf, sent: [intermediate], anchors: [root] };
    },
    expected: ["nginx-mtls non-der-encoding error 0", "nginx-server non-der-encoding error 0", "browser non-der-encoding warning 0", "mbedtls non-der-encoding info 0"],
  },
  {
    name: "leaf keyUsage critical flag as BOOLEAN 01 (OpenSSL and mbedTLS read it as TRUE)",
    peers: [...ALL, ...MBED],
    chain: () => {
      const leaf = nonDerForged(leafCert(intermediate, { serial: NON_DER_SERIAL }), intermediate, "boolean-not-00-ff");
      return { leaf, sent: [intermediate], anchors: [root] };
    },
    expected: ["browser non-der-encoding warning 0", "mbedtls non-der-encoding info 0"],
  },
  { name: "DER chain: no non-der-encoding finding for mbedTLS either", peers: MBED, chain: () => standard(), expected: [] },

  // leaf-eku-purpose
  {
    name: "leaf EKU codeSigning only",
    peers: ALL,
    chain: () => standard({ extKeyUsage: [EKU.codeSigning] }),
    expected: ["nginx-mtls leaf-eku-purpose error 0", "nginx-server leaf-eku-purpose error 0", "browser leaf-eku-purpose error 0"],
  },
  { name: "leaf EKU serverAuth only", peers: ALL, chain: () => standard({ extKeyUsage: [EKU.serverAuth] }), expected: ["nginx-mtls leaf-eku-purpose error 0"] },
  {
    name: "leaf EKU clientAuth only",
    peers: ALL,
    chain: () => standard({ extKeyUsage: [EKU.clientAuth] }),
    expected: ["nginx-server leaf-eku-purpose error 0", "browser leaf-eku-purpose error 0"],
  },
  { name: "leaf without EKU", peers: ALL, chain: () => standard({ extKeyUsage: undefined }), expected: [] },

  // ca-eku-purpose
  { name: "intermediate EKU serverAuth only", peers: ALL, chain: () => withIntermediate({ extKeyUsage: [EKU.serverAuth] }), expected: ["nginx-mtls ca-eku-purpose error 1"] },
  { name: "intermediate EKU clientAuth only", peers: ALL, chain: () => withIntermediate({ extKeyUsage: [EKU.clientAuth] }), expected: ["nginx-server ca-eku-purpose error 1"] },
  {
    name: "root EKU codeSigning only",
    peers: ALL,
    chain: () => withIssuerRoot(rootCa({ extKeyUsage: [EKU.codeSigning] })),
    expected: ["nginx-mtls ca-eku-purpose error 2", "nginx-server ca-eku-purpose error 2"],
  },
  { name: "intermediate without EKU", peers: ALL, chain: () => withIntermediate({ extKeyUsage: undefined }), expected: [] },
  // OpenSSL's sslserver purpose takes Microsoft/Netscape Server Gated Crypto for serverAuth (XKU_SGC); `openssl verify` 3.0.19 agrees.
  { name: "intermediate EKU msSGC only", peers: ALL, chain: () => withIntermediate({ extKeyUsage: [MS_SGC] }), expected: ["nginx-mtls ca-eku-purpose error 1"] },

  // eku-any-only
  {
    name: "leaf EKU anyExtendedKeyUsage only",
    peers: ALL,
    chain: () => standard({ extKeyUsage: [EKU.anyExtendedKeyUsage] }),
    expected: ["nginx-mtls eku-any-only error 0", "nginx-server eku-any-only error 0", "browser eku-any-only error 0"],
  },
  { name: "leaf EKU anyExtendedKeyUsage with serverAuth and clientAuth", peers: ALL, chain: () => standard({ extKeyUsage: [EKU.anyExtendedKeyUsage, EKU.serverAuth, EKU.clientAuth] }), expected: [] },

  // leaf-key-usage-purpose
  { name: "leaf keyUsage keyEncipherment only", peers: ALL, chain: () => standard({ keyUsage: ["keyEncipherment"] }), expected: ["nginx-mtls leaf-key-usage-purpose error 0"] },
  {
    name: "leaf keyUsage nonRepudiation only",
    peers: ALL,
    chain: () => standard({ keyUsage: ["nonRepudiation"] }),
    expected: ["nginx-mtls leaf-key-usage-purpose error 0", "nginx-server leaf-key-usage-purpose error 0", "browser leaf-key-usage-purpose error 0"],
  },
  { name: "leaf keyUsage keyAgreement only", peers: ALL, chain: () => standard({ keyUsage: ["keyAgreement"] }), expected: [] },

  // leaf-nscerttype-purpose
  { name: "leaf Netscape cert type SSL server only", peers: ALL, chain: () => standard({ nsCertType: ["sslServer"] }), expected: ["nginx-mtls leaf-nscerttype-purpose error 0"] },
  { name: "leaf Netscape cert type SSL client only", peers: ALL, chain: () => standard({ nsCertType: ["sslClient"] }), expected: ["nginx-server leaf-nscerttype-purpose error 0"] },
  { name: "leaf Netscape cert type SSL client and server", peers: ALL, chain: () => standard({ nsCertType: ["sslClient", "sslServer"] }), expected: [] },

  // cert-expired
  {
    name: "leaf expired a month before --at",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-04-01T00:00:00Z", notAfter: "2030-05-01T00:00:00Z" }),
    expected: ["nginx-mtls cert-expired error 0", "nginx-server cert-expired error 0", "browser cert-expired error 0"],
  },
  {
    name: "intermediate expired, so the leaf outlives it",
    peers: ALL,
    chain: () => withIntermediate({ notAfter: "2030-05-01T00:00:00Z" }),
    expected: [
      "nginx-mtls cert-expired error 1", "nginx-server cert-expired error 1", "browser cert-expired error 1",
      "nginx-mtls leaf-outlives-issuer warning 0", "nginx-server leaf-outlives-issuer warning 0", "browser leaf-outlives-issuer warning 0",
    ],
  },
  {
    name: "trust anchor expired, so the intermediate outlives it",
    peers: ALL,
    chain: () => withIssuerRoot(rootCa({ notBefore: "2020-01-01T00:00:00Z", notAfter: "2030-05-01T00:00:00Z" })),
    expected: [
      "nginx-mtls cert-expired error 2", "nginx-server cert-expired error 2", "browser cert-expired error 2",
      "nginx-mtls leaf-outlives-issuer warning 1", "nginx-server leaf-outlives-issuer warning 1", "browser leaf-outlives-issuer warning 1",
    ],
  },
  {
    // RFC 5280 4.1.2.5: notAfter is inclusive. OpenSSL 3.0 (X509_cmp_time) already calls this second expired.
    name: "leaf notAfter equal to --at: still valid (inclusive), expires soon",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-05-01T00:00:00Z", notAfter: AT }),
    expected: ["nginx-mtls expires-soon warning 0", "nginx-server expires-soon warning 0", "browser expires-soon warning 0"],
  },

  // cert-not-yet-valid and clock-skew-not-yet-valid (the boundary between them is one day)
  {
    name: "leaf valid from 9 days after --at",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-06-10T00:00:00Z", notAfter: "2030-07-20T00:00:00Z" }),
    expected: ["nginx-mtls cert-not-yet-valid error 0", "nginx-server cert-not-yet-valid error 0", "browser cert-not-yet-valid error 0"],
  },
  {
    name: "leaf valid from one day and one second after --at",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-06-02T00:00:01Z", notAfter: "2030-07-15T00:00:00Z" }),
    expected: ["nginx-mtls cert-not-yet-valid error 0", "nginx-server cert-not-yet-valid error 0", "browser cert-not-yet-valid error 0"],
  },
  {
    name: "leaf valid from exactly one day after --at",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-06-02T00:00:00Z", notAfter: "2030-07-15T00:00:00Z" }),
    expected: ["nginx-mtls clock-skew-not-yet-valid error 0", "nginx-server clock-skew-not-yet-valid error 0", "browser clock-skew-not-yet-valid error 0"],
  },
  {
    name: "leaf valid from 2 hours after --at",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-06-01T02:00:00Z", notAfter: "2030-07-15T00:00:00Z" }),
    expected: ["nginx-mtls clock-skew-not-yet-valid error 0", "nginx-server clock-skew-not-yet-valid error 0", "browser clock-skew-not-yet-valid error 0"],
  },
  { name: "leaf notBefore equal to --at", peers: ALL, chain: () => standard({ notBefore: AT, notAfter: "2030-07-15T00:00:00Z" }), expected: [] },

  // expires-soon
  {
    name: "leaf expires 10 days after --at",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-05-01T00:00:00Z", notAfter: "2030-06-11T00:00:00Z" }),
    expected: ["nginx-mtls expires-soon warning 0", "nginx-server expires-soon warning 0", "browser expires-soon warning 0"],
  },
  {
    name: "intermediate and leaf expire within 30 days",
    peers: ALL,
    chain: () => withIntermediate({ notAfter: "2030-06-21T00:00:00Z" }, { notBefore: "2030-05-10T00:00:00Z", notAfter: "2030-06-20T00:00:00Z" }),
    expected: [
      "nginx-mtls expires-soon warning 0", "nginx-server expires-soon warning 0", "browser expires-soon warning 0",
      "nginx-mtls expires-soon warning 1", "nginx-server expires-soon warning 1", "browser expires-soon warning 1",
    ],
  },
  {
    name: "leaf expires exactly 30 days after --at",
    peers: ALL,
    chain: () => standard({ notAfter: "2030-07-01T00:00:00Z" }),
    expected: ["nginx-mtls expires-soon warning 0", "nginx-server expires-soon warning 0", "browser expires-soon warning 0"],
  },
  { name: "leaf expires 30 days and 1 second after --at", peers: ALL, chain: () => standard({ notAfter: "2030-07-01T00:00:01Z" }), expected: [] },

  // leaf-outlives-issuer
  {
    name: "leaf outlives its intermediate by two days",
    peers: ALL,
    chain: () => withIntermediate({ notAfter: "2030-07-03T00:00:00Z" }),
    expected: ["nginx-mtls leaf-outlives-issuer warning 0", "nginx-server leaf-outlives-issuer warning 0", "browser leaf-outlives-issuer warning 0"],
  },
  { name: "leaf expires with its intermediate", peers: ALL, chain: () => withIntermediate({ notAfter: "2030-07-05T00:00:00Z" }), expected: [] },

  // host-mismatch
  { name: "host name not in the SAN", peers: ALL, options: { host: "api.example.com" }, chain: () => standard(), expected: ["nginx-server host-mismatch error 0", "browser host-mismatch error 0"] },
  { name: "IP host with DNS SANs only", peers: ALL, options: { host: "192.0.2.10" }, chain: () => standard(), expected: ["nginx-server host-mismatch error 0", "browser host-mismatch error 0"] },
  {
    name: "wildcard SAN does not match two labels",
    peers: ALL,
    options: { host: "a.b.example.com" },
    chain: () => standard({ subjectAltNames: [{ dns: "*.example.com" }] }),
    expected: ["nginx-server host-mismatch error 0", "browser host-mismatch error 0"],
  },
  { name: "wildcard SAN matches one label", peers: ALL, options: { host: "api.example.com" }, chain: () => standard({ subjectAltNames: [{ dns: "*.example.com" }] }), expected: [] },
  { name: "IP host in an iPAddress SAN", peers: ALL, options: { host: "192.0.2.10" }, chain: () => standard({ subjectAltNames: [{ dns: HOST }, { ip: "192.0.2.10" }] }), expected: [] },

  // server-name-not-in-san (nginx.conf's server_name)
  {
    name: "a server_name missing from the SANs",
    peers: ALL,
    options: { serverNames: ["www.example.com", "api.example.com"] },
    chain: () => standard(),
    expected: ["nginx-server server-name-not-in-san error 0"],
  },
  {
    name: "two server_names a wildcard SAN does not cover: the apex (only in the CN) and two labels deep",
    peers: ALL,
    options: { serverNames: ["example.com", "a.b.example.com"] },
    chain: () => standard({ subject: { cn: "example.com", o: ORG }, subjectAltNames: [{ dns: "*.example.com" }] }),
    expected: ["nginx-server server-name-not-in-san error 0", "nginx-server server-name-not-in-san error 0"],
  },
  {
    name: "server_names covered by a wildcard and an iPAddress SAN; catch-all, wildcard and regex names skipped",
    peers: ALL,
    options: { serverNames: ["API.example.com", "www.example.com.", "192.0.2.10", "_", "*.example.org", ".example.net", "~^(?<h>.+)\\.example\\.io$", ""] },
    chain: () => standard({ subjectAltNames: [{ dns: "*.example.com" }, { ip: "192.0.2.10" }] }),
    expected: [],
  },

  // cn-only-no-san
  {
    name: "host name in the CN only, no --host",
    peers: ALL,
    options: { host: null },
    chain: () => standard({ subjectAltNames: undefined }),
    expected: ["nginx-server cn-only-no-san warning 0", "browser cn-only-no-san error 0"],
  },
  {
    // OpenSSL clients (curl) fall back to the CN and accept; browsers, also nginx-server's clients, do not.
    name: "host name in the CN only, with --host",
    peers: ALL,
    chain: () => standard({ subjectAltNames: undefined }),
    expected: ["nginx-server cn-only-no-san warning 0", "browser cn-only-no-san error 0", "nginx-server host-mismatch error 0", "browser host-mismatch error 0"],
  },
  {
    // An email-only SAN gives no DNS identity: OpenSSL still falls back to the CN, browsers do not.
    name: "host name in the CN, a SAN with an email address only",
    peers: ALL,
    options: { host: null },
    chain: () => standard({ subjectAltNames: [{ email: "admin@example.com" }] }),
    expected: ["nginx-server cn-only-no-san warning 0", "browser cn-only-no-san error 0"],
  },

  // ip-not-ip-san
  {
    name: "IP written as a dNSName SAN",
    peers: ALL,
    options: { host: null },
    chain: () => standard({ subjectAltNames: [{ dns: "192.0.2.10" }] }),
    expected: ["nginx-mtls ip-not-ip-san info 0", "nginx-server ip-not-ip-san warning 0", "browser ip-not-ip-san error 0"],
  },
  {
    name: "IP in the CN, a DNS SAN only",
    peers: ALL,
    chain: () => standard({ subject: { cn: "192.0.2.10", o: ORG } }),
    expected: ["nginx-mtls ip-not-ip-san info 0", "nginx-server ip-not-ip-san warning 0", "browser ip-not-ip-san error 0"],
  },
  {
    name: "IP in the CN and as a dNSName SAN: two findings",
    peers: ALL,
    options: { host: null },
    chain: () => standard({ subject: { cn: "192.0.2.10", o: ORG }, subjectAltNames: [{ dns: "192.0.2.10" }] }),
    expected: [
      "nginx-mtls ip-not-ip-san info 0", "nginx-server ip-not-ip-san warning 0", "browser ip-not-ip-san error 0",
      "nginx-mtls ip-not-ip-san info 0", "nginx-server ip-not-ip-san warning 0", "browser ip-not-ip-san error 0",
    ],
  },
  {
    name: "IPv6 CN without any SAN (seed 002's mistake)",
    peers: ALL,
    options: { host: null },
    chain: () => standard({ subject: { cn: "2001:db8::1", o: ORG }, subjectAltNames: undefined }),
    expected: ["nginx-mtls ip-not-ip-san info 0", "nginx-server ip-not-ip-san warning 0", "browser ip-not-ip-san error 0", "nginx-server cn-only-no-san warning 0", "browser cn-only-no-san error 0"],
  },
  {
    name: "IP in the CN and as an iPAddress SAN",
    peers: ALL,
    options: { host: "192.0.2.10" },
    chain: () => standard({ subject: { cn: "192.0.2.10", o: ORG }, subjectAltNames: [{ ip: "192.0.2.10" }] }),
    expected: [],
  },
  {
    name: "IPv6 CN in upper case and the same address as an iPAddress SAN",
    peers: ALL,
    options: { host: "2001:db8::10" },
    chain: () => standard({ subject: { cn: "2001:DB8::10", o: ORG }, subjectAltNames: [{ ip: "2001:db8::10" }] }),
    expected: [],
  },

  // weak-key
  { name: "RSA-1024 leaf", peers: ALL, chain: () => standard({ key: "rsa1024" }), expected: ["nginx-mtls weak-key error 0", "nginx-server weak-key error 0", "browser weak-key error 0"] },
  { name: "P-192 intermediate", peers: ALL, chain: () => withIntermediate({ key: "p192" }), expected: ["nginx-mtls weak-key error 1", "nginx-server weak-key error 1", "browser weak-key error 1"] },
  { name: "RSA-2048 leaf", peers: ALL, chain: () => standard({ key: "rsa2048" }), expected: [] },
  { name: "RSA-1024 trust anchor", peers: ALL, chain: () => withIssuerRoot(rootCa({ key: "rsa1024" })), expected: ["nginx-mtls weak-key error 2", "nginx-server weak-key error 2", "browser weak-key error 2"] },
  // Browsers do not take Ed25519 certificates at all; OpenSSL does, at 128 bits.
  { name: "Ed25519 intermediate and leaf (nginx)", peers: ["nginx-mtls", "nginx-server"], chain: () => withIntermediate({ key: "ed25519" }, { key: "ed25519" }), expected: [] },

  // weak-signature
  { name: "leaf signed with SHA-1", peers: ALL, chain: () => standard({ hash: "sha1" }), expected: ["nginx-mtls weak-signature error 0", "nginx-server weak-signature error 0", "browser weak-signature error 0"] },
  {
    name: "intermediate signed with RSA SHA-1 by an RSA root",
    peers: ALL,
    chain: () => withIssuerRoot(rootCa({ key: rsaKey() }), { hash: "sha1" }),
    expected: ["nginx-mtls weak-signature error 1", "nginx-server weak-signature error 1", "browser weak-signature error 1"],
  },
  { name: "self-signed root signed with SHA-1 (its own signature is not checked)", peers: ALL, chain: () => withIssuerRoot(rootCa({ hash: "sha1" })), expected: [] },
  { name: "RSA-PSS SHA-256 signature from an RSA root", peers: ALL, chain: () => withIssuerRoot(rootCa({ key: rsaKey() }), { pss: true }), expected: [] },

  // validity-too-long (browser cap: 47 days for certificates issued from 2029-03-15)
  {
    name: "leaf valid 75 days, issued 2030",
    peers: ALL,
    chain: () => standard({ notBefore: "2030-05-01T00:00:00Z", notAfter: "2030-07-15T00:00:00Z" }),
    expected: ["browser validity-too-long error 0"],
  },
  { name: "leaf valid exactly 47 days, both ends inclusive", peers: ALL, chain: () => standard({ notAfter: "2030-07-05T23:59:59Z" }), expected: [] },
  { name: "leaf valid 47 days and 1 second", peers: ALL, chain: () => standard({ notAfter: "2030-07-06T00:00:00Z" }), expected: ["browser validity-too-long error 0"] },
  { name: "leaf valid 98 days, issued 2029-03-14 (cap 100)", peers: ["browser"], options: { at: "2029-04-01T00:00:00Z" }, chain: () => standard({ notBefore: "2029-03-14T00:00:00Z", notAfter: "2029-06-20T00:00:00Z" }), expected: [] },
  {
    name: "leaf valid 98 days, issued 2029-03-15 (cap 47)",
    peers: ["browser"],
    options: { at: "2029-04-01T00:00:00Z" },
    chain: () => standard({ notBefore: "2029-03-15T00:00:00Z", notAfter: "2029-06-21T00:00:00Z" }),
    expected: ["browser validity-too-long error 0"],
  },

  // leaf-curve-refused
  { name: "P-521 leaf", peers: ALL, chain: () => standard({ key: "p521" }), expected: ["browser leaf-curve-refused error 0"] },
  { name: "P-384 leaf", peers: ALL, chain: () => standard({ key: "p384" }), expected: [] },

  // bundle-order
  {
    name: "intermediates sent root side first",
    peers: ALL,
    options: { verifyDepth: 2 },
    chain: () => {
      const { chain, a, b } = twoIntermediates();
      return { ...chain, sent: [a, b] };
    },
    expected: ["nginx-mtls bundle-order info -1", "nginx-server bundle-order warning -1"],
  },
  {
    name: "root sent before the intermediate",
    peers: ALL,
    chain: () => ({ leaf: leafCert(intermediate), sent: [root, intermediate], anchors: [root] }),
    expected: ["nginx-mtls bundle-order info -1", "nginx-server bundle-order warning -1", "nginx-mtls root-in-chain info -1", "nginx-server root-in-chain info -1", "browser root-in-chain info -1"],
  },

  // root-in-chain
  {
    // Self-issued (same name) is not self-signed: a key-rollover CA between the root and the intermediate is no root.
    name: "self-issued key-rollover CA sent, not the root",
    peers: ALL,
    options: { verifyDepth: 2 },
    chain: () => {
      const rollover = forge({ subject: { cn: "Rules Root", o: ORG }, issuer: root, notBefore: "2028-01-01T00:00:00Z", notAfter: "2036-01-01T00:00:00Z", basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] });
      const int = intermediateCa(rollover);
      return { leaf: leafCert(int), sent: [int, rollover], anchors: [root] };
    },
    expected: [],
  },
  {
    name: "root sent after the intermediate",
    peers: ALL,
    chain: () => ({ leaf: leafCert(intermediate), sent: [intermediate, root], anchors: [root] }),
    expected: ["nginx-mtls root-in-chain info -1", "nginx-server root-in-chain info -1", "browser root-in-chain info -1"],
  },
  {
    name: "an unrelated self-signed end-entity certificate in the bundle",
    peers: ALL,
    chain: () => {
      const stray = forge({ subject: { cn: "stray" }, notBefore: "2030-01-01T00:00:00Z", notAfter: "2031-01-01T00:00:00Z", basicConstraints: { ca: false } });
      return { leaf: leafCert(intermediate), sent: [intermediate, stray], anchors: [root] };
    },
    expected: [],
  },

  // ---------------------------------------------------------------------------------------------
  // An mbedTLS device (peer "mbedtls"; without `peer` options the stock 3.6 configuration) and a
  // client known by its captured ClientHello (peer "client-hello"). Each expectation names the
  // mbedTLS source it follows from (library/<file> <function>() of Mbed-TLS/mbedtls at v2.28.3 and
  // v3.6.6); test/peers/mbedtls-lint.test.ts checks the same facts against real handshakes.
  // ---------------------------------------------------------------------------------------------

  // Baselines: the stock configurations take a P-256 chain signed with SHA-256 (the stock config headers; x509_crt.c mbedtls_x509_crt_profile_default, x509_crt_verify_name()).
  { name: "mbedTLS 3.6 stock: P-256 chain, ecdsa-with-SHA256, SAN with the host as DNS and IP", peers: MBED, chain: () => standard({ subjectAltNames: [{ dns: HOST }, { ip: IP }] }), expected: [] },
  // 3.5.0+ matches iPAddress SANs (3.6 x509_crt.c x509_crt_check_san()).
  { name: "mbedTLS 3.6 stock, the device dials the IP", peers: MBED, options: { host: IP }, chain: () => standard({ subjectAltNames: [{ dns: HOST }, { ip: IP }] }), expected: [] },
  { name: "mbedTLS 2.28 stock, the same chain, by host name", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => standard({ subjectAltNames: [{ dns: HOST }, { ip: IP }] }), expected: [] },

  // chain-not-anchored, signature-invalid, ca-not-ca, ca-path-length-exceeded: all NOT_TRUSTED, flags 0x08 (x509_crt.c x509_crt_verify_chain(), x509_crt_find_parent()).
  { name: "mbedTLS: intermediate not sent", peers: MBED, chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [root] }), expected: ["mbedtls chain-not-anchored error 0"] },
  {
    name: "mbedTLS: the whole chain sent, its root not in the CA list",
    peers: MBED,
    chain: () => ({ leaf: leafCert(intermediate), sent: [intermediate, root], anchors: [rootCa({ subject: { cn: "Other Root", o: ORG } })] }),
    expected: ["mbedtls chain-not-anchored error 2"],
  },
  {
    // Any certificate in mbedTLS's CA list is a trust anchor; OpenSSL (nginx) and browsers need the root (x509_crt.c x509_crt_find_parent(); test/peers/nginx-lint.test.ts).
    name: "only the intermediate is trusted: mbedTLS takes the partial chain",
    peers: [...ALL, "mbedtls"],
    chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [intermediate] }),
    expected: ["nginx-mtls chain-not-anchored error 1", "nginx-server chain-not-anchored error 1", "browser chain-not-anchored error 1"],
  },
  // A pinned server certificate (the CA list holds the leaf itself): mbedTLS trusts a listed end entity only when it is
  // self-issued (x509_crt.c x509_crt_check_ee_locally_trusted(); test/peers/mbedtls-lint.test.ts scenarios "pinned-*").
  {
    name: "mbedTLS: the CA-issued leaf pinned, its intermediate sent",
    peers: MBED,
    chain: () => {
      const chain = standard();
      return { ...chain, anchors: [chain.leaf] };
    },
    expected: ["mbedtls chain-not-anchored error 1", "mbedtls mbedtls-pinned-leaf-not-self-signed error 0"],
  },
  {
    name: "mbedTLS: the CA-issued leaf pinned and sent alone",
    peers: MBED,
    chain: () => {
      const leaf = leafCert(intermediate);
      return { leaf, sent: [], anchors: [leaf] };
    },
    expected: ["mbedtls chain-not-anchored error 0", "mbedtls mbedtls-pinned-leaf-not-self-signed error 0"],
  },
  {
    name: "mbedTLS: the CA-issued leaf pinned, its root listed too",
    peers: MBED,
    chain: () => {
      const chain = standard();
      return { ...chain, anchors: [chain.leaf, root] };
    },
    expected: [],
  },
  {
    name: "mbedTLS: a self-signed leaf pinned",
    peers: MBED,
    chain: () => {
      const leaf = forge({ subject: { cn: HOST }, notBefore: "2030-05-20T00:00:00Z", notAfter: "2030-07-05T00:00:00Z", subjectAltNames: [{ dns: HOST }] });
      return { leaf, sent: [], anchors: [leaf] };
    },
    expected: [],
  },
  { name: "mbedTLS: leaf signed by another key than its issuer's", peers: MBED, chain: () => standard({ wrongSigner: true }), expected: ["mbedtls signature-invalid error 0"] },
  { name: "mbedTLS: intermediate with basicConstraints CA:FALSE", peers: MBED, chain: () => withIntermediate({ basicConstraints: { ca: false } }), expected: ["mbedtls ca-not-ca error 1"] },
  // A CA needs keyCertSign if it has a keyUsage extension (x509_crt.c x509_crt_check_parent()).
  { name: "mbedTLS: intermediate whose keyUsage lacks keyCertSign", peers: MBED, chain: () => withIntermediate({ keyUsage: ["digitalSignature", "cRLSign"] }), expected: ["mbedtls ca-not-ca error 1"] },
  // v1/v2 trusted roots need neither basicConstraints nor keyCertSign (x509_crt.c x509_crt_check_parent()).
  { name: "mbedTLS: a v1 self-signed root is a valid trust anchor", peers: MBED, chain: () => withIssuerRoot(rootCa({ version: 1, basicConstraints: undefined, keyUsage: undefined })), expected: [] },
  {
    // x509_crt_check_parent: "Exception: v1/v2 certificates that are locally trusted" need no CA bit (library/x509_crt.c), and
    // any CA-list certificate is a trust anchor, so a v1 intermediate in the CA list ends the path.
    name: "mbedTLS: a v1 intermediate in the CA list issues the leaf",
    peers: MBED,
    chain: () => {
      const v1 = intermediateCa(root, { version: 1, basicConstraints: undefined, keyUsage: undefined, extKeyUsage: undefined });
      return { leaf: leafCert(v1), sent: [], anchors: [v1] };
    },
    expected: [],
  },
  // pathLenConstraint is enforced (x509_crt.c x509_crt_verify_chain()).
  { name: "mbedTLS: root with pathLen 0 above an intermediate", peers: MBED, chain: () => withIssuerRoot(rootCa({ basicConstraints: { ca: true, pathLen: 0 } })), expected: ["mbedtls ca-path-length-exceeded error 2"] },
  { name: "mbedTLS: intermediate with pathLen 1 above another intermediate", peers: MBED, chain: () => twoIntermediates({ basicConstraints: { ca: true, pathLen: 1 } }).chain, expected: [] },
  {
    // The path ends at the first CA-list certificate (x509_crt.c x509_crt_verify_chain()), so A's pathLen above B never counts.
    name: "mbedTLS: A with pathLen 0 above B, and B in the CA list",
    peers: MBED,
    chain: () => {
      const { chain, b } = twoIntermediates({ basicConstraints: { ca: true, pathLen: 0 } });
      return { ...chain, anchors: [root, b] };
    },
    expected: [],
  },

  // Validity dates: checked, against the device clock, only with MBEDTLS_HAVE_TIME_DATE (x509.c mbedtls_x509_time_is_past(): without it
  // expired and not-yet-valid certificates verify; a clock at 1970 makes every cert FUTURE).
  { name: "mbedTLS: leaf expired a month before --at", peers: MBED, chain: () => standard({ notBefore: "2030-04-01T00:00:00Z", notAfter: "2030-05-01T00:00:00Z" }), expected: ["mbedtls cert-expired error 0"] },
  {
    name: "mbedTLS without MBEDTLS_HAVE_TIME_DATE: the expired leaf verifies",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_HAVE_TIME_DATE"] }) }),
    chain: () => standard({ notBefore: "2030-04-01T00:00:00Z", notAfter: "2030-05-01T00:00:00Z" }),
    expected: ["mbedtls mbedtls-no-time-check info -1"],
  },
  { name: "mbedTLS: leaf valid from 9 days after --at", peers: MBED, chain: () => standard({ notBefore: "2030-06-10T00:00:00Z", notAfter: "2030-07-20T00:00:00Z" }), expected: ["mbedtls cert-not-yet-valid error 0"] },
  {
    // A device without RTC runs at its firmware build date until it syncs: FUTURE (0x200, alert 46). nginx judges at --at.
    name: "device clock at the firmware build date, before the leaf's notBefore",
    peers: ["nginx-server", "mbedtls"],
    peer: () => ({ deviceClock: new Date("2030-01-15T00:00:00Z") }),
    chain: () => standard(),
    expected: ["mbedtls cert-not-yet-valid error 0"],
  },
  {
    name: "the same device clock without MBEDTLS_HAVE_TIME_DATE",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_HAVE_TIME_DATE"] }), deviceClock: new Date("2030-01-15T00:00:00Z") }),
    chain: () => standard(),
    expected: ["mbedtls mbedtls-no-time-check info -1"],
  },
  { name: "device clock two hours behind the leaf's notBefore", peers: MBED, peer: () => ({ deviceClock: new Date("2030-05-19T22:00:00Z") }), chain: () => standard(), expected: ["mbedtls clock-skew-not-yet-valid error 0"] },
  { name: "mbedTLS: leaf expires 10 days after --at", peers: MBED, chain: () => standard({ notBefore: "2030-05-01T00:00:00Z", notAfter: "2030-06-11T00:00:00Z" }), expected: ["mbedtls expires-soon warning 0"] },
  { name: "mbedTLS: leaf outlives its intermediate by two days", peers: MBED, chain: () => withIntermediate({ notAfter: "2030-07-03T00:00:00Z" }), expected: ["mbedtls leaf-outlives-issuer warning 0"] },
  {
    name: "mbedTLS without MBEDTLS_HAVE_TIME_DATE: a leaf outliving its intermediate never fails",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_HAVE_TIME_DATE"] }) }),
    chain: () => withIntermediate({ notAfter: "2030-07-03T00:00:00Z" }),
    expected: ["mbedtls mbedtls-no-time-check info -1"],
  },

  // mbedtls-config-contradiction: check_config.h #errors and options the version ignores (include/mbedtls/check_config.h; 3.6.6 docs/3.0-migration-guide.md).
  { name: "a 3.6 config setting MBEDTLS_SSL_MAX_CONTENT_LEN, a 2.28 option 3.x ignores", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_SSL_MAX_CONTENT_LEN 4096"] }) }), chain: () => standard(), expected: ["mbedtls mbedtls-config-contradiction warning -1"] },
  // 2.28: MBEDTLS_ECP_MAX_BITS must cover the largest enabled curve (P-521 in the stock list) or ecp.h #errors.
  { name: "a 2.28 config with MBEDTLS_ECP_MAX_BITS 256 and every curve enabled", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { on: ["MBEDTLS_ECP_MAX_BITS 256"] }) }), chain: () => standard(), expected: ["mbedtls mbedtls-config-contradiction warning -1"] },

  // mbedtls-mpi-too-small-for-curves: 2.28 offers secp521r1 first; with MBEDTLS_MPI_MAX_SIZE 64 OpenSSL picks it and
  // the key exchange fails with -0x4F80 (test/peers/mbedtls-mpi.test.ts; 2.28 ecp.c ecp_supported_curves[] puts secp521r1 first).
  { name: "2.28 stock curves with MBEDTLS_MPI_MAX_SIZE 64 (P-521 needs 66 bytes)", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { on: ["MBEDTLS_MPI_MAX_SIZE 64"] }) }), chain: () => standard(), expected: ["mbedtls mbedtls-mpi-too-small-for-curves error -1"] },

  // mbedtls-pem-disabled: without MBEDTLS_PEM_PARSE_C every buffer is parsed as DER (x509_crt.c mbedtls_x509_crt_parse()).
  { name: "MBEDTLS_PEM_PARSE_C off", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_PEM_PARSE_C"] }) }), chain: () => standard(), expected: ["mbedtls mbedtls-pem-disabled warning -1"] },
  {
    // check_config.h: PEM_PARSE_C needs BASE64_C, so the build stops and PEM counts as off.
    name: "MBEDTLS_PEM_PARSE_C without MBEDTLS_BASE64_C",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_BASE64_C"] }) }),
    chain: () => standard(),
    expected: ["mbedtls mbedtls-config-contradiction warning -1", "mbedtls mbedtls-pem-disabled warning -1"],
  },

  // mbedtls-curve-not-enabled: a cert or key on a disabled curve fails to parse, -0x3A00 (pkparse.c; test/peers/mbedtls-harness.test.ts, "config variant: P-521 compiled out").
  { name: "P-384 leaf, MBEDTLS_ECP_DP_SECP384R1_ENABLED off", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_ECP_DP_SECP384R1_ENABLED"] }) }), chain: () => standard({ key: "p384" }), expected: ["mbedtls mbedtls-curve-not-enabled error 0"] },
  {
    name: "an unrelated P-384 root in the CA list, P-384 off",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_ECP_DP_SECP384R1_ENABLED"] }) }),
    chain: () => ({ ...standard(), anchors: [root, rootCa({ subject: { cn: "Other P-384 Root", o: ORG }, key: "p384" })] }),
    expected: ["mbedtls mbedtls-curve-not-enabled error -1"],
  },

  // mbedtls-key-too-large: an RSA modulus above MBEDTLS_MPI_MAX_SIZE bytes fails to parse, -0x3B00 (rsa.c rsa_check_context(): modulus bytes ≤ MBEDTLS_MPI_MAX_SIZE).
  { name: "RSA-2048 leaf, MBEDTLS_MPI_MAX_SIZE 255", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_MPI_MAX_SIZE 255"] }) }), chain: () => standard({ key: rsaKey() }), expected: ["mbedtls mbedtls-key-too-large error 0"] },
  { name: "RSA-2048 leaf, MBEDTLS_MPI_MAX_SIZE 256", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_MPI_MAX_SIZE 256"] }) }), chain: () => standard({ key: rsaKey() }), expected: [] },

  // mbedtls-hash-not-enabled: ecdsa-with-SHA384/512 with SHA-384/512 off fails to parse, -0x262E (ssl_tls.c ssl_parse_certificate_chain()).
  {
    name: "3.6: leaf signed ecdsa-with-SHA384 by a P-384 intermediate, SHA-384 and SHA-512 off",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_SHA384_C", "MBEDTLS_SHA512_C"] }) }),
    chain: () => withIntermediate({ key: "p384" }),
    expected: ["mbedtls mbedtls-hash-not-enabled error 0"],
  },
  // 2.28: SHA-384 comes with MBEDTLS_SHA512_C unless MBEDTLS_SHA512_NO_SHA384 (2.28 include/mbedtls/config.h).
  { name: "2.28: the same chain, MBEDTLS_SHA512_C off", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: ["MBEDTLS_SHA512_C"] }) }), chain: () => withIntermediate({ key: "p384" }), expected: ["mbedtls mbedtls-hash-not-enabled error 0"] },
  {
    // The root's own signature is not verified, but the certificate is still parsed, and parsing is where it fails.
    name: "3.6: a P-384 root self-signed with ecdsa-with-SHA384 in the CA list, SHA-384 and SHA-512 off",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_SHA384_C", "MBEDTLS_SHA512_C"] }) }),
    chain: () => withIssuerRoot(rootCa({ key: "p384" }), { hash: "sha256" }),
    expected: ["mbedtls mbedtls-hash-not-enabled error 2"],
  },

  // mbedtls-x509-profile: mbedtls_x509_crt_profile_default (library/x509_crt.c).
  { name: "secp256k1 leaf, mbedTLS 2.28 stock (any curve)", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => standard({ key: "secp256k1" }), expected: [] },
  // 3.6 also never offers secp256k1/P-224 as groups (ssl_preset_default_groups): alert 40 first (test/peers/mbedtls-lint.test.ts).
  { name: "secp256k1 leaf, mbedTLS 3.6 stock (BAD_KEY)", peers: MBED, chain: () => standard({ key: "secp256k1" }), expected: ["mbedtls mbedtls-x509-profile error 0", "mbedtls mbedtls-curve-not-enabled error 0"] },
  { name: "P-224 leaf, mbedTLS 2.28 stock", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => standard({ key: "p224" }), expected: [] },
  { name: "P-224 leaf, mbedTLS 3.6 stock (BAD_KEY)", peers: MBED, chain: () => standard({ key: "p224" }), expected: ["mbedtls mbedtls-x509-profile error 0", "mbedtls mbedtls-curve-not-enabled error 0"] },
  // library/oid.c: without MBEDTLS_RSA_C RSA keys and signatures do not parse; without MBEDTLS_ECDSA_C ECDSA signatures do not.
  { name: "mbedTLS 2.28 without RSA: RSA root over a P-256 chain", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: ["MBEDTLS_RSA_C", "MBEDTLS_PKCS1_V15", "MBEDTLS_PKCS1_V21", "MBEDTLS_KEY_EXCHANGE_RSA_ENABLED", "MBEDTLS_KEY_EXCHANGE_DHE_RSA_ENABLED", "MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED", "MBEDTLS_KEY_EXCHANGE_RSA_PSK_ENABLED", "MBEDTLS_KEY_EXCHANGE_ECDH_RSA_ENABLED"] }) }), chain: () => rsaRootChain(), expected: ["mbedtls mbedtls-algorithm-not-compiled error 1", "mbedtls mbedtls-algorithm-not-compiled error 2"] },
  { name: "mbedTLS 2.28 with RSA: the same chain", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => rsaRootChain(), expected: [] },
  { name: "leaf signed ecdsa-with-SHA224, mbedTLS 2.28 stock", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => standard({ hash: "sha224" }), expected: [] },
  { name: "leaf signed ecdsa-with-SHA224, mbedTLS 3.6 stock (BAD_MD)", peers: MBED, chain: () => standard({ hash: "sha224" }), expected: ["mbedtls mbedtls-x509-profile error 0"] },
  { name: "leaf signed with SHA-1, mbedTLS 2.28 stock (BAD_MD in every library profile)", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => standard({ hash: "sha1" }), expected: ["mbedtls mbedtls-x509-profile error 0"] },
  // The hash of every certificate but a trusted CA reached as a parent: a pinned self-signed leaf is checked before its
  // exemption (x509_crt.c x509_crt_verify_chain(); test/peers/mbedtls-lint.test.ts scenarios "pinned-self-signed-sha1-*").
  {
    name: "a pinned self-signed leaf signed with SHA-1, mbedTLS 3.6 stock (BAD_MD)",
    peers: MBED,
    chain: () => {
      const leaf = forge({ subject: { cn: HOST }, hash: "sha1", notBefore: "2030-05-20T00:00:00Z", notAfter: "2030-07-05T00:00:00Z", subjectAltNames: [{ dns: HOST }] });
      return { leaf, sent: [], anchors: [leaf] };
    },
    expected: ["mbedtls mbedtls-x509-profile error 0"],
  },
  { name: "a trusted root signed with SHA-1, mbedTLS 3.6 stock (a trusted parent's hash is not checked)", peers: MBED, chain: () => withIssuerRoot(rootCa({ hash: "sha1" })), expected: [] },
  { name: "RSA-1024 leaf, mbedTLS 3.6 stock (BAD_KEY: RSA below 2048)", peers: MBED, chain: () => standard({ key: "rsa1024" }), expected: ["mbedtls mbedtls-x509-profile error 0"] },
  // --mbedtls-profile: the profile the firmware sets with mbedtls_ssl_conf_cert_profile() (src/knowledge/mbedtls-profiles.ts;
  // test/peers/mbedtls-lint.test.ts scenarios "profile-*").
  { name: "leaf signed with SHA-1, mbedTLS 3.6 with a custom profile allowing SHA-1", peers: MBED, peer: () => ({ mbedtlsX509Profile: { custom: LEGACY_PROFILE } }), chain: () => standard({ hash: "sha1" }), expected: [] },
  { name: "RSA-1024 leaf, mbedTLS 3.6 with a custom profile of rsa_min_bitlen 1024", peers: MBED, peer: () => ({ mbedtlsX509Profile: { custom: LEGACY_PROFILE } }), chain: () => standard({ key: "rsa1024" }), expected: [] },
  { name: "leaf signed ecdsa-with-SHA224, mbedTLS 2.28 with profile next (BAD_MD)", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28", mbedtlsX509Profile: { named: "next" } }), chain: () => standard({ hash: "sha224" }), expected: ["mbedtls mbedtls-x509-profile error 0"] },
  { name: "RSA-2048 leaf, mbedTLS 3.6 with profile suiteb (BAD_PK: the leaf's key type)", peers: MBED, peer: () => ({ mbedtlsX509Profile: { named: "suiteb" } }), chain: () => standard({ key: rsaKey() }), expected: ["mbedtls mbedtls-x509-profile error 0"] },
  // suiteb refuses RSA signatures, not an RSA root's key (rsa_min_bitlen 0; x509_profile_check_key()).
  { name: "RSA root over a P-256 chain, profile suiteb (BAD_PK: the intermediate's RSA signature)", peers: MBED, peer: () => ({ mbedtlsX509Profile: { named: "suiteb" } }), chain: () => rsaRootChain(), expected: ["mbedtls mbedtls-x509-profile error 1"] },
  { name: "P-256 chain, mbedTLS 3.6 with profile suiteb", peers: MBED, peer: () => ({ mbedtlsX509Profile: { named: "suiteb" } }), chain: () => standard(), expected: [] },

  // mbedtls-no-key-exchange: TLS 1.2 needs a key exchange for the server's key type; TLS 1.3 signs with ECDSA or RSA-PSS (include/mbedtls/check_config.h; RFC 8446 4.2.3).
  { name: "seed 000: a 2.28 config with ECDHE-ECDSA only, RSA server", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: NON_ECDSA_KX }) }), chain: () => standard({ key: rsaKey() }), expected: ["mbedtls mbedtls-no-key-exchange error 0"] },
  { name: "seed 000 config, ECDSA server", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: NON_ECDSA_KX }) }), chain: () => standard(), expected: [] },
  { name: "3.6 with ECDHE-ECDSA only for TLS 1.2: an RSA server still works over TLS 1.3", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { off: NON_ECDSA_KX }) }), chain: () => standard({ key: rsaKey() }), expected: [] },
  {
    name: "3.6 with ECDHE-ECDSA only and TLS 1.3 off: RSA server",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: [...NON_ECDSA_KX, "MBEDTLS_SSL_PROTO_TLS1_3"] }) }),
    chain: () => standard({ key: rsaKey() }),
    expected: ["mbedtls mbedtls-no-key-exchange error 0"],
  },

  // mbedtls-certificate-too-large: the whole Certificate message must fit MBEDTLS_SSL_IN_CONTENT_LEN; 2.28 also
  // cannot reassemble one split over records, > 16384 bytes (ssl_msg.c mbedtls_ssl_prepare_handshake_record()).
  { name: "MBEDTLS_SSL_IN_CONTENT_LEN 512: leaf and intermediate do not fit", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_SSL_IN_CONTENT_LEN 512"] }) }), chain: () => standard(), expected: ["mbedtls mbedtls-certificate-too-large error -1"] },
  {
    name: "MBEDTLS_SSL_IN_CONTENT_LEN exactly the TLS 1.3 Certificate message of leaf and intermediate",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { on: [`MBEDTLS_SSL_IN_CONTENT_LEN ${tls13CertificateMessage([exactFit().leaf, intermediate])}`] }) }),
    chain: exactFit,
    expected: [],
  },
  { name: "a 17 KB leaf, mbedTLS 2.28 stock: over IN_CONTENT_LEN, and split over records", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => standard({ extensions: [BIG_EXTENSION] }), expected: ["mbedtls mbedtls-certificate-too-large error -1", "mbedtls mbedtls-certificate-too-large error -1"] },
  // 3.6.3+ reassembles, but the message must still fit the input buffer (-0x7100).
  { name: "a 17 KB leaf, mbedTLS 3.6 stock: over IN_CONTENT_LEN", peers: MBED, chain: () => standard({ extensions: [BIG_EXTENSION] }), expected: ["mbedtls mbedtls-certificate-too-large error -1"] },
  {
    name: "the root sent too: it is part of the Certificate message the device must hold",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { on: [`MBEDTLS_SSL_IN_CONTENT_LEN ${tls13CertificateMessage([rootSent().leaf, intermediate])}`] }) }),
    chain: rootSent,
    expected: ["mbedtls mbedtls-certificate-too-large error -1"],
  },

  // mbedtls-own-chain-too-large: the device's own Certificate message must fit MBEDTLS_SSL_OUT_CONTENT_LEN (ssl_tls.c mbedtls_ssl_write_certificate()).
  { name: "the device sends its chain, MBEDTLS_SSL_OUT_CONTENT_LEN 512", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_SSL_OUT_CONTENT_LEN 512"] }), deviceSendsCert: true }), chain: () => standard(), expected: ["mbedtls mbedtls-own-chain-too-large error -1"] },
  { name: "the device sends its chain, stock MBEDTLS_SSL_OUT_CONTENT_LEN", peers: MBED, peer: () => ({ deviceSendsCert: true }), chain: () => standard(), expected: [] },

  // mbedtls-too-many-intermediates: more than MBEDTLS_X509_MAX_INTERMEDIATE_CA untrusted intermediates is -0x3000 (x509_crt.c x509_crt_verify_chain():
  // with the variant =1, leaf + 1 intermediate ok, leaf + 2 fail).
  { name: "two intermediates, MBEDTLS_X509_MAX_INTERMEDIATE_CA 1", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_X509_MAX_INTERMEDIATE_CA 1"] }) }), chain: () => twoIntermediates().chain, expected: ["mbedtls mbedtls-too-many-intermediates error -1"] },
  { name: "one intermediate, MBEDTLS_X509_MAX_INTERMEDIATE_CA 1", peers: MBED, peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_X509_MAX_INTERMEDIATE_CA 1"] }) }), chain: () => standard(), expected: [] },
  {
    // Only untrusted intermediates count: a CA-list intermediate ends the path.
    name: "two intermediates, MBEDTLS_X509_MAX_INTERMEDIATE_CA 1, the lower one in the CA list",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { on: ["MBEDTLS_X509_MAX_INTERMEDIATE_CA 1"] }) }),
    chain: () => {
      const { chain, b } = twoIntermediates();
      return { ...chain, anchors: [root, b] };
    },
    expected: [],
  },

  // mbedtls-chain-order: a parent is looked for in the CA list, then only among the certificates after the child (x509_crt.c x509_crt_find_parent()).
  {
    name: "mbedTLS: intermediates sent root side first",
    peers: MBED,
    chain: () => {
      const { chain, a, b } = twoIntermediates();
      return { ...chain, sent: [a, b] };
    },
    expected: ["mbedtls mbedtls-chain-order error -1"],
  },
  { name: "mbedTLS: the root sent before the intermediate (the root's parent is in the CA list)", peers: MBED, chain: () => ({ leaf: leafCert(intermediate), sent: [root, intermediate], anchors: [root] }), expected: [] },
  {
    // The leaf's parent B is found in the CA list and the path stops there: the order of what follows is never used.
    name: "mbedTLS: intermediates sent root side first, the lower one in the CA list",
    peers: MBED,
    chain: () => {
      const { chain, a, b } = twoIntermediates();
      return { ...chain, sent: [a, b], anchors: [root, b] };
    },
    expected: [],
  },

  // mbedtls-host-mismatch (x509_crt.c x509_crt_verify_name()): 2.28 string-compares against dNSName SANs only; 3.5+ also matches iPAddress SANs;
  // the CN only without a SAN extension; a device that is the server is matched by its clients.
  { name: "mbedTLS 3.6: host name not in the SAN", peers: MBED, options: { host: "api.example.com" }, chain: () => standard(), expected: ["mbedtls mbedtls-host-mismatch error 0"] },
  { name: "mbedTLS 2.28 dials an IP the leaf has only as an iPAddress SAN", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), options: { host: IP }, chain: () => standard({ subjectAltNames: [{ ip: IP }] }), expected: ["mbedtls mbedtls-host-mismatch error 0"] },
  { name: "mbedTLS 3.6 dials an IP the leaf has only as an iPAddress SAN", peers: MBED, options: { host: IP }, chain: () => standard({ subjectAltNames: [{ ip: IP }] }), expected: [] },
  // 2.28 string-compares an IP with dNSName SANs (x509_crt.c x509_crt_check_cn()): an IP-addressed device needs
  // the IP as a dNSName (or, without SANs, as the CN).
  { name: "mbedTLS 2.28 dials an IP the leaf has as a dNSName SAN", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), options: { host: IP }, chain: () => standard({ subjectAltNames: [{ dns: IP }] }), expected: [] },
  {
    // 3.6 tries each SAN by type: a dNSName by string (x509_crt_check_cn), then iPAddress bytes (3.6 x509_crt.c x509_crt_check_san()).
    name: "mbedTLS 3.6 dials an IP the leaf has as a dNSName SAN",
    peers: MBED,
    options: { host: IP },
    chain: () => standard({ subjectAltNames: [{ dns: IP }] }),
    expected: [],
  },
  // 3.5+ also compares the host, byte for byte, with URI SANs (3.6 x509_crt.c x509_crt_check_san_uri(); test/peers/mbedtls-lint.test.ts scenarios "uri-san-host-*").
  { name: "mbedTLS 3.6 dials the URI the leaf has as a URI SAN", peers: MBED, options: { host: DEVICE_URI }, chain: () => standard({ subjectAltNames: [{ uri: DEVICE_URI }] }), expected: [] },
  { name: "mbedTLS 2.28 dials the URI the leaf has as a URI SAN (2.28 ignores URI SANs)", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), options: { host: DEVICE_URI }, chain: () => standard({ subjectAltNames: [{ uri: DEVICE_URI }] }), expected: ["mbedtls mbedtls-host-mismatch error 0"] },
  { name: "mbedTLS 3.6 dials the URI in capitals (no normalisation)", peers: MBED, options: { host: DEVICE_URI.toUpperCase() }, chain: () => standard({ subjectAltNames: [{ uri: DEVICE_URI }] }), expected: ["mbedtls mbedtls-host-mismatch error 0"] },
  { name: "mbedTLS 2.28: no SAN extension, the CN is the host", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28" }), chain: () => standard({ subjectAltNames: undefined }), expected: [] },
  { name: "mbedTLS 3.6: a SAN with another name and the host in the CN (CN ignored)", peers: MBED, chain: () => standard({ subjectAltNames: [{ dns: "other.example.com" }] }), expected: ["mbedtls mbedtls-host-mismatch error 0"] },
  {
    // x509_check_wildcard: a leading "*." stands for one label, with no public-suffix check (library/x509_crt.c).
    name: "mbedTLS 3.6: wildcard SAN *.local for device.local",
    peers: MBED,
    options: { host: "device.local" },
    chain: () => standard({ subjectAltNames: [{ dns: "*.local" }] }),
    expected: [],
  },
  // A config with MBEDTLS_SSL_SRV_C and no MBEDTLS_SSL_CLI_C is a TLS server: its clients match by RFC 9525 (seed 002: fixtures/mbedtls/seed-002-p521-key-small-device).
  { name: "2.28 device as server, clients dial its IP, iPAddress SAN", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: ["MBEDTLS_SSL_CLI_C"] }) }), options: { host: IP }, chain: () => standard({ subjectAltNames: [{ ip: IP }] }), expected: [] },
  { name: "2.28 device as server, clients dial its IP, a DNS SAN only", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: ["MBEDTLS_SSL_CLI_C"] }) }), options: { host: IP }, chain: () => standard(), expected: ["mbedtls mbedtls-host-mismatch error 0"] },
  {
    // Seed 002: the posted 2.28 server config (no RTC, MPI_MAX_SIZE 48, MAX_CONTENT_LEN 1024), mbedTLS's test EC CA
    // (P-384) and its "localhost" leaf, the device reached at 192.168.0.254: CN mismatch, and no date is ever checked.
    name: "seed 002: a 2.28 TLS server without RTC, leaf CN=localhost, clients dial its IP",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtlsHeader(SEED_002_CONFIG) }),
    options: { host: "192.168.0.254" },
    chain: () => {
      const ca = rootCa({ subject: { cn: "Polarssl Test EC CA", o: "PolarSSL" }, key: "p384", notBefore: "2013-09-24T15:49:48Z", notAfter: "2023-09-22T15:49:48Z" });
      const leaf = forge({ subject: { cn: "localhost", o: "PolarSSL" }, issuer: ca, hash: "sha256", notBefore: "2013-09-24T15:52:04Z", notAfter: "2023-09-22T15:49:48Z", basicConstraints: { ca: false } });
      return { leaf, sent: [], anchors: [ca] };
    },
    expected: ["mbedtls mbedtls-no-time-check info -1", "mbedtls mbedtls-host-mismatch error 0"],
  },

  // mbedtls-leaf-usage: mbedtls_ssl_check_cert_usage (library/ssl_tls.c) on the server leaf.
  { name: "mbedTLS: server leaf EKU clientAuth only", peers: MBED, chain: () => standard({ extKeyUsage: [EKU.clientAuth] }), expected: ["mbedtls mbedtls-leaf-usage error 0"] },
  { name: "mbedTLS: server leaf EKU anyExtendedKeyUsage only", peers: MBED, chain: () => standard({ extKeyUsage: [EKU.anyExtendedKeyUsage] }), expected: [] },
  { name: "mbedTLS 3.6: EC leaf, keyUsage keyAgreement only", peers: MBED, chain: () => standard({ keyUsage: ["keyAgreement"] }), expected: ["mbedtls mbedtls-leaf-usage error 0"] },
  { name: "mbedTLS: RSA leaf, keyUsage keyEncipherment only, stock suites (ECDHE-RSA)", peers: MBED, chain: () => standard({ key: rsaKey(), keyUsage: ["keyEncipherment"] }), expected: ["mbedtls mbedtls-leaf-usage error 0"] },
  { name: "2.28 with RSA key transport only: RSA leaf, keyUsage keyEncipherment", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: NON_RSA_KX }) }), chain: () => standard({ key: rsaKey(), keyUsage: ["keyEncipherment"] }), expected: [] },
  { name: "2.28 with RSA key transport only: RSA leaf, keyUsage digitalSignature", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: NON_RSA_KX }) }), chain: () => standard({ key: rsaKey() }), expected: ["mbedtls mbedtls-leaf-usage error 0"] },
  // 2.28: turning MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE off skips the EKU check (2.28 ssl_tls.c mbedtls_ssl_check_cert_usage()).
  { name: "2.28 without MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE: server leaf EKU clientAuth only", peers: MBED, peer: () => ({ mbedtls: mbedtls("2.28", { off: ["MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE"] }) }), chain: () => standard({ extKeyUsage: [EKU.clientAuth] }), expected: [] },
  {
    // A TLS 1.3 server certificate needs digitalSignature (mbedtls_ssl_check_cert_usage()).
    name: "3.6 with TLS 1.3 only (no TLS 1.2 key exchange): RSA leaf, keyUsage digitalSignature",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_SSL_PROTO_TLS1_2", ...NON_ECDSA_KX, "MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED"] }) }),
    chain: () => standard({ key: rsaKey() }),
    expected: [],
  },

  // mbedtls-key-format: what mbedtls_pk_parse_key reads (library/pkparse.c, pkcs5.c).
  { name: "2.28 device key: encrypted PKCS#8, PBES2 AES-256-CBC (OpenSSL 3's default)", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28", deviceSendsCert: true }), key: () => keyFile("p256", { type: "pkcs8", cipher: "aes-256-cbc" }), chain: () => standard(), expected: ["mbedtls mbedtls-key-format error -1"] },
  { name: "3.6 device key: encrypted PKCS#8, PBES2 AES-256-CBC", peers: MBED, peer: () => ({ deviceSendsCert: true }), key: () => keyFile("p256", { type: "pkcs8", cipher: "aes-256-cbc" }), chain: () => standard(), expected: [] },
  { name: "2.28 device key: encrypted PKCS#8, PBES2 DES-EDE3-CBC", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28", deviceSendsCert: true }), key: () => keyFile("p256", { type: "pkcs8", cipher: "des-ede3-cbc" }), chain: () => standard(), expected: [] },
  { name: "2.28 device key: legacy PEM encryption, AES-256-CBC", peers: MBED, peer: () => ({ mbedtlsVersion: "2.28", deviceSendsCert: true }), key: () => keyFile("p256", { type: "sec1", cipher: "aes-256-cbc" }), chain: () => standard(), expected: [] },
  // pkparse.c pk_get_pk_alg() / x509_crt.c x509_get_crt_ext(): EdDSA keys and unknown critical extensions do not parse on the device.
  { name: "mbedTLS: Ed25519 server leaf (-0x3C80)", peers: MBED, chain: () => standard({ key: "ed25519" }), expected: ["mbedtls mbedtls-unparsable-certificate error 0"] },
  { name: "mbedTLS: unknown critical extension on the leaf (-0x2562)", peers: MBED, chain: () => standard({ extensions: [{ oid: "1.3.6.1.4.1.99999.1", critical: true, value: Uint8Array.of(0x05, 0x00) }] }), expected: ["mbedtls mbedtls-unparsable-certificate error 0"] },
  { name: "mbedTLS 3.6: a critical subjectKeyIdentifier parses (3.5+ reads SKI)", peers: MBED, chain: () => standard({ extensions: [{ oid: "2.5.29.14", critical: true, value: Uint8Array.of(0x04, 0x02, 0xab, 0xcd) }], subjectKeyId: false }), expected: [] },
  { name: "3.6 device key: Ed25519 (-0x3C80 in both versions)", peers: MBED, peer: () => ({ deviceSendsCert: true }), key: () => keyFile("ed25519"), chain: () => standard(), expected: ["mbedtls mbedtls-key-format error -1", "mbedtls key-mismatch error 0"] },

  // key-mismatch: --key is not the certificate's key (OpenSSL X509_check_private_key; test/peers/key-mismatch.test.ts).
  { name: "--key belongs to another certificate", peers: ["nginx-mtls", "nginx-server", "mbedtls"], key: () => keyFile("p256"), chain: () => standard({ key: leafKey() }), expected: ["nginx-mtls key-mismatch error 0", "nginx-server key-mismatch error 0", "mbedtls key-mismatch error 0"] },
  { name: "--key is the certificate's key (PKCS#8 and SEC1)", peers: ["nginx-mtls", "nginx-server", "mbedtls"], key: () => keyFile(leafKey(), { type: "sec1" }), chain: () => standard({ key: leafKey() }), expected: [] },

  // client-hello-no-suite-for-key (RFC 5246 7.4.2, RFC 8422: a TLS 1.2 suite names the certificate key type) and
  // client-hello-curve-not-offered (RFC 8422 5.1: TLS 1.2 takes the ECDSA key's curve from supported_groups;
  // RFC 8446 4.2.3: TLS 1.3 from the signature scheme).
  { name: "seed 000's hello (c02b only, secp224r1 only) against an RSA server", peers: HELLO, peer: () => ({ clientHello: seed000Hello() }), chain: () => standard({ key: rsaKey() }), expected: ["client-hello client-hello-no-suite-for-key error 0"] },
  { name: "seed 000's hello against a P-256 server: the suite fits, the group does not", peers: HELLO, peer: () => ({ clientHello: seed000Hello() }), chain: () => standard(), expected: ["client-hello client-hello-curve-not-offered error 0"] },
  { name: "seed 000's hello against a P-224 server", peers: HELLO, peer: () => ({ clientHello: seed000Hello() }), chain: () => standard({ key: "p224" }), expected: [] },
  { name: "seed 001's TLS 1.2 hello (secp256r1 only) against a P-384 server", peers: HELLO, peer: () => ({ clientHello: SEED_001_HELLO }), chain: () => standard({ key: "p384" }), expected: ["client-hello client-hello-curve-not-offered error 0"] },
  { name: "seed 001 fixed: a P-256 server", peers: HELLO, peer: () => ({ clientHello: SEED_001_HELLO }), chain: () => standard(), expected: [] },
  { name: "seed 001's hello against an RSA server", peers: HELLO, peer: () => ({ clientHello: SEED_001_HELLO }), chain: () => standard({ key: rsaKey() }), expected: [] },
  // test/peers/mbedtls-harness.test.ts: with curves=P-384 a 3.6 client fails TLS 1.2 (alert 40) and succeeds in TLS 1.3.
  { name: "a TLS 1.3 hello offering ecdsa_secp384r1_sha384 but not secp384r1: a P-384 server", peers: HELLO, peer: () => ({ clientHello: TLS13_HELLO }), chain: () => standard({ key: "p384" }), expected: [] },
  { name: "the TLS 1.3 hello against a P-521 server (neither secp521r1 nor ecdsa_secp521r1_sha512)", peers: HELLO, peer: () => ({ clientHello: TLS13_HELLO }), chain: () => standard({ key: "p521" }), expected: ["client-hello client-hello-curve-not-offered error 0"] },
  { name: "the TLS 1.3 hello against an RSA server", peers: HELLO, peer: () => ({ clientHello: TLS13_HELLO }), chain: () => standard({ key: rsaKey() }), expected: [] },
  { name: "a TLS 1.3-only hello with TLS 1.3 suites only: an RSA server", peers: HELLO, peer: () => ({ clientHello: hello({ versions: ["TLS 1.3"], suites: [0x1301, 0x1302], groups: [0x001d, 0x0017], sigalgs: [0x0403, 0x0804] }) }), chain: () => standard({ key: rsaKey() }), expected: [] },
  { name: "a TLS 1.2 hello offering only TLS 1.3 suites: an RSA server", peers: HELLO, peer: () => ({ clientHello: hello({ suites: [0x1301, 0x1302], groups: [0x0017], sigalgs: [0x0403, 0x0401] }) }), chain: () => standard({ key: rsaKey() }), expected: ["client-hello client-hello-no-suite-for-key error 0"] },
  {
    // Without TLS 1.2 on offer, supported_groups says nothing about the certificate: only the signature scheme does.
    name: "a TLS 1.3-only hello offering secp384r1 but not ecdsa_secp384r1_sha384: a P-384 server",
    peers: HELLO,
    peer: () => ({ clientHello: hello({ versions: ["TLS 1.3"], suites: [0x1301, 0x1302], groups: [0x001d, 0x0018], sigalgs: [0x0403, 0x0804] }) }),
    chain: () => standard({ key: "p384" }),
    expected: ["client-hello client-hello-curve-not-offered error 0"],
  },
  // Revocation (nginx ssl_crl: every certificate of the chain needs its issuer's CRL)
  { name: "no ssl_crl: no CRL rule applies", peers: MTLS, chain: () => standard(), expected: [] },
  { name: "ssl_crl with the root's and the intermediate's current CRLs", peers: MTLS, peer: () => sslCrl(), chain: () => standard(), expected: [] },
  {
    name: "ssl_crl without the root's CRL: the intermediate and the root have none",
    peers: MTLS,
    peer: () => sslCrl([crlOf(intermediate)]),
    chain: () => standard(),
    expected: ["nginx-mtls crl-missing-for-ca error 1", "nginx-mtls crl-missing-for-ca error 2"],
  },
  {
    name: "the intermediate's CRL signed by another key",
    peers: MTLS,
    peer: () => sslCrl([crlOf(root), crlOf(intermediate, { authorityKeyId: false, signingKey: forgeKey("p256").privateKey })]),
    chain: () => standard(),
    expected: ["nginx-mtls crl-signature-invalid error 0"],
  },
  {
    name: "the root's CRL issued in the future (seed 003: (11:CRL is not yet valid))",
    peers: MTLS,
    peer: () => sslCrl([crlOf(root, { thisUpdate: "2030-06-02T00:00:00Z" }), crlOf(intermediate)]),
    chain: () => standard(),
    expected: ["nginx-mtls crl-not-yet-valid error 1", "nginx-mtls crl-not-yet-valid error 2"],
  },
  {
    name: "the intermediate's CRL past its nextUpdate",
    peers: MTLS,
    peer: () => sslCrl([crlOf(root), crlOf(intermediate, { nextUpdate: "2030-05-31T00:00:00Z" })]),
    chain: () => standard(),
    expected: ["nginx-mtls crl-expired error 0"],
  },
  { name: "an intermediate without cRLSign signs its CRL", peers: MTLS, peer: () => sslCrl(noCrlSign().crls), chain: () => noCrlSign().chain, expected: ["nginx-mtls crl-issuer-without-crlsign error 0"] },
  { name: "the leaf is on the intermediate's CRL", peers: MTLS, peer: () => sslCrl(revokedLeaf().crls), chain: () => revokedLeaf().chain, expected: ["nginx-mtls certificate-revoked error 0"] },
  {
    // OpenSSL check_crl(): a critical extension it does not handle is error 36 (test/peers/crl-verify-differential.test.ts).
    name: "the intermediate's CRL has an unknown critical extension",
    peers: MTLS,
    peer: () => sslCrl([crlOf(root), crlOf(intermediate, { extensions: [{ oid: "1.2.3.4", critical: true, value: Uint8Array.of(0x05, 0x00) }] })]),
    chain: () => standard(),
    expected: ["nginx-mtls crl-unhandled-critical-extension error 0"],
  },
  {
    // issuingDistributionPoint onlyContainsUserCerts: the root's CRL does not cover the intermediate (44, then 3 for want of another).
    name: "the root's CRL covers only user certificates",
    peers: MTLS,
    peer: () => sslCrl([crlOf(root, { extensions: [{ oid: "2.5.29.28", critical: true, value: Uint8Array.of(0x30, 0x03, 0x81, 0x01, 0xff) }] }), crlOf(intermediate)]),
    chain: () => standard(),
    expected: ["nginx-mtls crl-different-scope error 1", "nginx-mtls crl-missing-for-ca error 1", "nginx-mtls crl-different-scope error 2", "nginx-mtls crl-missing-for-ca error 2"],
  },
  {
    name: "the root's CRL reaches nextUpdate in 3 days, the intermediate's has no nextUpdate",
    peers: MTLS,
    peer: () => sslCrl([crlOf(root, { nextUpdate: "2030-06-04T00:00:00Z" }), crlOf(intermediate, { nextUpdate: undefined })]),
    chain: () => standard(),
    expected: ["nginx-mtls crl-expires-soon warning 1"],
  },

  // Revocation on an mbedTLS device (--crl → mbedtls_ssl_conf_ca_chain(conf, ca, crl); src/chain/mbedtls-crl.ts):
  // no CRL is required, every CRL of the issuer counts, the anchor is never checked (src/knowledge/mbedtls-crl.ts).
  { name: "mbedTLS: no --crl, nothing is said of revocation", peers: MBED, chain: () => revokedLeaf().chain, expected: [] },
  { name: "mbedTLS: only the root's CRL — no CRL for the intermediate is no error", peers: MBED, peer: () => deviceCrl([crlOf(root)]), chain: () => standard(), expected: [] },
  { name: "mbedTLS: the leaf is on the intermediate's CRL", peers: MBED, peer: () => deviceCrl(revokedLeaf().crls), chain: () => revokedLeaf().chain, expected: ["mbedtls mbedtls-certificate-revoked error 0"] },
  {
    name: "mbedTLS: an older CRL of the intermediate lists the leaf, the newer does not",
    peers: MBED,
    peer: () => deviceCrl([...revokedLeaf().crls, crlOf(intermediate, { thisUpdate: "2030-05-20T00:00:00Z" })]),
    chain: () => revokedLeaf().chain,
    expected: ["mbedtls mbedtls-certificate-revoked error 0"],
  },
  { name: "mbedTLS: the root's CRL lists the root itself — the anchor is never checked", peers: MBED, peer: () => deviceCrl([crlOf(root, { revoked: [{ cert: root, date: "2030-05-15T00:00:00Z" }] })]), chain: () => standard(), expected: [] },
  {
    name: "mbedTLS: the intermediate's CRL signed by another key",
    peers: MBED,
    peer: () => deviceCrl([crlOf(intermediate, { authorityKeyId: false, signingKey: forgeKey("p256").privateKey })]),
    chain: () => standard(),
    expected: ["mbedtls mbedtls-crl-not-trusted error 1"],
  },
  { name: "mbedTLS 3.6: an intermediate without cRLSign revokes the leaf — NOT_TRUSTED hides it", peers: MBED, peer: () => deviceCrl(noCrlSignRevoked().crls), chain: () => noCrlSignRevoked().chain, expected: ["mbedtls mbedtls-crl-not-trusted error 1"] },
  {
    name: "mbedTLS 2.28 without MBEDTLS_X509_CHECK_KEY_USAGE: the same CRL revokes",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("2.28", { off: ["MBEDTLS_X509_CHECK_KEY_USAGE"] }), ...deviceCrl(noCrlSignRevoked().crls) }),
    chain: () => noCrlSignRevoked().chain,
    expected: ["mbedtls mbedtls-certificate-revoked error 0"],
  },
  { name: "mbedTLS: the intermediate's CRL expired a day before --at", peers: MBED, peer: () => deviceCrl([crlOf(intermediate, { nextUpdate: "2030-05-31T00:00:00Z" })]), chain: () => standard(), expected: ["mbedtls mbedtls-crl-expired error 1"] },
  { name: "mbedTLS: the intermediate's CRL has no nextUpdate (year 0 to mbedTLS)", peers: MBED, peer: () => deviceCrl([crlOf(intermediate, { nextUpdate: undefined })]), chain: () => standard(), expected: ["mbedtls mbedtls-crl-expired error 1"] },
  { name: "mbedTLS: the root's CRL valid only from a day after --at", peers: MBED, peer: () => deviceCrl([crlOf(root, { thisUpdate: "2030-06-02T00:00:00Z" })]), chain: () => standard(), expected: ["mbedtls mbedtls-crl-future error 2"] },
  {
    name: "mbedTLS without MBEDTLS_HAVE_TIME_DATE: an expired CRL still revokes, its date is never compared",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_HAVE_TIME_DATE"] }), ...deviceCrl([crlOf(intermediate, { nextUpdate: "2030-05-31T00:00:00Z", revoked: [{ cert: revokedLeaf().chain.leaf, date: "2030-05-15T00:00:00Z" }] })]) }),
    chain: () => revokedLeaf().chain,
    expected: ["mbedtls mbedtls-no-time-check info -1", "mbedtls mbedtls-certificate-revoked error 0"],
  },
  { name: "mbedTLS: the intermediate's CRL signed with SHA-1", peers: MBED, peer: () => deviceCrl([crlOf(intermediate, { hash: "sha1" })]), chain: () => standard(), expected: ["mbedtls mbedtls-crl-bad-md error 1"] },
  {
    // x509_profile_check_pk_alg() on the CRL's ECDSA signature (BADCRL_BAD_PK); the certificates' ECDSA signatures are refused too (BAD_PK).
    name: "mbedTLS: a profile allowing ECKEY keys but no ECDSA signatures refuses the CRL's signature",
    peers: MBED,
    peer: () => ({ mbedtlsX509Profile: { custom: { ...LEGACY_PROFILE, name: "the custom profile in eckey-only.profile", allowedPks: ["ECKEY"] } }, ...deviceCrl([crlOf(intermediate)]) }),
    chain: () => standard(),
    expected: ["mbedtls mbedtls-x509-profile error 0", "mbedtls mbedtls-x509-profile error 1", "mbedtls mbedtls-crl-bad-md error 1"],
  },
  {
    name: "mbedTLS without MBEDTLS_X509_CRL_PARSE_C: the CRL cannot be loaded, the revoked leaf passes",
    peers: MBED,
    peer: () => ({ mbedtls: mbedtls("3.6", { off: ["MBEDTLS_X509_CRL_PARSE_C"] }), ...deviceCrl(revokedLeaf().crls) }),
    chain: () => revokedLeaf().chain,
    expected: ["mbedtls mbedtls-crl-not-compiled warning -1"],
  },
  { name: "mbedTLS: the device's own certificate (--device-cert) is not judged by its CRLs", peers: MBED, peer: () => ({ deviceSendsCert: true, ...deviceCrl(revokedLeaf().crls) }), chain: () => revokedLeaf().chain, expected: [] },
  // ---- Go (go-mtls: a Go server judging a client certificate; go-client: a Go client and --host).
  // Each outcome here is one test/peers/go-lint.test.ts checks against the real Go 1.19.
  { name: "Go: baseline chain", peers: GO, chain: () => standard(), expected: [] },
  { name: "Go: leaf without EKU (Go reads it as any usage)", peers: GO, chain: () => standard({ extKeyUsage: undefined }), expected: [] },
  { name: "Go: leaf with anyExtendedKeyUsage only", peers: GO, chain: () => standard({ extKeyUsage: [EKU.anyExtendedKeyUsage] }), expected: [] },
  { name: "Go: leaf EKU clientAuth only", peers: GO, chain: () => standard({ extKeyUsage: [EKU.clientAuth] }), expected: ["go-client go-eku-nesting error 0"] },
  { name: "Go: leaf EKU serverAuth only", peers: GO, chain: () => standard({ extKeyUsage: [EKU.serverAuth] }), expected: ["go-mtls go-eku-nesting error 0"] },
  { name: "Go: intermediate EKU serverAuth only constrains a clientAuth leaf", peers: GO, chain: () => withIntermediate({ extKeyUsage: [EKU.serverAuth] }), expected: ["go-mtls go-eku-nesting error 1"] },
  {
    name: "Go: an EKU-restricted intermediate and an open one with the same key: Go tries both chains",
    peers: GO,
    chain: () => {
      const key = forgeKey("p256");
      const restricted = intermediateCa(root, { key, extKeyUsage: [EKU.serverAuth] });
      return { leaf: leafCert(restricted), sent: [restricted, intermediateCa(root, { key, extKeyUsage: undefined })], anchors: [root] };
    },
    expected: [],
  },
  {
    name: "Go: a SHA-1 and a SHA-256 copy of the intermediate, the SHA-1 one sent first: Go tries both chains",
    peers: GO,
    chain: () => {
      const key = forgeKey("p256");
      const sha1 = intermediateCa(root, { key, hash: "sha1" });
      return { leaf: leafCert(sha1), sent: [sha1, intermediateCa(root, { key })], anchors: [root] };
    },
    expected: [],
  },
  {
    name: "Go: a CA:FALSE and a CA:TRUE copy of the intermediate: Go tries both chains",
    peers: GO,
    chain: () => {
      const key = forgeKey("p256");
      const notCa = intermediateCa(root, { key, basicConstraints: { ca: false } });
      return { leaf: leafCert(notCa), sent: [notCa, intermediateCa(root, { key })], anchors: [root] };
    },
    expected: [],
  },
  { name: "Go: intermediate EKU anyExtendedKeyUsage", peers: GO, chain: () => withIntermediate({ extKeyUsage: [EKU.anyExtendedKeyUsage] }), expected: [] },
  { name: "Go: leaf keyUsage keyEncipherment only (Go ignores a leaf's keyUsage)", peers: GO, chain: () => standard({ keyUsage: ["keyEncipherment"] }), expected: [] },
  { name: "Go: leaf signed with SHA-1", peers: GO, chain: () => standard({ hash: "sha1" }), expected: ["go-mtls go-insecure-signature error 0", "go-client go-insecure-signature error 0"] },
  { name: "Go 1.17: leaf signed with SHA-1 passes", peers: GO, peer: () => ({ goVersion: "1.17" }), chain: () => standard({ hash: "sha1" }), expected: [] },
  { name: "Go: self-signed root signed with SHA-1 (its signature is never checked)", peers: GO, chain: () => withIssuerRoot(rootCa({ hash: "sha1" })), expected: [] },
  { name: "Go: intermediate with CA:FALSE", peers: GO, chain: () => withIntermediate({ basicConstraints: { ca: false } }), expected: ["go-mtls go-issuer-cannot-sign error 1", "go-client go-issuer-cannot-sign error 1"] },
  { name: "Go: intermediate keyUsage without keyCertSign", peers: GO, chain: () => withIntermediate({ keyUsage: ["digitalSignature", "cRLSign"] }), expected: ["go-mtls go-issuer-cannot-sign error 1", "go-client go-issuer-cannot-sign error 1"] },
  { name: "Go: secp256k1 leaf", peers: GO, chain: () => standard({ key: "secp256k1" }), expected: ["go-mtls go-unsupported-key error 0", "go-client go-unsupported-key error 0"] },
  { name: "Go: P-521 leaf", peers: GO, chain: () => standard({ key: "p521" }), expected: [] },
  { name: "Go: Ed25519 leaf", peers: GO, chain: () => standard({ key: "ed25519" }), expected: [] },
  { name: "Go: RSA-1024 leaf (Go 1.19 has no minimum)", peers: GO, chain: () => standard({ key: "rsa1024" }), expected: [] },
  { name: "Go 1.24: RSA-1024 leaf passes (its minimum is 1024 bits)", peers: GO, peer: () => ({ goVersion: "1.24" }), chain: () => standard({ key: "rsa1024" }), expected: [] },
  { name: "Go: critical unknown extension on the leaf", peers: GO, chain: () => standard({ extensions: [{ oid: "1.3.6.1.4.1.55555.1", critical: true, value: NULL_VALUE }] }), expected: ["go-mtls go-unhandled-critical-extension error 0", "go-client go-unhandled-critical-extension error 0"] },
  { name: "Go: critical id-pkix-ocsp-nocheck, which OpenSSL handles and Go does not", peers: GO, chain: () => standard({ extensions: [{ oid: "1.3.6.1.5.5.7.48.1.5", critical: true, value: NULL_VALUE }] }), expected: ["go-mtls go-unhandled-critical-extension error 0", "go-client go-unhandled-critical-extension error 0"] },
  {
    name: "Go: critical name constraints with a directoryName subtree",
    peers: GO,
    chain: () => withIntermediate({ extensions: [{ oid: EXT.nameConstraints, critical: true, value: der.sequence(der.tlv(0xa0, der.sequence(der.tlv(0xa4, der.sequence(der.set(der.sequence(der.oid("2.5.4.10"), der.utf8String(ORG)))))))) }] }),
    expected: ["go-mtls go-unhandled-critical-extension error 1", "go-client go-unhandled-critical-extension error 1"],
  },
  { name: "Go: intermediate permits example.org, leaf is www.example.com", peers: GO, chain: () => withIntermediate({ nameConstraints: { permitted: ["example.org"] } }), expected: ["go-mtls name-constraint-violation error 0", "go-client name-constraint-violation error 0"] },
  { name: "Go: intermediate permits example.com", peers: GO, chain: () => withIntermediate({ nameConstraints: { permitted: ["example.com"] } }), expected: [] },
  { name: "Go: expired leaf", peers: GO, chain: () => standard({ notBefore: "2030-04-01T00:00:00Z", notAfter: "2030-05-01T00:00:00Z" }), expected: ["go-mtls cert-expired error 0", "go-client cert-expired error 0"] },
  { name: "Go: leaf valid from next week", peers: GO, chain: () => standard({ notBefore: "2030-06-08T00:00:00Z" }), expected: ["go-mtls cert-not-yet-valid error 0", "go-client cert-not-yet-valid error 0"] },
  { name: "Go: leaf valid in two hours (clock skew)", peers: GO, chain: () => standard({ notBefore: "2030-06-01T02:00:00Z" }), expected: ["go-mtls clock-skew-not-yet-valid error 0", "go-client clock-skew-not-yet-valid error 0"] },
  { name: "Go: leaf sent without its intermediate", peers: GO, chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [root] }), expected: ["go-mtls chain-not-anchored error 0", "go-client chain-not-anchored error 0"] },
  { name: "Go: intermediate alone in the trust pool (Go accepts a partial chain)", peers: GO, chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [intermediate] }), expected: [] },
  { name: "Go: leaf signed by the wrong key", peers: GO, chain: () => standard({ wrongSigner: true }), expected: ["go-mtls signature-invalid error 0", "go-client signature-invalid error 0"] },
  { name: "Go: pathLen 0 CA above another intermediate", peers: GO, chain: () => twoIntermediates({ basicConstraints: { ca: true, pathLen: 0 } }).chain, expected: ["go-mtls ca-path-length-exceeded error 2", "go-client ca-path-length-exceeded error 2"] },
  { name: "Go: a \"*.com\" SAN matches example.com for Go", peers: GO, options: { host: "example.com" }, chain: () => standard({ subjectAltNames: [{ dns: "*.com" }] }), expected: [] },
  { name: "Go: a SAN with a trailing dot does not match the name without it", peers: GO, chain: () => standard({ subjectAltNames: [{ dns: `${HOST}.` }] }), expected: ["go-client go-host-mismatch error 0"] },
  { name: "Go: the client dials an IP the certificate names only as DNS", peers: GO, options: { host: IP }, chain: () => standard({ subjectAltNames: [{ dns: HOST }] }), expected: ["go-client go-host-mismatch error 0"] },
  { name: "Go: the client dials [IP] and the certificate has that iPAddress SAN", peers: GO, options: { host: `[${IP}]` }, chain: () => standard({ subjectAltNames: [{ ip: IP }] }), expected: [] },
  { name: "Go: the client dials another name", peers: GO, options: { host: "other.example.com" }, chain: () => standard(), expected: ["go-client go-host-mismatch error 0"] },
  { name: "Go: no SAN, the host only in the CN", peers: GO, chain: () => standard({ subjectAltNames: undefined }), expected: ["go-client go-host-mismatch error 0", "go-client cn-only-no-san error 0"] },
  { name: "Go: leaf repeats an unknown non-critical extension", peers: GO, chain: () => standard({ extensions: [{ oid: "1.3.6.1.4.1.55555.2", value: NULL_VALUE }, { oid: "1.3.6.1.4.1.55555.2", value: NULL_VALUE }] }), expected: ["go-mtls malformed-certificate error 0", "go-client malformed-certificate error 0"] },
  {
    name: "Go: leaf keyUsage critical flag as BOOLEAN 01",
    peers: GO,
    chain: () => {
      const leaf = nonDerForged(leafCert(intermediate, { serial: NON_DER_SERIAL }), intermediate, "boolean-not-00-ff");
      return { leaf, sent: [intermediate], anchors: [root] };
    },
    expected: ["go-mtls non-der-encoding error 0", "go-client non-der-encoding error 0"],
  },
  // go-negative-serial: Go 1.23 and later (--go-version) refuse negative serials; Go 1.19 accepts them (test/peers/go-lint.test.ts).
  { name: "Go 1.19: leaf with a negative serial passes", peers: GO, chain: () => ({ leaf: negativeSerial(leafCert(intermediate, { serial: NON_DER_SERIAL }), intermediate), sent: [intermediate], anchors: [root] }), expected: [] },
  { name: "Go 1.23: leaf with a negative serial", peers: GO, peer: () => ({ goVersion: "1.23" }), chain: () => ({ leaf: negativeSerial(leafCert(intermediate, { serial: NON_DER_SERIAL }), intermediate), sent: [intermediate], anchors: [root] }), expected: ["go-mtls go-negative-serial error 0", "go-client go-negative-serial error 0"] },
  {
    name: "Go 1.23: the intermediate sent has a negative serial",
    peers: GO,
    peer: () => ({ goVersion: "1.23" }),
    chain: () => {
      const int = negativeSerial(intermediateCa(root, { serial: NON_DER_SERIAL }), root);
      return { leaf: leafCert(int), sent: [int], anchors: [root] };
    },
    expected: ["go-mtls go-negative-serial error 1", "go-client go-negative-serial error 1"],
  },
  { name: "Go 1.23: the trusted root has a negative serial (Go skips it when it reads the CA file)", peers: GO, peer: () => ({ goVersion: "1.23" }), chain: () => withIssuerRoot(negativeSerialRoot()), expected: ["go-mtls go-negative-serial error 2", "go-client go-negative-serial error 2"] },
  {
    name: "Go 1.23: the root has a negative serial, the intermediate is trusted too (Go anchors there)",
    peers: GO,
    peer: () => ({ goVersion: "1.23" }),
    chain: () => {
      const chain = withIssuerRoot(negativeSerialRoot());
      return { ...chain, anchors: [...chain.anchors, ...chain.sent] };
    },
    expected: [],
  },
  { name: "Go 1.23: an unrelated root with a negative serial beside the root in the CA file", peers: GO, peer: () => ({ goVersion: "1.23" }), chain: () => ({ ...standard(), anchors: [root, negativeSerial(rootCa({ subject: { cn: "Unrelated Negative Root", o: ORG }, serial: NON_DER_SERIAL }))] }), expected: [] },
  // wolfSSL (a TLS client verifying the server; wolfSSL's default ./configure build unless a user_settings.h is given).
  // Each was checked on libwolfssl 5.5.4 in test/peers/wolfssl-lint.test.ts where Debian's build can show it.
  { name: "wolfSSL: baseline", peers: WOLF, chain: () => standard(), expected: [] },
  { name: "wolfSSL: intermediate not sent", peers: WOLF, chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [root] }), expected: ["wolfssl chain-not-anchored error 0"] },
  { name: "wolfSSL: only the intermediate is trusted (any loaded CA is an anchor)", peers: WOLF, chain: () => ({ leaf: leafCert(intermediate), sent: [], anchors: [intermediate] }), expected: [] },
  { name: "wolfSSL: intermediate with CA:FALSE", peers: WOLF, chain: () => withIntermediate({ basicConstraints: { ca: false } }), expected: ["wolfssl ca-not-ca error 1"] },
  { name: "wolfSSL: expired leaf", peers: WOLF, options: { at: "2030-08-01T00:00:00Z" }, chain: () => standard(), expected: ["wolfssl cert-expired error 0"] },
  { name: "wolfSSL: leaf not yet valid", peers: WOLF, chain: () => standard({ notBefore: "2030-06-10T00:00:00Z", notAfter: "2030-07-20T00:00:00Z" }), expected: ["wolfssl cert-not-yet-valid error 0"] },
  { name: "wolfSSL: leaf valid from 2 hours after --at (no clock skew allowed)", peers: WOLF, chain: () => standard({ notBefore: "2030-06-01T02:00:00Z", notAfter: "2030-07-20T00:00:00Z" }), expected: ["wolfssl clock-skew-not-yet-valid error 0"] },
  { name: "wolfSSL: leaf expires in 4 days", peers: WOLF, options: { at: "2030-07-01T00:00:00Z" }, chain: () => standard(), expected: ["wolfssl expires-soon warning 0"] },
  { name: "wolfSSL: unknown critical extension on the leaf", peers: WOLF, chain: () => standard({ extensions: [{ oid: "1.3.6.1.4.1.55555.1", critical: true, value: NULL_VALUE }] }), expected: ["wolfssl unhandled-critical-extension error 0"] },
  { name: "wolfSSL: NO_ASN_TIME, an expired leaf is accepted", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "NO_ASN_TIME"]) }), options: { at: "2030-08-01T00:00:00Z" }, chain: () => standard(), expected: ["wolfssl wolfssl-no-date-check info -1"] },
  // wolfssl-host-mismatch (src/internal.c CheckHostName()).
  { name: "wolfSSL: host not in the SAN", peers: WOLF, options: { host: "other.example.com" }, chain: () => standard(), expected: ["wolfssl wolfssl-host-mismatch error 0"] },
  { name: "wolfSSL: no SAN, the CN matches (CN fallback)", peers: WOLF, chain: () => standard({ subjectAltNames: undefined }), expected: [] },
  { name: "wolfSSL: the CN matches but the SAN does not", peers: WOLF, chain: () => standard({ subjectAltNames: [{ dns: "other.example.com" }] }), expected: ["wolfssl wolfssl-host-mismatch error 0"] },
  { name: "wolfSSL: *.example.com matches one label only", peers: WOLF, options: { host: "a.b.example.com" }, chain: () => standard({ subjectAltNames: [{ dns: "*.example.com" }] }), expected: ["wolfssl wolfssl-host-mismatch error 0"] },
  { name: "wolfSSL: an IP SAN is compared only with OPENSSL_ALL or WOLFSSL_IP_ALT_NAME", peers: WOLF, options: { host: IP }, chain: () => standard({ subjectAltNames: [{ ip: IP }] }), expected: ["wolfssl wolfssl-host-mismatch error 0"] },
  { name: "wolfSSL: an IP SAN with WOLFSSL_IP_ALT_NAME", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "WOLFSSL_IP_ALT_NAME"]) }), options: { host: IP }, chain: () => standard({ subjectAltNames: [{ ip: IP }] }), expected: [] },
  // wolfssl-key-too-small (src/internal.c ProcessPeerCertCheckKey()).
  { name: "wolfSSL: RSA-2048 leaf, WOLFSSL_MIN_RSA_BITS 3072", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "WOLFSSL_MIN_RSA_BITS 3072"]) }), chain: () => standard({ key: rsaKey() }), expected: ["wolfssl wolfssl-key-too-small error 0"] },
  { name: "wolfSSL: RSA-2048 leaf, the default minimum (1024)", peers: WOLF, chain: () => standard({ key: rsaKey() }), expected: [] },
  { name: "wolfSSL: P-256 chain, WOLFSSL_MIN_ECC_BITS 384", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "WOLFSSL_MIN_ECC_BITS 384", "ECC_MIN_KEY_SZ 224"]) }), chain: () => standard(), expected: ["wolfssl wolfssl-key-too-small error 0", "wolfssl wolfssl-key-too-small error 1", "wolfssl wolfssl-key-too-small error 2"] },
  // wolfssl-curve-not-compiled (wolfcrypt/src/ecc.c ecc_sets[]).
  { name: "wolfSSL: P-192 leaf, ECC_MIN_KEY_SZ 224", peers: WOLF, chain: () => standard({ key: "p192" }), expected: ["wolfssl wolfssl-curve-not-compiled error 0"] },
  { name: "wolfSSL: secp256k1 leaf without HAVE_ECC_KOBLITZ", peers: WOLF, chain: () => standard({ key: "secp256k1" }), expected: ["wolfssl wolfssl-curve-not-compiled error 0"] },
  // wolfssl-chain-too-deep and wolfssl-chain-order (src/internal.c ProcessPeerCerts()).
  { name: "wolfSSL: three certificates sent, MAX_CHAIN_DEPTH 2 (OPENSSL_EXTRA, WOLFSSL_ALT_CERT_CHAINS)", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "OPENSSL_EXTRA", "WOLFSSL_ALT_CERT_CHAINS", "MAX_CHAIN_DEPTH 2"]) }), chain: () => twoIntermediates().chain, expected: ["wolfssl wolfssl-chain-too-deep error -1"] },
  {
    name: "wolfSSL: three certificates sent, MAX_CHAIN_DEPTH 2, the one not read is not needed (WOLFSSL_ALT_CERT_CHAINS)",
    peers: WOLF,
    peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "OPENSSL_EXTRA", "WOLFSSL_ALT_CERT_CHAINS", "MAX_CHAIN_DEPTH 2"]) }),
    chain: () => {
      const { chain, b } = twoIntermediates();
      return { ...chain, anchors: [root, b] };
    },
    expected: [],
  },
  {
    name: "wolfSSL: intermediates sent root side first (WOLFSSL_ALT_CERT_CHAINS: the CA without a signer is skipped, the leaf's issuer is then unknown)",
    peers: WOLF,
    peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "WOLFSSL_ALT_CERT_CHAINS"]) }),
    chain: () => {
      const { chain, a, b } = twoIntermediates();
      return { ...chain, sent: [a, b] };
    },
    expected: ["wolfssl wolfssl-chain-order error -1"],
  },
  { name: "wolfSSL: two intermediates in order", peers: WOLF, chain: () => twoIntermediates().chain, expected: [] },
  // wolfssl-certificate-too-large (MAX_HANDSHAKE_SZ).
  { name: "wolfSSL: a 17 KB leaf, MAX_CERTIFICATE_SZ 16384", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "MAX_CERTIFICATE_SZ 16384"]) }), chain: () => standard({ extensions: [BIG_EXTENSION] }), expected: ["wolfssl wolfssl-certificate-too-large error -1"] },
  // wolfssl-hash-not-compiled (wolfcrypt/src/asn.c HashForSignature()).
  { name: "wolfSSL: SHA-1 signed leaf, NO_SHA", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "NO_SHA"]) }), chain: () => standard({ hash: "sha1" }), expected: ["wolfssl wolfssl-hash-not-compiled error 0"] },
  // wolfssl-pinned-leaf and wolfssl-sent-ca-without-signer (src/ssl.c wolfSSL_CTX_load_verify_buffer_ex(), src/internal.c ProcessPeerCerts()).
  {
    name: "wolfSSL: the CA list holds the CA-issued leaf itself",
    peers: WOLF,
    chain: once(() => {
      const leaf = leafCert(intermediate);
      return { leaf, sent: [], anchors: [leaf] };
    }),
    expected: ["wolfssl wolfssl-pinned-leaf error 0"],
  },
  {
    name: "wolfSSL: the CA list holds the leaf itself, WOLFSSL_TRUST_PEER_CERT + OPENSSL_COMPATIBLE_DEFAULTS",
    peers: WOLF,
    peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "WOLFSSL_TRUST_PEER_CERT", "OPENSSL_COMPATIBLE_DEFAULTS"]) }),
    chain: once(() => {
      const leaf = leafCert(intermediate);
      return { leaf, sent: [], anchors: [leaf] };
    }),
    expected: [],
  },
  { name: "wolfSSL: the intermediate is the only CA loaded and is sent, no WOLFSSL_ALT_CERT_CHAINS", peers: WOLF, chain: () => ({ leaf: leafCert(intermediate), sent: [intermediate], anchors: [intermediate] }), expected: ["wolfssl wolfssl-sent-ca-without-signer error -1"] },
  { name: "wolfSSL: the same with WOLFSSL_ALT_CERT_CHAINS", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "WOLFSSL_ALT_CERT_CHAINS"]) }), chain: () => ({ leaf: leafCert(intermediate), sent: [intermediate], anchors: [intermediate] }), expected: [] },
  // RFC 5280 limits of a CA (wolfcrypt/src/asn.c).
  { name: "wolfSSL: intermediate with pathLen 0 above another intermediate", peers: WOLF, chain: () => twoIntermediates({ basicConstraints: { ca: true, pathLen: 0 } }).chain, expected: ["wolfssl ca-path-length-exceeded error 2"] },
  { name: "wolfSSL: SAN outside the intermediate's permitted DNS subtree", peers: WOLF, options: { host: "www.example.org" }, chain: () => withIntermediate({ nameConstraints: { permitted: ["example.com"] } }, { subjectAltNames: [{ dns: "www.example.org" }] }), expected: ["wolfssl name-constraint-violation error 0"] },
  { name: "wolfSSL: SAN inside the intermediate's permitted DNS subtree", peers: WOLF, chain: () => withIntermediate({ nameConstraints: { permitted: ["example.com"] } }), expected: [] },
  // wolfssl-config-contradiction (wolfssl/internal.h: minimum key sizes must be multiples of 8).
  { name: "wolfSSL: WOLFSSL_MIN_RSA_BITS 1020 stops the build", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "WOLFSSL_MIN_RSA_BITS 1020"]) }), chain: () => standard(), expected: ["wolfssl wolfssl-config-contradiction warning -1"] },
  // wolfssl-verify-depth (wolfSSL_CTX_set_verify_depth()).
  { name: "wolfSSL: two intermediates, verify depth 1 (OPENSSL_EXTRA)", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "OPENSSL_EXTRA"]), wolfsslVerifyDepth: 1 }), chain: () => twoIntermediates().chain, expected: ["wolfssl wolfssl-verify-depth error -1"] },
  { name: "wolfSSL: two intermediates, verify depth 2 (OPENSSL_EXTRA)", peers: WOLF, peer: () => ({ wolfssl: wolfssl(["HAVE_ECC", "OPENSSL_EXTRA"]), wolfsslVerifyDepth: 2 }), chain: () => twoIntermediates().chain, expected: [] },
  { name: "wolfSSL: three certificates sent, verify depth 3, no OPENSSL_EXTRA", peers: WOLF, peer: () => ({ wolfsslVerifyDepth: 3 }), chain: () => twoIntermediates().chain, expected: [] },
  { name: "wolfSSL: three certificates sent, verify depth 2, no OPENSSL_EXTRA", peers: WOLF, peer: () => ({ wolfsslVerifyDepth: 2 }), chain: () => twoIntermediates().chain, expected: ["wolfssl wolfssl-verify-depth error -1"] },
  // wolfssl-leaf-eku (src/internal.c ProcessPeerCerts()).
  { name: "wolfSSL: leaf with EKU clientAuth only", peers: WOLF, chain: () => standard({ extKeyUsage: [EKU.clientAuth] }), expected: ["wolfssl wolfssl-leaf-eku error 0"] },
];

interface Run {
  peers: PeerId[];
  expected: string[];
  notApplicable: Map<PeerId, string[]>;
}
const runs: Run[] = [];

const key = (f: { peer: string; rule: string; severity: string; certIndex: number }) => `${f.peer} ${f.rule} ${f.severity} ${f.certIndex}`;

describe("lint rules, scenario by scenario", () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => {
      const { leaf, sent, anchors } = scenario.chain();
      const options = scenario.options ?? {};
      const peer = scenario.peer?.() ?? {};
      const profiles = scenario.peers.map((id) =>
        buildProfile(id, { verifyDepth: options.verifyDepth, opensslSeries: options.opensslSeries, verifyClient: options.verifyClient, serverNames: options.serverNames, ...peer }),
      );
      const host = options.host === null ? undefined : options.host ?? HOST;
      const result = lint({ leaf: leaf.facts, chain: sent.map((c) => c.facts), anchors: anchors.map((c) => c.facts), profiles, options: { at: new Date(options.at ?? AT), host, key: scenario.key?.() } });
      runs.push({ peers: scenario.peers, expected: scenario.expected, notApplicable: new Map(result.verdicts.map((v) => [v.peer, v.notApplicable])) });
      const actual = result.findings.map(key).sort();
      const detail = result.findings.map((f) => `  ${key(f)}: ${f.message}`).join("\n") || "  (none)";
      assert.deepEqual(actual, [...scenario.expected].sort(), `findings:\n${detail}`);
    });
  }

  // Runs last: the table must cover every (rule, peer) pair both ways.
  it("covers every rule and peer: fires at least once, applies and stays quiet at least once", () => {
    const missing: string[] = [];
    for (const rule of RULES) {
      for (const peer of Object.keys(rule.peers) as PeerId[]) {
        const prefix = `${peer} ${rule.id} `;
        if (!SCENARIOS.some((s) => s.expected.some((e) => e.startsWith(prefix)))) missing.push(`${peer} ${rule.id}: no scenario where it fires`);
        const quiet = runs.some((r) => r.peers.includes(peer) && !r.notApplicable.get(peer)?.includes(rule.id) && !r.expected.some((e) => e.startsWith(prefix)));
        if (!quiet) missing.push(`${peer} ${rule.id}: no scenario where it applies and stays quiet`);
      }
    }
    assert.deepEqual(missing, []);
  });
});

describe("lint engine", () => {
  const lintWith = (rules: Rule[], chain: Chain, peers: PeerId[] = ALL) =>
    lint({ leaf: chain.leaf.facts, chain: chain.sent.map((c) => c.facts), anchors: chain.anchors.map((c) => c.facts), profiles: peers.map((id) => buildProfile(id)), options: { at: new Date(AT), host: HOST }, rules });

  const fake = (id: string, peers: Rule["peers"], behaviour: Pick<Rule, "appliesTo" | "check">): Rule => ({ id, title: id, peers, citation: "test", symptom: {}, ...behaviour });

  it("a rule whose check or appliesTo throws becomes a fatal internal/rule-failed finding; the other rules still run", () => {
    const throwsInCheck = fake("test-check-throws", { "nginx-mtls": "warning", browser: "info" }, { appliesTo: () => true, check: () => { throw new Error("boom"); } });
    const throwsInApplies = fake("test-applies-throws", { "nginx-server": "info" }, { appliesTo: () => { throw new TypeError("bad context"); }, check: () => [] });
    const expired = standard({ notBefore: "2030-04-01T00:00:00Z", notAfter: "2030-05-01T00:00:00Z" });
    const result = lintWith([throwsInCheck, throwsInApplies, certExpired], expired);
    assert.deepEqual(result.findings.map(key).sort(), [
      "browser cert-expired error 0",
      "browser internal/rule-failed fatal -1",
      "nginx-mtls cert-expired error 0",
      "nginx-mtls internal/rule-failed fatal -1",
      "nginx-server cert-expired error 0",
      "nginx-server internal/rule-failed fatal -1",
    ]);
    const messages = result.findings.filter((f) => f.rule === "internal/rule-failed").map((f) => `${f.peer}: ${f.message}`).sort();
    assert.deepEqual(messages, ["browser: rule test-check-throws failed: boom", "nginx-mtls: rule test-check-throws failed: boom", "nginx-server: rule test-applies-throws failed: bad context"]);
    for (const verdict of result.verdicts) {
      assert.equal(verdict.accepted, false);
      assert.equal(verdict.errors, 2, `${verdict.peer}: cert-expired and the fatal finding`);
    }
  });

  it("a fatal finding alone makes the peer refuse", () => {
    const throwsInCheck = fake("test-check-throws", { browser: "info" }, { appliesTo: () => true, check: () => { throw new Error("boom"); } });
    const verdict = lintWith([throwsInCheck], standard(), ["browser"]).verdicts[0]!;
    assert.deepEqual({ accepted: verdict.accepted, errors: verdict.errors, infos: verdict.infos }, { accepted: false, errors: 1, infos: 0 });
  });

  it("TRUSTED CERTIFICATE anchors a peer does not load are dropped, yet count as given: the verdict is rejected, nothing waits for --ca", () => {
    const chain = { ...standard(), anchors: caFile("ca.pem", trustedForm(root, { trust: [EKU.serverAuth] })) };
    const result = lintWith(RULES, chain, ["mbedtls", "nginx-server"]);
    const mbed = result.verdicts.find((v) => v.peer === "mbedtls")!;
    assert.deepEqual({ status: mbed.status, unchecked: mbed.unchecked }, { status: "rejected", unchecked: [] });
    assert.ok(mbed.notApplicable.includes("mbedtls-too-many-intermediates"), "a rule that needs an anchored chain does not apply");
    // nginx (OpenSSL) reads the block: the same file anchors the chain there.
    assert.equal(result.verdicts.find((v) => v.peer === "nginx-server")!.status, "accepted");
    assert.equal(result.chains.get("nginx-server")?.at(-1)?.sha256, root.facts.sha256);
  });

  it("rules that do not apply are listed as n/a per peer, rules for other peers not at all", () => {
    const never = fake("test-never-applies", { "nginx-mtls": "error", browser: "error" }, { appliesTo: () => false, check: () => { throw new Error("must not run"); } });
    const clean = standard();
    const noHost = lint({ leaf: clean.leaf.facts, chain: clean.sent.map((c) => c.facts), anchors: clean.anchors.map((c) => c.facts), profiles: ALL.map((id) => buildProfile(id)), options: { at: new Date(AT) }, rules: [...RULES, never] });
    assert.deepEqual(noHost.findings.map(key), []);
    // Exact for the fake rule; for the real ones, those that cannot apply to this chain (new rules may join them).
    const na = new Map(noHost.verdicts.map((v) => [v.peer, v.notApplicable]));
    assert.deepEqual(ALL.map((peer) => na.get(peer)?.includes("test-never-applies")), [true, false, true]);
    for (const [peer, ids] of [
      ["nginx-mtls", ["leaf-nscerttype-purpose", "name-constraint-violation", "verify-client-off"]],
      ["nginx-server", ["host-mismatch", "leaf-nscerttype-purpose", "name-constraint-violation", "server-name-not-in-san"]],
      ["browser", ["host-mismatch", "name-constraint-violation"]],
    ] as const) {
      for (const id of ids) assert.ok(na.get(peer)?.includes(id), `${peer}: ${id} should be n/a`);
      // A rule is n/a only for a peer it runs for, and a rule that applied is not n/a.
      for (const id of na.get(peer) ?? []) assert.ok(id === "test-never-applies" || RULES.some((r) => r.id === id && r.peers[peer]), `${peer}: ${id} listed but not run for it`);
      for (const id of ["chain-not-anchored", "cert-expired", "bundle-order", "root-in-chain"]) assert.ok(!na.get(peer)?.includes(id), `${peer}: ${id} applies here`);
    }
    // Only a leaf and a trust store: the chain-shape rules have nothing to look at.
    const alone = lint({ leaf: clean.leaf.facts, chain: [], anchors: [], profiles: [buildProfile("nginx-mtls")], options: { at: new Date(AT) } });
    const aloneNa = alone.verdicts[0]!.notApplicable;
    for (const id of ["bundle-order", "ca-eku-purpose", "ca-not-ca", "ca-path-length-exceeded", "chain-not-anchored", "leaf-outlives-issuer", "root-in-chain", "signature-invalid", "verify-depth-too-small", "weak-signature"]) {
      assert.ok(aloneNa.includes(id), `${id} should be n/a without a chain or trust anchors`);
    }
    for (const id of ["cert-expired", "leaf-eku-purpose", "weak-key"]) assert.ok(!aloneNa.includes(id), `${id} applies to a leaf alone`);
  });
});
