// src/model/certificate.ts, one certificate per row: each is made by the test forge (DER written by
// src/asn1/der-writer.ts, signed by node:crypto) with known contents, and the facts parseCertificate
// reads back must be exactly those contents (RFC 5280 4.1 fields and the extensions pkilab types).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as der from "../../src/asn1/der-writer.js";
import { CertificateParseError, describe as describeCert, parseCertificate, type CertFacts } from "../../src/model/certificate.js";
import { EKU, EXT } from "../../src/model/oids.js";
import { forge, type Forged } from "../helpers/forge.js";
import { negativeSerial } from "../helpers/negative-serial.js";
import { NON_DER_SERIAL } from "../helpers/non-der.js";

const NOT_BEFORE = "2030-01-01T00:00:00.000Z";
const NOT_AFTER = "2031-01-01T00:00:00.000Z";
const root = forge({ subject: { cn: "Model Root", o: "pkilab test" }, key: "p384", notBefore: NOT_BEFORE, notAfter: NOT_AFTER, serial: 1n, basicConstraints: { ca: true, pathLen: 1 }, keyUsage: ["keyCertSign", "cRLSign"] });

interface Row {
  name: string;
  make: () => Forged;
  /** The facts expected, field by field (only the fields named are compared; see comparable()). */
  expect: Partial<Record<keyof CertFacts, unknown>>;
  /** Facts whose value depends on the run (a fresh key): checked by shape or against the forge's inputs. */
  check?: (cert: CertFacts, made: Forged) => void;
}

const sorted = (set: Set<string> | undefined) => (set ? [...set].sort() : undefined);

