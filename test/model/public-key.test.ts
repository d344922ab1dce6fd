// src/model/public-key.ts, one key per row: subjectPublicKeyInfo exported by node:crypto (OpenSSL)
// for each family and curve peers check, and the family, size, curve and label pkilab reads from it.
import assert from "node:assert/strict";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, it } from "node:test";
import { parsePublicKeyInfo, type PublicKeyFacts } from "../../src/model/public-key.js";
import { forge } from "../helpers/forge.js";

const spkiOf = (key: KeyObject) => new Uint8Array(key.export({ type: "spki", format: "der" }));
const ec = (namedCurve: string) => spkiOf(generateKeyPairSync("ec", { namedCurve }).publicKey);

interface Row {
  name: string;
  spki: () => Uint8Array;
  expect: Omit<PublicKeyFacts, "spki">;
}

const ROWS: Row[] = [
  { name: "RSA 2048", spki: () => spkiOf(generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey), expect: { type: "rsa", bits: 2048, label: "RSA 2048" } },
  { name: "RSA 1024", spki: () => spkiOf(generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey), expect: { type: "rsa", bits: 1024, label: "RSA 1024" } },
  // A modulus whose top byte is small: the bit count is not a multiple of 8.
  { name: "RSA 1025 (bits counted from the top bit, not the byte length)", spki: () => spkiOf(generateKeyPairSync("rsa", { modulusLength: 1025 }).publicKey), expect: { type: "rsa", bits: 1025, label: "RSA 1025" } },
  { name: "RSA-PSS key (id-RSASSA-PSS)", spki: () => spkiOf(generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).publicKey), expect: { type: "rsa-pss", bits: 2048, label: "RSA-PSS 2048" } },
  { name: "P-256", spki: () => ec("prime256v1"), expect: { type: "ec", bits: 256, curve: "P-256", label: "ECDSA P-256" } },
  { name: "P-384", spki: () => ec("secp384r1"), expect: { type: "ec", bits: 384, curve: "P-384", label: "ECDSA P-384" } },
  { name: "P-521", spki: () => ec("secp521r1"), expect: { type: "ec", bits: 521, curve: "P-521", label: "ECDSA P-521" } },
  { name: "P-224", spki: () => ec("secp224r1"), expect: { type: "ec", bits: 224, curve: "P-224", label: "ECDSA P-224" } },
  { name: "secp256k1", spki: () => ec("secp256k1"), expect: { type: "ec", bits: 256, curve: "secp256k1", label: "ECDSA secp256k1" } },
  { name: "brainpoolP256r1", spki: () => ec("brainpoolP256r1"), expect: { type: "ec", bits: 256, curve: "brainpoolP256r1", label: "ECDSA brainpoolP256r1" } },
  // A curve pkilab does not name: its OID stands in, with no size (sect283k1, 1.3.132.0.16).
  { name: "a named curve pkilab does not know: the OID", spki: () => ec("sect283k1"), expect: { type: "ec", bits: 0, curve: "1.3.132.0.16", label: "ECDSA 1.3.132.0.16" } },
  {
    name: "P-256 with explicit parameters (RFC 5480 2.1.1 forbids them): flagged, size from the point",
    spki: () => forge({ subject: { cn: "x" }, explicitCurve: true, notBefore: "2030-01-01T00:00:00Z", notAfter: "2031-01-01T00:00:00Z" }).facts.publicKey.spki,
    expect: { type: "ec", bits: 256, curve: "explicit parameters", explicitCurve: true, label: "ECDSA (explicit curve parameters, 256 bits)" },
  },
  { name: "Ed25519", spki: () => spkiOf(generateKeyPairSync("ed25519").publicKey), expect: { type: "ed25519", bits: 256, label: "Ed25519" } },
  { name: "Ed448", spki: () => spkiOf(generateKeyPairSync("ed448").publicKey), expect: { type: "ed448", bits: 456, label: "Ed448" } },
  // X25519/X448 keys cannot sign, but a certificate may carry one for key agreement (RFC 8410);
  // the sizes are OpenSSL's (test/peers/openssl-misses.test.ts).
  { name: "X25519", spki: () => spkiOf(generateKeyPairSync("x25519").publicKey), expect: { type: "x25519", bits: 253, label: "X25519" } },
  { name: "X448", spki: () => spkiOf(generateKeyPairSync("x448").publicKey), expect: { type: "x448", bits: 448, label: "X448" } },
];

describe("parsePublicKeyInfo: family, size, curve and label of each key", () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const spki = row.spki();
      const { spki: kept, ...facts } = parsePublicKeyInfo(spki);
      assert.deepEqual(facts, row.expect);
      assert.deepEqual(Buffer.from(kept), Buffer.from(spki), "the SPKI is kept as given");
    });
  }
});
