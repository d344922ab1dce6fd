// Every lint rule against certificates forged for it: for each rule and each peer it runs for, at
// least one scenario where it fires and one where it applies and stays quiet (checked by the last
// test of the table). Findings are compared as exact lists of "peer rule severity certIndex"
// strings, like pkilint's expected-findings files: a missing finding and an unexpected one both
// fail. All dates are fixed, so nothing here rots as the real clock moves on.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lint } from "../../src/lint/engine.js";
import { rule as certExpired } from "../../src/lint/rules/cert-expired.js";
import { RULES } from "../../src/lint/rules/index.js";
import type { Rule } from "../../src/lint/types.js";
import { EKU, EXT } from "../../src/model/oids.js";
import { buildProfile } from "../../src/peers/index.js";
import type { PeerId } from "../../src/peers/types.js";
import { forge, forgeKey, type ForgeKey, type ForgeOptions, type Forged } from "../helpers/forge.js";

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
      const profiles = scenario.peers.map((id) =>
        buildProfile(id, { verifyDepth: options.verifyDepth, opensslSeries: options.opensslSeries, verifyClient: options.verifyClient, serverNames: options.serverNames }),
      );
      const host = options.host === null ? undefined : options.host ?? HOST;
      const result = lint({ leaf: leaf.facts, chain: sent.map((c) => c.facts), anchors: anchors.map((c) => c.facts), profiles, options: { at: new Date(options.at ?? AT), host } });
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
    const [verdict] = lintWith([throwsInCheck], standard(), ["browser"]).verdicts;
    assert.deepEqual({ accepted: verdict.accepted, errors: verdict.errors, infos: verdict.infos }, { accepted: false, errors: 1, infos: 0 });
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
    const aloneNa = alone.verdicts[0].notApplicable;
    for (const id of ["bundle-order", "ca-eku-purpose", "ca-not-ca", "ca-path-length-exceeded", "chain-not-anchored", "leaf-outlives-issuer", "root-in-chain", "signature-invalid", "verify-depth-too-small", "weak-signature"]) {
      assert.ok(aloneNa.includes(id), `${id} should be n/a without a chain or trust anchors`);
    }
    for (const id of ["cert-expired", "leaf-eku-purpose", "weak-key"]) assert.ok(!aloneNa.includes(id), `${id} applies to a leaf alone`);
  });
});