const ROWS: Row[] = [
  {
    name: "a self-signed P-384 root with pathLen 1: CA facts, self-issued, SKI and no AKI",
    make: () => root,
    expect: {
      version: 3,
      serial: "01",
      serialNegative: false,
      selfIssued: true,
      basicConstraints: { ca: true, pathLen: 1, critical: true },
      keyUsage: ["cRLSign", "keyCertSign"],
      extKeyUsage: undefined,
      authorityKeyId: undefined,
      signatureAlgorithm: { oid: "1.2.840.10045.4.3.3", name: "ecdsa-with-SHA384", key: "ec", hash: "sha384" },
      publicKey: { type: "ec", bits: 384, curve: "P-384", label: "ECDSA P-384" },
    },
    check: (cert) => assert.match(cert.subjectKeyId ?? "", /^[0-9a-f]{40}$/, "a 20-byte SKI (RFC 5280 4.2.1.2 method 1)"),
  },
  {
    name: "a P-256 leaf: serial, times, SANs of each form, KU, EKU, AKI = the issuer's SKI",
    make: () =>
      forge({
        subject: { cn: "leaf.example.test", o: "pkilab test" },
        issuer: root,
        serial: 0xff00n,
        notBefore: "2030-02-03T04:05:06Z",
        notAfter: "2049-12-31T23:59:59Z",
        basicConstraints: { ca: false },
        keyUsage: ["digitalSignature", "keyEncipherment"],
        extKeyUsage: [EKU.serverAuth, EKU.clientAuth],
        subjectAltNames: [{ dns: "leaf.example.test" }, { ip: "192.0.2.7" }, { ip: "2001:db8::5" }, { email: "ops@example.test" }],
      }),
    expect: {
      version: 3,
      // 0xff00 is written 00 ff 00 (a positive INTEGER): the leading zero octet is dropped.
      serial: "ff00",
      notBefore: new Date("2030-02-03T04:05:06Z"),
      // UTCTime ends in 2049; GeneralizedTime from 2050 (RFC 5280 4.1.2.5).
      notAfter: new Date("2049-12-31T23:59:59Z"),
      selfIssued: false,
      basicConstraints: { ca: false, pathLen: undefined, critical: true },
      keyUsage: ["digitalSignature", "keyEncipherment"],
      extKeyUsage: [EKU.serverAuth, EKU.clientAuth],
      subjectAltNames: ["dns:leaf.example.test", "ip:192.0.2.7", "ip:2001:db8::5", "email:ops@example.test"],
      signatureAlgorithm: { oid: "1.2.840.10045.4.3.3", name: "ecdsa-with-SHA384", key: "ec", hash: "sha384" },
      publicKey: { type: "ec", bits: 256, curve: "P-256", label: "ECDSA P-256" },
      duplicateExtensions: [],
    },
    check: (cert) => assert.equal(cert.authorityKeyId, root.facts.subjectKeyId, "AKI keyIdentifier = the issuer's SKI"),
  },
  {
    name: "a negative serial (INTEGER 92 34, its top bit set): kept as its octets, and flagged negative (RFC 5280 4.1.2.2)",
    make: () => negativeSerial(forge({ subject: { cn: "negative" }, issuer: root, serial: NON_DER_SERIAL, notBefore: NOT_BEFORE, notAfter: NOT_AFTER }), root),
    expect: { serial: "9234", serialNegative: true, derDeviations: [] },
  },
  {
    name: "a positive serial whose first value octet has its top bit set: written 00 80 01, not negative",
    make: () => forge({ subject: { cn: "positive" }, issuer: root, serial: 0x8001n, notBefore: NOT_BEFORE, notAfter: NOT_AFTER }),
    expect: { serial: "8001", serialNegative: false },
  },
  {
    name: "an X.509 v1 certificate: version 1, no extensions at all",
    make: () => forge({ subject: { cn: "v1" }, version: 1, notBefore: NOT_BEFORE, notAfter: NOT_AFTER }),
    expect: { version: 1, extensions: [], basicConstraints: undefined, keyUsage: undefined, subjectAltNames: undefined, subjectKeyId: undefined, selfIssued: true },
  },
  {
    name: "RSASSA-PSS with SHA-256: the hash and salt length come from the parameters (RFC 4055 3.1)",
    make: () => forge({ subject: { cn: "pss" }, key: "rsa2048", pss: true, hash: "sha256", notBefore: NOT_BEFORE, notAfter: NOT_AFTER }),
    expect: {
      signatureAlgorithm: { oid: "1.2.840.113549.1.1.10", name: "rsassaPss (sha256)", key: "rsa-pss", hash: "sha256", pssSaltLength: 32 },
      publicKey: { type: "rsa", bits: 2048, label: "RSA 2048" },
    },
  },
  {
    name: "RSASSA-PSS with SHA-1: no parameters, the RFC 4055 defaults (SHA-1, salt 20)",
    make: () => forge({ subject: { cn: "pss-sha1" }, key: "rsa2048", pss: true, hash: "sha1", notBefore: NOT_BEFORE, notAfter: NOT_AFTER }),
    expect: { signatureAlgorithm: { oid: "1.2.840.113549.1.1.10", name: "rsassaPss (sha1)", key: "rsa-pss", hash: "sha1", pssSaltLength: 20 } },
  },
  {
    name: "Ed25519: the signature algorithm has no separate hash",
    make: () => forge({ subject: { cn: "ed" }, key: "ed25519", notBefore: NOT_BEFORE, notAfter: NOT_AFTER }),
    expect: { signatureAlgorithm: { oid: "1.3.101.112", name: "Ed25519", key: "ed25519" }, publicKey: { type: "ed25519", bits: 256, label: "Ed25519" } },
  },
  {
    name: "a repeated keyUsage and an unknown critical extension: both kept, the repeat listed once per repeat",
    make: () =>
      forge({
        subject: { cn: "odd" },
        issuer: root,
        notBefore: NOT_BEFORE,
        notAfter: NOT_AFTER,
        keyUsage: ["digitalSignature"],
        extensions: [
          { oid: EXT.keyUsage, critical: true, value: der.namedBits([2]) },
          { oid: "1.3.6.1.4.1.99999.1", critical: true, value: der.nullValue() },
        ],
      }),
    expect: {
      duplicateExtensions: [EXT.keyUsage],
      // The last one read wins.
      keyUsage: ["keyEncipherment"],
    },
    check: (cert) => {
      const listed = cert.extensions.map((e) => `${e.oid}${e.critical ? " critical" : ""}`);
      assert.deepEqual(listed.filter((e) => e.startsWith(EXT.keyUsage) || e.startsWith("1.3.6.1.4.1.")), [`${EXT.keyUsage} critical`, `${EXT.keyUsage} critical`, "1.3.6.1.4.1.99999.1 critical"]);
    },
  },
  {
    name: "Netscape cert type and DNS name constraints on a CA",
    make: () =>
      forge({
        subject: { cn: "Constrained CA" },
        issuer: root,
        notBefore: NOT_BEFORE,
        notAfter: NOT_AFTER,
        basicConstraints: { ca: true, pathLen: 0, critical: false },
        nsCertType: ["sslCA", "sslServer"],
        nameConstraints: { permitted: ["example.test", ".corp.test"], excluded: ["bad.example.test"] },
      }),
    expect: {
      basicConstraints: { ca: true, pathLen: 0, critical: false },
      nsCertType: ["sslCA", "sslServer"],
      nameConstraints: { permitted: ["dns:example.test", "dns:.corp.test"], excluded: ["dns:bad.example.test"] },
    },
  },
];

