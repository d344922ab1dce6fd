/**
 * mbedTLS X.509 verification profiles (mbedtls_x509_crt_profile, include/mbedtls/x509_crt.h): which
 * signature hashes, public-key algorithms and curves a device accepts, and its minimum RSA size. A
 * device uses mbedtls_x509_crt_profile_default unless its firmware calls
 * mbedtls_ssl_conf_cert_profile() (`pkilab lint --mbedtls-profile`).
 *
 * How mbedTLS applies one — library/x509_crt.c of Mbed-TLS/mbedtls at tags v2.28.3 and v3.6.6:
 * - x509_crt_verify_restartable_ca_cb(): the leaf's own key type (x509_profile_check_pk_alg) →
 *   BADCERT_BAD_PK, and its key (x509_profile_check_key) → BADCERT_BAD_KEY.
 * - x509_crt_verify_chain(): for every certificate but a trusted CA reached as a parent, the
 *   signature's hash (x509_profile_check_md_alg) → BADCERT_BAD_MD and the signature's key type
 *   (x509_profile_check_pk_alg) → BADCERT_BAD_PK; a pinned self-signed leaf is checked too, before
 *   its exemption (x509_crt_check_ee_locally_trusted()). Every parent's key, the trusted root's
 *   included → BADCERT_BAD_KEY.
 * - x509_profile_check_key(): an RSA or RSASSA-PSS key needs rsa_min_bitlen bits; an EC key's curve
 *   must be in allowed_curves; any other key fails.
 * test/peers/mbedtls-lint.test.ts checks the named profiles and custom ones against the real
 * libraries (scenarios "profile-*").
 */
import { CURVES, type MbedtlsVersion } from "./mbedtls-macros.js";

