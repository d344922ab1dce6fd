// The chain engine, table-driven: one row or more per reason id the engine gives, and the main
// passing paths, built in-process with the test forge (test/helpers/forge.ts) at a fixed clock. Each
// row states every reason the path gets, in order: id, certificate index, subject, typed detail, and
// its words (src/knowledge/reason-words.ts) as verify and lint print them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Reason, ReasonId } from "../../src/chain/reasons.js";
import { REASONS } from "../../src/chain/reasons.js";
import { validate, type ValidationInput } from "../../src/chain/validate.js";
import { describeReason, type ReasonWords } from "../../src/knowledge/reason-words.js";
import type { CertFacts } from "../../src/model/certificate.js";
import { EKU, EXT } from "../../src/model/oids.js";
import type { CrlFacts } from "../../src/model/crl.js";
import { forge, type ForgeOptions, type Forged } from "../helpers/forge.js";
import { forgeCrl, type CrlSpec } from "./forge-crl.js";

/** The verifier's clock for every case: between every notBefore and notAfter below. */
const AT = new Date("2025-06-01T00:00:00Z");
const FROM = "2024-01-01T00:00:00Z";
const TO = "2030-01-01T00:00:00Z";

type Spec = Omit<ForgeOptions, "notBefore" | "notAfter"> & Partial<Pick<ForgeOptions, "notBefore" | "notAfter">>;
const make = (spec: Spec): Forged => forge({ notBefore: FROM, notAfter: TO, ...spec });

const caExtensions = { basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] } satisfies Partial<ForgeOptions>;
const serverLeaf = { extKeyUsage: [EKU.serverAuth], keyUsage: ["digitalSignature"], subjectAltNames: [{ dns: "a.example.test" }] } satisfies Partial<ForgeOptions>;

/** A root, an intermediate and a server leaf under it: the path most cases bend one thing of. */
function hierarchy(options: { root?: Partial<Spec>; int?: Partial<Spec>; leaf?: Partial<Spec> } = {}) {
  const root = make({ subject: { o: "Lab", cn: "Root" }, ...caExtensions, ...options.root });
  const int = make({ subject: { o: "Lab", cn: "Int" }, issuer: root, ...caExtensions, ...options.int });
  const leaf = make({ subject: { cn: "a.example.test" }, issuer: int, ...serverLeaf, ...options.leaf });
  return { root, int, leaf };
}

/** The usual input: leaf, its intermediate as untrusted, the root as the anchor. */
function path(h: { root: Forged; int: Forged; leaf: Forged }, options: Partial<ValidationInput> = {}): ValidationInput {
  return { leaf: h.leaf.facts, intermediates: [h.int.facts], anchors: [h.root.facts], at: AT, ...options };
}

/** A v1 intermediate (no extensions, so no CA bit) as the trust anchor of a partial chain. */
function trustedV1Intermediate(trustedV1NeedsNoCaBit: boolean): ValidationInput {
  const h = hierarchy({ int: { version: 1, basicConstraints: undefined, keyUsage: undefined } });
  return { leaf: h.leaf.facts, intermediates: [], anchors: [h.int.facts], at: AT, partialChain: true, trustedV1NeedsNoCaBit };
}

interface ChainCase {
  name: string;
  input: () => ValidationInput;
  /** Every reason, in the engine's order; [] = the path is valid. */
  expect: (Reason & ReasonWords)[];
}

/** A critical extension OpenSSL does not know (1.2.3.4, value NULL). */
const unknownCritical = { oid: "1.2.3.4", critical: true, value: Uint8Array.of(0x05, 0x00) };
/** A second keyUsage extension (digitalSignature), to repeat one OpenSSL decodes. */
const secondKeyUsage = { oid: EXT.keyUsage, value: Uint8Array.of(0x03, 0x02, 0x07, 0x80) };

/** A CRL of `issuer` valid at AT, nothing revoked unless said (test/chain/forge-crl.ts). */
function crlOf(issuer: Forged, spec: Partial<CrlSpec> = {}) {
  return forgeCrl({ issuer, thisUpdate: FROM, nextUpdate: TO, ...spec }).facts;
}

/** The usual path with CRL checking on: the CRLs are made from the hierarchy. */
function crlPath(h: ReturnType<typeof hierarchy>, crls: (h: ReturnType<typeof hierarchy>) => CrlFacts[], options: Partial<ValidationInput> = {}): ValidationInput {
  return path(h, { crls: crls(h), ...options });
}

/** issuingDistributionPoint { onlyContainsUserCerts [1] TRUE }, critical (RFC 5280 5.2.5). */
const onlyUserCerts = { oid: "2.5.29.28", critical: true, value: Uint8Array.of(0x30, 0x03, 0x81, 0x01, 0xff) };

/** `cert` with its name constraints replaced (forms the forge cannot encode, or very many subtrees). */
function withConstraints(cert: CertFacts, constraints: NonNullable<CertFacts["nameConstraints"]>): CertFacts {
  return { ...cert, nameConstraints: constraints };
}

