// The signature check a fleet runs ahead on libuv's thread pool (src/chain/signature.ts
// signatureCheckAhead, checkSignaturesAhead) answers what the synchronous checkSignature answers,
// for every signature kind pkilab verifies, good and bad; and what it answers is what
// checkSignature then gives for the same pair.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkSignature, checkSignaturesAhead, signatureCheckAhead, type SignatureCheck } from "../../src/chain/signature.js";
import { parseCertificate, type CertFacts } from "../../src/model/certificate.js";
import { forge, type ForgeOptions, type Forged, type HashName, type KeySpec } from "../helpers/forge.js";

const FROM = "2024-01-01T00:00:00Z";
const TO = "2030-01-01T00:00:00Z";
const ca = (cn: string, key: KeySpec): Forged => forge({ subject: { cn }, key, notBefore: FROM, notAfter: TO, basicConstraints: { ca: true }, keyUsage: ["keyCertSign"] });
const leafOf = (issuer: Forged, options: Partial<ForgeOptions> = {}): Forged => forge({ subject: { cn: "leaf" }, issuer, notBefore: FROM, notAfter: TO, ...options });
/** A second parse of the same certificate: another object, so no cached answer is shared. */
const fresh = (cert: Forged): CertFacts => parseCertificate(cert.der, "test");

const cases: { name: string; key: KeySpec; hash?: HashName; pss?: boolean; wrongSigner?: boolean; want: SignatureCheck }[] = [
  { name: "RSA PKCS#1 v1.5 SHA-256", key: "rsa2048", want: "ok" },
  { name: "RSA PKCS#1 v1.5 SHA-1", key: "rsa1024", hash: "sha1", want: "ok" },
  { name: "RSA-PSS SHA-256", key: "rsa2048", pss: true, want: "ok" },
  { name: "RSA-PSS SHA-384", key: "rsa2048", pss: true, hash: "sha384", want: "ok" },
  { name: "ECDSA P-256", key: "p256", want: "ok" },
  { name: "ECDSA P-384", key: "p384", want: "ok" },
  { name: "ECDSA P-521", key: "p521", want: "ok" },
  { name: "ECDSA secp256k1", key: "secp256k1", want: "ok" },
  { name: "Ed25519", key: "ed25519", want: "ok" },
  { name: "ECDSA P-384 by another key", key: "p384", wrongSigner: true, want: "invalid" },
  { name: "RSA-PSS by another key", key: "rsa2048", pss: true, wrongSigner: true, want: "invalid" },
  { name: "Ed25519 by another key", key: "ed25519", wrongSigner: true, want: "invalid" },
];

describe("signatures checked ahead on the thread pool", () => {
  for (const c of cases) {
    it(`${c.name}: ${c.want}, as checkSignature says`, async () => {
      const issuer = ca(`CA ${c.name}`, c.key);
      const leaf = leafOf(issuer, { hash: c.hash, pss: c.pss, wrongSigner: c.wrongSigner });
      assert.equal(checkSignature(fresh(leaf), fresh(issuer)), c.want);
      assert.equal(await signatureCheckAhead(fresh(leaf), fresh(issuer)), c.want);
      // What checkSignature gives next is what was checked ahead, not a second check: with the
      // issuer's key gone, a second check would say "unsupported".
      const [cert, by] = [fresh(leaf), fresh(issuer)];
      await checkSignaturesAhead(cert, [by], 4);
      by.keyObject = () => {
        throw new Error("checked twice");
      };
      assert.equal(checkSignature(cert, by), c.want);
    });
  }

  it("a candidate whose key cannot have made the signature (an RSA CA of the same name for an ECDSA leaf): invalid both ways", async () => {
    const issuer = ca("Same Name", "p256");
    const impostor = ca("Same Name", "rsa2048");
    const leaf = leafOf(issuer);
    assert.equal(checkSignature(fresh(leaf), fresh(impostor)), "invalid");
    assert.equal(await signatureCheckAhead(fresh(leaf), fresh(impostor)), "invalid");
  });

  it("checks ahead only the CAs that could have signed the leaf, at most `most` of them", async () => {
    /** Counts how often a candidate's key is used (once per signature check). */
    const counted = (cert: Forged) => {
      const facts = fresh(cert);
      const uses = { count: 0 };
      const keyObject = facts.keyObject.bind(facts);
      facts.keyObject = () => (uses.count++, keyObject());
      return { facts, uses };
    };
    const issuer = ca("Fleet CA", "p256");
    const leaf = fresh(leafOf(issuer));
    const otherName = counted(ca("Other CA", "p256"));
    const rollover = counted(ca("Fleet CA", "p256")); // the same name, another key identifier
    const rsaNamesake = counted(forge({ subject: { cn: "Fleet CA" }, key: "rsa2048", notBefore: FROM, notAfter: TO, subjectKeyId: false }));
    const real = counted(issuer);
    await checkSignaturesAhead(leaf, [otherName.facts, rollover.facts, rsaNamesake.facts, real.facts], 4);
    assert.deepEqual([otherName, rollover, rsaNamesake, real].map((c) => c.uses.count), [0, 0, 0, 1]);

    // A leaf without an authority key identifier: every same-name CA of its key type is a candidate, up to `most`.
    const bare = fresh(leafOf(issuer, { authorityKeyId: false }));
    const namesakes = [counted(ca("Fleet CA", "p256")), counted(ca("Fleet CA", "p256")), counted(issuer)];
    await checkSignaturesAhead(bare, namesakes.map((c) => c.facts), 2);
    assert.deepEqual(namesakes.map((c) => c.uses.count), [1, 1, 0]);
  });
});
