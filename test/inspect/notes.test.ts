// src/inspect/notes.ts and summarize() in src/inspect/items.ts: the plain-language facts inspect
// gives about one certificate, one row per certificate the test forge makes (pure: facts in, words out).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { summarize } from "../../src/inspect/items.js";
import { certificateNotes, validityWords } from "../../src/inspect/notes.js";
import { EKU } from "../../src/model/oids.js";
import { forge, type ForgeOptions } from "../helpers/forge.js";

const NOT_BEFORE = "2030-01-01T00:00:00Z";
const NOT_AFTER = "2031-01-01T00:00:00Z";
const ca = forge({ subject: { cn: "Notes CA" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] });
const leaf = (options: Partial<ForgeOptions>) => forge({ subject: { cn: "leaf.test" }, issuer: ca, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, basicConstraints: { ca: false }, keyUsage: ["digitalSignature"], subjectAltNames: [{ dns: "leaf.test" }], ...options }).facts;

describe("validityWords: the time to or since the validity window, from --at", () => {
  const cert = leaf({});
  const ROWS: [string, string][] = [
    ["2029-12-31T23:48:00Z", "not valid for another 12 minutes"],
    ["2029-12-31T23:59:59Z", "not valid for another 1 second"],
    ["2029-12-31T23:59:00Z", "not valid for another 1 minute"],
    ["2029-12-30T01:00:00Z", "not valid for another 47 hours"], ["2029-12-30T00:00:00Z", "not valid for another 2 days"],
    ["2030-11-21T00:00:00Z", "expires in 41 days"],
    ["2030-12-31T22:30:00Z", "expires in 90 minutes"],
    ["2031-01-04T00:00:00Z", "expired 3 days ago"],
    ["2031-01-01T00:00:20Z", "expired 20 seconds ago"],
    ["2031-01-01T00:01:00Z", "expired 1 minute ago"],
    ["2031-01-01T00:01:29Z", "expired 1 minute ago"],
  ];
  for (const [at, words] of ROWS) it(`at ${at}: ${words}`, () => assert.equal(validityWords(cert, new Date(at)), words));
});