const CASES: ChainCase[] = [
  // Passing paths.
  {
    name: "pass: root -> int -> server leaf, purpose and host",
    input: () => path(hierarchy(), { purpose: "server", host: "a.example.test" }),
    expect: [],
  },
  {
    name: "pass: leaf issued by the root, purpose client",
    input: () => {
      const root = make({ subject: { cn: "Root" }, ...caExtensions });
      const leaf = make({ subject: { cn: "client" }, issuer: root, extKeyUsage: [EKU.clientAuth] });
      return { leaf: leaf.facts, intermediates: [], anchors: [root.facts], at: AT, purpose: "client" };
    },
    expect: [],
  },
  {
    name: "pass: strict mode on a conforming path",
    input: () => path(hierarchy(), { x509Strict: true }),
    expect: [],
  },
  {
    name: "pass: IP literal in an iPAddress SAN",
    input: () => path(hierarchy({ leaf: { subjectAltNames: [{ ip: "192.0.2.1" }] } }), { host: "192.0.2.1" }),
    expect: [],
  },
  {
    name: "pass: a v1 self-signed root as trust anchor",
    input: () => path(hierarchy({ root: { version: 1, basicConstraints: undefined, keyUsage: undefined } })),
    expect: [],
  },
  {
    name: "pass: depth limit equal to the intermediates",
    input: () => path(hierarchy(), { maxDepth: 1 }),
    expect: [],
  },
  {
    name: "pass: partial chain ending at a trusted intermediate",
    input: () => {
      const h = hierarchy();
      return { leaf: h.leaf.facts, intermediates: [], anchors: [h.int.facts], at: AT, partialChain: true };
    },
    expect: [],
  },

  // Anchoring.
  {
    name: "issuer-not-found: the intermediate is missing",
    input: () => {
      const h = hierarchy();
      return { leaf: h.leaf.facts, intermediates: [], anchors: [h.root.facts], at: AT };
    },
    expect: [
      {
        id: "issuer-not-found", certIndex: 0, subject: "CN=a.example.test",
        detail: { issuer: "CN=Int, O=Lab" },
        message: "no issuer found for \"CN=a.example.test\": \"CN=Int, O=Lab\" is neither among the given intermediates nor a trust anchor",
        hint: "supply \"CN=Int, O=Lab\" with the chain (--chain) or in the trust store (--ca)",
      },
    ],
  },
  {
    name: "anchor-issuer-not-found: only the intermediate is trusted",
    input: () => {
      const h = hierarchy();
      return { leaf: h.leaf.facts, intermediates: [], anchors: [h.int.facts], at: AT };
    },
    expect: [
      {
        id: "anchor-issuer-not-found", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { issuer: "CN=Root, O=Lab" },
        message: "\"CN=Int, O=Lab\" is trusted but is not a root, and its issuer \"CN=Root, O=Lab\" is not in the trust store",
        hint: "put the root CA in the trust store: partial chains are not accepted (nginx never allows them)",
      },
    ],
  },
  {
    name: "self-signed-not-trusted: a self-signed leaf",
    input: () => {
      const h = hierarchy();
      const self = make({ subject: { cn: "self.example.test" }, ...serverLeaf });
      return { leaf: self.facts, intermediates: [], anchors: [h.root.facts], at: AT };
    },
    expect: [
      {
        id: "self-signed-not-trusted", certIndex: 0, subject: "CN=self.example.test",
        detail: {},
        message: "the certificate is a self-signed certificate that is not a trust anchor",
        hint: "add it to the trust store (--ca) if it should be trusted",
      },
    ],
  },
  {
    name: "self-signed-not-trusted: the chain ends at an untrusted root",
    input: () => {
      const h = hierarchy();
      const other = make({ subject: { cn: "Other Root" }, ...caExtensions });
      return { leaf: h.leaf.facts, intermediates: [h.int.facts, h.root.facts], anchors: [other.facts], at: AT };
    },
    expect: [
      {
        id: "self-signed-not-trusted", certIndex: 2, subject: "CN=Root, O=Lab",
        detail: {},
        message: "the chain ends at a self-signed certificate that is not a trust anchor",
        hint: "add it to the trust store (--ca) if it should be trusted",
      },
    ],
  },

  // Signatures.
  {
    name: "signature-invalid: signed by another key with the issuer's name",
    input: () => path(hierarchy({ leaf: { wrongSigner: true } })),
    expect: [
      {
        id: "signature-invalid", certIndex: 0, subject: "CN=a.example.test",
        detail: { issuer: "CN=Int, O=Lab" },
        message: "its signature does not verify with the key of \"CN=Int, O=Lab\"",
        hint: "it was signed by a different key with the same issuer name: re-issue it from the right CA",
      },
    ],
  },
  {
    name: "signature-algorithm-unsupported: an unknown signature algorithm",
    input: () => {
      const h = hierarchy();
      const leaf = { ...h.leaf.facts, signatureAlgorithm: { oid: "1.2.3.4.5", name: "1.2.3.4.5", key: "unknown" as const } };
      return { ...path(h), leaf };
    },
    expect: [
      {
        id: "signature-algorithm-unsupported", certIndex: 0, subject: "CN=a.example.test",
        detail: { algorithm: "1.2.3.4.5", issuerKey: "ECDSA P-256" },
        message: "its signature algorithm 1.2.3.4.5 or the issuer's key (ECDSA P-256) cannot be checked",
      },
      {
        id: "signature-digest-too-weak", certIndex: 0, subject: "CN=a.example.test",
        detail: { algorithm: "1.2.3.4.5", digestBits: 0, securityLevel: 2, minBits: 112 },
        message: "it is signed with 1.2.3.4.5, below OpenSSL security level 2",
        hint: "re-issue it with SHA-256 or stronger",
      },
    ],
  },

  // Validity period.
  {
    name: "not-yet-valid: the leaf starts after the clock",
    input: () => path(hierarchy({ leaf: { notBefore: "2025-06-03T00:00:00Z" } })),
    expect: [
      {
        id: "not-yet-valid", certIndex: 0, subject: "CN=a.example.test",
        detail: { notBefore: new Date("2025-06-03T00:00:00Z"), at: new Date("2025-06-01T00:00:00Z") },
        message: "not valid before 2025-06-03T00:00:00Z (2 days after 2025-06-01T00:00:00Z)",
        hint: "the verifier's clock is behind, or the certificate was issued with a future notBefore",
      },
    ],
  },
  {
    name: "expired: the intermediate ended before the clock",
    input: () => path(hierarchy({ int: { notAfter: "2025-05-31T23:48:00Z" } })),
    expect: [
      {
        id: "expired", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { notAfter: new Date("2025-05-31T23:48:00Z"), at: new Date("2025-06-01T00:00:00Z") },
        message: "expired 2025-05-31T23:48:00Z (12 minutes before 2025-06-01T00:00:00Z)",
        hint: "renew it",
      },
    ],
  },

  // CA-ness and path length.
  {
    name: "not-a-ca: intermediate with basicConstraints CA:FALSE",
    input: () => path(hierarchy({ int: { basicConstraints: { ca: false } } })),
    expect: [
      {
        id: "not-a-ca", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { caKind: "none", basicConstraints: "ca-false" },
        message: "it issues certificates but has basicConstraints CA:FALSE",
        hint: "re-issue the CA with basicConstraints critical, CA:TRUE",
      },
    ],
  },
  {
    name: "not-a-ca: intermediate without basicConstraints or keyUsage",
    input: () => path(hierarchy({ int: { basicConstraints: undefined, keyUsage: undefined } })),
    expect: [
      {
        id: "not-a-ca", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { caKind: "none", basicConstraints: "absent" },
        message: "it issues certificates but has no basicConstraints CA:TRUE",
        hint: "re-issue the CA with basicConstraints critical, CA:TRUE",
      },
    ],
  },
  {
    name: "ca-without-keycertsign: CA:TRUE, keyUsage cRLSign only",
    input: () => path(hierarchy({ int: { keyUsage: ["cRLSign"] } })),
    expect: [
      {
        id: "ca-without-keycertsign", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { keyUsage: ["cRLSign"] },
        message: "it issues certificates but its key usage lacks keyCertSign",
        hint: "re-issue the CA with keyUsage keyCertSign",
      },
    ],
  },
  {
    name: "path-length-exceeded: root pathLen 0 above an intermediate",
    input: () => path(hierarchy({ root: { basicConstraints: { ca: true, pathLen: 0 } } })),
    expect: [
      {
        id: "path-length-exceeded", certIndex: 2, subject: "CN=Root, O=Lab",
        detail: { pathLen: 0, intermediatesBelow: 1 },
        message: "its pathLen 0 allows 0 intermediate(s) below it, the chain has 1",
        hint: "re-issue the CA with a larger pathLen, or shorten the hierarchy",
      },
    ],
  },
  {
    name: "not-a-ca: a trusted v3 root without basicConstraints (trustedV1NeedsNoCaBit is for v1 only)",
    input: () => path(hierarchy({ root: { basicConstraints: undefined, keyUsage: undefined } }), { trustedV1NeedsNoCaBit: true }),
    expect: [
      {
        id: "not-a-ca", certIndex: 2, subject: "CN=Root, O=Lab",
        detail: { caKind: "none", basicConstraints: "absent" },
        message: "it issues certificates but has no basicConstraints CA:TRUE",
        hint: "re-issue the CA with basicConstraints critical, CA:TRUE",
      },
    ],
  },
  {
    name: "not-a-ca: a trusted v1 intermediate, partial chain (OpenSSL)",
    input: () => trustedV1Intermediate(false),
    expect: [
      {
        id: "not-a-ca", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { caKind: "none", basicConstraints: "absent" },
        message: "it issues certificates but has no basicConstraints CA:TRUE",
        hint: "re-issue the CA with basicConstraints critical, CA:TRUE",
      },
    ],
  },
  {
    name: "pass: a trusted v1 intermediate with trustedV1NeedsNoCaBit (mbedTLS)",
    input: () => trustedV1Intermediate(true),
    expect: [],
  },

  // Purpose (OpenSSL sslserver / sslclient).
  {
    name: "purpose-mismatch: leaf EKU lacks serverAuth",
    input: () => path(hierarchy({ leaf: { extKeyUsage: [EKU.clientAuth] } }), { purpose: "server" }),
    expect: [
      {
        id: "purpose-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { purpose: "server", problem: { kind: "eku-without-purpose" } },
        message: "not usable for TLS server authentication: its extended key usage lacks serverAuth",
        hint: "re-issue it with extendedKeyUsage serverAuth",
      },
    ],
  },
  {
    name: "purpose-mismatch: leaf EKU is anyExtendedKeyUsage only",
    input: () => path(hierarchy({ leaf: { extKeyUsage: [EKU.anyExtendedKeyUsage] } }), { purpose: "client" }),
    expect: [
      {
        id: "purpose-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { purpose: "client", problem: { kind: "eku-any-only" } },
        message: "not usable for TLS client authentication: its extended key usage is anyExtendedKeyUsage only, which OpenSSL does not accept for TLS client use",
        hint: "re-issue it with extendedKeyUsage clientAuth",
      },
    ],
  },
  {
    name: "purpose-mismatch: leaf keyUsage without digitalSignature",
    input: () => path(hierarchy({ leaf: { keyUsage: ["keyEncipherment"], extKeyUsage: undefined } }), { purpose: "client" }),
    expect: [
      {
        id: "purpose-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { purpose: "client", problem: { kind: "key-usage-not-allowed", keyUsage: ["keyEncipherment"], allowed: ["digitalSignature", "keyAgreement"] } },
        message: "not usable for TLS client authentication: its key usage (keyEncipherment) has none of digitalSignature, keyAgreement",
        hint: "re-issue it with keyUsage digitalSignature",
      },
    ],
  },
  {
    name: "purpose-mismatch: leaf Netscape cert type without SSL client",
    input: () => path(hierarchy({ leaf: { nsCertType: ["sslServer"], extKeyUsage: undefined } }), { purpose: "client" }),
    expect: [
      {
        id: "purpose-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { purpose: "client", problem: { kind: "ns-cert-type-without-purpose" } },
        message: "not usable for TLS client authentication: its Netscape cert type does not include SSL client",
        hint: "re-issue it without nsCertType (it is obsolete) or with the right type",
      },
    ],
  },
  {
    name: "purpose-mismatch: intermediate EKU lacks serverAuth",
    input: () => path(hierarchy({ int: { extKeyUsage: [EKU.clientAuth] } }), { purpose: "server" }),
    expect: [
      {
        id: "purpose-mismatch", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { purpose: "server", problem: { kind: "eku-without-purpose" } },
        message: "not usable for TLS server authentication: its extended key usage lacks serverAuth",
        hint: "re-issue the CA with extendedKeyUsage serverAuth (or without an EKU extension)",
      },
    ],
  },
  {
    name: "purpose-mismatch: a Netscape-typed root without SSL CA",
    input: () => path(hierarchy({ root: { basicConstraints: undefined, keyUsage: undefined, nsCertType: ["objectSigningCA"] } }), { purpose: "server" }),
    expect: [
      {
        id: "purpose-mismatch", certIndex: 2, subject: "CN=Root, O=Lab",
        detail: { purpose: "server", problem: { kind: "ns-cert-type-not-ssl-ca" } },
        message: "not usable for TLS server authentication: its Netscape cert type lacks SSL CA",
        hint: "re-issue the CA with basicConstraints CA:TRUE",
      },
    ],
  },

  // Extensions and keys.
  {
    name: "unhandled-critical-extension: an unknown critical OID",
    input: () => path(hierarchy({ leaf: { extensions: [unknownCritical] } })),
    expect: [
      {
        id: "unhandled-critical-extension", certIndex: 0, subject: "CN=a.example.test",
        detail: { oids: ["1.2.3.4"] },
        message: "it has critical extension(s) OpenSSL does not handle: 1.2.3.4",
      },
    ],
  },
  {
    name: "malformed-extensions: keyUsage twice",
    input: () => path(hierarchy({ leaf: { extensions: [secondKeyUsage] } })),
    expect: [
      {
        id: "malformed-extensions", certIndex: 0, subject: "CN=a.example.test",
        detail: { oids: ["2.5.29.15"] },
        message: "extension(s) 2.5.29.15 occur more than once (RFC 5280 4.2 forbids it)",
        hint: "re-issue it with each extension once",
      },
    ],
  },
  {
    name: "explicit-ec-parameters: the leaf's key spells out P-256",
    input: () => path(hierarchy({ leaf: { explicitCurve: true } })),
    expect: [
      {
        id: "explicit-ec-parameters", certIndex: 0, subject: "CN=a.example.test",
        detail: {},
        message: "its EC key has explicit curve parameters instead of a named curve (RFC 5480 2.1.1 forbids them)",
        hint: "re-issue it with a named curve (P-256, P-384)",
      },
    ],
  },
  {
    name: "ee-key-too-weak: RSA 1024 leaf at level 2",
    input: () => path(hierarchy({ leaf: { key: "rsa1024" } })),
    expect: [
      {
        id: "ee-key-too-weak", certIndex: 0, subject: "CN=a.example.test",
        detail: { key: "RSA 1024", keyBits: 80, securityLevel: 2, minBits: 112 },
        message: "its key (RSA 1024) is below OpenSSL security level 2 (112 bits needed)",
        hint: "use RSA 2048+ or P-256+",
      },
    ],
  },
  {
    name: "ca-key-too-weak: RSA 1024 intermediate at level 2",
    input: () => path(hierarchy({ int: { key: "rsa1024" } })),
    expect: [
      {
        id: "ca-key-too-weak", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { key: "RSA 1024", keyBits: 80, securityLevel: 2, minBits: 112 },
        message: "its key (RSA 1024) is below OpenSSL security level 2 (112 bits needed)",
        hint: "use RSA 2048+ or P-256+",
      },
    ],
  },
  {
    name: "signature-digest-too-weak: SHA-1 signed leaf",
    input: () => path(hierarchy({ leaf: { hash: "sha1" } })),
    expect: [
      {
        id: "signature-digest-too-weak", certIndex: 0, subject: "CN=a.example.test",
        detail: { algorithm: "ecdsa-with-SHA1", digestBits: 64, securityLevel: 2, minBits: 112 },
        message: "it is signed with ecdsa-with-SHA1, below OpenSSL security level 2",
        hint: "re-issue it with SHA-256 or stronger",
      },
    ],
  },
  {
    name: "security level 0: RSA 1024 and SHA-1 pass",
    input: () => path(hierarchy({ leaf: { key: "rsa1024", hash: "sha1" } }), { securityLevel: 0 }),
    expect: [],
  },

  // Name constraints.
  {
    name: "name-constraint-violation: SAN outside the permitted subtree",
    input: () => path(hierarchy({ int: { nameConstraints: { permitted: ["example.test"] } }, leaf: { subjectAltNames: [{ dns: "a.other.test" }] } })),
    expect: [
      {
        id: "name-constraint-violation", certIndex: 0, subject: "CN=a.example.test",
        detail: { kind: "permitted", name: "DNS:a.other.test", constraints: ["DNS:example.test"], ca: "CN=Int, O=Lab", caIndex: 1 },
        message: "name DNS:a.other.test is outside the name constraints of \"CN=Int, O=Lab\" (DNS:example.test)",
      },
    ],
  },
  {
    name: "name-constraint-excluded: SAN inside an excluded subtree",
    input: () => path(hierarchy({ int: { nameConstraints: { excluded: ["a.example.test"] } } })),
    expect: [
      {
        id: "name-constraint-excluded", certIndex: 0, subject: "CN=a.example.test",
        detail: { kind: "excluded", name: "DNS:a.example.test", constraints: ["DNS:a.example.test"], ca: "CN=Int, O=Lab", caIndex: 1 },
        message: "name DNS:a.example.test is excluded by the name constraints of \"CN=Int, O=Lab\" (DNS:a.example.test)",
      },
    ],
  },
  {
    name: "name-constraint-unsupported: an otherName under an otherName constraint",
    input: () => {
      const h = hierarchy();
      const other = { type: "other" as const, value: "otherName:1.2.3", form: "otherName" };
      const int = withConstraints(h.int.facts, { permitted: [{ base: other }], excluded: [] });
      const leaf = { ...h.leaf.facts, subjectAltNames: [other] };
      return { ...path(h), leaf, intermediates: [int] };
    },
    expect: [
      {
        id: "name-constraint-unsupported", certIndex: 0, subject: "CN=a.example.test",
        detail: { kind: "unsupported", name: "OTHER:otherName:1.2.3", constraints: ["OTHER:otherName:1.2.3"], ca: "CN=Int, O=Lab", caIndex: 1 },
        message: "the name constraints of \"CN=Int, O=Lab\" constrain OTHER:otherName:1.2.3, a name form pkilab cannot check, and the certificate has OTHER:otherName:1.2.3",
      },
    ],
  },
  {
    name: "name-constraint-too-complex: over 2^20 comparisons",
    input: () => {
      const h = hierarchy();
      const subtree = { base: { type: "dns" as const, value: "example.test" } };
      const int = withConstraints(h.int.facts, { permitted: Array<typeof subtree>((1 << 19) + 1).fill(subtree), excluded: [] });
      return { ...path(h), intermediates: [int] };
    },
    expect: [
      {
        id: "name-constraint-too-complex", certIndex: 0, subject: "CN=a.example.test",
        detail: { kind: "too-complex", names: 2, subtrees: 524289, ca: "CN=Int, O=Lab", caIndex: 1 },
        message: "checking 2 names against 524289 subtrees of the name constraints of \"CN=Int, O=Lab\" exceeds OpenSSL's limit of 2^20 comparisons",
      },
    ],
  },

  // Depth and host.
  {
    name: "depth-exceeded: one intermediate, depth 0",
    input: () => path(hierarchy(), { maxDepth: 0 }),
    expect: [
      {
        id: "depth-exceeded", certIndex: -1, subject: "",
        detail: { intermediates: 1, maxDepth: 0 },
        message: "the chain has 1 intermediate(s); the verify depth allows 0",
        hint: "raise the verify depth (nginx: ssl_verify_depth 1)",
      },
    ],
  },
  {
    name: "hostname-mismatch: another DNS name",
    input: () => path(hierarchy(), { host: "b.example.test" }),
    expect: [
      {
        id: "hostname-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { host: "b.example.test", validFor: ["a.example.test"], dnsNames: ["a.example.test"] },
        message: "not valid for host name b.example.test",
        hint: "it is valid for: a.example.test",
      },
    ],
  },
  {
    name: "hostname-mismatch: a CN and no SAN",
    input: () => path(hierarchy({ leaf: { subjectAltNames: undefined } }), { host: "a.example.test" }),
    expect: [
      {
        id: "hostname-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { host: "a.example.test", validFor: ["CN=a.example.test (ignored: no SAN)"], dnsNames: [] },
        message: "not valid for host name a.example.test",
        hint: "it is valid for: CN=a.example.test (ignored: no SAN)",
      },
    ],
  },
  {
    name: "hostname-mismatch: no name at all",
    input: () => path(hierarchy({ leaf: { subject: { o: "Devices" }, subjectAltNames: undefined } }), { host: "a.example.test" }),
    expect: [
      {
        id: "hostname-mismatch", certIndex: 0, subject: "O=Devices",
        detail: { host: "a.example.test", validFor: [], dnsNames: [] },
        message: "not valid for host name a.example.test",
        hint: "it names no DNS name or IP address in a SAN",
      },
    ],
  },
  {
    name: "ip-mismatch: an IP host against DNS and IP SANs",
    input: () => path(hierarchy({ leaf: { subjectAltNames: [{ dns: "a.example.test" }, { ip: "192.0.2.1" }] } }), { host: "192.0.2.9" }),
    expect: [
      {
        id: "ip-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { host: "192.0.2.9", validFor: ["192.0.2.1"], dnsNames: ["a.example.test"] },
        message: "not valid for IP address 192.0.2.9",
        hint: "its iPAddress SANs: 192.0.2.1; its DNS names (a.example.test) never match an IP: add 192.0.2.9 as an iPAddress SAN",
      },
    ],
  },
  {
    name: "ip-mismatch: an IP host, no SAN of either kind",
    input: () => path(hierarchy({ leaf: { subjectAltNames: undefined } }), { host: "192.0.2.9" }),
    expect: [
      {
        id: "ip-mismatch", certIndex: 0, subject: "CN=a.example.test",
        detail: { host: "192.0.2.9", validFor: [], dnsNames: [] },
        message: "not valid for IP address 192.0.2.9",
        hint: "its iPAddress SANs: none: add 192.0.2.9 as an iPAddress SAN",
      },
    ],
  },

  // OpenSSL trust settings of a "TRUSTED CERTIFICATE" anchor (src/chain/aux-trust.ts).
  {
    name: "trust-rejected: the root rejected for clientAuth",
    input: () => {
      const h = hierarchy({ leaf: { extKeyUsage: [EKU.clientAuth] } });
      const root = { ...h.root.facts, auxTrust: { trust: [], reject: [EKU.clientAuth] } };
      return { ...path(h, { purpose: "client", trustSettings: true }), anchors: [root] };
    },
    expect: [
      {
        id: "trust-rejected", certIndex: 2, subject: "CN=Root, O=Lab",
        detail: { purpose: "client", trust: [], reject: [EKU.clientAuth] },
        message: "its OpenSSL trust settings (TRUSTED CERTIFICATE: rejected for clientAuth) reject it for TLS client authentication",
        hint: "trust it for clientAuth (openssl x509 -in FILE -addtrust clientAuth -clrreject), or store it as a plain CERTIFICATE (openssl x509 -in FILE -out plain.pem)",
      },
    ],
  },
  {
    name: "trust settings off: the same root is a plain anchor",
    input: () => {
      const h = hierarchy({ leaf: { extKeyUsage: [EKU.clientAuth] } });
      const root = { ...h.root.facts, auxTrust: { trust: [], reject: [EKU.clientAuth] } };
      return { ...path(h, { purpose: "client" }), anchors: [root] };
    },
    expect: [],
  },
  {
    name: "trust settings of a copy of the leaf in the trust store do not count: the leaf is the peer's",
    input: () => {
      const h = hierarchy({ leaf: { extKeyUsage: [EKU.clientAuth] } });
      const leafCopy = { ...h.leaf.facts, auxTrust: { trust: [], reject: [EKU.clientAuth] } };
      return { ...path(h, { purpose: "client", trustSettings: true, trustStoreFirst: true }), anchors: [h.root.facts, leafCopy] };
    },
    expect: [],
  },
  {
    name: "trust settings: an intermediate trusted for clientAuth ends the path, its serverAuth-only EKU passes",
    input: () => {
      const h = hierarchy({ int: { extKeyUsage: [EKU.serverAuth] }, leaf: { extKeyUsage: [EKU.clientAuth] } });
      const int = { ...h.int.facts, auxTrust: { trust: [EKU.clientAuth], reject: [] } };
      return { leaf: h.leaf.facts, intermediates: [], anchors: [int], at: AT, purpose: "client", trustSettings: true };
    },
    expect: [],
  },

  // Strict mode (OpenSSL -x509_strict).
  {
    name: "strict-pathlen-non-ca, strict-pathlen-without-keycertsign: leaf with pathLenConstraint",
    input: () => path(hierarchy({ leaf: { basicConstraints: { ca: false, pathLen: 0 } } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-pathlen-non-ca", certIndex: 0, subject: "CN=a.example.test",
        detail: {},
        message: "pathLenConstraint without basicConstraints CA:TRUE (RFC 5280 4.2.1.9)",
      },
      {
        id: "strict-pathlen-without-keycertsign", certIndex: 0, subject: "CN=a.example.test",
        detail: {},
        message: "pathLenConstraint without keyUsage keyCertSign (RFC 5280 4.2.1.9)",
      },
    ],
  },
  {
    name: "strict-ku-keycertsign-non-ca: leaf with keyCertSign",
    input: () => path(hierarchy({ leaf: { keyUsage: ["digitalSignature", "keyCertSign"] } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-ku-keycertsign-non-ca", certIndex: 0, subject: "CN=a.example.test",
        detail: {},
        message: "keyUsage keyCertSign without basicConstraints CA:TRUE (RFC 5280 4.2.1.9)",
      },
    ],
  },
  {
    name: "strict-issuer-name-empty: an intermediate with an empty subject",
    input: () => path(hierarchy({ int: { subject: {} } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-issuer-name-empty", certIndex: 0, subject: "CN=a.example.test",
        detail: {},
        message: "the issuer name is empty (RFC 5280 4.1.2.4)",
      },
    ],
  },
  {
    name: "strict-missing-aki: leaf without authorityKeyIdentifier",
    input: () => path(hierarchy({ leaf: { authorityKeyId: false } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-missing-aki", certIndex: 0, subject: "CN=a.example.test",
        detail: {},
        message: "no authorityKeyIdentifier (RFC 5280 4.2.1.1)",
      },
    ],
  },
  {
    name: "strict-missing-ski: intermediate without subjectKeyIdentifier",
    input: () => path(hierarchy({ int: { subjectKeyId: false } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-missing-ski", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: {},
        message: "a CA without subjectKeyIdentifier (RFC 5280 4.2.1.2)",
      },
    ],
  },
  {
    name: "strict-empty-subject-san-not-critical: empty leaf subject",
    input: () => path(hierarchy({ leaf: { subject: {} } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-empty-subject-san-not-critical", certIndex: 0, subject: "",
        detail: {},
        message: "empty subject with a non-critical subjectAltName (RFC 5280 4.2.1.6)",
      },
    ],
  },
  {
    name: "strict-ca-bcons-not-critical: intermediate",
    input: () => path(hierarchy({ int: { basicConstraints: { ca: true, critical: false } } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-ca-bcons-not-critical", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: {},
        message: "basicConstraints of a CA is not critical (RFC 5280 4.2.1.9)",
      },
    ],
  },
  {
    name: "strict-ca-without-basic-constraints: intermediate",
    input: () => path(hierarchy({ int: { basicConstraints: undefined } }), { x509Strict: true }),
    expect: [
      {
        id: "strict-ku-keycertsign-non-ca", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: {},
        message: "keyUsage keyCertSign without basicConstraints CA:TRUE (RFC 5280 4.2.1.9)",
      },
      {
        id: "strict-ca-without-basic-constraints", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: {},
        message: "a CA without basicConstraints (RFC 5280 4.2.1.9)",
      },
      {
        id: "not-a-ca", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { caKind: "key-usage", basicConstraints: "absent" },
        message: "it issues certificates but has no basicConstraints CA:TRUE",
        hint: "re-issue the CA with basicConstraints critical, CA:TRUE",
      },
    ],
  },

  // Revocation (src/chain/crl.ts; OpenSSL check_revocation() with X509_V_FLAG_CRL_CHECK_ALL unless crlCheck "leaf").
  {
    name: "pass: every CA's CRL, nothing revoked",
    input: () => crlPath(hierarchy(), (h) => [crlOf(h.root), crlOf(h.int)]),
    expect: [],
  },
  {
    name: "pass: a revoked serial of another issuer, and crlCheck leaf needs only the leaf issuer's CRL",
    input: () => crlPath(hierarchy(), (h) => [crlOf(h.int, { revoked: [{ cert: h.int, date: FROM }] })], { crlCheck: "leaf" }),
    expect: [],
  },
  {
    name: "crl-not-found: no CRL of the root, which covers the intermediate and the root itself",
    input: () => crlPath(hierarchy(), (h) => [crlOf(h.int)]),
    expect: [
      {
        id: "crl-not-found", certIndex: 1, subject: "CN=Int, O=Lab",
        detail: { issuer: "CN=Root, O=Lab", outOfScope: false },
        message: 'no CRL from "CN=Root, O=Lab" is loaded, and CRL checking needs one for this certificate',
        hint: 'add the CRL of "CN=Root, O=Lab" (--crl); nginx\'s ssl_crl needs one for every CA of the chain, the root included',
      },
      {
        id: "crl-not-found", certIndex: 2, subject: "CN=Root, O=Lab",
        detail: { issuer: "CN=Root, O=Lab", outOfScope: false },
        message: 'no CRL from "CN=Root, O=Lab" is loaded, and CRL checking needs one for this certificate',
        hint: 'add the CRL of "CN=Root, O=Lab" (--crl); nginx\'s ssl_crl needs one for every CA of the chain, the root included',
      },
    ],
  },
  {
    name: "crl-signature-invalid: the intermediate's CRL signed by another key, without AKI",
    input: () => crlPath(hierarchy(), (h) => [crlOf(h.root), crlOf(h.int, { authorityKeyId: false, signingKey: make({ subject: { cn: "Other" } }).privateKey })]),
    expect: [
      {
        id: "crl-signature-invalid", certIndex: 0, subject: "CN=a.example.test",
        detail: { crlIssuer: "CN=Int, O=Lab" },
        message: 'the CRL that covers it does not verify with the key of "CN=Int, O=Lab"',
        hint: "the CRL was signed by another key with the same issuer name: re-issue it with the CA's own key",
      },
    ],
  },
  {
    name: "crl-not-yet-valid and crl-expired",
    input: () =>
      crlPath(hierarchy(), (h) => [
        crlOf(h.root, { thisUpdate: "2024-01-01T00:00:00Z", nextUpdate: "2025-06-01T00:00:00Z" }),
        crlOf(h.int, { thisUpdate: "2025-06-02T00:00:00Z", nextUpdate: undefined }),
      ]),
    expect: [
      {
        id: "crl-not-yet-valid", certIndex: 0, subject: "CN=a.example.test",
        detail: { thisUpdate: new Date("2025-06-02T00:00:00Z"), at: AT, crlIssuer: "CN=Int, O=Lab" },
        message: 'the CRL of "CN=Int, O=Lab" is not valid before its thisUpdate 2025-06-02T00:00:00Z (24 hours after 2025-06-01T00:00:00Z)',
        hint: "the verifier's clock is behind, or the CRL was issued with a future thisUpdate: backdate thisUpdate a little",
      },
      ...[1, 2].map((certIndex) => ({
        id: "crl-expired" as const, certIndex, subject: certIndex === 1 ? "CN=Int, O=Lab" : "CN=Root, O=Lab",
        detail: { nextUpdate: AT, at: AT, crlIssuer: "CN=Root, O=Lab" },
        message: 'the CRL of "CN=Root, O=Lab" expired at its nextUpdate 2025-06-01T00:00:00Z (1 second before 2025-06-01T00:00:00Z)',
        hint: "issue a fresh CRL and reload the verifier (nginx reads ssl_crl at reload only)",
      })),
    ],
  },
  {
    name: "crl-issuer-without-crlsign: an intermediate with keyUsage keyCertSign only",
    input: () => crlPath(hierarchy({ int: { keyUsage: ["keyCertSign"] } }), (h) => [crlOf(h.root), crlOf(h.int)]),
    expect: [
      {
        id: "crl-issuer-without-crlsign", certIndex: 0, subject: "CN=a.example.test",
        detail: { crlIssuer: "CN=Int, O=Lab", keyUsage: ["keyCertSign"] },
        message: 'the CRL\'s issuer "CN=Int, O=Lab" has a keyUsage without cRLSign (keyCertSign)',
        hint: "re-issue the CA with keyUsage keyCertSign, cRLSign",
      },
    ],
  },
  {
    name: "crl-unhandled-critical-extension and certificate-revoked",
    input: () =>
      crlPath(hierarchy({ leaf: { serial: 10n } }), (h) => [crlOf(h.root), crlOf(h.int, { extensions: [unknownCritical], revoked: [{ cert: h.leaf, date: FROM, reason: "keyCompromise" }] })]),
    expect: [
      {
        id: "crl-unhandled-critical-extension", certIndex: 0, subject: "CN=a.example.test",
        detail: { oids: ["1.2.3.4"], crlIssuer: "CN=Int, O=Lab" },
        message: 'the CRL of "CN=Int, O=Lab" has critical extension(s) OpenSSL does not handle: 1.2.3.4',
        hint: "issue the CRL without them, or mark them non-critical (cRLNumber MUST be non-critical, RFC 5280 5.2.3)",
      },
      {
        id: "certificate-revoked", certIndex: 0, subject: "CN=a.example.test",
        detail: { serial: "0a", revocationDate: new Date(FROM), reasonCode: "keyCompromise", crlIssuer: "CN=Int, O=Lab" },
        message: 'revoked by "CN=Int, O=Lab" on 2024-01-01T00:00:00Z (keyCompromise): serial 0a is on its CRL',
        hint: "issue a new certificate for it",
      },
    ],
  },
  {
    name: "crl-different-scope: the root's CRL holds only user certificates (issuingDistributionPoint)",
    input: () => crlPath(hierarchy(), (h) => [crlOf(h.root, { extensions: [onlyUserCerts] }), crlOf(h.int)], { crlCheck: "all" }),
    expect: [1, 2].flatMap((certIndex) => {
      const subject = certIndex === 1 ? "CN=Int, O=Lab" : "CN=Root, O=Lab";
      return [
        {
          id: "crl-different-scope" as const, certIndex, subject,
          detail: { scope: "only-user-certs" as const, crlIssuer: "CN=Root, O=Lab" },
          message: 'the CRL of "CN=Root, O=Lab" does not cover this certificate: its issuingDistributionPoint says onlyContainsUserCerts and this is a CA',
          hint: "load a CRL whose issuingDistributionPoint covers it, or one without issuingDistributionPoint",
        },
        {
          id: "crl-not-found" as const, certIndex, subject,
          detail: { issuer: "CN=Root, O=Lab", outOfScope: true },
          message: 'no CRL of "CN=Root, O=Lab" that covers this certificate is loaded (the one loaded is out of scope)',
          hint: 'add the CRL of "CN=Root, O=Lab" (--crl); nginx\'s ssl_crl needs one for every CA of the chain, the root included',
        },
      ];
    }),
  },
];

describe("validate: one row per reason", () => {
  for (const row of CASES) {
    it(row.name, () => {
      const result = validate(row.input());
      const got = result.reasons.map((reason) => ({ ...reason, ...describeReason(reason) }));
      assert.deepEqual(got, row.expect);
      assert.equal(result.valid, row.expect.length === 0);
    });
  }

  it("every reason id the engine gives has a row", () => {
    // key-mismatch is verify's (--key); email-mismatch is OpenSSL's (-verify_email), which pkilab does not check.
    const notTheEngines: ReasonId[] = ["key-mismatch", "email-mismatch"];
    const covered = new Set(CASES.flatMap((row) => row.expect.map((reason) => reason.id)));
    const missing = (Object.keys(REASONS) as ReasonId[]).filter((id) => !covered.has(id) && !notTheEngines.includes(id));
    assert.deepEqual(missing, []);
  });
});

describe("describeReason for reasons the engine does not give", () => {
  it("key-mismatch (pkilab verify --key)", () => {
    const reason: Reason = { id: "key-mismatch", certIndex: 0, subject: "CN=a", detail: { keyFile: "a.key" } };
    assert.deepEqual(describeReason(reason), {
      message: "the private key in a.key does not belong to this certificate",
      hint: "pair the certificate with the key it was issued for (same public key)",
    });
  });
  it("email-mismatch", () => {
    const reason: Reason = { id: "email-mismatch", certIndex: 0, subject: "CN=a", detail: { email: "a@example.test" } };
    assert.deepEqual(describeReason(reason), { message: "not valid for email address a@example.test" });
  });
});
