/**
 * The TLS registries pkilab names things by: cipher suites (with the certificate key type each
 * needs), groups, signature schemes, extensions, versions, point formats, handshake and record
 * types — IANA's "Transport Layer Security (TLS) Parameters" registries and the RFCs cited beside
 * each table. Shared by the ClientHello decoder (src/peers/parse/client-hello.ts) and the lint
 * rules that reason about suites, without loading the decoder.
 */

/**
 * The key type of the server certificate a TLS 1.2 suite needs: "ECDSA" (an EC key), "RSA", "DSA",
 * or "any" when the suite does not constrain it (TLS 1.3 suites, where signature_algorithms decides,
 * RFC 8446 §4.4.2.2; PSK, anonymous, SRP and EC J-PAKE suites, which use no certificate or any).
 * The fixed-ECDH suites TLS_ECDH_RSA_* need an EC key too (signed by an RSA CA): RFC 4492 §2.3.
 */
export type CertKeyType = "ECDSA" | "RSA" | "DSA" | "any";

/** One row: code point, IANA name, certificate key type (undefined for signalling values). */
type SuiteRow = readonly [id: number, name: string, key: CertKeyType | undefined];

/**
 * TLS cipher suites: the IANA "TLS Cipher Suites" registry, limited to what OpenSSL 3.0 (`openssl
 * ciphers -V -stdname 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'`) and mbedTLS 2.28/3.6
 * (include/mbedtls/ssl_ciphersuites.h) can offer, plus the TLS 1.3 suites and the SCSVs.
 * Grouped by the RFC that defines them.
 */
