import { bitStringBytes, content, expectChildren, expectTag, oidString, readNode, readWhole, Tag } from "../asn1/der-reader.js";
import { CURVES, KEY_ALGORITHMS } from "./oids.js";

/** What a subjectPublicKeyInfo holds, in the terms peers check: family, curve, size. */
export interface PublicKeyFacts {
  type: "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "x25519" | "x448" | "dsa" | "unknown";
  /**
   * Modulus bits for RSA; field size for EC (256, 384, 521); for the RFC 8410 keys what OpenSSL's
   * EVP_PKEY_get_bits() says (ED25519_BITS 256, ED448_BITS 456, X25519_BITS 253, X448_BITS 448 in
   * OpenSSL 3.0 include/crypto/ecx.h; LibreSSL says 253 for Ed25519; test/peers/openssl-misses.test.ts).
   */
  bits: number;
  /** "P-256", "P-384", "secp256k1", …, or the OID of a curve pkilab does not name. */
  curve?: string;
  /** EC key with explicit curve parameters instead of a named curve (RFC 5480 2.1.1 forbids them). */
  explicitCurve?: boolean;
  /** For people: "ECDSA P-256", "RSA 2048". */
  label: string;
  spki: Uint8Array;
}

/**
 * RFC 8410 key-agreement keys: a certificate may carry one (keyUsage keyAgreement); they cannot sign.
 * Their OIDs are here rather than in KEY_ALGORITHMS, which lists the keys that can sign a certificate.
 */
const KEY_AGREEMENT_ALGORITHMS: Record<string, "x25519" | "x448"> = { "1.3.101.110": "x25519", "1.3.101.111": "x448" };

const CURVE_BITS: Record<string, number> = {
  "P-192": 192, "P-224": 224, "P-256": 256, "P-384": 384, "P-521": 521, secp256k1: 256,
  brainpoolP256r1: 256, brainpoolP384r1: 384, brainpoolP512r1: 512,
};

export function parsePublicKeyInfo(spki: Uint8Array): PublicKeyFacts {
  const [algorithm, keyBits] = expectChildren(spki, readWhole(spki), Tag.sequence, "subjectPublicKeyInfo", ["algorithm", "subjectPublicKey"]);
  const [oidNode, params] = expectChildren(spki, algorithm, Tag.sequence, "subjectPublicKeyInfo algorithm", ["algorithm"]);
  const oid = oidString(spki, oidNode, "subjectPublicKeyInfo algorithm");
  const type = KEY_ALGORITHMS[oid] ?? KEY_AGREEMENT_ALGORITHMS[oid] ?? "unknown";
  const key = bitStringBytes(spki, keyBits, "subjectPublicKey");
  switch (type) {
    case "rsa":
    case "rsa-pss": {
      // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
      const [modulus] = expectChildren(key, readNode(key, 0), Tag.sequence, "RSAPublicKey", ["modulus", "publicExponent"]);
      const bytes = content(key, expectTag(modulus, Tag.integer, "RSAPublicKey modulus"));
      let start = 0;
      while (start < bytes.length && bytes[start] === 0) start++;
      const top = bytes[start];
      const bits = top === undefined ? 0 : (bytes.length - start - 1) * 8 + (32 - Math.clz32(top));
      return { type, bits, label: `${type === "rsa" ? "RSA" : "RSA-PSS"} ${bits}`, spki };
    }
    case "ec": {
      if (!params || params.tag !== Tag.oid) {
        // specifiedCurve: the size of the field is what security levels need.
        const bits = (key.length - 1) * 4;
        return { type, bits, curve: "explicit parameters", explicitCurve: true, label: `ECDSA (explicit curve parameters, ${bits} bits)`, spki };
      }
      const curveOid = oidString(spki, params, "EC namedCurve");
      const curve = CURVES[curveOid] ?? curveOid;
      return { type, bits: CURVE_BITS[curve] ?? 0, curve, label: `ECDSA ${curve}`, spki };
    }
    case "ed25519":
      return { type, bits: 256, label: "Ed25519", spki };
    case "ed448":
      return { type, bits: 456, label: "Ed448", spki };
    case "x25519":
      return { type, bits: 253, label: "X25519", spki };
    case "x448":
      return { type, bits: 448, label: "X448", spki };
    case "dsa":
      return { type, bits: 0, label: "DSA", spki };
    default:
      return { type: "unknown", bits: 0, label: `unknown key (${oid})`, spki };
  }
}