describe("certificateNotes: what peers will make of each certificate", () => {
  const ROWS: [string, ReturnType<typeof leaf>, string[]][] = [
    ["a clean client and server leaf: nothing to say", leaf({ extKeyUsage: [EKU.serverAuth, EKU.clientAuth] }), []],
    ["EKU serverAuth only", leaf({ extKeyUsage: [EKU.serverAuth] }), ["EKU: serverAuth only: cannot be used as a TLS client certificate with OpenSSL/nginx (error 26 unsuitable certificate purpose)"]],
    ["EKU clientAuth only", leaf({ extKeyUsage: [EKU.clientAuth] }), ["EKU: clientAuth only: cannot be used as a TLS server certificate"]],
    ["EKU anyExtendedKeyUsage only", leaf({ extKeyUsage: [EKU.anyExtendedKeyUsage] }), ["EKU: anyExtendedKeyUsage only: OpenSSL/nginx refuse it for TLS client and server use (error 26); mbedTLS accepts it"]],
    ["EKU with neither TLS purpose", leaf({ extKeyUsage: [EKU.codeSigning] }), ["EKU has neither serverAuth nor clientAuth: not usable for TLS with OpenSSL/nginx"]],
    [
      "a CA whose EKU lacks clientAuth",
      forge({ subject: { cn: "EKU CA" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, basicConstraints: { ca: true }, extKeyUsage: [EKU.serverAuth] }).facts,
      ["CA with an EKU that lacks clientAuth: OpenSSL checks the whole chain, so client certificates under it fail in nginx (error 26)"],
    ],
    ["keyUsage without digitalSignature", leaf({ keyUsage: ["keyEncipherment"] }), ["keyUsage lacks digitalSignature: OpenSSL/nginx refuse it as a TLS client certificate"]],
    ["Netscape cert type without SSL client", leaf({ nsCertType: ["sslServer"] }), ["Netscape cert type without SSL client: OpenSSL refuses it as a TLS client certificate"]],
    ["no SAN and a host name in the CN", leaf({ subjectAltNames: undefined }), ['no subjectAltName: modern clients ignore the CN "leaf.test" (RFC 9525; Chrome since 58): add it as a SAN']],
    [
      "an IP address in the CN and as a DNS SAN",
      leaf({ subject: { cn: "10.0.0.1" }, subjectAltNames: [{ dns: "10.0.0.1" }] }),
      [
        "the CN is an IP address (10.0.0.1): peers match IPs only against iPAddress SANs; mbedTLS 2.28 is the exception",
        '"10.0.0.1" is written as a DNS name: an IP must be an iPAddress SAN to match (RFC 9525 6.2)',
      ],
    ],
    ["RSA 1024", leaf({ key: "rsa1024" }), ["RSA 1024: weak; OpenSSL security level 2 (Debian's default) refuses keys under 2048 bits"]],
    ["signed with SHA-1", leaf({ hash: "sha1" }), ["signed with ecdsa-with-SHA1: OpenSSL 3 refuses SHA-1 signatures at security level 1 and above"]],
    ["a P-521 leaf key", leaf({ key: "p521" }), ["P-521 leaf key: refused by Chrome, Android and rustls as a TLS server key"]],
    ["self-signed v3 without basicConstraints", forge({ subject: { cn: "bare" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, subjectAltNames: [{ dns: "bare" }] }).facts, ["self-signed without basicConstraints"]],
  ];
  for (const [what, cert, notes] of ROWS) it(what, () => assert.deepEqual(certificateNotes(cert), notes));
});

describe("summarize: one certificate for people and for --json", () => {
  it("a leaf: names, validity words, SANs, usages, basic constraints, key ids, size and digest", () => {
    const cert = leaf({ serial: 0x1234n, subjectAltNames: [{ dns: "leaf.test" }, { ip: "192.0.2.1" }, { email: "a@leaf.test" }], extKeyUsage: [EKU.clientAuth, "1.2.3.4"], keyUsage: ["digitalSignature", "keyAgreement"] });
    const summary = summarize(cert, new Date("2030-11-21T00:00:00Z"));
    assert.deepEqual(
      { ...summary, sha256: undefined, subjectKeyId: undefined, authorityKeyId: undefined },
      {
        source: cert.source,
        subject: "CN=leaf.test",
        issuer: "CN=Notes CA",
        serial: "1234",
        notBefore: "2030-01-01T00:00:00.000Z",
        notAfter: "2031-01-01T00:00:00.000Z",
        validity: "expires in 41 days",
        key: "ECDSA P-256",
        signature: "ecdsa-with-SHA256",
        subjectAltNames: ["DNS:leaf.test", "IP:192.0.2.1", "EMAIL:a@leaf.test"],
        keyUsage: ["digitalSignature", "keyAgreement"],
        extKeyUsage: ["clientAuth", "1.2.3.4"],
        basicConstraints: "CA:FALSE (critical)",
        subjectKeyId: undefined,
        authorityKeyId: undefined,
        nameConstraints: undefined,
        selfSigned: false,
        derSize: cert.derSize,
        sha256: undefined,
        notes: ["EKU: clientAuth only: cannot be used as a TLS server certificate"],
      },
    );
    assert.equal(summary.sha256, cert.sha256);
    assert.equal(summary.authorityKeyId, ca.facts.subjectKeyId);
    assert.equal(summary.subjectKeyId, cert.subjectKeyId);
  });

  it("a CA: pathlen and criticality in the basic constraints line, name constraints as type:value", () => {
    const constrained = forge({ subject: { cn: "NC CA" }, issuer: ca, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, basicConstraints: { ca: true, pathLen: 0, critical: false }, nameConstraints: { permitted: ["corp.test"], excluded: ["bad.corp.test"] } }).facts;
    const summary = summarize(constrained, new Date("2030-06-01T00:00:00Z"));
    assert.equal(summary.basicConstraints, "CA:TRUE, pathlen:0");
    assert.deepEqual(summary.nameConstraints, { permitted: ["dns:corp.test"], excluded: ["dns:bad.corp.test"] });
    assert.equal(summarize(forge({ subject: { cn: "v1" }, version: 1, notBefore: NOT_BEFORE, notAfter: NOT_AFTER }).facts, new Date(NOT_BEFORE)).basicConstraints, "absent");
  });
});
