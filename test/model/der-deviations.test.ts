// CertFacts.derDeviations: recorded once, at parse time, with offsets into the certificate's DER.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DerDeviationKind } from "../../src/asn1/der-reader.js";
import { CertificateParseError, parseCertificate } from "../../src/model/certificate.js";
import { forge } from "../helpers/forge.js";
import { NON_DER_SERIAL, nonDerLeaf } from "../helpers/non-der.js";

const root = forge({ subject: { cn: "Deviations Root" }, notBefore: "2028-01-01T00:00:00Z", notAfter: "2040-01-01T00:00:00Z", basicConstraints: { ca: true }, keyUsage: ["keyCertSign", "cRLSign"] });
const leaf = forge({
  subject: { cn: "www.example.com" },
  issuer: root,
  serial: NON_DER_SERIAL,
  notBefore: "2030-05-20T00:00:00Z",
  notAfter: "2030-07-05T00:00:00Z",
  keyUsage: ["digitalSignature"],
  subjectAltNames: [{ dns: "www.example.com" }],
});

describe("CertFacts.derDeviations", () => {
  it("is empty for a DER certificate", () => {
    assert.deepEqual(leaf.facts.derDeviations, []);
    assert.deepEqual(root.facts.derDeviations, []);
  });

  const kinds: DerDeviationKind[] = ["non-minimal-length", "non-minimal-integer", "boolean-not-00-ff", "bit-string-padding-not-zero"];
  for (const kind of kinds) {
    it(`${kind}: one deviation, at the value's tag byte, and the rest of the facts read as before`, () => {
      const cert = nonDerLeaf(leaf, root, kind);
      const facts = parseCertificate(cert.der, kind);
      assert.deepEqual(facts.derDeviations, [{ kind, offset: cert.offset }]);
      assert.equal(facts.serial, "1234");
      assert.equal(facts.subject.text, leaf.facts.subject.text);
      assert.equal(facts.notBefore.toISOString(), "2030-05-20T00:00:00.000Z");
    });
  }

  it("a BOOLEAN 01 reads as TRUE (the keyUsage stays critical)", () => {
    const facts = parseCertificate(nonDerLeaf(leaf, root, "boolean-not-00-ff").der, "boolean");
    assert.equal(facts.extensions.find((e) => e.oid === "2.5.29.15")?.critical, true);
  });

  it("the byte at each offset is the tag of the value named (INTEGER 02, BOOLEAN 01, BIT STRING 03, SEQUENCE 30)", () => {
    const tags: Record<DerDeviationKind, number> = { "non-minimal-length": 0x30, "non-minimal-integer": 0x02, "boolean-not-00-ff": 0x01, "bit-string-padding-not-zero": 0x03 };
    for (const kind of kinds) {
      const cert = nonDerLeaf(leaf, root, kind);
      assert.equal(cert.der[cert.offset], tags[kind], kind);
    }
  });

  it("a notBefore with minute 75 is malformed, not rolled over to the next hour", () => {
    assert.throws(() => parseCertificate(nonDerLeaf(leaf, root, "minute-75").der, "minute-75"), (err: unknown) => err instanceof CertificateParseError && /notBefore: bad date/.test(err.message));
  });
});
