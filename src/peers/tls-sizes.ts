/**
 * Size of the TLS Certificate handshake message carrying a chain, including the 4-byte handshake
 * header: what an mbedTLS peer must hold in MBEDTLS_SSL_IN_CONTENT_LEN (mbedtls_ssl_prepare_handshake_record()
 * in library/ssl_msg.c; test/peers/mbedtls-lint.test.ts scenarios "certificate-message-*").
 * TLS 1.2 (RFC 5246 7.4.2): 4 + 3 + Σ(3 + len). TLS 1.3 (RFC 8446 4.4.2): 4 + 1 + 3 + Σ(3 + len + 2),
 * with no per-certificate extensions (no stapled OCSP/SCT).
 */
export function certificateMessageSize(derLengths: number[], tls: "1.2" | "1.3"): number {
  const perCert = tls === "1.2" ? 3 : 5;
  const header = tls === "1.2" ? 7 : 8;
  return header + derLengths.reduce((sum, len) => sum + perCert + len, 0);
}

/** The largest TLS record plaintext (RFC 8446 5.1): beyond it a handshake message is fragmented. */
export const MAX_RECORD_PLAINTEXT = 16384;
