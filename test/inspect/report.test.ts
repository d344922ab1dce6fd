// src/inspect/render.ts and src/inspect/client-hello.ts are pure: a report or a decoded ClientHello
// in, text out. Each item kind and each optional line, rendered from hand-made data, must be
// exactly the text below (the terminal-width behaviour is in render.test.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderClientHello } from "../../src/inspect/client-hello.js";
import type { CertificateSummary, InspectItem } from "../../src/inspect/report.js";
import { renderInspectReport } from "../../src/inspect/render.js";
import type { ClientHello } from "../../src/peers/parse/client-hello.js";

const at = "2030-06-01T00:00:00.000Z";
const one = (item: InspectItem) => renderInspectReport({ at, items: [item], errors: [] });

const certificate: CertificateSummary = {
  source: "chain.pem#1",
  subject: "CN=leaf.test",
  issuer: "CN=CA",
  serial: "1234",
  notBefore: "2030-01-01T00:00:00.000Z",
  notAfter: "2031-01-01T00:00:00.000Z",
  validity: "expires in 214 days",
  key: "ECDSA P-256",
  signature: "ecdsa-with-SHA256",
  subjectAltNames: ["DNS:leaf.test", "IP:192.0.2.1"],
  keyUsage: ["digitalSignature"],
  extKeyUsage: ["serverAuth"],
  basicConstraints: "CA:FALSE (critical)",
  subjectKeyId: "aa",
  authorityKeyId: "bb",
  selfSigned: false,
  derSize: 512,
  sha256: "0".repeat(64),
  notes: ["EKU: serverAuth only"],
};

describe("renderInspectReport: each item kind", () => {
  it("a certificate: every field that is set, notes last", () => {
    assert.equal(
      one({ file: "chain.pem", index: 1, kind: "certificate", certificate }),
      [
        "chain.pem #1: certificate",
        "  subject      CN=leaf.test",
        "  issuer       CN=CA",
        "  validity     2030-01-01T00:00:00.000Z .. 2031-01-01T00:00:00.000Z (expires in 214 days)",
        "  key          ECDSA P-256",
        "  signature    ecdsa-with-SHA256",
        "  basic        CA:FALSE (critical)",
        "  SAN          DNS:leaf.test, IP:192.0.2.1",
        "  key usage    digitalSignature",
        "  ext usage    serverAuth",
        "  serial       1234",
        "  SKI          aa",
        "  AKI          bb",
        `  size         512 bytes DER`,
        `  sha256       ${"0".repeat(64)}`,
        "  note: EKU: serverAuth only",
      ].join("\n"),
    );
  });

  it("a self-issued CA with an empty subject, name constraints and no optional lists", () => {
    const ca: CertificateSummary = { ...certificate, subject: "", issuer: "", selfSigned: true, subjectAltNames: [], keyUsage: [], extKeyUsage: [], subjectKeyId: undefined, authorityKeyId: undefined, nameConstraints: { permitted: ["dns:corp.test"], excluded: [] }, basicConstraints: "CA:TRUE", notes: [] };
    const lines = one({ file: "ca.pem", index: 2, kind: "certificate", certificate: ca }).split("\n");
    assert.deepEqual(lines.slice(0, 3), ["ca.pem #2: certificate", "  subject      (empty)", "  issuer       (empty) (self-issued)"]);
    assert.ok(lines.includes("  name constr. permitted dns:corp.test; excluded -"), lines.join("\n"));
    assert.ok(!lines.some((l) => /^ {2}(SAN|key usage|ext usage|SKI|AKI|note)/.test(l)), lines.join("\n"));
  });

  const ROWS: [string, InspectItem, string][] = [
    ["a private key: its type, never its value", { file: "k.pem", index: 1, kind: "private-key", key: "ECDSA P-256", format: "PRIVATE KEY", encrypted: false }, "k.pem #1: private key, ECDSA P-256 (PRIVATE KEY); the key itself is not shown"],
    ["an encrypted private key", { file: "k.p12", index: 1, kind: "private-key", key: "RSA 2048", format: "PKCS#8 inside PKCS#12", encrypted: true }, "k.p12 #1: private key, RSA 2048 (PKCS#8 inside PKCS#12, encrypted); the key itself is not shown"],
    ["a public key", { file: "pub.pem", index: 1, kind: "public-key", key: "Ed25519" }, "pub.pem #1: public key, Ed25519"],
    ["a CSR with SANs", { file: "r.csr", index: 1, kind: "csr", subject: "CN=dev1", key: "ECDSA P-256", subjectAltNames: ["DNS:dev1.test"] }, "r.csr #1: certificate signing request\n  subject      CN=dev1\n  key          ECDSA P-256\n  SAN          DNS:dev1.test"],
    ["a CSR without SANs: no SAN line", { file: "r.csr", index: 1, kind: "csr", subject: "CN=dev1", key: "RSA 2048", subjectAltNames: [] }, "r.csr #1: certificate signing request\n  subject      CN=dev1\n  key          RSA 2048"],
    [
      "a CRL without nextUpdate",
      { file: "l.crl", index: 1, kind: "crl", issuer: "CN=CA", thisUpdate: "2030-01-01T00:00:00.000Z", validity: "no nextUpdate", revoked: 2, revokedEntries: [{ serial: "1a", date: "2030-01-01T00:00:00.000Z", reason: "keyCompromise" }, { serial: "1b", date: "2030-01-01T00:00:00.000Z" }], revokedNotListed: 0, notes: ["a note"] },
      "l.crl #1: CRL\n  issuer       CN=CA\n  valid        2030-01-01T00:00:00.000Z .. (no nextUpdate)\n  revoked      2\n               serial 1a, 2030-01-01T00:00:00.000Z, keyCompromise\n               serial 1b, 2030-01-01T00:00:00.000Z\n  note: a note",
    ],
    ["something else", { file: "p.pem", index: 1, kind: "other", what: "EC PARAMETERS" }, "p.pem #1: EC PARAMETERS"],
  ];
  for (const [what, item, text] of ROWS) it(what, () => assert.equal(one(item), text));

  it("items are separated by one blank line; an empty report is empty", () => {
    const items: InspectItem[] = [ROWS[2]![1], ROWS[6]![1]];
    assert.equal(renderInspectReport({ at, items, errors: [] }), "pub.pem #1: public key, Ed25519\n\np.pem #1: EC PARAMETERS");
    assert.equal(renderInspectReport({ at, items: [], errors: [{ file: "x", message: "x: broken" }] }), "");
  });
});