const CIPHER_SUITES: readonly SuiteRow[] = [
  // Signalling values (not real suites): RFC 5746 §3.3 (renegotiation SCSV), RFC 7507 (fallback SCSV)
  [0x0000, "TLS_NULL_WITH_NULL_NULL", undefined],
  [0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", undefined],
  [0x5600, "TLS_FALLBACK_SCSV", undefined],
  // TLS 1.3: any certificate key (the signature scheme decides): RFC 8446 §B.4
  [0x1301, "TLS_AES_128_GCM_SHA256", "any"],
  [0x1302, "TLS_AES_256_GCM_SHA384", "any"],
  [0x1303, "TLS_CHACHA20_POLY1305_SHA256", "any"],
  [0x1304, "TLS_AES_128_CCM_SHA256", "any"],
  [0x1305, "TLS_AES_128_CCM_8_SHA256", "any"],
  // RSA key transport, DHE: RSA and DSS: RFC 5246 App. C, RFC 3268 (AES), RFC 5932 (Camellia); RC4 prohibited by RFC 7465, DES/3DES deprecated by RFC 8996
  [0x0001, "TLS_RSA_WITH_NULL_MD5", "RSA"],
  [0x0002, "TLS_RSA_WITH_NULL_SHA", "RSA"],
  [0x0004, "TLS_RSA_WITH_RC4_128_MD5", "RSA"],
  [0x0005, "TLS_RSA_WITH_RC4_128_SHA", "RSA"],
  [0x0009, "TLS_RSA_WITH_DES_CBC_SHA", "RSA"],
  [0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "RSA"],
  [0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", "DSA"],
  [0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA", "RSA"],
  [0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "RSA"],
  [0x002c, "TLS_PSK_WITH_NULL_SHA", "any"],
  [0x002d, "TLS_DHE_PSK_WITH_NULL_SHA", "any"],
  [0x002e, "TLS_RSA_PSK_WITH_NULL_SHA", "RSA"],
  [0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", "RSA"],
  [0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "DSA"],
  [0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "RSA"],
  [0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA", "any"],
  [0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "RSA"],
  [0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "DSA"],
  [0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "RSA"],
  [0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA", "any"],
  [0x003b, "TLS_RSA_WITH_NULL_SHA256", "RSA"],
  [0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", "RSA"],
  [0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", "RSA"],
  [0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "DSA"],
  [0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA", "RSA"],
  [0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA", "DSA"],
  [0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", "RSA"],
  [0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", "any"],
  [0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "RSA"],
  [0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "DSA"],
  [0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "RSA"],
  [0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256", "any"],
  [0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256", "any"],
  [0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", "RSA"],
  [0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", "DSA"],
  [0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA", "RSA"],
  [0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA", "any"],
  [0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", "RSA"],
  [0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", "RSA"],
  [0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "RSA"],
  [0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "RSA"],
  [0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "DSA"],
  [0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "DSA"],
  [0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256", "any"],
  [0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384", "any"],
  [0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", "RSA"],
  [0x00bd, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256", "DSA"],
  [0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "RSA"],
  [0x00bf, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256", "any"],
  [0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", "RSA"],
  [0x00c3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256", "DSA"],
  [0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256", "RSA"],
  [0x00c5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256", "any"],
  // PSK, DHE_PSK, RSA_PSK: RFC 4279, RFC 4785 (NULL), RFC 5487 (SHA-2/GCM)
  [0x008a, "TLS_PSK_WITH_RC4_128_SHA", "any"],
  [0x008b, "TLS_PSK_WITH_3DES_EDE_CBC_SHA", "any"],
  [0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA", "any"],
  [0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA", "any"],
  [0x008e, "TLS_DHE_PSK_WITH_RC4_128_SHA", "any"],
  [0x008f, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA", "any"],
  [0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA", "any"],
  [0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA", "any"],
  [0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA", "RSA"],
  [0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA", "RSA"],
  [0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA", "RSA"],
  [0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA", "RSA"],
  [0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256", "any"],
  [0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384", "any"],
  [0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "any"],
  [0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384", "any"],
  [0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", "RSA"],
  [0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384", "RSA"],
  [0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256", "any"],
  [0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384", "any"],
  [0x00b0, "TLS_PSK_WITH_NULL_SHA256", "any"],
  [0x00b1, "TLS_PSK_WITH_NULL_SHA384", "any"],
  [0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256", "any"],
  [0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384", "any"],
  [0x00b4, "TLS_DHE_PSK_WITH_NULL_SHA256", "any"],
  [0x00b5, "TLS_DHE_PSK_WITH_NULL_SHA384", "any"],
  [0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256", "RSA"],
  [0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384", "RSA"],
  [0x00b8, "TLS_RSA_PSK_WITH_NULL_SHA256", "RSA"],
  [0x00b9, "TLS_RSA_PSK_WITH_NULL_SHA384", "RSA"],
  // ECC (fixed ECDH and ECDHE): RFC 8422 (obsoletes RFC 4492), RFC 5289 (SHA-2/GCM)
  [0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA", "ECDSA"],
  [0xc002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA", "ECDSA"],
  [0xc003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDSA"],
  [0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", "ECDSA"],
  [0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA", "ECDSA"],
  [0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA", "ECDSA"],
  [0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "ECDSA"],
  [0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", "ECDSA"],
  [0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDSA"],
  [0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDSA"],
  [0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA", "ECDSA"],
  [0xc00c, "TLS_ECDH_RSA_WITH_RC4_128_SHA", "ECDSA"],
  [0xc00d, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", "ECDSA"],
  [0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA", "ECDSA"],
  [0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", "ECDSA"],
  [0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA", "RSA"],
  [0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "RSA"],
  [0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "RSA"],
  [0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "RSA"],
  [0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "RSA"],
  [0xc015, "TLS_ECDH_anon_WITH_NULL_SHA", "any"],
  [0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA", "any"],
  [0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA", "any"],
  [0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDSA"],
  [0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDSA"],
  [0xc025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", "ECDSA"],
  [0xc026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384", "ECDSA"],
  [0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "RSA"],
  [0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "RSA"],
  [0xc029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256", "ECDSA"],
  [0xc02a, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", "ECDSA"],
  [0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDSA"],
  [0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDSA"],
  [0xc02d, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", "ECDSA"],
  [0xc02e, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", "ECDSA"],
  [0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "RSA"],
  [0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "RSA"],
  [0xc031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", "ECDSA"],
  [0xc032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", "ECDSA"],
  // SRP: RFC 5054
  [0xc01d, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA", "any"],
  [0xc01e, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", "RSA"],
  [0xc01f, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA", "DSA"],
  [0xc020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA", "any"],
  [0xc021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA", "RSA"],
  [0xc022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA", "DSA"],
  // ECDHE_PSK: RFC 5489, RFC 8442
  [0xc033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA", "any"],
  [0xc034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA", "any"],
  [0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", "any"],
  [0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA", "any"],
  [0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", "any"],
  [0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384", "any"],
  [0xc039, "TLS_ECDHE_PSK_WITH_NULL_SHA", "any"],
  [0xc03a, "TLS_ECDHE_PSK_WITH_NULL_SHA256", "any"],
  [0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384", "any"],
  [0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "any"],
  [0xd002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384", "any"],
  [0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256", "any"],
  [0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256", "any"],
  // ARIA: RFC 6209
  [0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256", "RSA"],
  [0xc03d, "TLS_RSA_WITH_ARIA_256_CBC_SHA384", "RSA"],
  [0xc044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256", "RSA"],
  [0xc045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384", "RSA"],
  [0xc048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256", "ECDSA"],
  [0xc049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384", "ECDSA"],
  [0xc04a, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256", "ECDSA"],
  [0xc04b, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384", "ECDSA"],
  [0xc04c, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256", "RSA"],
  [0xc04d, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384", "RSA"],
  [0xc04e, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256", "ECDSA"],
  [0xc04f, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384", "ECDSA"],
  [0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256", "RSA"],
  [0xc051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384", "RSA"],
  [0xc052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256", "RSA"],
  [0xc053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384", "RSA"],
  [0xc056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256", "DSA"],
  [0xc057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384", "DSA"],
  [0xc05c, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256", "ECDSA"],
  [0xc05d, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384", "ECDSA"],
  [0xc05e, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256", "ECDSA"],
  [0xc05f, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384", "ECDSA"],
  [0xc060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256", "RSA"],
  [0xc061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384", "RSA"],
  [0xc062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256", "ECDSA"],
  [0xc063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384", "ECDSA"],
  [0xc064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256", "any"],
  [0xc065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384", "any"],
  [0xc066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256", "any"],
  [0xc067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384", "any"],
  [0xc068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256", "RSA"],
  [0xc069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384", "RSA"],
  [0xc06a, "TLS_PSK_WITH_ARIA_128_GCM_SHA256", "any"],
  [0xc06b, "TLS_PSK_WITH_ARIA_256_GCM_SHA384", "any"],
  [0xc06c, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256", "any"],
  [0xc06d, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384", "any"],
  [0xc06e, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256", "RSA"],
  [0xc06f, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384", "RSA"],
  [0xc070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256", "any"],
  [0xc071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384", "any"],
  // Camellia (SHA-2, GCM): RFC 6367
  [0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDSA"],
  [0xc073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDSA"],
  [0xc074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDSA"],
  [0xc075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDSA"],
  [0xc076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256", "RSA"],
  [0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384", "RSA"],
  [0xc078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256", "ECDSA"],
  [0xc079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384", "ECDSA"],
  [0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256", "RSA"],
  [0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384", "RSA"],
  [0xc07c, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "RSA"],
  [0xc07d, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "RSA"],
  [0xc086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDSA"],
  [0xc087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDSA"],
  [0xc088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDSA"],
  [0xc089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDSA"],
  [0xc08a, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256", "RSA"],
  [0xc08b, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384", "RSA"],
  [0xc08c, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256", "ECDSA"],
  [0xc08d, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384", "ECDSA"],
  [0xc08e, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256", "any"],
  [0xc08f, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384", "any"],
  [0xc090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256", "any"],
  [0xc091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384", "any"],
  [0xc092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256", "RSA"],
  [0xc093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384", "RSA"],
  [0xc094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256", "any"],
  [0xc095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384", "any"],
  [0xc096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "any"],
  [0xc097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "any"],
  [0xc098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256", "RSA"],
  [0xc099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384", "RSA"],
  [0xc09a, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256", "any"],
  [0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384", "any"],
  // AES-CCM: RFC 6655, RFC 7251 (ECDHE_ECDSA)
  [0xc09c, "TLS_RSA_WITH_AES_128_CCM", "RSA"],
  [0xc09d, "TLS_RSA_WITH_AES_256_CCM", "RSA"],
  [0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM", "RSA"],
  [0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM", "RSA"],
  [0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8", "RSA"],
  [0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8", "RSA"],
  [0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8", "RSA"],
  [0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8", "RSA"],
  [0xc0a4, "TLS_PSK_WITH_AES_128_CCM", "any"],
  [0xc0a5, "TLS_PSK_WITH_AES_256_CCM", "any"],
  [0xc0a6, "TLS_DHE_PSK_WITH_AES_128_CCM", "any"],
  [0xc0a7, "TLS_DHE_PSK_WITH_AES_256_CCM", "any"],
  [0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8", "any"],
  [0xc0a9, "TLS_PSK_WITH_AES_256_CCM_8", "any"],
  [0xc0aa, "TLS_PSK_DHE_WITH_AES_128_CCM_8", "any"],
  [0xc0ab, "TLS_PSK_DHE_WITH_AES_256_CCM_8", "any"],
  [0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "ECDSA"],
  [0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", "ECDSA"],
  [0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDSA"],
  [0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8", "ECDSA"],
  // EC J-PAKE (mbedTLS; no certificate): draft-cragie-tls-ecjpake-01, IANA TLS Cipher Suites registry
  [0xc0ff, "TLS_ECJPAKE_WITH_AES_128_CCM_8", "any"],
  // ChaCha20-Poly1305: RFC 7905
  [0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "RSA"],
  [0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDSA"],
  [0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "RSA"],
  [0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "any"],
  [0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "any"],
  [0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "any"],
  [0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256", "RSA"],
];

/** RFC 8701 GREASE values: 0x0a0a, 0x1a1a, … 0xfafa (cipher suites, groups, extensions, versions, signature schemes). */
export function isGrease(id: number): boolean {
  return (id & 0x0f0f) === 0x0a0a && id >> 8 === (id & 0xff);
}

/**
 * TLS Supported Groups (IANA "TLS Supported Groups" registry). Groups 1–22 and 0xff01/0xff02 are
 * deprecated by RFC 8422 §5.1.1; 1–14 are binary curves no current library offers.
 */
const GROUPS: readonly (readonly [id: number, name: string])[] = [
  // RFC 8422 §5.1.1 (from RFC 4492 §5.1.1): binary curves, then prime curves
  [1, "sect163k1"], [2, "sect163r1"], [3, "sect163r2"], [4, "sect193r1"], [5, "sect193r2"],
  [6, "sect233k1"], [7, "sect233r1"], [8, "sect239k1"], [9, "sect283k1"], [10, "sect283r1"],
  [11, "sect409k1"], [12, "sect409r1"], [13, "sect571k1"], [14, "sect571r1"],
  [15, "secp160k1"], [16, "secp160r1"], [17, "secp160r2"],
  [18, "secp192k1"], [19, "secp192r1"], [20, "secp224k1"], [21, "secp224r1"], [22, "secp256k1"],
  [23, "secp256r1"], [24, "secp384r1"], [25, "secp521r1"],
  // RFC 7027: Brainpool curves for TLS 1.2
  [26, "brainpoolP256r1"], [27, "brainpoolP384r1"], [28, "brainpoolP512r1"],
  // RFC 8422 §5.1.1 / RFC 7748
  [29, "x25519"], [30, "x448"],
  // RFC 8734: Brainpool curves for TLS 1.3
  [31, "brainpoolP256r1tls13"], [32, "brainpoolP384r1tls13"], [33, "brainpoolP512r1tls13"],
  // RFC 9189: GOST curves
  [34, "GC256A"], [35, "GC256B"], [36, "GC256C"], [37, "GC256D"], [38, "GC512A"], [39, "GC512B"], [40, "GC512C"],
  // RFC 8998: ShangMi
  [41, "curveSM2"],
  // RFC 7919: finite-field Diffie-Hellman groups
  [256, "ffdhe2048"], [257, "ffdhe3072"], [258, "ffdhe4096"], [259, "ffdhe6144"], [260, "ffdhe8192"],
  // draft-ietf-tls-mlkem: ML-KEM alone
  [512, "MLKEM512"], [513, "MLKEM768"], [514, "MLKEM1024"],
  // draft-ietf-tls-ecdhe-mlkem: hybrid ECDHE + ML-KEM
  [4587, "SecP256r1MLKEM768"], [4588, "X25519MLKEM768"], [4589, "SecP384r1MLKEM1024"],
  // draft-tls-westerbaan-xyber768d00 (obsolete pre-standard Kyber, sent by 2023–2024 browsers)
  [0x6399, "X25519Kyber768Draft00"], [0x639a, "SecP256r1Kyber768Draft00"],
  // RFC 8422 §5.1.1: explicit curves (deprecated)
  [0xff01, "arbitrary_explicit_prime_curves"], [0xff02, "arbitrary_explicit_char2_curves"],
];

/**
 * TLS SignatureScheme values (IANA "TLS SignatureScheme" registry, RFC 8446 §4.2.3). Code points
 * not listed here that are TLS 1.2 (hash, signature) pairs are named by signatureSchemeName().
 */
const SIGNATURE_SCHEMES: readonly (readonly [id: number, name: string])[] = [
  // RFC 8446 §4.2.3: RSASSA-PKCS1-v1_5 and ECDSA (the TLS 1.2 sha1/sha256/sha384/sha512 pairs)
  [0x0201, "rsa_pkcs1_sha1"], [0x0203, "ecdsa_sha1"],
  [0x0401, "rsa_pkcs1_sha256"], [0x0501, "rsa_pkcs1_sha384"], [0x0601, "rsa_pkcs1_sha512"],
  [0x0403, "ecdsa_secp256r1_sha256"], [0x0503, "ecdsa_secp384r1_sha384"], [0x0603, "ecdsa_secp521r1_sha512"],
  // RFC 8446 §4.2.3: RSASSA-PSS, EdDSA
  [0x0804, "rsa_pss_rsae_sha256"], [0x0805, "rsa_pss_rsae_sha384"], [0x0806, "rsa_pss_rsae_sha512"],
  [0x0807, "ed25519"], [0x0808, "ed448"],
  [0x0809, "rsa_pss_pss_sha256"], [0x080a, "rsa_pss_pss_sha384"], [0x080b, "rsa_pss_pss_sha512"],
  // RFC 8734: ECDSA on Brainpool curves in TLS 1.3
  [0x081a, "ecdsa_brainpoolP256r1tls13_sha256"], [0x081b, "ecdsa_brainpoolP384r1tls13_sha384"],
  [0x081c, "ecdsa_brainpoolP512r1tls13_sha512"],
  // draft-ietf-tls-tls13-pkcs1: PKCS#1 v1.5 for TLS 1.3 client certificates
  [0x0420, "rsa_pkcs1_sha256_legacy"], [0x0520, "rsa_pkcs1_sha384_legacy"], [0x0620, "rsa_pkcs1_sha512_legacy"],
  // RFC 8998: ShangMi
  [0x0708, "sm2sig_sm3"],
  // draft-ietf-tls-mldsa: ML-DSA
  [0x0904, "mldsa44"], [0x0905, "mldsa65"], [0x0906, "mldsa87"],
];

/** RFC 5246 §7.4.1.4.1 HashAlgorithm and SignatureAlgorithm, for the TLS 1.2 pairs not named above. */
const TLS12_HASHES: Readonly<Record<number, string>> = { 1: "md5", 2: "sha1", 3: "sha224", 4: "sha256", 5: "sha384", 6: "sha512" };
/** rsa is "rsa_pkcs1_" as in RFC 8446's names for the same pairs (rsa_pkcs1_sha1, rsa_pkcs1_sha256). */
const TLS12_SIGNATURES: Readonly<Record<number, string>> = { 1: "rsa_pkcs1_", 2: "dsa_", 3: "ecdsa_" };

/** TLS ExtensionType values (IANA "TLS ExtensionType Values" registry), with their RFCs. */
const EXTENSIONS: readonly (readonly [id: number, name: string])[] = [
  [0, "server_name"], [1, "max_fragment_length"], [2, "client_certificate_url"], [3, "trusted_ca_keys"],
  [4, "truncated_hmac"], [5, "status_request"],                                      // RFC 6066
  [6, "user_mapping"],                                                               // RFC 4681
  [7, "client_authz"], [8, "server_authz"],                                          // RFC 5878
  [9, "cert_type"],                                                                  // RFC 6091
  [10, "supported_groups"], [11, "ec_point_formats"],                                // RFC 8422, RFC 7919
  [12, "srp"],                                                                       // RFC 5054
  [13, "signature_algorithms"],                                                      // RFC 8446
  [14, "use_srtp"],                                                                  // RFC 5764
  [15, "heartbeat"],                                                                 // RFC 6520
  [16, "application_layer_protocol_negotiation"],                                    // RFC 7301
  [17, "status_request_v2"],                                                         // RFC 6961
  [18, "signed_certificate_timestamp"],                                              // RFC 6962
  [19, "client_certificate_type"], [20, "server_certificate_type"],                  // RFC 7250
  [21, "padding"],                                                                   // RFC 7685
  [22, "encrypt_then_mac"],                                                          // RFC 7366
  [23, "extended_master_secret"],                                                    // RFC 7627
  [24, "token_binding"],                                                             // RFC 8472
  [25, "cached_info"],                                                               // RFC 7924
  [26, "tls_lts"],                                                                   // draft-gutmann-tls-lts
  [27, "compress_certificate"],                                                      // RFC 8879
  [28, "record_size_limit"],                                                         // RFC 8449
  [29, "pwd_protect"], [30, "pwd_clear"], [31, "password_salt"],                     // RFC 8492
  [32, "ticket_pinning"],                                                            // RFC 8672
  [33, "tls_cert_with_extern_psk"],                                                  // RFC 8773
  [34, "delegated_credential"],                                                      // RFC 9345
  [35, "session_ticket"],                                                            // RFC 5077, RFC 8447
  [36, "TLMSP"], [37, "TLMSP_proxying"], [38, "TLMSP_delegate"],                     // ETSI TS 103 523-2
  [39, "supported_ekt_ciphers"],                                                     // RFC 8870
  [41, "pre_shared_key"], [42, "early_data"], [43, "supported_versions"], [44, "cookie"],
  [45, "psk_key_exchange_modes"], [47, "certificate_authorities"], [48, "oid_filters"],
  [49, "post_handshake_auth"], [50, "signature_algorithms_cert"], [51, "key_share"], // RFC 8446
  [52, "transparency_info"],                                                         // RFC 9162
  [53, "connection_id_deprecated"], [54, "connection_id"],                           // RFC 9146
  [55, "external_id_hash"], [56, "external_session_id"],                             // RFC 8844
  [57, "quic_transport_parameters"],                                                 // RFC 9001
  [58, "ticket_request"],                                                            // RFC 9149
  [59, "dnssec_chain"],                                                              // RFC 9102
  [60, "sequence_number_encryption_algorithms"],                                     // draft-pismenny-tls-dtls-plaintext-sequence-number
  [61, "rrc"],                                                                       // draft-ietf-tls-dtls-rrc
  [0x0100, "ecjpake_kkpp"],                                                          // mbedTLS, draft-cragie-tls-ecjpake
  [0x3374, "next_protocol_negotiation"],                                             // draft-agl-tls-nextprotoneg (not IANA)
  [0x4469, "application_settings_old"], [0x44cd, "application_settings"],            // draft-vvv-tls-alps (not IANA)
  [0xfd00, "ech_outer_extensions"], [0xfe0d, "encrypted_client_hello"],              // draft-ietf-tls-esni
  [0xff01, "renegotiation_info"],                                                    // RFC 5746
];

/** ProtocolVersion values (RFC 8446 §4.2.1, RFC 5246 App. E, RFC 6347 §4.1, RFC 9147 §5.3). */
const VERSIONS: Readonly<Record<number, string>> = {
  0x0002: "SSL 2.0", 0x0300: "SSL 3.0", 0x0301: "TLS 1.0", 0x0302: "TLS 1.1", 0x0303: "TLS 1.2", 0x0304: "TLS 1.3",
  0xfeff: "DTLS 1.0", 0xfefd: "DTLS 1.2", 0xfefc: "DTLS 1.3",
};

/** ECPointFormat (RFC 8422 §5.1.2). */
export const POINT_FORMATS: Readonly<Record<number, string>> = { 0: "uncompressed", 1: "ansiX962_compressed_prime", 2: "ansiX962_compressed_char2" };

/** HandshakeType (RFC 8446 §4, RFC 5246 §7.4, RFC 6347 §4.3.2, RFC 6066 §8), as Wireshark and OpenSSL print them. */
export const HANDSHAKE_TYPES: Readonly<Record<number, string>> = {
  0: "HelloRequest", 1: "ClientHello", 2: "ServerHello", 3: "HelloVerifyRequest", 4: "NewSessionTicket",
  5: "EndOfEarlyData", 8: "EncryptedExtensions", 11: "Certificate", 12: "ServerKeyExchange", 13: "CertificateRequest",
  14: "ServerHelloDone", 15: "CertificateVerify", 16: "ClientKeyExchange", 20: "Finished", 22: "CertificateStatus",
  24: "KeyUpdate",
};

/** ContentType of a TLS record (RFC 8446 §5.1, RFC 6520 for heartbeat). */
export const CONTENT_TYPES: Readonly<Record<number, string>> = {
  20: "ChangeCipherSpec", 21: "Alert", 22: "Handshake", 23: "ApplicationData", 24: "Heartbeat",
};

const SUITE_BY_ID = new Map(CIPHER_SUITES.map((row) => [row[0], row]));
const GROUP_BY_ID = new Map(GROUPS);
const SCHEME_BY_ID = new Map(SIGNATURE_SCHEMES);
const EXTENSION_BY_ID = new Map(EXTENSIONS);

/** "0x001d": how a code point missing from the tables is named. */
export function hex4(id: number): string {
  return `0x${id.toString(16).padStart(4, "0")}`;
}

export function cipherSuiteName(id: number): string {
  return SUITE_BY_ID.get(id)?.[1] ?? (isGrease(id) ? "GREASE" : hex4(id));
}

/**
 * The key type of the certificate a server needs to choose this suite (see CertKeyType); undefined
 * for signalling values (SCSVs), GREASE and suites not in the table.
 */
export function cipherSuiteKeyType(id: number): CertKeyType | undefined {
  return SUITE_BY_ID.get(id)?.[2];
}

/** True for the signalling cipher suite values (RFC 5746 §3.3, RFC 7507), which are not suites. */
export function isScsv(id: number): boolean {
  return cipherSuiteName(id).endsWith("_SCSV");
}

export function groupName(id: number): string {
  return GROUP_BY_ID.get(id) ?? (isGrease(id) ? "GREASE" : hex4(id));
}

export function signatureSchemeName(id: number): string {
  const known = SCHEME_BY_ID.get(id);
  if (known) return known;
  if (isGrease(id)) return "GREASE";
  const hash = TLS12_HASHES[id >> 8];
  const signature = TLS12_SIGNATURES[id & 0xff];
  return hash && signature ? signature + hash : hex4(id);
}

export function extensionName(id: number): string {
  return EXTENSION_BY_ID.get(id) ?? (isGrease(id) ? "GREASE" : hex4(id));
}

export function versionName(id: number): string {
  const known = VERSIONS[id];
  if (known) return known;
  if (isGrease(id)) return "GREASE";
  // Pre-RFC TLS 1.3 drafts were 0x7f00 + draft number (draft-ietf-tls-tls13-28 §4.2.1).
  if (id >> 8 === 0x7f) return `TLS 1.3 draft ${id & 0xff}`;
  return hex4(id);
}