/** mbedtls_md_type_t names, MBEDTLS_MD_<name> (include/mbedtls/md.h; MD2/MD4 2.28 only, SHA3 3.6 only). */
export const MD_NAMES = ["MD2", "MD4", "MD5", "RIPEMD160", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA3_224", "SHA3_256", "SHA3_384", "SHA3_512"] as const;
export type MdName = (typeof MD_NAMES)[number];

/** mbedtls_pk_type_t names, MBEDTLS_PK_<name> (include/mbedtls/pk.h). */
export const PK_NAMES = ["RSA", "ECKEY", "ECKEY_DH", "ECDSA", "RSA_ALT", "RSASSA_PSS", "OPAQUE"] as const;
export type PkName = (typeof PK_NAMES)[number];

/** mbedtls_ecp_group_id names, MBEDTLS_ECP_DP_<name> (include/mbedtls/ecp.h). */
export const CURVE_NAMES: readonly string[] = CURVES.map((c) => c.dp);

/** One field of a profile: every id ("any": the library's 0xFFFFFFF) or those listed. */
export type IdSet<Name extends string> = "any" | readonly Name[];

export interface MbedtlsX509Profile {
  /** How a verdict names it: "mbedtls_x509_crt_profile_default", "the custom profile in fw.profile". */
  name: string;
  allowedMds: IdSet<MdName>;
  allowedPks: IdSet<PkName>;
  /** MBEDTLS_ECP_DP_ names: "SECP256R1", "BP256R1". */
  allowedCurves: IdSet<string>;
  rsaMinBitlen: number;
  /** Where its contents come from. */
  citation: string;
}

export type NamedProfile = "default" | "next" | "suiteb";
export const NAMED_PROFILES: readonly NamedProfile[] = ["default", "next", "suiteb"];

/** The profile `--mbedtls-profile` chose: a named one (resolved with the device's version) or a file's. */
export type MbedtlsX509ProfileChoice = { named: NamedProfile } | { custom: MbedtlsX509Profile };

const SHA2_256_UP: MdName[] = ["SHA256", "SHA384", "SHA512"];
const NEXT_CURVES = ["SECP256R1", "SECP384R1", "SECP521R1", "BP256R1", "BP384R1", "BP512R1", "SECP256K1"];
const cite = (version: MbedtlsVersion, name: string, lines: string) =>
  `Mbed-TLS/mbedtls v${version === "2.28" ? "2.28.3" : "3.6.6"} library/x509_crt.c mbedtls_x509_crt_profile_${name} [${lines}]`;

/** The library's own profiles, field by field, at each version. */
export const MBEDTLS_X509_PROFILES: Readonly<Record<MbedtlsVersion, Readonly<Record<NamedProfile, MbedtlsX509Profile>>>> = {
  "2.28": {
    // "Only SHA-2 hashes", any PK algorithm, any curve.
    default: { name: "mbedtls_x509_crt_profile_default", allowedMds: ["SHA224", ...SHA2_256_UP], allowedPks: "any", allowedCurves: "any", rsaMinBitlen: 2048, citation: cite("2.28", "default", "2.28.3 library/x509_crt.c:91-101") },
    next: { name: "mbedtls_x509_crt_profile_next", allowedMds: SHA2_256_UP, allowedPks: "any", allowedCurves: NEXT_CURVES, rsaMinBitlen: 2048, citation: cite("2.28", "next", "2.28.3 library/x509_crt.c:106-126") },
    suiteb: { name: "mbedtls_x509_crt_profile_suiteb", allowedMds: ["SHA256", "SHA384"], allowedPks: ["ECDSA", "ECKEY"], allowedCurves: ["SECP256R1", "SECP384R1"], rsaMinBitlen: 0, citation: cite("2.28", "suiteb", "2.28.3 library/x509_crt.c:131-147") },
  },
  "3.6": {
    // SHA-256 and up, curves at or above 128-bit security (secp256k1 only in next).
    default: { name: "mbedtls_x509_crt_profile_default", allowedMds: SHA2_256_UP, allowedPks: "any", allowedCurves: ["SECP256R1", "SECP384R1", "SECP521R1", "BP256R1", "BP384R1", "BP512R1"], rsaMinBitlen: 2048, citation: cite("3.6", "default", "3.6.6 library/x509_crt.c:89-111") },
    next: { name: "mbedtls_x509_crt_profile_next", allowedMds: SHA2_256_UP, allowedPks: "any", allowedCurves: NEXT_CURVES, rsaMinBitlen: 2048, citation: cite("3.6", "next", "3.6.6 library/x509_crt.c:115-135") },
    suiteb: { name: "mbedtls_x509_crt_profile_suiteb", allowedMds: ["SHA256", "SHA384"], allowedPks: ["ECDSA", "ECKEY"], allowedCurves: ["SECP256R1", "SECP384R1"], rsaMinBitlen: 0, citation: cite("3.6", "suiteb", "3.6.6 library/x509_crt.c:140-156") },
  },
};

/** The profile a device of `version` verifies with: the default unless --mbedtls-profile chose one. */
export function x509ProfileFor(version: MbedtlsVersion, choice?: MbedtlsX509ProfileChoice): MbedtlsX509Profile {
  if (choice && "custom" in choice) return choice.custom;
  return MBEDTLS_X509_PROFILES[version][choice?.named ?? "default"];
}

export function allows<Name extends string>(set: IdSet<Name>, name: Name): boolean {
  return set === "any" || set.includes(name);
}

/** "any", "none", or the names: for messages and facts. */
export function idSetText(set: IdSet<string>): string {
  return set === "any" ? "any" : set.length === 0 ? "none" : set.join(", ");
}

/** The profile in one line, its fields as mbedtls_x509_crt_profile names them. */
export function x509ProfileText(profile: MbedtlsX509Profile): string {
  return `allowed_mds ${idSetText(profile.allowedMds)}; allowed_pks ${idSetText(profile.allowedPks)}; allowed_curves ${idSetText(profile.allowedCurves)}; rsa_min_bitlen ${profile.rsaMinBitlen}`;
}

// ---------------------------------------------------------------------------------------------
// pkilab's certificate facts in mbedTLS's ids (library/oid.c: signature OIDs → md + pk type).
// ---------------------------------------------------------------------------------------------

const MD_OF_HASH: Readonly<Record<string, MdName>> = {
  md5: "MD5", sha1: "SHA1", sha224: "SHA224", sha256: "SHA256", sha384: "SHA384", sha512: "SHA512",
  "sha3-224": "SHA3_224", "sha3-256": "SHA3_256", "sha3-384": "SHA3_384", "sha3-512": "SHA3_512", ripemd160: "RIPEMD160",
};

/** The md a signature's hash is to mbedTLS (undefined: one pkilab cannot name; the parse rules speak for it). */
export function mdOfHash(hash: string | undefined): MdName | undefined {
  return hash === undefined ? undefined : MD_OF_HASH[hash];
}

/** sig_pk of a signature algorithm: ecdsa-with-* is ECDSA, RSASSA-PSS its own type. */
export function pkOfSignature(key: string): PkName | undefined {
  return key === "rsa" ? "RSA" : key === "rsa-pss" ? "RSASSA_PSS" : key === "ec" ? "ECDSA" : undefined;
}

/** The pk type of a subjectPublicKeyInfo: id-ecPublicKey is ECKEY. */
export function pkOfKey(type: string): PkName | undefined {
  return type === "rsa" ? "RSA" : type === "rsa-pss" ? "RSASSA_PSS" : type === "ec" ? "ECKEY" : undefined;
}

/** MBEDTLS_ECP_DP_ name of a pkilab curve name ("P-256" → "SECP256R1"). */
export function curveId(curve: string): string | undefined {
  return CURVES.find((c) => c.name === curve)?.dp;
}
