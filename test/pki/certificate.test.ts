// Certificates encoded by src/pki/certificate.ts, decoded by two independent parsers:
// @peculiar/x509 (JavaScript ASN.1) and Node's X509Certificate (OpenSSL underneath).
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { describe, it } from "node:test";
import { buildCertificate, selfIssuer, type IssuerRef } from "../../src/pki/certificate.js";
import { KEY_TYPES, type KeyType } from "../../src/pki/key-types.js";
import { generateKeyPair } from "../../src/pki/keys.js";
import { classifyName } from "../../src/pki/names.js";
import { intermediateProfile } from "../../src/pki/profiles/intermediate.js";
import { rootProfile } from "../../src/pki/profiles/root.js";
import { serverProfile } from "../../src/pki/profiles/server.js";
import { KEY_TYPE_INFO } from "../../src/pki/key-types.js";
import { loadX509 } from "../helpers/x509.js";

const notBefore = new Date("2026-01-01T00:00:00.750Z");
const notAfter = new Date("2051-06-01T12:00:00Z");

describe("buildCertificate", () => {
  for (const type of KEY_TYPES.filter((t) => t !== "rsa4096" && t !== "rsa3072")) {
    it(`${type}: root -> intermediate -> server, decoded by @peculiar/x509 and Node`, async () => {
      const x509 = await loadX509();
      const rootKeys = await generateKeyPair(type);
      const rootName = { cn: "Test Root", org: "Test Org" };
      const rootIssuer = selfIssuer(rootName, rootKeys.privateKey, rootKeys.publicKey, type);
      const root = buildCertificate({ subject: rootName, publicKey: rootKeys.publicKey, issuer: rootIssuer, profile: rootProfile(), notBefore, notAfter });
      const caKeys = await generateKeyPair(type);
      const ca = buildCertificate({ subject: { cn: "Test CA", org: "Test Org" }, publicKey: caKeys.publicKey, issuer: rootIssuer, profile: intermediateProfile(0), notBefore, notAfter });
      const caIssuer: IssuerRef = { name: { cn: "Test CA", org: "Test Org" }, privateKey: caKeys.privateKey, keyType: type, keyId: ca.keyId };
      const leafKeys = await generateKeyPair("p256");
      const sans = ["srv.test", "10.1.2.3", "::1", "2001:db8::5", "::ffff:1.2.3.4"].map((n) => classifyName(n, "test"));
      const leaf = buildCertificate({ subject: { cn: "srv.test", org: "Test Org" }, publicKey: leafKeys.publicKey, issuer: caIssuer, profile: serverProfile(KEY_TYPE_INFO.p256, sans), notBefore, notAfter });

      // Node / OpenSSL: chain links and signatures.
      const [nodeRoot, nodeCa, nodeLeaf] = [new X509Certificate(root.der), new X509Certificate(ca.der), new X509Certificate(leaf.der)];
      assert.ok(nodeRoot.verify(nodeRoot.publicKey), "root self-signature");
      assert.ok(nodeCa.checkIssued(nodeRoot) && nodeCa.verify(nodeRoot.publicKey), "CA signed by root");
      assert.ok(nodeLeaf.checkIssued(nodeCa) && nodeLeaf.verify(nodeCa.publicKey), "leaf signed by CA");
      assert.equal(nodeRoot.ca, true);
      assert.equal(nodeLeaf.ca, false);
      assert.equal(nodeLeaf.subject, "O=Test Org\nCN=srv.test");
      assert.equal(nodeLeaf.subjectAltName, "DNS:srv.test, IP Address:10.1.2.3, IP Address:0:0:0:0:0:0:0:1, IP Address:2001:DB8:0:0:0:0:0:5, IP Address:0:0:0:0:0:FFFF:102:304");
      assert.equal(nodeLeaf.validFrom, "Jan  1 00:00:00 2026 GMT", "milliseconds dropped");
      assert.equal(nodeLeaf.validTo, "Jun  1 12:00:00 2051 GMT", "GeneralizedTime after 2049");
      assert.equal(nodeLeaf.serialNumber.toLowerCase(), leaf.serial);

      // @peculiar/x509: extensions and critical flags.
      const parsedCa = new x509.X509Certificate(ca.der);
      const basic = parsedCa.getExtension(x509.BasicConstraintsExtension)!;
      assert.deepEqual([basic.ca, basic.pathLength, basic.critical], [true, 0, true]);
      const ku = parsedCa.getExtension(x509.KeyUsagesExtension)!;
      assert.equal(ku.usages, x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
      assert.equal(ku.critical, true);
      assert.deepEqual([...parsedCa.getExtension(x509.ExtendedKeyUsageExtension)!.usages], ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
      assert.equal(parsedCa.getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId, root.keyId);
      assert.equal(parsedCa.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId, ca.keyId);
      // The SKI is RFC 5280 method 1, as @peculiar/x509 computes it too.
      const expectedKeyId = await x509.SubjectKeyIdentifierExtension.create(parsedCa.publicKey);
      assert.equal(expectedKeyId.keyId, ca.keyId);
      const parsedRoot = new x509.X509Certificate(root.der);
      assert.equal(parsedRoot.getExtension(x509.AuthorityKeyIdentifierExtension), null, "self-signed: no AKI");
      assert.equal(parsedRoot.getExtension(x509.BasicConstraintsExtension)!.pathLength, undefined);
      const parsedLeaf = new x509.X509Certificate(leaf.der);
      assert.equal(parsedLeaf.getExtension(x509.BasicConstraintsExtension)!.ca, false);
      assert.equal(parsedLeaf.getExtension(x509.KeyUsagesExtension)!.usages, x509.KeyUsageFlags.digitalSignature);
      assert.equal(parsedLeaf.getExtension(x509.SubjectAlternativeNameExtension)!.critical, false);
      assert.ok(await parsedLeaf.verify({ publicKey: await parsedCa.publicKey.export() }), "@peculiar/x509 verifies the signature");
    });
  }

  it("serials are 16 bytes, positive, distinct", async () => {
    const keys = await generateKeyPair("p256" as KeyType);
    const issuer = selfIssuer({ cn: "r", org: "o" }, keys.privateKey, keys.publicKey, "p256");
    const serials = Array.from({ length: 50 }, () =>
      buildCertificate({ subject: { cn: "r", org: "o" }, publicKey: keys.publicKey, issuer, profile: rootProfile(), notBefore, notAfter }).serial,
    );
    assert.equal(new Set(serials).size, 50);
    for (const serial of serials) {
      assert.equal(serial.length, 32);
      assert.ok(parseInt(serial.slice(0, 2), 16) >= 1 && parseInt(serial.slice(0, 2), 16) <= 0x7f);
    }
  });
});