describe("renderClientHello", () => {
  const hello: ClientHello = {
    legacyVersion: "TLS 1.2",
    supportedVersions: [],
    cipherSuites: [{ id: 0xc02b, name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" }],
    groups: [{ id: 0x0015, name: "secp224r1" }],
    signatureAlgorithms: [{ id: 0x0403, name: "ecdsa_secp256r1_sha256" }],
    pointFormats: ["uncompressed"],
    keyShareGroups: [],
    extensions: [{ id: 10, name: "supported_groups", length: 4 }, { id: 13, name: "signature_algorithms", length: 4 }],
  };

  it("a TLS 1.2 hello without SNI: the fixed lines only", () => {
    assert.equal(
      renderClientHello(hello, "hello.hex"),
      [
        "hello.hex: TLS ClientHello",
        "  versions      TLS 1.2",
        "  server name   (no SNI)",
        "  suites        TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "  groups        secp224r1",
        "  sig. algs     ecdsa_secp256r1_sha256",
        "  extensions    supported_groups, signature_algorithms",
      ].join("\n"),
    );
  });

  it("a TLS 1.3 hello, truncated, with every optional line", () => {
    const full: ClientHello = {
      ...hello,
      supportedVersions: ["TLS 1.3", "TLS 1.2"],
      serverName: "www.example.test",
      groups: [],
      signatureAlgorithmsCert: [{ id: 0x0804, name: "rsa_pss_rsae_sha256" }],
      keyShareGroups: ["x25519"],
      maxFragmentLength: 1024,
      alpn: ["h2", "http/1.1"],
      truncated: { declaredLength: 512, presentLength: 300 },
    };
    const lines = renderClientHello(full, "log").split("\n");
    assert.deepEqual(lines, [
      "log: TLS ClientHello (truncated: 300 of 512 bytes)",
      "  versions      TLS 1.2, TLS 1.3 (supported_versions)",
      "  server name   www.example.test",
      "  suites        TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "  groups        (none)",
      "  sig. algs     ecdsa_secp256r1_sha256",
      "  sig. algs (certs) rsa_pss_rsae_sha256",
      "  key shares    x25519",
      "  max fragment  1024 bytes (the server must send records this small: mbedTLS 2.28 then cannot take a Certificate message larger than one record)",
      "  ALPN          h2, http/1.1",
      "  extensions    supported_groups, signature_algorithms",
    ]);
  });
});
