/**
 * mbedTLS's compile-time option names for curves and hashes, cited to the config headers of
 * Mbed-TLS/mbedtls v2.28.3 and v3.6.6 ([2.28.3 include/mbedtls/config.h:798-811] is that file's
 * lines at that tag). One table for the config reader (src/peers/parse/mbedtls-config.ts), the
 * lint rules that name a macro in their fix, and `pkilab export --mbedtls-config`; kept apart
 * from the reader so that a lint run without a config does not load the C preprocessor.
 */

export type MbedtlsVersion = "2.28" | "3.6";

/** One elliptic curve as mbedTLS configures it. */
export interface Curve {
  name: string;
  /** The X in MBEDTLS_ECP_DP_X_ENABLED and MBEDTLS_ECP_HAVE_X. */
  dp: string;
  /** The X in PSA_WANT_ECC_X (3.6). */
  psa: string;
  /** What the curve needs of MBEDTLS_ECP_MAX_BITS [2.28.3 include/mbedtls/ecp.h:181-213]. */
  bits: number;
}

// Order of the 13 curve options in config.h [2.28.3 include/mbedtls/config.h:798-811]
// [3.6.6 include/mbedtls/mbedtls_config.h:760-773]; PSA names [3.6.6 include/psa/crypto_config.h:83-96].
export const CURVES: readonly Curve[] = [
  { name: "P-192", dp: "SECP192R1", psa: "SECP_R1_192", bits: 192 },
  { name: "P-224", dp: "SECP224R1", psa: "SECP_R1_224", bits: 224 },
  { name: "P-256", dp: "SECP256R1", psa: "SECP_R1_256", bits: 256 },
  { name: "P-384", dp: "SECP384R1", psa: "SECP_R1_384", bits: 384 },
  { name: "P-521", dp: "SECP521R1", psa: "SECP_R1_521", bits: 521 },
  { name: "secp192k1", dp: "SECP192K1", psa: "SECP_K1_192", bits: 192 },
  // "n is slightly above 2^224" [2.28.3 include/mbedtls/ecp.h:204]
  { name: "secp224k1", dp: "SECP224K1", psa: "SECP_K1_224", bits: 225 },
  { name: "secp256k1", dp: "SECP256K1", psa: "SECP_K1_256", bits: 256 },
  { name: "brainpoolP256r1", dp: "BP256R1", psa: "BRAINPOOL_P_R1_256", bits: 256 },
  { name: "brainpoolP384r1", dp: "BP384R1", psa: "BRAINPOOL_P_R1_384", bits: 384 },
  { name: "brainpoolP512r1", dp: "BP512R1", psa: "BRAINPOOL_P_R1_512", bits: 512 },
  { name: "x25519", dp: "CURVE25519", psa: "MONTGOMERY_255", bits: 255 },
  { name: "x448", dp: "CURVE448", psa: "MONTGOMERY_448", bits: 448 },
];

export const curveMacro = (c: Curve): string => `MBEDTLS_ECP_DP_${c.dp}_ENABLED`;

/** The macro that enables each curve, by pkilab curve name ("P-256" → MBEDTLS_ECP_DP_SECP256R1_ENABLED). */
export const CURVE_MACROS: Readonly<Record<string, string>> = Object.fromEntries(CURVES.map((c) => [c.name, curveMacro(c)]));

/**
 * The macro that enables each certificate signature hash. 2.28: SHA-224 lives in SHA256_C, SHA-384 in
 * SHA512_C [2.28.3 include/mbedtls/config.h:3389-3416] unless MBEDTLS_SHA512_NO_SHA384
 * [2.28.3 include/mbedtls/config.h:1549-1556].
 */
export const HASH_MACROS: Readonly<Record<MbedtlsVersion, Readonly<Record<string, string>>>> = {
  "2.28": { sha1: "MBEDTLS_SHA1_C", sha224: "MBEDTLS_SHA256_C", sha256: "MBEDTLS_SHA256_C", sha384: "MBEDTLS_SHA512_C", sha512: "MBEDTLS_SHA512_C" },
  "3.6": { sha1: "MBEDTLS_SHA1_C", sha224: "MBEDTLS_SHA224_C", sha256: "MBEDTLS_SHA256_C", sha384: "MBEDTLS_SHA384_C", sha512: "MBEDTLS_SHA512_C" },
};
