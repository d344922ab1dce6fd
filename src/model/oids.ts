/** Object identifiers pkilab reads, with the names people know them by. */

export const ATTRIBUTE_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.4": "SN",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.9": "street",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.12": "title",
  "2.5.4.42": "GN",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "0.9.2342.19200300.100.1.1": "UID",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "emailAddress",
};

export const EXT = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  basicConstraints: "2.5.29.19",
  nameConstraints: "2.5.29.30",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  authorityKeyIdentifier: "2.5.29.35",
  policyConstraints: "2.5.29.36",
  extKeyUsage: "2.5.29.37",
  inhibitAnyPolicy: "2.5.29.54",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  nsCertType: "2.16.840.1.113730.1.1",
  proxyCertInfo: "1.3.6.1.5.5.7.1.14",
  ipAddrBlocks: "1.3.6.1.5.5.7.1.7",
  ocspNoCheck: "1.3.6.1.5.5.7.48.1.5",
  autonomousSysIds: "1.3.6.1.5.5.7.1.8",
} as const;

/**
 * Extensions OpenSSL understands when marked critical (crypto/x509/v3_purp.c, X509_supported_extension,
 * OpenSSL 3.0); any other critical extension fails verification with error 34
 * "unhandled critical extension". Note that SKI and AKI are not in the list.
 */
export const OPENSSL_SUPPORTED_CRITICAL = new Set<string>([
  EXT.nsCertType,
  EXT.keyUsage,
  EXT.subjectAltName,
  EXT.basicConstraints,
  EXT.certificatePolicies,
  EXT.crlDistributionPoints,
  EXT.extKeyUsage,
  EXT.policyConstraints,
  EXT.proxyCertInfo,
  EXT.nameConstraints,
  EXT.policyMappings,
  EXT.inhibitAnyPolicy,
  EXT.ipAddrBlocks,
  EXT.autonomousSysIds,
  EXT.ocspNoCheck,
]);

/**
 * Extensions OpenSSL decodes while caching a certificate's extensions (x509v3_cache_extensions);
 * a repeat of one of these makes the certificate invalid. Repeats of others pass unnoticed.
 */
export const OPENSSL_DECODED = new Set<string>([...OPENSSL_SUPPORTED_CRITICAL, EXT.subjectKeyIdentifier, EXT.authorityKeyIdentifier, EXT.issuerAltName]);

export const EKU = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  ocspSigning: "1.3.6.1.5.5.7.3.9",
  anyExtendedKeyUsage: "2.5.29.37.0",
} as const;

export const EKU_NAMES: Record<string, string> = Object.fromEntries(Object.entries(EKU).map(([name, oid]) => [oid, name]));

/** RFC 5280 4.2.1.3 bit order. */
export const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

/** Netscape cert type bits (OpenSSL NS_SSL_CLIENT = bit 0 ... NS_OBJSIGN_CA = bit 7). */
export const NS_CERT_TYPE_BITS = ["sslClient", "sslServer", "smime", "objectSigning", "reserved", "sslCA", "smimeCA", "objectSigningCA"] as const;
export type NsCertType = (typeof NS_CERT_TYPE_BITS)[number];

export const KEY_ALGORITHMS: Record<string, "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "dsa"> = {
  "1.2.840.113549.1.1.1": "rsa",
  "1.2.840.113549.1.1.10": "rsa-pss",
  "1.2.840.10045.2.1": "ec",
  "1.3.101.112": "ed25519",
  "1.3.101.113": "ed448",
  "1.2.840.10040.4.1": "dsa",
};

/** Named curves by OID, with the name mbedTLS/OpenSSL users know. */
export const CURVES: Record<string, string> = {
  "1.2.840.10045.3.1.1": "P-192",
  "1.3.132.0.33": "P-224",
  "1.2.840.10045.3.1.7": "P-256",
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
  "1.3.132.0.10": "secp256k1",
  "1.3.36.3.3.2.8.1.1.7": "brainpoolP256r1",
  "1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
  "1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
};

export interface SignatureAlgorithmInfo {
  name: string;
  /** Key family that must have made it. */
  key: "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "dsa";
  /** node:crypto digest name; undefined for EdDSA (and for PSS, where it comes from the parameters). */
  hash?: string;
}

export const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithmInfo> = {
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", key: "rsa", hash: "md5" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", key: "rsa", hash: "sha1" },
  "1.2.840.113549.1.1.14": { name: "sha224WithRSAEncryption", key: "rsa", hash: "sha224" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", key: "rsa", hash: "sha256" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", key: "rsa", hash: "sha384" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", key: "rsa", hash: "sha512" },
  "1.2.840.113549.1.1.10": { name: "rsassaPss", key: "rsa-pss" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", key: "ec", hash: "sha1" },
  "1.2.840.10045.4.3.1": { name: "ecdsa-with-SHA224", key: "ec", hash: "sha224" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", key: "ec", hash: "sha256" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", key: "ec", hash: "sha384" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", key: "ec", hash: "sha512" },
  "1.3.101.112": { name: "Ed25519", key: "ed25519" },
  "1.3.101.113": { name: "Ed448", key: "ed448" },
  "1.2.840.10040.4.3": { name: "dsa-with-SHA1", key: "dsa", hash: "sha1" },
  "2.16.840.1.101.3.4.3.2": { name: "dsa-with-SHA256", key: "dsa", hash: "sha256" },
};

export const HASH_OIDS: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};
