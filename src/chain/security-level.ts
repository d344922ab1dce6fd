import type { CertFacts } from "../model/certificate.js";

/**
 * OpenSSL security levels (SSL_CTX_set_security_level(3)): the minimum security bits of every key
 * and certificate signature in a chain. Debian's OpenSSL sets SECLEVEL=2 in /etc/ssl/openssl.cnf
 * and nginx verifies client chains at that level, so SHA-1 signatures and RSA keys under 2048 bits
 * fail there although a bare `openssl verify` (auth level -1) passes them.
 */
export const DEFAULT_SECURITY_LEVEL = 2;
const MIN_BITS = [0, 80, 112, 128, 192, 256];

/** Security bits of a public key (OpenSSL BN_security_bits for RSA/DSA; half the size for EC). */
export function keySecurityBits(cert: CertFacts): number {
  const key = cert.publicKey;
  switch (key.type) {
    case "rsa":
    case "rsa-pss":
    case "dsa":
      return key.bits >= 15360 ? 256 : key.bits >= 7680 ? 192 : key.bits >= 3072 ? 128 : key.bits >= 2048 ? 112 : key.bits >= 1024 ? 80 : 0;
    case "ec":
      return Math.floor(key.bits / 2);
    // EVP_PKEY_get_security_bits(): *_SECURITY_BITS in OpenSSL 3.0 include/crypto/ecx.h.
    case "ed25519":
    case "x25519":
      return 128;
    case "ed448":
    case "x448":
      return 224;
    default:
      return 0;
  }
}

/** Security bits of a signature's digest (OpenSSL 3.0 counts SHA-1 as 64 and MD5 as 39). */
export function digestSecurityBits(cert: CertFacts): number {
  const algorithm = cert.signatureAlgorithm;
  if (algorithm.key === "ed25519") return 128;
  if (algorithm.key === "ed448") return 224;
  const bits: Record<string, number> = { md5: 39, sha1: 64, sha224: 112, sha256: 128, sha384: 192, sha512: 256 };
  return bits[algorithm.hash ?? ""] ?? 0;
}

export function minimumBits(level: number): number {
  // Clamped to the table's indexes; levels are integers (verify's flag is Flags.integer, profiles are constants).
  return MIN_BITS[Math.max(0, Math.min(5, level))]!;
}