/** Facts in a comparable form: sets as sorted lists, names as "type:value", no key material. */
function comparable(field: keyof CertFacts, cert: CertFacts): unknown {
  switch (field) {
    case "keyUsage":
    case "nsCertType":
      return sorted(cert[field] as Set<string> | undefined);
    case "subjectAltNames":
      return cert.subjectAltNames?.map((n) => `${n.type}:${n.value}`);
    case "nameConstraints":
      return cert.nameConstraints && {
        permitted: cert.nameConstraints.permitted.map((s) => `${s.base.type}:${s.base.value}`),
        excluded: cert.nameConstraints.excluded.map((s) => `${s.base.type}:${s.base.value}`),
      };
    case "publicKey": {
      const { spki: _spki, ...rest } = cert.publicKey;
      return rest;
    }
    default:
      return cert[field];
  }
}

describe("parseCertificate: the facts of each certificate", () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const made = row.make();
      const cert = parseCertificate(made.der, "test.pem#1");
      for (const [field, value] of Object.entries(row.expect) as [keyof CertFacts, unknown][]) {
        assert.deepEqual(comparable(field, cert), value, field);
      }
      row.check?.(cert, made);
      // Always: where it came from, its size, its digest and the signed part are the DER's own.
      assert.equal(cert.source, "test.pem#1");
      assert.equal(cert.derSize, made.der.length);
      assert.match(cert.sha256, /^[0-9a-f]{64}$/);
      assert.ok(Buffer.from(made.der).includes(Buffer.from(cert.tbs)), "tbs is a slice of the certificate");
    });
  }

  it("the subject and issuer names, and describe(), for messages", () => {
    const leaf = forge({ subject: { cn: "alice", o: "Alice Ltd" }, issuer: root, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
    assert.equal(leaf.facts.subject.text, "CN=alice, O=Alice Ltd");
    assert.equal(leaf.facts.issuer.text, "CN=Model Root, O=pkilab test");
    assert.equal(describeCert(leaf.facts), "CN=alice, O=Alice Ltd");
    const empty = forge({ subject: {}, issuer: root, notBefore: NOT_BEFORE, notAfter: NOT_AFTER, subjectAltNames: [{ dns: "x.test" }] });
    assert.equal(describeCert(empty.facts), "(empty subject)");
  });

  it("keyObject() is the certificate's public key, imported once", () => {
    const made = forge({ subject: { cn: "k" }, notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
    const cert = parseCertificate(made.der, "k.pem");
    const key = cert.keyObject();
    assert.equal(key, cert.keyObject());
    assert.ok(key.equals(made.publicKey));
  });

  it("damaged DER is a CertificateParseError with a short reason, never another error", () => {
    const good = root.der;
    const cases: [string, Uint8Array][] = [
      ["cut short", good.subarray(0, good.length - 10)],
      ["not a SEQUENCE", Uint8Array.from([0x04, 0x01, 0x00])],
      ["a SEQUENCE of the wrong parts", der.sequence(der.nullValue())],
    ];
    for (const [what, bytes] of cases) {
      assert.throws(() => parseCertificate(bytes, "bad.der"), (err: unknown) => err instanceof CertificateParseError && err.message.length > 0 && err.message.length < 200, what);
    }
  });
});
