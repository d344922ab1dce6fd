/**
 * mbedTLS error codes (MBEDTLS_ERR_*) of the modules that matter for TLS and certificates, for
 * mbedTLS 2.28 LTS and 3.6 LTS side by side, and the X.509 verify flags (MBEDTLS_X509_BADCERT_*).
 *
 * Sources and conventions
 * - Names and values: `#define MBEDTLS_ERR_<MODULE>_<NAME> -0xNNNN` in include/mbedtls/<module>.h
 *   of 2.28.3 (Debian bookworm libmbedtls-dev, identical to upstream v2.28.3 apart from config.h)
 *   and 3.6.6 (Debian trixie source package = upstream v3.6.6). `cite` points at the defining line:
 *   `[2.28.3 include/mbedtls/ssl.h:109]`. The headers covered: ssl, x509, pk, ecp, bignum, pem,
 *   pkcs5, pkcs12, rsa, asn1, oid, base64, md, cipher, net_sockets, error (and 2.28 platform.h).
 *   Every code defined there is in this table (test/explain/knowledge.test.ts checks both ways).
 * - Texts: what `mbedtls_strerror(code)` prints for the code alone, WITHOUT the module prefix:
 *   strerror prints "SSL - A fatal alert message was received from our peer"; `module` holds "SSL"
 *   and `text28`/`text36` hold the rest. So the full string is `${module} - ${text}`. Checked by
 *   running mbedtls_strerror from the real 2.28.3 and 3.6.6 libraries.
 * - Composition (the comment at the top of include/mbedtls/error.h, both versions): a returned
 *   code is a negative sum of a high-level part
 *   (0x1000–0x7F80, `(-code) & 0xFF80`) and a low-level part (0x0001–0x007F, `(-code) & 0x007F`),
 *   e.g. -0x262E = X509_UNKNOWN_SIG_ALG (0x2600) + OID_NOT_FOUND (0x002E). `level` says which half
 *   a code is.
 * - `causes`: the usual certificate/configuration causes, most likely first, each saying where it
 *   comes from: an mbedTLS source file and function ("x509_crt.c x509_crt_verify_chain()" is
 *   library/x509_crt.c of Mbed-TLS/mbedtls at tags v2.28.3 and v3.6.6), a ChangeLog entry, a test
 *   in this repository that shows it on the real library (a scenario of test/peers/mbedtls-lint.test.ts,
 *   or test/peers/mbedtls-harness.test.ts), or a seed fixture (fixtures/logs/README.md lists the four
 *   public user reports). 📄 marks a cause read from the source only.
 */

export type MbedtlsModule =
  | "SSL"
  | "X509"
  | "PK"
  | "ECP"
  | "BIGNUM"
  | "PEM"
  | "PKCS5"
  | "PKCS12"
  | "RSA"
  | "ASN1"
  | "OID"
  | "BASE64"
  | "MD"
  | "CIPHER"
  | "NET"
  | "ERROR"
  | "PLATFORM";

export interface MbedtlsErrorEntry {
  /** The error code, negative as mbedTLS returns it. */
  code: number;
  /** The prefix mbedtls_strerror prints before " - " (BIGNUM for the MPI codes). */
  module: MbedtlsModule;
  /** High-level (0x1000–0x7F80) or low-level (0x0001–0x007F) part of a composed code. */
  level: "high" | "low";
  /** Macro name in 2.28 (absent: not defined in 2.28.3). */
  name28?: string;
  /** Macro name in 3.6 (absent: not defined in 3.6.6). */
  name36?: string;
  /** mbedtls_strerror text in 2.28.3, without the "MODULE - " prefix. */
  text28?: string;
  /** mbedtls_strerror text in 3.6.6, without the "MODULE - " prefix. */
  text36?: string;
  /** The usual certificate/config causes, most likely first. */
  causes: string[];
  /** Version differences worth saying out loud. */
  note?: string;
  cite: string;
}

export const MBEDTLS_ERRORS: readonly MbedtlsErrorEntry[] = [
  // ---- SSL
  {
    code: -0x5D80, module: "SSL", level: "high",
    name36: "MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME",
    text36: "Attempt to verify a certificate without an expected hostname. This is usually insecure.  In TLS clients, when a client authenticates a server through its certificate, the client normally checks three things: - the certificate chain must be valid; - the chain must start from a trusted CA; - the certificate must cover the server name that is expected by the client.  Omitting any of these checks is generally insecure, and can allow a malicious server to impersonate a legitimate server.  The third check may be safely skipped in some unusual scenarios, such as networks where eavesdropping is a risk but not active attacks, or a private PKI where the client equally trusts all servers that are accredited by the root CA.  You should call mbedtls_ssl_set_hostname() with the expected server name before starting a TLS handshake on a client (unless the client is set up to only use PSK-based authentication, which does not rely on the host name). If you have determined that server name verification is not required for security in your scenario, call mbedtls_ssl_set_hostname() with \\p NULL as the server name.  This error is raised if all of the following conditions are met:  - A TLS client is configured with the authentication mode #MBEDTLS_SSL_VERIFY_REQUIRED (default). - Certificate authentication is enabled. - The client does not call mbedtls_ssl_set_hostname(). - The configuration option #MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME is not enabled",
    causes: [
      "3.6.3+ (and 2.28.10): the client verifies the server certificate but mbedtls_ssl_set_hostname() was never called — call it with the name (or IP) the certificate must match, or with NULL to skip the check explicitly (3.6.6 ChangeLog, CVE-2025-27809; test/peers/mbedtls-harness.test.ts, \"hostname not set\")",
    ],
    note: "Also defined by 2.28.10 (Mbed-TLS/mbedtls branch mbedtls-2.28, ChangeLog of 2.28.10); absent from the 2.28.3 headers checked here.",
    cite: "[3.6.6 include/mbedtls/ssl.h:204]",
  },
  {
    code: -0x5E80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_CONFIG", name36: "MBEDTLS_ERR_SSL_BAD_CONFIG",
    text28: "Invalid value in SSL config",
    text36: "Invalid value in SSL config",
    causes: [
      "an invalid value in the SSL configuration, e.g. min/max versions that exclude each other, TLS 1.3 enabled without a usable key exchange mode, or a ciphersuite list with nothing usable",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:195] [3.6.6 include/mbedtls/ssl.h:168]",
  },
  {
    code: -0x5F00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_VERSION_MISMATCH", name36: "MBEDTLS_ERR_SSL_VERSION_MISMATCH",
    text28: "An operation failed due to an unexpected version or configuration",
    text36: "An operation failed due to an unexpected version or configuration",
    causes: [
      "an operation failed because of the negotiated version/configuration, e.g. a TLS 1.2-only API used on a TLS 1.3 connection",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:191] [3.6.6 include/mbedtls/ssl.h:166]",
  },
  {
    code: -0x6000, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_UNEXPECTED_CID", name36: "MBEDTLS_ERR_SSL_UNEXPECTED_CID",
    text28: "An encrypted DTLS-frame with an unexpected CID was received",
    text36: "An encrypted DTLS-frame with an unexpected CID was received",
    causes: [
      "DTLS: a record with an unexpected connection ID",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:189] [3.6.6 include/mbedtls/ssl.h:164]",
  },
  {
    code: -0x6480, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_EARLY_MESSAGE", name36: "MBEDTLS_ERR_SSL_EARLY_MESSAGE",
    text28: "Internal-only message signaling that a message arrived early",
    text36: "Internal-only message signaling that a message arrived early",
    causes: [
      "internal: a message arrived early (not returned to the application)",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:187] [3.6.6 include/mbedtls/ssl.h:154]",
  },
  {
    code: -0x6500, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_ASYNC_IN_PROGRESS", name36: "MBEDTLS_ERR_SSL_ASYNC_IN_PROGRESS",
    text28: "The asynchronous operation is not completed yet",
    text36: "The asynchronous operation is not completed yet",
    causes: [
      "an asynchronous private-key operation (MBEDTLS_SSL_ASYNC_PRIVATE) is not finished: call again",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:185] [3.6.6 include/mbedtls/ssl.h:152]",
  },
  {
    code: -0x6580, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_CONTINUE_PROCESSING", name36: "MBEDTLS_ERR_SSL_CONTINUE_PROCESSING",
    text28: "Internal-only message signaling that further message-processing should be done",
    text36: "Internal-only message signaling that further message-processing should be done",
    causes: [
      "internal: further message processing needed (not returned to the application)",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:183] [3.6.6 include/mbedtls/ssl.h:150]",
  },
  {
    code: -0x6600, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_INVALID_VERIFY_HASH", name36: "MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER",
    text28: "Couldn't set the hash for verifying CertificateVerify",
    text36: "A field in a message was incorrect or inconsistent with other fields",
    causes: [
      "2.28: the hash for verifying the peer's CertificateVerify could not be set (the peer chose a hash this build lacks)",
      "3.6: a handshake field is syntactically valid but inconsistent (the device sends alert 47 illegal_parameter): e.g. a signature algorithm or group the peer picked that was not offered, a key share for the wrong group",
    ],
    note: "Same number, different meaning: 2.28 SSL_INVALID_VERIFY_HASH, 3.6 SSL_ILLEGAL_PARAMETER.",
    cite: "[2.28.3 include/mbedtls/ssl.h:181] [3.6.6 include/mbedtls/ssl.h:148]",
  },
  {
    code: -0x6680, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_NON_FATAL", name36: "MBEDTLS_ERR_SSL_NON_FATAL",
    text28: "The alert message received indicates a non-fatal error",
    text36: "The alert message received indicates a non-fatal error",
    causes: [
      "a non-fatal (warning) alert was received; usually no_renegotiation or a user-defined warning",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:179] [3.6.6 include/mbedtls/ssl.h:146]",
  },
  {
    code: -0x6700, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_UNEXPECTED_RECORD", name36: "MBEDTLS_ERR_SSL_UNEXPECTED_RECORD",
    text28: "Record header looks valid but is not expected",
    text36: "Record header looks valid but is not expected",
    causes: [
      "a record header looks valid but is not expected (DTLS epoch/sequence mismatch)",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:177] [3.6.6 include/mbedtls/ssl.h:144]",
  },
  {
    code: -0x6780, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_CLIENT_RECONNECT", name36: "MBEDTLS_ERR_SSL_CLIENT_RECONNECT",
    text28: "The client initiated a reconnect from the same port",
    text36: "The client initiated a reconnect from the same port",
    causes: [
      "DTLS server: the client reconnected from the same port",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:175] [3.6.6 include/mbedtls/ssl.h:142]",
  },
  {
    code: -0x6800, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_TIMEOUT", name36: "MBEDTLS_ERR_SSL_TIMEOUT",
    text28: "The operation timed out",
    text36: "The operation timed out",
    causes: [
      "the read timed out (mbedtls_ssl_conf_read_timeout): the server did not answer — e.g. it is waiting for a client certificate, or a firewall drops packets",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:173] [3.6.6 include/mbedtls/ssl.h:140]",
  },
  {
    code: -0x6880, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_WANT_WRITE", name36: "MBEDTLS_ERR_SSL_WANT_WRITE",
    text28: "Connection requires a write call",
    text36: "Connection requires a write call",
    causes: [
      "non-blocking I/O: call again when the socket is writable; not an error",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:171] [3.6.6 include/mbedtls/ssl.h:138]",
  },
  {
    code: -0x6900, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_WANT_READ", name36: "MBEDTLS_ERR_SSL_WANT_READ",
    text28: "No data of requested type currently available on underlying transport",
    text36: "No data of requested type currently available on underlying transport",
    causes: [
      "non-blocking I/O: no data yet, call again; not an error",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:169] [3.6.6 include/mbedtls/ssl.h:136]",
  },
  {
    code: -0x6980, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE",
    text28: "None of the common ciphersuites is usable (eg, no suitable certificate, see debug messages)",
    causes: [
      "2.28: none of the common ciphersuites is usable — the server's certificate key type does not match any offered suite (e.g. the device offers only ECDHE-ECDSA and the server has an RSA cert, fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server), or the cert's curve is not in the client's supported groups (ssl_srv.c ssl_parse_client_hello())",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:167]",
  },
  {
    code: -0x6A00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL", name36: "MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL",
    text28: "A buffer is too small to receive or write a message",
    text36: "A buffer is too small to receive or write a message",
    causes: [
      "a buffer is too small to write or receive a message: 3.6: our own certificate chain is larger than MBEDTLS_SSL_OUT_CONTENT_LEN (📄); a record larger than the configured buffer (3.6 ssl_tls.c mbedtls_ssl_write_certificate(): \"certificate too large\")",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:165] [3.6.6 include/mbedtls/ssl.h:133]",
  },
  {
    code: -0x6A80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED", name36: "MBEDTLS_ERR_SSL_HELLO_VERIFY_REQUIRED",
    text28: "DTLS client must retry for hello verification",
    text36: "DTLS client must retry for hello verification",
    causes: [
      "DTLS client: the server asked for a HelloVerifyRequest retry; handled by the library",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:163] [3.6.6 include/mbedtls/ssl.h:131]",
  },
  {
    code: -0x6B00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_WAITING_SERVER_HELLO_RENEGO", name36: "MBEDTLS_ERR_SSL_WAITING_SERVER_HELLO_RENEGO",
    text28: "Unexpected message at ServerHello in renegotiation",
    text36: "Unexpected message at ServerHello in renegotiation",
    causes: [
      "unexpected message at ServerHello during renegotiation",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:161] [3.6.6 include/mbedtls/ssl.h:129]",
  },
  {
    code: -0x6B80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_COUNTER_WRAPPING", name36: "MBEDTLS_ERR_SSL_COUNTER_WRAPPING",
    text28: "A counter would wrap (eg, too many messages exchanged)",
    text36: "A counter would wrap (eg, too many messages exchanged)",
    causes: [
      "a record counter would wrap: renegotiate or reconnect",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:159] [3.6.6 include/mbedtls/ssl.h:127]",
  },
  {
    code: -0x6C00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_INTERNAL_ERROR", name36: "MBEDTLS_ERR_SSL_INTERNAL_ERROR",
    text28: "Internal error (eg, unexpected failure in lower-level module)",
    text36: "Internal error (eg, unexpected failure in lower-level module)",
    causes: [
      "an unexpected failure in a lower-level module: read the debug log (level 1) for the call that failed — often a crypto operation with a key the build cannot handle, or memory exhaustion",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:157] [3.6.6 include/mbedtls/ssl.h:125]",
  },
  {
    code: -0x6C80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY", name36: "MBEDTLS_ERR_SSL_UNKNOWN_IDENTITY",
    text28: "Unknown identity received (eg, PSK identity)",
    text36: "Unknown identity received (eg, PSK identity)",
    causes: [
      "the PSK identity sent by the client is unknown to the server",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:155] [3.6.6 include/mbedtls/ssl.h:123]",
  },
  {
    code: -0x6D00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH", name36: "MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH",
    text28: "Public key type mismatch (eg, asked for RSA key exchange and presented EC key)",
    text36: "Public key type mismatch (eg, asked for RSA key exchange and presented EC key)",
    causes: [
      "the public key type does not fit the negotiated key exchange: e.g. an EC certificate with an RSA ciphersuite or the reverse — the server's certificate key does not match the suites configured",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:153] [3.6.6 include/mbedtls/ssl.h:121]",
  },
  {
    code: -0x6D80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED", name36: "MBEDTLS_ERR_SSL_SESSION_TICKET_EXPIRED",
    text28: "Session ticket has expired",
    text36: "Session ticket has expired",
    causes: [
      "the session ticket has expired; a full handshake follows",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:151] [3.6.6 include/mbedtls/ssl.h:119]",
  },
  {
    code: -0x6E00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_NEW_SESSION_TICKET", name36: "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE",
    text28: "Processing of the NewSessionTicket handshake message failed",
    text36: "The handshake negotiation failed",
    causes: [
      "2.28: the NewSessionTicket message could not be processed",
      "3.6: the handshake negotiation failed (the device sends alert 40): no common ciphersuite, group or signature algorithm — e.g. the server's certificate curve/key type is not enabled in the device config; also the 3.6 TLS 1.3 client's error when the server's CertificateVerify does not verify, i.e. the server's private key does not match its certificate (3.6 ssl_tls13_generic.c ssl_tls13_parse_certificate_verify())",
    ],
    note: "Same number, different meaning: 2.28 SSL_BAD_HS_NEW_SESSION_TICKET, 3.6 SSL_HANDSHAKE_FAILURE.",
    cite: "[2.28.3 include/mbedtls/ssl.h:149] [3.6.6 include/mbedtls/ssl.h:117]",
  },
  {
    code: -0x6E80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION", name36: "MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION",
    text28: "Handshake protocol not within min/max boundaries",
    text36: "Handshake protocol not within min/max boundaries",
    causes: [
      "the negotiated protocol version is outside [min, max]: e.g. a TLS 1.3-only server and a TLS 1.2-only device, or MBEDTLS_SSL_PROTO_TLS1_3 not compiled in (the peer sends alert 70, RFC 8446 4.2.1 and Appendix D)",
    ],
    note: "Renamed only: 2.28 SSL_BAD_HS_PROTOCOL_VERSION, 3.6 SSL_BAD_PROTOCOL_VERSION (same strerror text).",
    cite: "[2.28.3 include/mbedtls/ssl.h:147] [3.6.6 include/mbedtls/ssl.h:115]",
  },
  {
    code: -0x6F00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_COMPRESSION_FAILED",
    text28: "Processing of the compression / decompression failed",
    causes: [
      "2.28: record compression/decompression failed",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:145]",
  },
  {
    code: -0x6F80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_HW_ACCEL_FALLTHROUGH", name36: "MBEDTLS_ERR_SSL_HW_ACCEL_FALLTHROUGH",
    text28: "Hardware acceleration function skipped / left alone data",
    text36: "Hardware acceleration function skipped / left alone data",
    causes: [
      "an alternative (hardware) implementation skipped the operation and left it to software; internal",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:143] [3.6.6 include/mbedtls/ssl.h:113]",
  },
  {
    code: -0x7000, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS", name36: "MBEDTLS_ERR_SSL_CRYPTO_IN_PROGRESS",
    text28: "A cryptographic operation is in progress. Try again later",
    text36: "A cryptographic operation is in progress. Try again later",
    causes: [
      "only with restartable ECC (MBEDTLS_SSL_ECP_RESTARTABLE_ENABLED): a crypto operation is in progress, call again; not an error (2.28 ssl_cli.c returns it under MBEDTLS_SSL_ECP_RESTARTABLE_ENABLED only)",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:193] [3.6.6 include/mbedtls/ssl.h:47]",
  },
  {
    code: -0x7080, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE",
    text28: "The requested feature is not available",
    text36: "The requested feature is not available",
    causes: [
      "2.28 and 3.6.0–3.6.2: a handshake message (usually the peer's Certificate) is split across several records and mbedTLS cannot reassemble it: the chain is larger than 16 KB, or a max_fragment_length was negotiated that is smaller than the Certificate message; shorten the chain (omit the root, fewer intermediates, EC keys) or use 3.6.3+ (ssl_msg.c mbedtls_ssl_prepare_handshake_record(): \"TLS handshake fragmentation not supported\"; 3.6.6 ChangeLog, 3.6.3 entry; test/peers/mbedtls-lint.test.ts scenario \"certificate-message-18k-2.28-system\"; test/peers/mbedtls-harness.test.ts, \"mfl=512\")",
      "the configuration asks for a feature that is compiled out (a key exchange, renegotiation, a TLS version)",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:81] [3.6.6 include/mbedtls/ssl.h:49]",
  },
  {
    code: -0x7100, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_SSL_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "an incoming record or handshake message is larger than the input buffer ('requesting more data than fits'): the peer's Certificate message (the whole chain) is bigger than MBEDTLS_SSL_IN_CONTENT_LEN — raise it or send a shorter chain (ssl_msg.c mbedtls_ssl_fetch_input(); test/peers/mbedtls-lint.test.ts scenarios \"certificate-message-5k-*-in-4096\", \"certificate-message-18k-3.6\")",
      "API misuse: a hostname longer than 255 bytes, an invalid argument or a call in the wrong state",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:83] [3.6.6 include/mbedtls/ssl.h:51]",
  },
  {
    code: -0x7180, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_INVALID_MAC", name36: "MBEDTLS_ERR_SSL_INVALID_MAC",
    text28: "Verification of the message MAC failed",
    text36: "Verification of the message MAC failed",
    causes: [
      "a record failed its MAC/AEAD check: the two ends derived different keys (a wrong PSK, a broken RNG/entropy or hardware crypto), or the stream was altered by a middlebox",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:85] [3.6.6 include/mbedtls/ssl.h:53]",
  },
  {
    code: -0x7200, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_INVALID_RECORD", name36: "MBEDTLS_ERR_SSL_INVALID_RECORD",
    text28: "An invalid SSL record was received",
    text36: "An invalid SSL record was received",
    causes: [
      "a record's plaintext is larger than MBEDTLS_SSL_IN_CONTENT_LEN but still fits the buffer ('bad message length'), e.g. application data or a Certificate record bigger than IN_CONTENT_LEN (ssl_msg.c ssl_prepare_record_content())",
      "a malformed record: the peer is not speaking TLS (plain HTTP on the port, a proxy banner), or the stream is corrupt",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:87] [3.6.6 include/mbedtls/ssl.h:55]",
  },
  {
    code: -0x7280, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_CONN_EOF", name36: "MBEDTLS_ERR_SSL_CONN_EOF",
    text28: "The connection indicated an EOF",
    text36: "The connection indicated an EOF",
    causes: [
      "the peer closed the connection without an alert: a 2.28 server requiring a client certificate closes silently when none is sent (2.28 ssl_tls.c mbedtls_ssl_parse_certificate() returns -0x7480 without sending an alert); a server or proxy that rejects the ClientHello by hanging up; an idle timeout",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:89] [3.6.6 include/mbedtls/ssl.h:57]",
  },
  {
    code: -0x7300, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_UNKNOWN_CIPHER", name36: "MBEDTLS_ERR_SSL_DECODE_ERROR",
    text28: "An unknown cipher was received",
    text36: "A message could not be parsed due to a syntactic error",
    causes: [
      "2.28: the server selected a ciphersuite the client did not offer or does not know",
      "3.6: a message could not be parsed (the device sends alert 50 decode_error): a malformed handshake message or extension; for a malformed Certificate message 3.6 uses this where 2.28 used -0x7A00 (3.6 ssl_tls.c ssl_parse_certificate_chain()) 📄",
    ],
    note: "Same number, different meaning: 2.28 SSL_UNKNOWN_CIPHER, 3.6 SSL_DECODE_ERROR.",
    cite: "[2.28.3 include/mbedtls/ssl.h:91] [3.6.6 include/mbedtls/ssl.h:59]",
  },
  {
    code: -0x7380, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN",
    text28: "The server has no ciphersuites in common with the client",
    causes: [
      "2.28: no ciphersuite was chosen — the server has no ciphersuite in common with the client (check the suites enabled in the device config against the server's; fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server; 2.28 ssl_srv.c ssl_parse_client_hello())",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:93]",
  },
  {
    code: -0x7400, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_NO_RNG", name36: "MBEDTLS_ERR_SSL_NO_RNG",
    text28: "No RNG was provided to the SSL module",
    text36: "No RNG was provided to the SSL module",
    causes: [
      "mbedtls_ssl_conf_rng() was not called before the handshake",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:95] [3.6.6 include/mbedtls/ssl.h:62]",
  },
  {
    code: -0x7480, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE", name36: "MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE",
    text28: "No client certification received from the client, but required by the authentication mode",
    text36: "No client certification received from the client, but required by the authentication mode",
    causes: [
      "server side: the client sent no certificate although authmode is MBEDTLS_SSL_VERIFY_REQUIRED — no client certificate configured on the client, or the client found none matching the CertificateRequest (CA names, signature algorithms) (ssl_tls.c mbedtls_ssl_parse_certificate(); 3.6 also ssl_tls13_generic.c)",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:97] [3.6.6 include/mbedtls/ssl.h:64]",
  },
  {
    code: -0x7500, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_CERTIFICATE_TOO_LARGE", name36: "MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION",
    text28: "Our own certificate(s) is/are too large to send in an SSL message",
    text36: "Client received an extended server hello containing an unsupported extension",
    causes: [
      "2.28: our own certificate chain is larger than MBEDTLS_SSL_OUT_CONTENT_LEN (📄): shorten the chain or raise OUT_CONTENT_LEN",
      "3.6: the peer sent an extension that was not requested or not allowed (unsupported_extension)",
    ],
    note: "Same number, different meaning: 2.28 SSL_CERTIFICATE_TOO_LARGE, 3.6 SSL_UNSUPPORTED_EXTENSION.",
    cite: "[2.28.3 include/mbedtls/ssl.h:99] [3.6.6 include/mbedtls/ssl.h:66]",
  },
  {
    code: -0x7580, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_CERTIFICATE_REQUIRED", name36: "MBEDTLS_ERR_SSL_NO_APPLICATION_PROTOCOL",
    text28: "The own certificate is not set, but needed by the server",
    text36: "No ALPN protocols supported that the client advertises",
    causes: [
      "2.28: we are a server (or client asked for a certificate) and no own certificate was configured (mbedtls_ssl_conf_own_cert)",
      "3.6: ALPN — none of the client's protocols is supported by the server (no_application_protocol)",
    ],
    note: "Same number, different meaning: 2.28 SSL_CERTIFICATE_REQUIRED, 3.6 SSL_NO_APPLICATION_PROTOCOL.",
    cite: "[2.28.3 include/mbedtls/ssl.h:101] [3.6.6 include/mbedtls/ssl.h:68]",
  },
  {
    code: -0x7600, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED", name36: "MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED",
    text28: "The own private key or pre-shared key is not set, but needed",
    text36: "The own private key or pre-shared key is not set, but needed",
    causes: [
      "no own private key (or PSK) is configured although the handshake needs one: mbedtls_ssl_conf_own_cert() was given a NULL key, or PSK mode without mbedtls_ssl_conf_psk()",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:103] [3.6.6 include/mbedtls/ssl.h:70]",
  },
  {
    code: -0x7680, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED", name36: "MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED",
    text28: "No CA Chain is set, but required to operate",
    text36: "No CA Chain is set, but required to operate",
    causes: [
      "authmode is REQUIRED but no CA chain is configured (mbedtls_ssl_conf_ca_chain was not called or got an empty chain — e.g. every CA certificate failed to parse) (2.28 ssl_tls.c ssl_parse_certificate_verify(), 3.6 mbedtls_ssl_verify_certificate())",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:105] [3.6.6 include/mbedtls/ssl.h:72]",
  },
  {
    code: -0x7700, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE", name36: "MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE",
    text28: "An unexpected message was received from our peer",
    text36: "An unexpected message was received from our peer",
    causes: [
      "an unexpected handshake message arrived: e.g. the server requested a client certificate in a state the client did not expect, a TLS version mismatch, or a non-TLS peer",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:107] [3.6.6 include/mbedtls/ssl.h:74]",
  },
  {
    code: -0x7780, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE", name36: "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE",
    text28: "A fatal alert message was received from our peer",
    text36: "A fatal alert message was received from our peer",
    causes: [
      "the peer sent a fatal alert: see its number in the debug output ('is a fatal alert message (msg N)' at level 1). From an OpenSSL/nginx peer: 40 = no shared cipher or curve (the server's cert curve is not in the device's list, or no common suite), 42 = client certificate not yet valid, 43 = client certificate EKU lacks clientAuth, 45 = client certificate expired, 48 = client certificate from an unknown CA / missing intermediate / self-signed, 51 = client key does not match its certificate, 70 = protocol version, 116 = no client certificate sent (TLS 1.3) (OpenSSL ssl/statem/statem_lib.c ssl_x509err2alert(); test/peers/mbedtls-lint.test.ts scenarios name the alert of each failure; test/explain/knowledge.test.ts, \"messages against real programs\")",
      "TLS 1.3 client certificate rejected: mbedtls_ssl_handshake() returned 0 and the alert shows up on the first mbedtls_ssl_read() (RFC 8446 4.4.2.4: the server checks the client's certificate after its own Finished; Mbed-TLS/mbedtls#10877)",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:109] [3.6.6 include/mbedtls/ssl.h:76]",
  },
  {
    code: -0x7800, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED", name36: "MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME",
    text28: "Verification of our peer failed",
    text36: "No server could be identified matching the client's SNI",
    causes: [
      "2.28: verification of the peer failed (a generic verify failure path)",
      "3.6: no server matches the client's SNI (unrecognized_name): the device sends a hostname the server has no certificate/virtual host for",
    ],
    note: "Same number, different meaning: 2.28 SSL_PEER_VERIFY_FAILED, 3.6 SSL_UNRECOGNIZED_NAME.",
    cite: "[2.28.3 include/mbedtls/ssl.h:111] [3.6.6 include/mbedtls/ssl.h:78]",
  },
  {
    code: -0x7880, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY", name36: "MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY",
    text28: "The peer notified us that the connection is going to be closed",
    text36: "The peer notified us that the connection is going to be closed",
    causes: [
      "the peer sent close_notify: the connection is closed cleanly; not an error",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:113] [3.6.6 include/mbedtls/ssl.h:80]",
  },
  {
    code: -0x7900, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO",
    text28: "Processing of the ClientHello handshake message failed",
    causes: [
      "2.28: the ClientHello could not be processed: no common version or suite, or a malformed/unsupported extension",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:115]",
  },
  {
    code: -0x7980, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO",
    text28: "Processing of the ServerHello handshake message failed",
    causes: [
      "2.28: the ServerHello could not be processed: a version or suite the client did not offer, or a malformed extension",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:117]",
  },
  {
    code: -0x7A00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE", name36: "MBEDTLS_ERR_SSL_BAD_CERTIFICATE",
    text28: "Processing of the Certificate handshake message failed",
    text36: "Processing of the Certificate handshake message failed",
    causes: [
      "the certificate verified as X.509, but the TLS layer rejects it: the leaf's keyUsage/extendedKeyUsage does not allow the use (a server cert without serverAuth, a client cert without clientAuth, KU without digitalSignature/keyEncipherment) — the device sends alert 43 (ssl_tls.c mbedtls_ssl_check_cert_usage(); test/peers/mbedtls-lint.test.ts scenarios \"eku-clientauth-only-*\")",
      "TLS 1.2: the leaf's EC curve is not in the device's group list",
      "2.28: a malformed Certificate message (3.6 mostly reports -0x7300 instead) (ssl_tls.c ssl_parse_certificate_chain()) 📄",
    ],
    note: "Renamed only: 2.28 SSL_BAD_HS_CERTIFICATE, 3.6 SSL_BAD_CERTIFICATE (same strerror text).",
    cite: "[2.28.3 include/mbedtls/ssl.h:119] [3.6.6 include/mbedtls/ssl.h:84]",
  },
  {
    code: -0x7A80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_REQUEST",
    text28: "Processing of the CertificateRequest handshake message failed",
    causes: [
      "2.28: the CertificateRequest message could not be processed",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:121]",
  },
  {
    code: -0x7B00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE", name36: "MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET",
    text28: "Processing of the ServerKeyExchange handshake message failed",
    text36: "A TLS 1.3 NewSessionTicket message has been received",
    causes: [
      "2.28: the ServerKeyExchange could not be processed — its signature did not verify (server private key does not match its certificate) or it uses a curve/hash the device lacks",
      "3.6: a TLS 1.3 NewSessionTicket was received (only returned when MBEDTLS_SSL_SESSION_TICKETS handling asks for it); not an error",
    ],
    note: "Same number, different meaning: 2.28 SSL_BAD_HS_SERVER_KEY_EXCHANGE, 3.6 SSL_RECEIVED_NEW_SESSION_TICKET.",
    cite: "[2.28.3 include/mbedtls/ssl.h:123] [3.6.6 include/mbedtls/ssl.h:87]",
  },
  {
    code: -0x7B80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO_DONE", name36: "MBEDTLS_ERR_SSL_CANNOT_READ_EARLY_DATA",
    text28: "Processing of the ServerHelloDone handshake message failed",
    text36: "Not possible to read early data",
    causes: [
      "2.28: the ServerHelloDone could not be processed",
      "3.6: early data cannot be read (not an error of the certificate path)",
    ],
    note: "Same number, different meaning: 2.28 SSL_BAD_HS_SERVER_HELLO_DONE, 3.6 SSL_CANNOT_READ_EARLY_DATA.",
    cite: "[2.28.3 include/mbedtls/ssl.h:125] [3.6.6 include/mbedtls/ssl.h:89]",
  },
  {
    code: -0x7C00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE", name36: "MBEDTLS_ERR_SSL_RECEIVED_EARLY_DATA",
    text28: "Processing of the ClientKeyExchange handshake message failed",
    text36: "* Early data has been received as part of an on-going handshake. This error code can be returned only on server side if and only if early data has been enabled by means of the mbedtls_ssl_conf_early_data() API. This error code can then be returned by mbedtls_ssl_handshake(), mbedtls_ssl_handshake_step(), mbedtls_ssl_read() or mbedtls_ssl_write() if early data has been received as part of the handshake sequence they triggered. To read the early data, call mbedtls_ssl_read_early_data()",
    causes: [
      "2.28: the ClientKeyExchange could not be processed (server side): wrong key exchange parameters, or an RSA key exchange decrypted with the wrong key",
      "3.6: early data was received (server side, when early data is enabled); not an error",
    ],
    note: "Same number, different meaning: 2.28 SSL_BAD_HS_CLIENT_KEY_EXCHANGE, 3.6 SSL_RECEIVED_EARLY_DATA.",
    cite: "[2.28.3 include/mbedtls/ssl.h:127] [3.6.6 include/mbedtls/ssl.h:99]",
  },
  {
    code: -0x7C80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE_RP", name36: "MBEDTLS_ERR_SSL_CANNOT_WRITE_EARLY_DATA",
    text28: "Processing of the ClientKeyExchange handshake message failed in DHM / ECDH Read Public",
    text36: "Not possible to write early data",
    causes: [
      "2.28: the ClientKeyExchange public value could not be read (DHM/ECDH)",
      "3.6: early data cannot be written",
    ],
    note: "Same number, different meaning: 2.28 SSL_BAD_HS_CLIENT_KEY_EXCHANGE_RP, 3.6 SSL_CANNOT_WRITE_EARLY_DATA.",
    cite: "[2.28.3 include/mbedtls/ssl.h:129] [3.6.6 include/mbedtls/ssl.h:101]",
  },
  {
    code: -0x7D00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CLIENT_KEY_EXCHANGE_CS",
    text28: "Processing of the ClientKeyExchange handshake message failed in DHM / ECDH Calculate Secret",
    causes: [
      "2.28: computing the shared secret from the ClientKeyExchange failed (DHM/ECDH)",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:131]",
  },
  {
    code: -0x7D80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_VERIFY",
    text28: "Processing of the CertificateVerify handshake message failed",
    causes: [
      "2.28: the client's CertificateVerify did not verify: the client's private key does not match its certificate, or the client used a hash the server lacks",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:133]",
  },
  {
    code: -0x7E00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_CHANGE_CIPHER_SPEC",
    text28: "Processing of the ChangeCipherSpec handshake message failed",
    causes: [
      "2.28: the ChangeCipherSpec message could not be processed",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ssl.h:135]",
  },
  {
    code: -0x7E80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_BAD_HS_FINISHED", name36: "MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND",
    text28: "Processing of the Finished handshake message failed",
    text36: "Cache entry not found",
    causes: [
      "2.28: the Finished message did not verify: the two ends computed different handshake transcripts/keys (a middlebox, or a broken crypto implementation)",
      "3.6: session cache lookup — entry not found; internal, not an error",
    ],
    note: "Same number, different meaning: 2.28 SSL_BAD_HS_FINISHED, 3.6 SSL_CACHE_ENTRY_NOT_FOUND.",
    cite: "[2.28.3 include/mbedtls/ssl.h:137] [3.6.6 include/mbedtls/ssl.h:107]",
  },
  {
    code: -0x7F00, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_ALLOC_FAILED", name36: "MBEDTLS_ERR_SSL_ALLOC_FAILED",
    text28: "Memory allocation failed",
    text36: "Memory allocation failed",
    causes: [
      "heap exhausted during the TLS handshake: the input/output buffers (IN/OUT_CONTENT_LEN) plus a long certificate chain do not fit the device's heap",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:139] [3.6.6 include/mbedtls/ssl.h:109]",
  },
  {
    code: -0x7F80, module: "SSL", level: "high",
    name28: "MBEDTLS_ERR_SSL_HW_ACCEL_FAILED", name36: "MBEDTLS_ERR_SSL_HW_ACCEL_FAILED",
    text28: "Hardware acceleration function returned with error",
    text36: "Hardware acceleration function returned with error",
    causes: [
      "a hardware-accelerated SSL function returned an error",
    ],
    cite: "[2.28.3 include/mbedtls/ssl.h:141] [3.6.6 include/mbedtls/ssl.h:111]",
  },
  // ---- X509
  {
    code: -0x2080, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE",
    text28: "Unavailable feature, e.g. RSA hashing/encryption combination",
    text36: "Unavailable feature, e.g. RSA hashing/encryption combination",
    causes: [
      "the certificate needs an algorithm/feature not compiled in, e.g. an RSASSA-PSS signature without MBEDTLS_X509_RSASSA_PSS_SUPPORT, or a hash/key combination the build lacks",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:60] [3.6.6 include/mbedtls/x509.h:45]",
  },
  {
    code: -0x2100, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_UNKNOWN_OID", name36: "MBEDTLS_ERR_X509_UNKNOWN_OID",
    text28: "Requested OID is unknown",
    text36: "Requested OID is unknown",
    causes: [
      "an OID mbedTLS must understand is unknown (e.g. a critical extension or an algorithm); usually combined with -0x002E",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:62] [3.6.6 include/mbedtls/x509.h:47]",
  },
  {
    code: -0x2180, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_FORMAT", name36: "MBEDTLS_ERR_X509_INVALID_FORMAT",
    text28: "The CRT/CRL/CSR format is invalid, e.g. different type expected",
    text36: "The CRT/CRL/CSR format is invalid, e.g. different type expected",
    causes: [
      "the buffer is not a certificate in the expected form: a PEM buffer without its terminating NUL or with a length that does not count it (xxd -i output, strlen()), 'BEGIN TRUSTED CERTIFICATE', an empty buffer, PEM passed to parse_der (x509_crt.c mbedtls_x509_crt_parse(); test/peers/mbedtls-harness.test.ts, \"C arrays: a PEM buffer must end with its NUL\")",
      "with a low part (-0x21E2 etc.): the DER is not a certificate at all, e.g. a private key passed to the certificate parser",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:64] [3.6.6 include/mbedtls/x509.h:49]",
  },
  {
    code: -0x2200, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_VERSION", name36: "MBEDTLS_ERR_X509_INVALID_VERSION",
    text28: "The CRT/CRL/CSR version element is invalid",
    text36: "The CRT/CRL/CSR version element is invalid",
    causes: [
      "the version field of a certificate/CRL/CSR is malformed; seen with a low part, e.g. -0x2262 (include/mbedtls/error.h)",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:66] [3.6.6 include/mbedtls/x509.h:51]",
  },
  {
    code: -0x2280, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_SERIAL", name36: "MBEDTLS_ERR_X509_INVALID_SERIAL",
    text28: "The serial tag or value is invalid",
    text36: "The serial tag or value is invalid",
    causes: [
      "the serial number is malformed (bad tag, empty, or longer than 20 bytes in some configs); seen with a low ASN.1 part",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:68] [3.6.6 include/mbedtls/x509.h:53]",
  },
  {
    code: -0x2300, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_ALG", name36: "MBEDTLS_ERR_X509_INVALID_ALG",
    text28: "The algorithm tag or value is invalid",
    text36: "The algorithm tag or value is invalid",
    causes: [
      "an AlgorithmIdentifier is malformed, e.g. unexpected parameters; seen with a low ASN.1 part",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:70] [3.6.6 include/mbedtls/x509.h:55]",
  },
  {
    code: -0x2380, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_NAME", name36: "MBEDTLS_ERR_X509_INVALID_NAME",
    text28: "The name tag or value is invalid",
    text36: "The name tag or value is invalid",
    causes: [
      "an issuer/subject name is malformed (wrong tags, bad string types); seen with a low ASN.1 part",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:72] [3.6.6 include/mbedtls/x509.h:57]",
  },
  {
    code: -0x2400, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_DATE", name36: "MBEDTLS_ERR_X509_INVALID_DATE",
    text28: "The date tag or value is invalid",
    text36: "The date tag or value is invalid",
    causes: [
      "notBefore/notAfter is malformed: not UTCTime/GeneralizedTime, or a date format mbedTLS rejects (missing seconds, a non-'Z' timezone); seen with a low ASN.1 part",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:74] [3.6.6 include/mbedtls/x509.h:59]",
  },
  {
    code: -0x2480, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_SIGNATURE", name36: "MBEDTLS_ERR_X509_INVALID_SIGNATURE",
    text28: "The signature tag or value invalid",
    text36: "The signature tag or value invalid",
    causes: [
      "the signature BIT STRING is malformed",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:76] [3.6.6 include/mbedtls/x509.h:61]",
  },
  {
    code: -0x2500, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_INVALID_EXTENSIONS", name36: "MBEDTLS_ERR_X509_INVALID_EXTENSIONS",
    text28: "The extension tag or value is invalid",
    text36: "The extension tag or value is invalid",
    causes: [
      "an extension is malformed or unsupported: most often an unknown CRITICAL extension (-0x2562 = + ASN1_UNEXPECTED_TAG) — mbedTLS refuses the whole certificate, and in a PEM bundle crt_parse silently drops it (x509_crt.c x509_get_crt_ext(); mbedtls_x509_crt_parse() returns the number of blocks that failed)",
      "a known extension with an encoding mbedTLS does not accept (e.g. a certificatePolicies qualifier it cannot parse, a SAN type it cannot parse, duplicate extensions)",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:78] [3.6.6 include/mbedtls/x509.h:63]",
  },
  {
    code: -0x2580, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_UNKNOWN_VERSION", name36: "MBEDTLS_ERR_X509_UNKNOWN_VERSION",
    text28: "CRT/CRL/CSR has an unsupported version number",
    text36: "CRT/CRL/CSR has an unsupported version number",
    causes: [
      "the certificate version is not v1/v2/v3",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:80] [3.6.6 include/mbedtls/x509.h:65]",
  },
  {
    code: -0x2600, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG", name36: "MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG",
    text28: "Signature algorithm (oid) is unsupported",
    text36: "Signature algorithm (oid) is unsupported",
    causes: [
      "the signature algorithm is unsupported by this build — -0x262E = + OID_NOT_FOUND: the signing hash (SHA-384/SHA-512/SHA-224/SHA-1) is disabled, RSA or ECDSA is compiled out, or the certificate uses Ed25519/RSASSA-PSS; such a certificate FAILS TO PARSE (a trust anchor is dropped, a chain cert in a TLS Certificate message is skipped, which later shows as -0x2700) (ssl_tls.c ssl_parse_certificate_chain(); test/peers/mbedtls-lint.test.ts scenarios \"sha512-signed-leaf-*\")",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:82] [3.6.6 include/mbedtls/x509.h:67]",
  },
  {
    code: -0x2680, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_SIG_MISMATCH", name36: "MBEDTLS_ERR_X509_SIG_MISMATCH",
    text28: "Signature algorithms do not match. (see \\c ::mbedtls_x509_crt sig_oid)",
    text36: "Signature algorithms do not match. (see \\c ::mbedtls_x509_crt sig_oid)",
    causes: [
      "the signatureAlgorithm outside the TBSCertificate differs from the one inside it: a corrupt or tampered certificate",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:84] [3.6.6 include/mbedtls/x509.h:69]",
  },
  {
    code: -0x2700, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", name36: "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED",
    text28: "Certificate verification failed, e.g. CRL, CA or signature check failed",
    text36: "Certificate verification failed, e.g. CRL, CA or signature check failed",
    causes: [
      "the chain did not verify: look at the verify flags (mbedtls_ssl_get_verify_result / mbedtls_x509_crt_verify_info). Flag 0x08 NOT_TRUSTED covers a missing intermediate, the wrong root, a bad signature, reversed intermediates and a non-CA intermediate alike (x509_crt.c x509_crt_verify_chain(); test/peers/mbedtls-lint.test.ts scenarios \"intermediate-missing-*\", \"intermediates-reversed-*\")",
      "the hostname does not match (flag 0x04 CN_MISMATCH): the device dials an IP that is not an iPAddress SAN (2.28 never matches iPAddress SANs), or a name absent from the SANs (x509_crt.c x509_crt_verify_name(); test/peers/mbedtls-lint.test.ts scenarios \"ip-san-only-*\", \"host-mismatch-*\")",
      "the time is wrong or the certificate is expired / not yet valid (0x01 / 0x200): a device without RTC or SNTP thinks it is 1970 or 2000",
      "the profile rejects a hash or key (0x4000 BAD_MD, 0x10000 BAD_KEY): SHA-1 certificate, RSA < 2048, a curve the profile disallows (x509_crt.c mbedtls_x509_crt_profile_default; test/peers/mbedtls-lint.test.ts scenarios \"sha1-signed-leaf-*\", \"rsa1024-leaf-*\")",
      "a chain certificate was skipped because it failed to parse (disabled hash or curve), so the chain appears broken (ssl_tls.c ssl_parse_certificate_chain())",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:86] [3.6.6 include/mbedtls/x509.h:71]",
  },
  {
    code: -0x2780, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT", name36: "MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT",
    text28: "Format not recognized as DER or PEM",
    text36: "Format not recognized as DER or PEM",
    causes: [
      "the buffer is neither DER nor recognisable PEM: a PEM header not followed by a newline, text before the BEGIN line in a raw buffer, or a non-certificate file (x509_crt.c mbedtls_x509_crt_parse())",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:88] [3.6.6 include/mbedtls/x509.h:73]",
  },
  {
    code: -0x2800, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_X509_BAD_INPUT_DATA",
    text28: "Input invalid",
    text36: "Input invalid",
    causes: [
      "invalid argument to an X.509 function; also what mbedtls_x509_crt_check_key_usage / check_extended_key_usage return when the KU/EKU does not allow the requested use (x509_crt.c mbedtls_x509_crt_check_key_usage() / mbedtls_x509_crt_check_extended_key_usage())",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:90] [3.6.6 include/mbedtls/x509.h:75]",
  },
  {
    code: -0x2880, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_ALLOC_FAILED", name36: "MBEDTLS_ERR_X509_ALLOC_FAILED",
    text28: "Allocation of memory failed",
    text36: "Allocation of memory failed",
    causes: [
      "heap exhausted while parsing or verifying certificates (long chain, large CA bundle on a small heap)",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:92] [3.6.6 include/mbedtls/x509.h:77]",
  },
  {
    code: -0x2900, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_FILE_IO_ERROR", name36: "MBEDTLS_ERR_X509_FILE_IO_ERROR",
    text28: "Read/write of file failed",
    text36: "Read/write of file failed",
    causes: [
      "a certificate/CRL file could not be read (mbedtls_x509_crt_parse_file / parse_path): wrong path or permissions",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:94] [3.6.6 include/mbedtls/x509.h:79]",
  },
  {
    code: -0x2980, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_BUFFER_TOO_SMALL", name36: "MBEDTLS_ERR_X509_BUFFER_TOO_SMALL",
    text28: "Destination buffer is too small",
    text36: "Destination buffer is too small",
    causes: [
      "an output buffer for an X.509 write/info function is too small",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:96] [3.6.6 include/mbedtls/x509.h:81]",
  },
  {
    code: -0x3000, module: "X509", level: "high",
    name28: "MBEDTLS_ERR_X509_FATAL_ERROR", name36: "MBEDTLS_ERR_X509_FATAL_ERROR",
    text28: "A fatal error occurred, eg the chain is too long or the vrfy callback failed",
    text36: "A fatal error occurred, eg the chain is too long or the vrfy callback failed",
    causes: [
      "more intermediates than MBEDTLS_X509_MAX_INTERMEDIATE_CA (default 8): flags become 0xFFFFFFFF and the device sends alert 49 access_denied (x509_crt.c x509_crt_verify_chain(); test/peers/mbedtls-lint.test.ts scenarios \"nine-intermediates-*\")",
      "the application's verify callback returned an error",
      "3.6: gmtime failed while checking validity (no usable time source)",
    ],
    cite: "[2.28.3 include/mbedtls/x509.h:98] [3.6.6 include/mbedtls/x509.h:83]",
  },
  // ---- PK
  {
    code: -0x3880, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_HW_ACCEL_FAILED", name36: "MBEDTLS_ERR_PK_BUFFER_TOO_SMALL",
    text28: "PK hardware accelerator failed",
    text36: "The output buffer is too small",
    causes: [
      "2.28: a PK hardware accelerator failed",
      "3.6: an output buffer (signature, exported key) is too small for the key in use",
    ],
    note: "Same number, different meaning: 2.28 PK_HW_ACCEL_FAILED, 3.6 PK_BUFFER_TOO_SMALL.",
    cite: "[2.28.3 include/mbedtls/pk.h:86] [3.6.6 include/mbedtls/pk.h:64]",
  },
  {
    code: -0x3900, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_SIG_LEN_MISMATCH", name36: "MBEDTLS_ERR_PK_SIG_LEN_MISMATCH",
    text28: "The buffer contains a valid signature followed by more data",
    text36: "The buffer contains a valid signature followed by more data",
    causes: [
      "a signature is valid but followed by extra bytes (non-canonical encoding)",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:82] [3.6.6 include/mbedtls/pk.h:62]",
  },
  {
    code: -0x3980, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE",
    text28: "Unavailable feature, e.g. RSA disabled for RSA key",
    text36: "Unavailable feature, e.g. RSA disabled for RSA key",
    causes: [
      "the key type needs a module that is compiled out, e.g. an RSA key with MBEDTLS_RSA_C disabled, or an operation the key type cannot do",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:80] [3.6.6 include/mbedtls/pk.h:60]",
  },
  {
    code: -0x3A00, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE", name36: "MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE",
    text28: "Elliptic curve is unsupported (only NIST curves are supported)",
    text36: "Elliptic curve is unsupported (only NIST curves are supported)",
    causes: [
      "the key's curve is not enabled in the config (MBEDTLS_ECP_DP_<curve>_ENABLED) or is not a named curve mbedTLS supports: the certificate or key FAILS TO PARSE — a trust anchor on that curve is silently dropped (test/peers/mbedtls-harness.test.ts, \"config variant: P-521 compiled out\"; fixtures/mbedtls/seed-002-p521-key-small-device, a P-521 key)",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:78] [3.6.6 include/mbedtls/pk.h:58]",
  },
  {
    code: -0x3A80, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_INVALID_ALG", name36: "MBEDTLS_ERR_PK_INVALID_ALG",
    text28: "The algorithm tag or value is invalid",
    text36: "The algorithm tag or value is invalid",
    causes: [
      "an algorithm identifier in a key is malformed or unsupported",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:76] [3.6.6 include/mbedtls/pk.h:56]",
  },
  {
    code: -0x3B00, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_INVALID_PUBKEY", name36: "MBEDTLS_ERR_PK_INVALID_PUBKEY",
    text28: "The pubkey tag or value is invalid (only RSA and EC are supported)",
    text36: "The pubkey tag or value is invalid (only RSA and EC are supported)",
    causes: [
      "the public key in the certificate cannot be loaded: an RSA modulus larger than MBEDTLS_MPI_MAX_SIZE (e.g. RSA-4096 with MPI_MAX_SIZE 256 — even the root is dropped), or a malformed SubjectPublicKeyInfo (rsa.c rsa_check_context(); test/peers/mbedtls-lint.test.ts scenarios \"rsa4096-leaf-*-mpi-256\")",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:74] [3.6.6 include/mbedtls/pk.h:54]",
  },
  {
    code: -0x3B80, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_PASSWORD_MISMATCH", name36: "MBEDTLS_ERR_PK_PASSWORD_MISMATCH",
    text28: "Given private key password does not allow for correct decryption",
    text36: "Given private key password does not allow for correct decryption",
    causes: [
      "wrong password for an encrypted private key",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:72] [3.6.6 include/mbedtls/pk.h:52]",
  },
  {
    code: -0x3C00, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_PASSWORD_REQUIRED", name36: "MBEDTLS_ERR_PK_PASSWORD_REQUIRED",
    text28: "Private key password can't be empty",
    text36: "Private key password can't be empty",
    causes: [
      "the private key is encrypted and no password was given: export an unencrypted key for the device, or pass the password",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:70] [3.6.6 include/mbedtls/pk.h:50]",
  },
  {
    code: -0x3C80, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_UNKNOWN_PK_ALG", name36: "MBEDTLS_ERR_PK_UNKNOWN_PK_ALG",
    text28: "Key algorithm is unsupported (only RSA and EC are supported)",
    text36: "Key algorithm is unsupported (only RSA and EC are supported)",
    causes: [
      "the key algorithm is not supported by this build: Ed25519/Ed448 keys (both lines), X25519 keys (2.28), RSA with MBEDTLS_RSA_C off, ECDSA with MBEDTLS_ECP_C/PK_PARSE_EC off (pkparse.c pk_get_pk_alg())",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:68] [3.6.6 include/mbedtls/pk.h:48]",
  },
  {
    code: -0x3D00, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_KEY_INVALID_FORMAT", name36: "MBEDTLS_ERR_PK_KEY_INVALID_FORMAT",
    text28: "Invalid key tag or value",
    text36: "Invalid key tag or value",
    causes: [
      "the private key cannot be parsed: a PEM key buffer without its terminating NUL, a public key passed to mbedtls_pk_parse_key, an EC key with explicit curve parameters, or (2.28) an encrypted PKCS#8 DER key with AES (pkparse.c mbedtls_pk_parse_key(); test/peers/mbedtls-harness.test.ts, \"C arrays\": strlen length gives -0x3D00)",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:66] [3.6.6 include/mbedtls/pk.h:46]",
  },
  {
    code: -0x3D80, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_KEY_INVALID_VERSION", name36: "MBEDTLS_ERR_PK_KEY_INVALID_VERSION",
    text28: "Unsupported key version",
    text36: "Unsupported key version",
    causes: [
      "the private key's version field is unsupported (e.g. a multi-prime RSA key or an unknown PKCS#8 version)",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:64] [3.6.6 include/mbedtls/pk.h:44]",
  },
  {
    code: -0x3E00, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_FILE_IO_ERROR", name36: "MBEDTLS_ERR_PK_FILE_IO_ERROR",
    text28: "Read/write of file failed",
    text36: "Read/write of file failed",
    causes: [
      "a key file could not be read (mbedtls_pk_parse_keyfile): wrong path or permissions",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:62] [3.6.6 include/mbedtls/pk.h:42]",
  },
  {
    code: -0x3E80, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_PK_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "invalid argument to a PK function; also returned when a key and certificate cannot be used together in some checks",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:60] [3.6.6 include/mbedtls/pk.h:40]",
  },
  {
    code: -0x3F00, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_TYPE_MISMATCH", name36: "MBEDTLS_ERR_PK_TYPE_MISMATCH",
    text28: "Type mismatch, eg attempt to encrypt with an ECDSA key",
    text36: "Type mismatch, eg attempt to encrypt with an ECDSA key",
    causes: [
      "mbedtls_pk_check_pair(cert, key) with keys of different types, e.g. an EC certificate with an RSA private key (pk.c mbedtls_pk_check_pair()); the wrong key file was deployed with the certificate",
      "the key type cannot do the requested operation (encrypt with an ECDSA key)",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:58] [3.6.6 include/mbedtls/pk.h:38]",
  },
  {
    code: -0x3F80, module: "PK", level: "high",
    name28: "MBEDTLS_ERR_PK_ALLOC_FAILED", name36: "MBEDTLS_ERR_PK_ALLOC_FAILED",
    text28: "Memory allocation failed",
    text36: "Memory allocation failed",
    causes: [
      "heap exhausted while handling a key",
    ],
    cite: "[2.28.3 include/mbedtls/pk.h:56] [3.6.6 include/mbedtls/pk.h:36]",
  },
  // ---- ECP
  {
    code: -0x4B00, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_IN_PROGRESS", name36: "MBEDTLS_ERR_ECP_IN_PROGRESS",
    text28: "Operation in progress, call again with the same parameters to continue",
    text36: "Operation in progress, call again with the same parameters to continue",
    causes: [
      "restartable ECC (MBEDTLS_ECP_RESTARTABLE): the operation is not finished — call again; not an error",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:70] [3.6.6 include/mbedtls/ecp.h:51]",
  },
  {
    code: -0x4B80, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_HW_ACCEL_FAILED",
    text28: "The ECP hardware accelerator failed",
    causes: [
      "2.28: an ECP hardware accelerator failed",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/ecp.h:67]",
  },
  {
    code: -0x4C00, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_SIG_LEN_MISMATCH", name36: "MBEDTLS_ERR_ECP_SIG_LEN_MISMATCH",
    text28: "The buffer contains a valid signature followed by more data",
    text36: "The buffer contains a valid signature followed by more data",
    causes: [
      "an ECDSA signature is valid but followed by extra bytes",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:63] [3.6.6 include/mbedtls/ecp.h:49]",
  },
  {
    code: -0x4C80, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_INVALID_KEY", name36: "MBEDTLS_ERR_ECP_INVALID_KEY",
    text28: "Invalid private or public key",
    text36: "Invalid private or public key",
    causes: [
      "an EC key is invalid: a public point not on the curve, a private scalar out of range, or a key on a curve other than the one expected (fixtures/logs/seed-002-mbedtls-client.log: -0x4c80 with a P-521 key in a P-256/P-384 device)",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:61] [3.6.6 include/mbedtls/ecp.h:47]",
  },
  {
    code: -0x4D00, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_RANDOM_FAILED", name36: "MBEDTLS_ERR_ECP_RANDOM_FAILED",
    text28: "Generation of random value, such as ephemeral key, failed",
    text36: "Generation of random value, such as ephemeral key, failed",
    causes: [
      "the RNG failed while generating an ephemeral EC key or ECDSA nonce: entropy source not seeded on the device",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:59] [3.6.6 include/mbedtls/ecp.h:45]",
  },
  {
    code: -0x4D80, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_ALLOC_FAILED", name36: "MBEDTLS_ERR_ECP_ALLOC_FAILED",
    text28: "Memory allocation failed",
    text36: "Memory allocation failed",
    causes: [
      "heap exhausted in an EC operation (P-521 and large windows need more RAM; MBEDTLS_ECP_WINDOW_SIZE)",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:57] [3.6.6 include/mbedtls/ecp.h:43]",
  },
  {
    code: -0x4E00, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_VERIFY_FAILED", name36: "MBEDTLS_ERR_ECP_VERIFY_FAILED",
    text28: "The signature is not valid",
    text36: "The signature is not valid",
    causes: [
      "an ECDSA signature did not verify: the server's private key does not match its certificate (TLS 1.2 ServerKeyExchange, observed in both lines), a certificate signed by a different key than its issuer's, or corrupted data (ssl_parse_server_key_exchange(): 2.28 ssl_cli.c, 3.6 ssl_tls12_client.c; fixtures/logs/seed-002-mbedtls-client.log)",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:55] [3.6.6 include/mbedtls/ecp.h:41]",
  },
  {
    code: -0x4E80, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE",
    text28: "The requested feature is not available, for example, the requested curve is not supported",
    text36: "The requested feature is not available, for example, the requested curve is not supported",
    causes: [
      "the requested curve or EC feature is not compiled in (MBEDTLS_ECP_DP_<curve>_ENABLED), e.g. the peer chose a group the device cannot compute",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:53] [3.6.6 include/mbedtls/ecp.h:39]",
  },
  {
    code: -0x4F00, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL", name36: "MBEDTLS_ERR_ECP_BUFFER_TOO_SMALL",
    text28: "The buffer is too small to write to",
    text36: "The buffer is too small to write to",
    causes: [
      "an EC output buffer is too small",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:51] [3.6.6 include/mbedtls/ecp.h:37]",
  },
  {
    code: -0x4F80, module: "ECP", level: "high",
    name28: "MBEDTLS_ERR_ECP_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_ECP_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "invalid EC argument: mbedtls_pk_check_pair with an EC key that does not match the certificate (also a different curve) (pk.c mbedtls_pk_check_pair(), ecp.c mbedtls_ecp_check_pub_priv())",
      "a point or group that does not fit the context",
    ],
    cite: "[2.28.3 include/mbedtls/ecp.h:49] [3.6.6 include/mbedtls/ecp.h:35]",
  },
  // ---- BIGNUM
  {
    code: -0x0002, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_FILE_IO_ERROR", name36: "MBEDTLS_ERR_MPI_FILE_IO_ERROR",
    text28: "An error occurred while reading from or writing to a file",
    text36: "An error occurred while reading from or writing to a file",
    causes: [
      "reading or writing an MPI from/to a file failed (mbedtls_mpi_read_file / write_file)",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:39] [3.6.6 include/mbedtls/bignum.h:25]",
  },
  {
    code: -0x0004, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_MPI_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "a big-number function got an invalid argument: typically a key whose size exceeds what the config supports (RSA modulus larger than MBEDTLS_MPI_MAX_SIZE bytes), or a zero/negative modulus in a malformed key",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:41] [3.6.6 include/mbedtls/bignum.h:27]",
  },
  {
    code: -0x0006, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_INVALID_CHARACTER", name36: "MBEDTLS_ERR_MPI_INVALID_CHARACTER",
    text28: "There is an invalid character in the digit string",
    text36: "There is an invalid character in the digit string",
    causes: [
      "an MPI was parsed from a string with a character outside the radix (mbedtls_mpi_read_string)",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:43] [3.6.6 include/mbedtls/bignum.h:29]",
  },
  {
    code: -0x0008, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL", name36: "MBEDTLS_ERR_MPI_BUFFER_TOO_SMALL",
    text28: "The buffer is too small to write to",
    text36: "The buffer is too small to write to",
    causes: [
      "an output buffer is too small for the big number, e.g. a signature or key export buffer sized for a smaller key than the one in use",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:45] [3.6.6 include/mbedtls/bignum.h:31]",
  },
  {
    code: -0x000A, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_NEGATIVE_VALUE", name36: "MBEDTLS_ERR_MPI_NEGATIVE_VALUE",
    text28: "The input arguments are negative or result in illegal output",
    text36: "The input arguments are negative or result in illegal output",
    causes: [
      "a big-number operation got a negative value or would produce one (malformed key or signature value)",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:47] [3.6.6 include/mbedtls/bignum.h:33]",
  },
  {
    code: -0x000C, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_DIVISION_BY_ZERO", name36: "MBEDTLS_ERR_MPI_DIVISION_BY_ZERO",
    text28: "The input argument for division is zero, which is not allowed",
    text36: "The input argument for division is zero, which is not allowed",
    causes: [
      "division by zero inside a big-number operation: malformed key material (zero modulus or prime)",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:49] [3.6.6 include/mbedtls/bignum.h:35]",
  },
  {
    code: -0x000E, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_NOT_ACCEPTABLE", name36: "MBEDTLS_ERR_MPI_NOT_ACCEPTABLE",
    text28: "The input arguments are not acceptable",
    text36: "The input arguments are not acceptable",
    causes: [
      "the input is not acceptable for the operation, e.g. no modular inverse exists or a value is out of range: an invalid RSA/DH parameter or a corrupt key",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:51] [3.6.6 include/mbedtls/bignum.h:37]",
  },
  {
    code: -0x0010, module: "BIGNUM", level: "low",
    name28: "MBEDTLS_ERR_MPI_ALLOC_FAILED", name36: "MBEDTLS_ERR_MPI_ALLOC_FAILED",
    text28: "Memory allocation failed",
    text36: "Memory allocation failed",
    causes: [
      "heap exhausted while allocating a big number: RSA-3072/4096 or a large DH group on a small heap; a number larger than MBEDTLS_MPI_MAX_LIMBS; a too-small MBEDTLS_MEMORY_BUFFER_ALLOC buffer (bignum.c mbedtls_mpi_grow())",
    ],
    cite: "[2.28.3 include/mbedtls/bignum.h:53] [3.6.6 include/mbedtls/bignum.h:39]",
  },
  // ---- PEM
  {
    code: -0x1080, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT", name36: "MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT",
    text28: "No PEM header or footer found",
    text36: "No PEM header or footer found",
    causes: [
      "no '-----BEGIN' / '-----END' line found: the buffer is DER (use mbedtls_x509_crt_parse_der), empty, or the PEM text is cut off; as part of crt_parse this usually shows as -0x2180",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:40] [3.6.6 include/mbedtls/pem.h:25]",
  },
  {
    code: -0x1100, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_INVALID_DATA", name36: "MBEDTLS_ERR_PEM_INVALID_DATA",
    text28: "PEM string is not as expected",
    text36: "PEM string is not as expected",
    causes: [
      "the PEM block is malformed: indented base64 (-0x112C), missing newline after the BEGIN line, a proc-type header that is not understood, or garbage inside the block (pem.c mbedtls_pem_read_buffer())",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:42] [3.6.6 include/mbedtls/pem.h:27]",
  },
  {
    code: -0x1180, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_ALLOC_FAILED", name36: "MBEDTLS_ERR_PEM_ALLOC_FAILED",
    text28: "Failed to allocate memory",
    text36: "Failed to allocate memory",
    causes: [
      "heap exhausted while decoding PEM",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:44] [3.6.6 include/mbedtls/pem.h:29]",
  },
  {
    code: -0x1200, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_INVALID_ENC_IV", name36: "MBEDTLS_ERR_PEM_INVALID_ENC_IV",
    text28: "RSA IV is not in hex-format",
    text36: "RSA IV is not in hex-format",
    causes: [
      "the DEK-Info IV of a legacy encrypted PEM key is not hex",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:46] [3.6.6 include/mbedtls/pem.h:31]",
  },
  {
    code: -0x1280, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_UNKNOWN_ENC_ALG", name36: "MBEDTLS_ERR_PEM_UNKNOWN_ENC_ALG",
    text28: "Unsupported key encryption algorithm",
    text36: "Unsupported key encryption algorithm",
    causes: [
      "the legacy encrypted PEM key uses a cipher this build lacks (DEK-Info: AES-256-CBC / DES-EDE3-CBC with the cipher disabled); re-export the key unencrypted or as PKCS#8 with a supported PBES2 scheme",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:48] [3.6.6 include/mbedtls/pem.h:33]",
  },
  {
    code: -0x1300, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_PASSWORD_REQUIRED", name36: "MBEDTLS_ERR_PEM_PASSWORD_REQUIRED",
    text28: "Private key password can't be empty",
    text36: "Private key password can't be empty",
    causes: [
      "the PEM key is encrypted but no password was given",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:50] [3.6.6 include/mbedtls/pem.h:35]",
  },
  {
    code: -0x1380, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_PASSWORD_MISMATCH", name36: "MBEDTLS_ERR_PEM_PASSWORD_MISMATCH",
    text28: "Given private key password does not allow for correct decryption",
    text36: "Given private key password does not allow for correct decryption",
    causes: [
      "wrong password for an encrypted PEM key (or the key is corrupt)",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:52] [3.6.6 include/mbedtls/pem.h:37]",
  },
  {
    code: -0x1400, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_PEM_FEATURE_UNAVAILABLE",
    text28: "Unavailable feature, e.g. hashing/encryption combination",
    text36: "Unavailable feature, e.g. hashing/encryption combination",
    causes: [
      "the legacy PEM key encryption needs a hash/cipher combination that is not compiled in (MBEDTLS_MD5_C, MBEDTLS_DES_C, MBEDTLS_AES_C)",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:54] [3.6.6 include/mbedtls/pem.h:39]",
  },
  {
    code: -0x1480, module: "PEM", level: "high",
    name28: "MBEDTLS_ERR_PEM_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_PEM_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "invalid argument to a PEM function, e.g. a NULL or zero-length buffer",
    ],
    cite: "[2.28.3 include/mbedtls/pem.h:56] [3.6.6 include/mbedtls/pem.h:41]",
  },
  // ---- PKCS5
  {
    code: -0x2E00, module: "PKCS5", level: "high",
    name28: "MBEDTLS_ERR_PKCS5_PASSWORD_MISMATCH", name36: "MBEDTLS_ERR_PKCS5_PASSWORD_MISMATCH",
    text28: "Given private key password does not allow for correct decryption",
    text36: "Given private key password does not allow for correct decryption",
    causes: [
      "wrong password for a PBES2-encrypted PKCS#8 key (or the key is corrupt)",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs5.h:46] [3.6.6 include/mbedtls/pkcs5.h:32]",
  },
  {
    code: -0x2E80, module: "PKCS5", level: "high",
    name28: "MBEDTLS_ERR_PKCS5_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_PKCS5_FEATURE_UNAVAILABLE",
    text28: "Requested encryption or digest alg not available",
    text36: "Requested encryption or digest alg not available",
    causes: [
      "the PBES2 cipher or PRF of an encrypted PKCS#8 key is not available: mbedTLS 2.28 cannot decrypt AES-based PBES2 — OpenSSL 3's default `-aes256` encrypted key (2.28 oid.c oid_cipher_alg lists DES-CBC and DES-EDE3-CBC only; pkcs5.c mbedtls_pkcs5_pbes2()); export the key unencrypted for the device, or use 3.6 with AES enabled",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs5.h:44] [3.6.6 include/mbedtls/pkcs5.h:30]",
  },
  {
    code: -0x2F00, module: "PKCS5", level: "high",
    name28: "MBEDTLS_ERR_PKCS5_INVALID_FORMAT", name36: "MBEDTLS_ERR_PKCS5_INVALID_FORMAT",
    text28: "Unexpected ASN.1 data",
    text36: "Unexpected ASN.1 data",
    causes: [
      "the PBES2/PBKDF2 parameters of an encrypted PKCS#8 key are malformed",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs5.h:42] [3.6.6 include/mbedtls/pkcs5.h:28]",
  },
  {
    code: -0x2F80, module: "PKCS5", level: "high",
    name28: "MBEDTLS_ERR_PKCS5_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_PKCS5_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "invalid argument to a PKCS#5 function",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs5.h:40] [3.6.6 include/mbedtls/pkcs5.h:26]",
  },
  // ---- PKCS12
  {
    code: -0x1E00, module: "PKCS12", level: "high",
    name28: "MBEDTLS_ERR_PKCS12_PASSWORD_MISMATCH", name36: "MBEDTLS_ERR_PKCS12_PASSWORD_MISMATCH",
    text28: "Given private key password does not allow for correct decryption",
    text36: "Given private key password does not allow for correct decryption",
    causes: [
      "wrong password for a PKCS#12-PBE encrypted PKCS#8 key (pbeWithSHAAnd3-KeyTripleDES-CBC etc.)",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs12.h:44] [3.6.6 include/mbedtls/pkcs12.h:28]",
  },
  {
    code: -0x1E80, module: "PKCS12", level: "high",
    name28: "MBEDTLS_ERR_PKCS12_PBE_INVALID_FORMAT", name36: "MBEDTLS_ERR_PKCS12_PBE_INVALID_FORMAT",
    text28: "PBE ASN.1 data not as expected",
    text36: "PBE ASN.1 data not as expected",
    causes: [
      "the PKCS#12 PBE parameters of an encrypted key are malformed",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs12.h:42] [3.6.6 include/mbedtls/pkcs12.h:26]",
  },
  {
    code: -0x1F00, module: "PKCS12", level: "high",
    name28: "MBEDTLS_ERR_PKCS12_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_PKCS12_FEATURE_UNAVAILABLE",
    text28: "Feature not available, e.g. unsupported encryption scheme",
    text36: "Feature not available, e.g. unsupported encryption scheme",
    causes: [
      "the encrypted key uses a PKCS#12 PBE scheme or cipher that is not compiled in (MBEDTLS_PKCS12_C, DES/ARC4); export the key unencrypted or with a supported scheme",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs12.h:40] [3.6.6 include/mbedtls/pkcs12.h:24]",
  },
  {
    code: -0x1F80, module: "PKCS12", level: "high",
    name28: "MBEDTLS_ERR_PKCS12_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_PKCS12_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "invalid argument to a PKCS#12 PBE function",
    ],
    cite: "[2.28.3 include/mbedtls/pkcs12.h:38] [3.6.6 include/mbedtls/pkcs12.h:22]",
  },
  // ---- RSA
  {
    code: -0x4080, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_RSA_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "invalid RSA argument: hash length does not fit the key, key too small for the padding, or an uninitialised context",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:48] [3.6.6 include/mbedtls/rsa.h:33]",
  },
  {
    code: -0x4100, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_INVALID_PADDING", name36: "MBEDTLS_ERR_RSA_INVALID_PADDING",
    text28: "Input data contains invalid padding and is rejected",
    text36: "Input data contains invalid padding and is rejected",
    causes: [
      "RSA decryption found invalid padding: wrong private key (RSA key exchange), or corrupt data",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:50] [3.6.6 include/mbedtls/rsa.h:35]",
  },
  {
    code: -0x4180, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_KEY_GEN_FAILED", name36: "MBEDTLS_ERR_RSA_KEY_GEN_FAILED",
    text28: "Something failed during generation of a key",
    text36: "Something failed during generation of a key",
    causes: [
      "RSA key generation failed (RNG failure or a size not allowed)",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:52] [3.6.6 include/mbedtls/rsa.h:37]",
  },
  {
    code: -0x4200, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_KEY_CHECK_FAILED", name36: "MBEDTLS_ERR_RSA_KEY_CHECK_FAILED",
    text28: "Key failed to pass the validity check of the library",
    text36: "Key failed to pass the validity check of the library",
    causes: [
      "the RSA key fails the library's consistency check: mbedtls_pk_check_pair with a key that does not belong to the certificate, or a corrupt/too-large key",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:54] [3.6.6 include/mbedtls/rsa.h:39]",
  },
  {
    code: -0x4280, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_PUBLIC_FAILED", name36: "MBEDTLS_ERR_RSA_PUBLIC_FAILED",
    text28: "The public key operation failed",
    text36: "The public key operation failed",
    causes: [
      "the RSA public-key operation failed: an input larger than the modulus, or a modulus the build cannot handle",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:56] [3.6.6 include/mbedtls/rsa.h:41]",
  },
  {
    code: -0x4300, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_PRIVATE_FAILED", name36: "MBEDTLS_ERR_RSA_PRIVATE_FAILED",
    text28: "The private key operation failed",
    text36: "The private key operation failed",
    causes: [
      "the RSA private-key operation failed: a corrupt key, or the blinding RNG failed",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:58] [3.6.6 include/mbedtls/rsa.h:43]",
  },
  {
    code: -0x4380, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_VERIFY_FAILED", name36: "MBEDTLS_ERR_RSA_VERIFY_FAILED",
    text28: "The PKCS#1 verification failed",
    text36: "The PKCS#1 verification failed",
    causes: [
      "an RSA (PKCS#1 v1.5 / PSS) signature did not verify: the server's private key does not match its certificate (TLS 1.2 ServerKeyExchange / CertificateVerify), a certificate signed by a different key than its issuer's, or a corrupted certificate",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:60] [3.6.6 include/mbedtls/rsa.h:45]",
  },
  {
    code: -0x4400, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_OUTPUT_TOO_LARGE", name36: "MBEDTLS_ERR_RSA_OUTPUT_TOO_LARGE",
    text28: "The output buffer for decryption is not large enough",
    text36: "The output buffer for decryption is not large enough",
    causes: [
      "the RSA output buffer is too small",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:62] [3.6.6 include/mbedtls/rsa.h:47]",
  },
  {
    code: -0x4480, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_RNG_FAILED", name36: "MBEDTLS_ERR_RSA_RNG_FAILED",
    text28: "The random generator failed to generate non-zeros",
    text36: "The random generator failed to generate non-zeros",
    causes: [
      "the random generator failed while producing RSA padding: RNG/entropy not seeded on the device",
    ],
    cite: "[2.28.3 include/mbedtls/rsa.h:64] [3.6.6 include/mbedtls/rsa.h:49]",
  },
  {
    code: -0x4500, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_UNSUPPORTED_OPERATION",
    text28: "The implementation does not offer the requested operation, for example, because of security violations or lack of functionality",
    causes: [
      "2.28: the requested RSA operation is not available (e.g. an alternative implementation lacks it)",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/rsa.h:69]",
  },
  {
    code: -0x4580, module: "RSA", level: "high",
    name28: "MBEDTLS_ERR_RSA_HW_ACCEL_FAILED",
    text28: "RSA hardware accelerator failed",
    causes: [
      "2.28: an RSA hardware accelerator failed",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/rsa.h:73]",
  },
  // ---- ASN1
  {
    code: -0x0060, module: "ASN1", level: "low",
    name28: "MBEDTLS_ERR_ASN1_OUT_OF_DATA", name36: "MBEDTLS_ERR_ASN1_OUT_OF_DATA",
    text28: "Out of data when parsing an ASN1 data structure",
    text36: "Out of data when parsing an ASN1 data structure",
    causes: [
      "an ASN.1 structure ends early: a truncated DER buffer (wrong length passed, e.g. strlen() of DER data, or a cut-off C array), or DER passed where PEM was expected",
    ],
    cite: "[2.28.3 include/mbedtls/asn1.h:50] [3.6.6 include/mbedtls/asn1.h:37]",
  },
  {
    code: -0x0062, module: "ASN1", level: "low",
    name28: "MBEDTLS_ERR_ASN1_UNEXPECTED_TAG", name36: "MBEDTLS_ERR_ASN1_UNEXPECTED_TAG",
    text28: "ASN1 tag was of an unexpected value",
    text36: "ASN1 tag was of an unexpected value",
    causes: [
      "an ASN.1 tag is not the one expected: the buffer holds a different object (a private key or CSR passed to the certificate parser: -0x21E2), an unknown CRITICAL extension (-0x2562), or a certificate field mbedTLS does not support (x509_crt.c x509_crt_parse_der_core())",
    ],
    cite: "[2.28.3 include/mbedtls/asn1.h:52] [3.6.6 include/mbedtls/asn1.h:39]",
  },
  {
    code: -0x0064, module: "ASN1", level: "low",
    name28: "MBEDTLS_ERR_ASN1_INVALID_LENGTH", name36: "MBEDTLS_ERR_ASN1_INVALID_LENGTH",
    text28: "Error when trying to determine the length or invalid length",
    text36: "Error when trying to determine the length or invalid length",
    causes: [
      "an ASN.1 length is invalid or runs past the buffer: truncated or corrupted DER",
    ],
    cite: "[2.28.3 include/mbedtls/asn1.h:54] [3.6.6 include/mbedtls/asn1.h:41]",
  },
  {
    code: -0x0066, module: "ASN1", level: "low",
    name28: "MBEDTLS_ERR_ASN1_LENGTH_MISMATCH", name36: "MBEDTLS_ERR_ASN1_LENGTH_MISMATCH",
    text28: "Actual length differs from expected length",
    text36: "Actual length differs from expected length",
    causes: [
      "an ASN.1 element's actual length differs from the declared one: trailing garbage or concatenated DER objects, corrupted DER",
    ],
    cite: "[2.28.3 include/mbedtls/asn1.h:56] [3.6.6 include/mbedtls/asn1.h:43]",
  },
  {
    code: -0x0068, module: "ASN1", level: "low",
    name28: "MBEDTLS_ERR_ASN1_INVALID_DATA", name36: "MBEDTLS_ERR_ASN1_INVALID_DATA",
    text28: "Data is invalid",
    text36: "Data is invalid",
    causes: [
      "an ASN.1 value is invalid, e.g. a malformed INTEGER, BOOLEAN or BIT STRING in a certificate or key",
    ],
    cite: "[2.28.3 include/mbedtls/asn1.h:58] [3.6.6 include/mbedtls/asn1.h:45]",
  },
  {
    code: -0x006A, module: "ASN1", level: "low",
    name28: "MBEDTLS_ERR_ASN1_ALLOC_FAILED", name36: "MBEDTLS_ERR_ASN1_ALLOC_FAILED",
    text28: "Memory allocation failed",
    text36: "Memory allocation failed",
    causes: [
      "heap exhausted while parsing ASN.1 (large certificate chain or many extensions on a small heap)",
    ],
    cite: "[2.28.3 include/mbedtls/asn1.h:60] [3.6.6 include/mbedtls/asn1.h:47]",
  },
  {
    code: -0x006C, module: "ASN1", level: "low",
    name28: "MBEDTLS_ERR_ASN1_BUF_TOO_SMALL", name36: "MBEDTLS_ERR_ASN1_BUF_TOO_SMALL",
    text28: "Buffer too small when writing ASN.1 data structure",
    text36: "Buffer too small when writing ASN.1 data structure",
    causes: [
      "an ASN.1 writer's buffer is too small (writing a CSR/certificate/key)",
    ],
    cite: "[2.28.3 include/mbedtls/asn1.h:62] [3.6.6 include/mbedtls/asn1.h:49]",
  },
  // ---- OID
  {
    code: -0x000B, module: "OID", level: "low",
    name28: "MBEDTLS_ERR_OID_BUF_TOO_SMALL", name36: "MBEDTLS_ERR_OID_BUF_TOO_SMALL",
    text28: "output buffer is too small",
    text36: "output buffer is too small",
    causes: [
      "an OID could not be written because the output buffer is too small",
    ],
    cite: "[2.28.3 include/mbedtls/oid.h:47] [3.6.6 include/mbedtls/oid.h:30]",
  },
  {
    code: -0x002E, module: "OID", level: "low",
    name28: "MBEDTLS_ERR_OID_NOT_FOUND", name36: "MBEDTLS_ERR_OID_NOT_FOUND",
    text28: "OID is not found",
    text36: "OID is not found",
    causes: [
      "an OID in a certificate or key is unknown to this build — usually the low half of -0x262E (X509_UNKNOWN_SIG_ALG): the signature hash (e.g. SHA-384/SHA-512) or algorithm (RSA, ECDSA, RSASSA-PSS, Ed25519) is disabled or unsupported in the device config (oid.c: the tables are built from the enabled modules)",
      "an unknown curve OID in an EC key (see also -0x3A00), or an unknown extension/EKU OID where mbedTLS needs to understand it",
    ],
    cite: "[2.28.3 include/mbedtls/oid.h:45] [3.6.6 include/mbedtls/oid.h:28]",
  },
  // ---- BASE64
  {
    code: -0x002A, module: "BASE64", level: "low",
    name28: "MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL", name36: "MBEDTLS_ERR_BASE64_BUFFER_TOO_SMALL",
    text28: "Output buffer too small",
    text36: "Output buffer too small",
    causes: [
      "a base64 output buffer is too small (writing PEM)",
    ],
    cite: "[2.28.3 include/mbedtls/base64.h:34] [3.6.6 include/mbedtls/base64.h:18]",
  },
  {
    code: -0x002C, module: "BASE64", level: "low",
    name28: "MBEDTLS_ERR_BASE64_INVALID_CHARACTER", name36: "MBEDTLS_ERR_BASE64_INVALID_CHARACTER",
    text28: "Invalid character in input",
    text36: "Invalid character in input",
    causes: [
      "the base64 body of a PEM block contains a character outside the alphabet: indented base64 lines, stray text, Windows line endings in an odd place, or a C string that lost its \\n escapes (base64.c mbedtls_base64_decode(); -0x112C = PEM_INVALID_DATA + this)",
    ],
    cite: "[2.28.3 include/mbedtls/base64.h:36] [3.6.6 include/mbedtls/base64.h:20]",
  },
  // ---- MD
  {
    code: -0x5080, module: "MD", level: "high",
    name28: "MBEDTLS_ERR_MD_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_MD_FEATURE_UNAVAILABLE",
    text28: "The selected feature is not available",
    text36: "The selected feature is not available",
    causes: [
      "the requested hash is not compiled in (e.g. SHA-384 with MBEDTLS_SHA512_C off in 2.28 / MBEDTLS_SHA384_C off in 3.6), typically while verifying a certificate or a TLS signature",
    ],
    cite: "[2.28.3 include/mbedtls/md.h:38] [3.6.6 include/mbedtls/md.h:24]",
  },
  {
    code: -0x5100, module: "MD", level: "high",
    name28: "MBEDTLS_ERR_MD_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_MD_BAD_INPUT_DATA",
    text28: "Bad input parameters to function",
    text36: "Bad input parameters to function",
    causes: [
      "invalid argument to a hash function (uninitialised context, unknown md type)",
    ],
    cite: "[2.28.3 include/mbedtls/md.h:40] [3.6.6 include/mbedtls/md.h:26]",
  },
  {
    code: -0x5180, module: "MD", level: "high",
    name28: "MBEDTLS_ERR_MD_ALLOC_FAILED", name36: "MBEDTLS_ERR_MD_ALLOC_FAILED",
    text28: "Failed to allocate memory",
    text36: "Failed to allocate memory",
    causes: [
      "heap exhausted while setting up a hash context",
    ],
    cite: "[2.28.3 include/mbedtls/md.h:42] [3.6.6 include/mbedtls/md.h:28]",
  },
  {
    code: -0x5200, module: "MD", level: "high",
    name28: "MBEDTLS_ERR_MD_FILE_IO_ERROR", name36: "MBEDTLS_ERR_MD_FILE_IO_ERROR",
    text28: "Opening or reading of file failed",
    text36: "Opening or reading of file failed",
    causes: [
      "a file could not be read for hashing (mbedtls_md_file)",
    ],
    cite: "[2.28.3 include/mbedtls/md.h:44] [3.6.6 include/mbedtls/md.h:30]",
  },
  {
    code: -0x5280, module: "MD", level: "high",
    name28: "MBEDTLS_ERR_MD_HW_ACCEL_FAILED",
    text28: "MD hardware accelerator failed",
    causes: [
      "2.28: a hash hardware accelerator failed",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/md.h:48]",
  },
  // ---- CIPHER
  {
    code: -0x6080, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_FEATURE_UNAVAILABLE", name36: "MBEDTLS_ERR_CIPHER_FEATURE_UNAVAILABLE",
    text28: "The selected feature is not available",
    text36: "The selected feature is not available",
    causes: [
      "the requested cipher or mode is not compiled in",
    ],
    cite: "[2.28.3 include/mbedtls/cipher.h:58] [3.6.6 include/mbedtls/cipher.h:38]",
  },
  {
    code: -0x6100, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_CIPHER_BAD_INPUT_DATA",
    text28: "Bad input parameters",
    text36: "Bad input parameters",
    causes: [
      "invalid argument to a cipher function",
    ],
    cite: "[2.28.3 include/mbedtls/cipher.h:60] [3.6.6 include/mbedtls/cipher.h:40]",
  },
  {
    code: -0x6180, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_ALLOC_FAILED", name36: "MBEDTLS_ERR_CIPHER_ALLOC_FAILED",
    text28: "Failed to allocate memory",
    text36: "Failed to allocate memory",
    causes: [
      "heap exhausted setting up a cipher context",
    ],
    cite: "[2.28.3 include/mbedtls/cipher.h:62] [3.6.6 include/mbedtls/cipher.h:42]",
  },
  {
    code: -0x6200, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_INVALID_PADDING", name36: "MBEDTLS_ERR_CIPHER_INVALID_PADDING",
    text28: "Input data contains invalid padding and is rejected",
    text36: "Input data contains invalid padding and is rejected",
    causes: [
      "decryption found invalid padding: usually a wrong password for an encrypted private key",
    ],
    cite: "[2.28.3 include/mbedtls/cipher.h:64] [3.6.6 include/mbedtls/cipher.h:44]",
  },
  {
    code: -0x6280, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_FULL_BLOCK_EXPECTED", name36: "MBEDTLS_ERR_CIPHER_FULL_BLOCK_EXPECTED",
    text28: "Decryption of block requires a full block",
    text36: "Decryption of block requires a full block",
    causes: [
      "decryption input is not a whole number of blocks (corrupt encrypted key)",
    ],
    cite: "[2.28.3 include/mbedtls/cipher.h:66] [3.6.6 include/mbedtls/cipher.h:46]",
  },
  {
    code: -0x6300, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_AUTH_FAILED", name36: "MBEDTLS_ERR_CIPHER_AUTH_FAILED",
    text28: "Authentication failed (for AEAD modes)",
    text36: "Authentication failed (for AEAD modes)",
    causes: [
      "AEAD authentication failed: wrong key or corrupted data",
    ],
    cite: "[2.28.3 include/mbedtls/cipher.h:68] [3.6.6 include/mbedtls/cipher.h:48]",
  },
  {
    code: -0x6380, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_INVALID_CONTEXT", name36: "MBEDTLS_ERR_CIPHER_INVALID_CONTEXT",
    text28: "The context is invalid. For example, because it was freed",
    text36: "The context is invalid. For example, because it was freed",
    causes: [
      "the cipher context is invalid (used after free)",
    ],
    cite: "[2.28.3 include/mbedtls/cipher.h:70] [3.6.6 include/mbedtls/cipher.h:50]",
  },
  {
    code: -0x6400, module: "CIPHER", level: "high",
    name28: "MBEDTLS_ERR_CIPHER_HW_ACCEL_FAILED",
    text28: "Cipher hardware accelerator failed",
    causes: [
      "2.28: a cipher hardware accelerator failed",
    ],
    note: "2.28 only: removed in 3.x.",
    cite: "[2.28.3 include/mbedtls/cipher.h:74]",
  },
  // ---- NET
  {
    code: -0x0042, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_SOCKET_FAILED", name36: "MBEDTLS_ERR_NET_SOCKET_FAILED",
    text28: "Failed to open a socket",
    text36: "Failed to open a socket",
    causes: [
      "socket() failed: out of file descriptors or the network stack is not initialised",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:53] [3.6.6 include/mbedtls/net_sockets.h:38]",
  },
  {
    code: -0x0043, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_BUFFER_TOO_SMALL", name36: "MBEDTLS_ERR_NET_BUFFER_TOO_SMALL",
    text28: "Buffer is too small to hold the data",
    text36: "Buffer is too small to hold the data",
    causes: [
      "the address buffer for the client IP is too small (mbedtls_net_accept)",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:71] [3.6.6 include/mbedtls/net_sockets.h:56]",
  },
  {
    code: -0x0044, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_CONNECT_FAILED", name36: "MBEDTLS_ERR_NET_CONNECT_FAILED",
    text28: "The connection to the given server / port failed",
    text36: "The connection to the given server / port failed",
    causes: [
      "TCP connect failed: wrong host/port, server down, firewall, no route — nothing to do with certificates yet",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:55] [3.6.6 include/mbedtls/net_sockets.h:40]",
  },
  {
    code: -0x0045, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_INVALID_CONTEXT", name36: "MBEDTLS_ERR_NET_INVALID_CONTEXT",
    text28: "The context is invalid, eg because it was free()ed",
    text36: "The context is invalid, eg because it was free()ed",
    causes: [
      "the net context is invalid, e.g. used after mbedtls_net_free()",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:73] [3.6.6 include/mbedtls/net_sockets.h:58]",
  },
  {
    code: -0x0046, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_BIND_FAILED", name36: "MBEDTLS_ERR_NET_BIND_FAILED",
    text28: "Binding of the socket failed",
    text36: "Binding of the socket failed",
    causes: [
      "bind() failed: port in use or not permitted",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:57] [3.6.6 include/mbedtls/net_sockets.h:42]",
  },
  {
    code: -0x0047, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_POLL_FAILED", name36: "MBEDTLS_ERR_NET_POLL_FAILED",
    text28: "Polling the net context failed",
    text36: "Polling the net context failed",
    causes: [
      "poll()/select() on the socket failed",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:75] [3.6.6 include/mbedtls/net_sockets.h:60]",
  },
  {
    code: -0x0048, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_LISTEN_FAILED", name36: "MBEDTLS_ERR_NET_LISTEN_FAILED",
    text28: "Could not listen on the socket",
    text36: "Could not listen on the socket",
    causes: [
      "listen() failed",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:59] [3.6.6 include/mbedtls/net_sockets.h:44]",
  },
  {
    code: -0x0049, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_BAD_INPUT_DATA", name36: "MBEDTLS_ERR_NET_BAD_INPUT_DATA",
    text28: "Input invalid",
    text36: "Input invalid",
    causes: [
      "invalid argument to a net function",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:77] [3.6.6 include/mbedtls/net_sockets.h:62]",
  },
  {
    code: -0x004A, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_ACCEPT_FAILED", name36: "MBEDTLS_ERR_NET_ACCEPT_FAILED",
    text28: "Could not accept the incoming connection",
    text36: "Could not accept the incoming connection",
    causes: [
      "accept() failed",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:61] [3.6.6 include/mbedtls/net_sockets.h:46]",
  },
  {
    code: -0x004C, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_RECV_FAILED", name36: "MBEDTLS_ERR_NET_RECV_FAILED",
    text28: "Reading information from the socket failed",
    text36: "Reading information from the socket failed",
    causes: [
      "recv() failed: the peer or a middlebox reset the connection, or a socket error on the device",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:63] [3.6.6 include/mbedtls/net_sockets.h:48]",
  },
  {
    code: -0x004E, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_SEND_FAILED", name36: "MBEDTLS_ERR_NET_SEND_FAILED",
    text28: "Sending information through the socket failed",
    text36: "Sending information through the socket failed",
    causes: [
      "send() failed: the peer closed the connection (often right after it sent a fatal alert), or a socket error",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:65] [3.6.6 include/mbedtls/net_sockets.h:50]",
  },
  {
    code: -0x0050, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_CONN_RESET", name36: "MBEDTLS_ERR_NET_CONN_RESET",
    text28: "Connection was reset by peer",
    text36: "Connection was reset by peer",
    causes: [
      "the peer reset the TCP connection: often a server that rejected the ClientHello or the client certificate and closed without an alert, or a TLS-terminating proxy / firewall dropping the session",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:67] [3.6.6 include/mbedtls/net_sockets.h:52]",
  },
  {
    code: -0x0052, module: "NET", level: "low",
    name28: "MBEDTLS_ERR_NET_UNKNOWN_HOST", name36: "MBEDTLS_ERR_NET_UNKNOWN_HOST",
    text28: "Failed to get an IP address for the given hostname",
    text36: "Failed to get an IP address for the given hostname",
    causes: [
      "DNS resolution of the hostname failed",
    ],
    cite: "[2.28.3 include/mbedtls/net_sockets.h:69] [3.6.6 include/mbedtls/net_sockets.h:54]",
  },
  // ---- ERROR
  {
    code: -0x0001, module: "ERROR", level: "low",
    name28: "MBEDTLS_ERR_ERROR_GENERIC_ERROR", name36: "MBEDTLS_ERR_ERROR_GENERIC_ERROR",
    text28: "Generic error",
    text36: "Generic error",
    causes: [
      "a generic failure without a more specific code, e.g. from a PSA crypto call mapped back to a legacy error; enable MBEDTLS_DEBUG_C and read the debug log",
    ],
    cite: "[2.28.3 include/mbedtls/error.h:120] [3.6.6 include/mbedtls/error.h:98]",
  },
  {
    code: -0x006E, module: "ERROR", level: "low",
    name28: "MBEDTLS_ERR_ERROR_CORRUPTION_DETECTED", name36: "MBEDTLS_ERR_ERROR_CORRUPTION_DETECTED",
    text28: "This is a bug in the library",
    text36: "This is a bug in the library",
    causes: [
      "the library detected an internal inconsistency (a bug, memory corruption, or a fault-injection countermeasure tripping); check stack size and heap corruption on the device first",
    ],
    cite: "[2.28.3 include/mbedtls/error.h:122] [3.6.6 include/mbedtls/error.h:100]",
  },
  // ---- PLATFORM
  {
    code: -0x0070, module: "PLATFORM", level: "low",
    name28: "MBEDTLS_ERR_PLATFORM_HW_ACCEL_FAILED", name36: "MBEDTLS_ERR_PLATFORM_HW_ACCEL_FAILED",
    text28: "Hardware accelerator failed",
    text36: "Hardware accelerator failed",
    causes: [
      "a hardware accelerator / alternative implementation (MBEDTLS_*_ALT) returned an error",
    ],
    cite: "[2.28.3 include/mbedtls/platform.h:52] [3.6.6 include/mbedtls/error.h:103]",
  },
  {
    code: -0x0072, module: "PLATFORM", level: "low",
    name28: "MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED", name36: "MBEDTLS_ERR_PLATFORM_FEATURE_UNSUPPORTED",
    text28: "The requested feature is not supported by the platform",
    text36: "The requested feature is not supported by the platform",
    causes: [
      "the platform lacks a feature the library needs (e.g. no time source for MBEDTLS_HAVE_TIME_DATE)",
    ],
    cite: "[2.28.3 include/mbedtls/platform.h:54] [3.6.6 include/mbedtls/error.h:105]",
  },
];

const byCode = new Map<number, MbedtlsErrorEntry>(MBEDTLS_ERRORS.map((e) => [e.code, e]));

/** mbedTLS codes are negative; a pasted "0x7780" (no sign) is taken to mean -0x7780. */
function magnitude(code: number): number {
  return Math.abs(Math.trunc(code));
}

/** The entry for exactly this code (high or low part alone), if known. */
export function findMbedtlsError(code: number): MbedtlsErrorEntry | undefined {
  const m = magnitude(code);
  return m === 0 ? undefined : byCode.get(-m);
}

/** "-0x7780" for -0x7780 (upper-case hex, at least four digits), as mbedTLS programs print it. */
export function formatMbedtlsCode(code: number): string {
  return `-0x${magnitude(code).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Splits a returned code into its high-level and low-level parts (include/mbedtls/error.h):
 * hi = (-code) & 0xFF80, lo = (-code) & 0x007F. -0x262E gives X509_UNKNOWN_SIG_ALG + OID_NOT_FOUND;
 * -0x7780 gives only the high part; -0x0050 only the low part. A part that is not in the table is
 * left out (an unknown part is still visible in the input code).
 */
export function decodeMbedtlsError(code: number): { high?: MbedtlsErrorEntry; low?: MbedtlsErrorEntry } {
  const m = magnitude(code);
  const hi = m & 0xff80;
  const lo = m & 0x007f;
  const result: { high?: MbedtlsErrorEntry; low?: MbedtlsErrorEntry } = {};
  const high = hi ? byCode.get(-hi) : undefined;
  const low = lo ? byCode.get(-lo) : undefined;
  if (high) result.high = high;
  if (low) result.low = low;
  return result;
}

// ---------------------------------------------------------------------------------------------
// X.509 verify flags
// ---------------------------------------------------------------------------------------------

export interface MbedtlsVerifyFlag {
  flag: number;
  /** Macro name, identical in 2.28 and 3.6. */
  name: string;
  /** One line of mbedtls_x509_crt_verify_info(…, prefix "", flag) without the trailing newline; identical in 2.28.3 and 3.6.6. */
  text: string;
  /**
   * The TLS alert an mbedTLS peer sends when this flag is the first match of its alert chain
   * (2.28 ssl_tls.c ssl_parse_certificate_verify(), 3.6 mbedtls_ssl_verify_certificate(): OTHER 49, CN_MISMATCH 42, KU/EKU/NS_CERT_TYPE/BAD_PK/BAD_KEY 43, EXPIRED 45,
   * REVOKED 44, NOT_TRUSTED 48, anything else 46). 3.6 has no NS_CERT_TYPE branch (→ 46), but
   * neither line ever sets that flag itself. See mbedtlsAlertForFlags().
   */
  alert: number;
  causes: string[];
  cite: string;
}

const FLAG_CITE = (h28: number, h36: number, t28: number, t36: number): string =>
  `[2.28.3 include/mbedtls/x509.h:${h28}] [3.6.6 include/mbedtls/x509.h:${h36}] [2.28.3 library/x509_crt.c:${t28}] [3.6.6 include/mbedtls/x509_crt.h:${t36}]`;

export const MBEDTLS_VERIFY_FLAGS: readonly MbedtlsVerifyFlag[] = [
  {
    flag: 0x01, name: "MBEDTLS_X509_BADCERT_EXPIRED", text: "The certificate validity has expired", alert: 45,
    causes: [
      "a certificate in the chain (leaf, intermediate or the trust anchor itself) is past notAfter",
      "the device clock is wrong (ahead): an RTC that was never set or drifted; without MBEDTLS_HAVE_TIME_DATE validity is never checked at all",
    ],
    cite: FLAG_CITE(106, 91, 2217, 153),
  },
  {
    flag: 0x02, name: "MBEDTLS_X509_BADCERT_REVOKED", text: "The certificate has been revoked (is on a CRL)", alert: 44,
    causes: [
      "the certificate's serial is on a CRL passed to mbedtls_ssl_conf_ca_chain / mbedtls_x509_crt_verify",
      "an intermediate is on its issuer's CRL (the trust anchor itself is never checked); any CRL of the issuer counts, even an older one or one out of its dates (x509_crt.c x509_crt_verifycrl(); src/knowledge/mbedtls-crl.ts, test/peers/crl-mbedtls-differential.test.ts scenarios \"revoked-intermediate\", \"older-crl-revokes\")",
    ],
    cite: FLAG_CITE(107, 92, 2218, 156),
  },
  {
    flag: 0x04, name: "MBEDTLS_X509_BADCERT_CN_MISMATCH", text: "The certificate Common Name (CN) does not match with the expected CN", alert: 42,
    causes: [
      "the name given to mbedtls_ssl_set_hostname() is not among the certificate's dNSName SANs (or its CN when there is no SAN)",
      "the device connects by IP: 2.28 never matches iPAddress SANs (it compares the IP string with dNSName/CN), 3.5.0+ does (x509_crt.c x509_crt_verify_name(); test/peers/mbedtls-lint.test.ts scenarios \"ip-san-only-*\"; seed 002, fixtures/logs/README.md: CN=localhost while clients dial 192.168.0.254)",
      "a wildcard that does not cover the name (one label only, not the bare domain)",
    ],
    cite: FLAG_CITE(108, 93, 2219, 159),
  },
  {
    flag: 0x08, name: "MBEDTLS_X509_BADCERT_NOT_TRUSTED", text: "The certificate is not correctly signed by the trusted CA", alert: 48,
    causes: [
      "the chain does not reach a configured trust anchor: the intermediate is missing (not sent by the peer, not in the CA chain), or the CA chain holds a different root",
      "intermediates in the wrong order in the peer's Certificate message (reversed order fails in mbedTLS) (x509_crt.c x509_crt_find_parent(); test/peers/mbedtls-lint.test.ts scenarios \"intermediates-reversed-*\")",
      "an intermediate without basicConstraints CA:TRUE, or a signature that does not verify (wrong issuer key)",
      "a chain or trust-anchor certificate was silently dropped at parse time (disabled hash or curve, RSA larger than MBEDTLS_MPI_MAX_SIZE), so the path is broken (ssl_tls.c ssl_parse_certificate_chain(); test/peers/mbedtls-lint.test.ts scenarios \"sha512-signed-leaf-*\", \"rsa4096-leaf-*-mpi-256\")",
      "self-signed leaf that is not itself in the CA chain",
    ],
    cite: FLAG_CITE(109, 94, 2221, 162),
  },
  {
    flag: 0x10, name: "MBEDTLS_X509_BADCRL_NOT_TRUSTED", text: "The CRL is not correctly signed by the trusted CA", alert: 46,
    causes: [
      "a CRL was supplied whose signature does not verify against its issuer in the CA chain (signed by another key with the CA's name, or damaged)",
      "the CA that issued the CRL has a keyUsage without cRLSign: checked before the signature and the revoked list, so it also hides a revocation (3.6 always, 2.28 with MBEDTLS_X509_CHECK_KEY_USAGE; x509_crt.c x509_crt_verifycrl(); test/peers/crl-mbedtls-differential.test.ts scenarios \"no-crlsign\", \"no-crlsign-revoked-leaf\")",
    ],
    cite: FLAG_CITE(110, 95, 2223, 165),
  },
  {
    flag: 0x20, name: "MBEDTLS_X509_BADCRL_EXPIRED", text: "The CRL is expired", alert: 46,
    causes: [
      "the supplied CRL is past its nextUpdate (publish a fresh CRL, or check the device clock)",
      "the CRL has no nextUpdate: mbedTLS reads the missing date as year 0, always in the past (x509_crl.c mbedtls_x509_crl_parse_der(); test/peers/crl-mbedtls-differential.test.ts scenario \"no-next-update\")",
      "never set without MBEDTLS_HAVE_TIME_DATE: CRL dates are then not checked at all (test/peers/crl-mbedtls-differential.test.ts)",
    ],
    cite: FLAG_CITE(111, 96, 2224, 168),
  },
  {
    flag: 0x40, name: "MBEDTLS_X509_BADCERT_MISSING", text: "Certificate was missing", alert: 46,
    causes: ["the peer sent no certificate (empty Certificate message) while authmode is OPTIONAL/REQUIRED"],
    cite: FLAG_CITE(112, 97, 2225, 171),
  },
  {
    flag: 0x80, name: "MBEDTLS_X509_BADCERT_SKIP_VERIFY", text: "Certificate verification was skipped", alert: 46,
    causes: ["authmode is MBEDTLS_SSL_VERIFY_NONE: the result is informational — the peer certificate was never verified (fix the config, do not ship it)"],
    cite: FLAG_CITE(113, 98, 2226, 174),
  },
  {
    flag: 0x100, name: "MBEDTLS_X509_BADCERT_OTHER", text: "Other reason (can be used by verify callback)", alert: 49,
    causes: [
      "the application's verify callback set it (pinning, custom policy)",
      "part of flags 0xFFFFFFFF: more intermediates than MBEDTLS_X509_MAX_INTERMEDIATE_CA (-0x3000, alert 49) (x509_crt.c x509_crt_verify_chain())",
    ],
    cite: FLAG_CITE(114, 99, 2227, 177),
  },
  {
    flag: 0x200, name: "MBEDTLS_X509_BADCERT_FUTURE", text: "The certificate validity starts in the future", alert: 46,
    causes: [
      "the device clock is behind: no RTC or SNTP yet at handshake time (1970/2000 after boot), so every certificate looks not yet valid",
      "a freshly issued certificate with notBefore = now on a CA whose clock is ahead of the device (issue with notBefore a few minutes in the past)",
    ],
    cite: FLAG_CITE(115, 100, 2228, 180),
  },
  {
    flag: 0x400, name: "MBEDTLS_X509_BADCRL_FUTURE", text: "The CRL is from the future", alert: 46,
    causes: [
      "the CRL's thisUpdate is after the device time: clock behind, or a CRL issued with thisUpdate = now by a CA whose clock is ahead (backdate thisUpdate)",
      "never set without MBEDTLS_HAVE_TIME_DATE: CRL dates are then not checked at all (test/peers/crl-mbedtls-differential.test.ts)",
    ],
    cite: FLAG_CITE(116, 101, 2229, 183),
  },
  {
    flag: 0x800, name: "MBEDTLS_X509_BADCERT_KEY_USAGE", text: "Usage does not match the keyUsage extension", alert: 43,
    causes: [
      "set by the TLS layer (not by mbedtls_x509_crt_verify): the leaf's keyUsage lacks digitalSignature (ECDHE suites, TLS 1.3) or keyEncipherment (RSA key exchange); the handshake fails with -0x7A00 (ssl_tls.c mbedtls_ssl_check_cert_usage())",
    ],
    cite: FLAG_CITE(117, 102, 2230, 186),
  },
  {
    flag: 0x1000, name: "MBEDTLS_X509_BADCERT_EXT_KEY_USAGE", text: "Usage does not match the extendedKeyUsage extension", alert: 43,
    causes: [
      "set by the TLS layer: the leaf's EKU lacks serverAuth (device as client checking the server) or clientAuth (device as server checking a client); anyExtendedKeyUsage and a missing EKU pass; the handshake fails with -0x7A00 (ssl_tls.c mbedtls_ssl_check_cert_usage(); test/peers/mbedtls-lint.test.ts scenarios \"eku-clientauth-only-*\", \"eku-any-2.28-system\")",
    ],
    cite: FLAG_CITE(118, 103, 2231, 189),
  },
  {
    flag: 0x2000, name: "MBEDTLS_X509_BADCERT_NS_CERT_TYPE", text: "Usage does not match the nsCertType extension", alert: 43,
    causes: ["never set by mbedTLS 2.28 or 3.6 itself; only an application verify callback sets it"],
    cite: FLAG_CITE(119, 104, 2232, 192),
  },
  {
    flag: 0x4000, name: "MBEDTLS_X509_BADCERT_BAD_MD", text: "The certificate is signed with an unacceptable hash.", alert: 46,
    causes: [
      "a chain certificate is signed with a hash the verification profile refuses: SHA-1 (both default profiles), SHA-224 in 3.6's default profile (x509_crt.c mbedtls_x509_crt_profile_default; test/peers/mbedtls-lint.test.ts scenarios \"sha1-signed-leaf-*\")",
      "a pinned self-signed server certificate signed with such a hash: its own signature is checked before the exemption (x509_crt.c x509_crt_verify_chain(); test/peers/mbedtls-lint.test.ts scenarios \"pinned-self-signed-sha1-*\")",
    ],
    cite: FLAG_CITE(120, 105, 2233, 195),
  },
  {
    flag: 0x8000, name: "MBEDTLS_X509_BADCERT_BAD_PK", text: "The certificate is signed with an unacceptable PK alg (eg RSA vs ECDSA).", alert: 43,
    causes: ["a certificate's public-key algorithm is not allowed by the profile (e.g. RSA with a suite-B style profile, or the profile's allowed_pks mask excludes it): the leaf's key type, or the key type of any signature but a trusted CA's (x509_crt.c x509_profile_check_pk_alg(); test/peers/mbedtls-lint.test.ts scenarios \"profile-suiteb-rsa2048-leaf-*\", \"profile-suiteb-rsa-root-3.6\")"],
    cite: FLAG_CITE(121, 106, 2234, 198),
  },
  {
    flag: 0x10000, name: "MBEDTLS_X509_BADCERT_BAD_KEY", text: "The certificate is signed with an unacceptable key (eg bad curve, RSA too short).", alert: 43,
    causes: [
      "a key in the chain is too weak for the profile: RSA < 2048 bits, or a curve the profile excludes (P-192/P-224/secp256k1 in 3.6's default profile; 2.28's default accepts them) — also raised for the leaf's OWN key, despite the text (x509_crt.c mbedtls_x509_crt_profile_default, x509_profile_check_key() on the leaf in x509_crt_verify_restartable_ca_cb(); test/peers/mbedtls-lint.test.ts scenarios \"rsa1024-leaf-*\", \"secp256k1-leaf-*\")",
    ],
    cite: FLAG_CITE(122, 107, 2236, 201),
  },
  {
    flag: 0x20000, name: "MBEDTLS_X509_BADCRL_BAD_MD", text: "The CRL is signed with an unacceptable hash.", alert: 46,
    causes: ["the CRL is signed with a hash the profile refuses (e.g. SHA-1)"],
    cite: FLAG_CITE(123, 108, 2238, 204),
  },
  {
    flag: 0x40000, name: "MBEDTLS_X509_BADCRL_BAD_PK", text: "The CRL is signed with an unacceptable PK alg (eg RSA vs ECDSA).", alert: 46,
    causes: ["the CRL signer's public-key algorithm is not allowed by the profile"],
    cite: FLAG_CITE(124, 109, 2239, 207),
  },
  {
    flag: 0x80000, name: "MBEDTLS_X509_BADCRL_BAD_KEY", text: "The CRL is signed with an unacceptable key (eg bad curve, RSA too short).", alert: 46,
    causes: ["the CRL signer's key is too weak for the profile"],
    cite: FLAG_CITE(125, 110, 2241, 210),
  },
];

/** mbedtls_x509_crt_verify_info's line for bits that are not a known flag (both lines). */
export const MBEDTLS_VERIFY_UNKNOWN_TEXT = "Unknown reason (this should not happen)";

/**
 * The flags set in a verify result (mbedtls_ssl_get_verify_result / the `flags` of
 * mbedtls_x509_crt_verify), in flag order. `unknownBits` holds bits that are no known flag;
 * `allBitsSet` is the 0xFFFFFFFF of a fatal verify error (-0x3000: too many intermediates or a
 * failing verify callback), where the individual flags mean nothing (x509_crt.c x509_crt_verify_chain()
 * and x509_crt_merge_flags_with_cb()).
 */
export function decodeVerifyFlags(flags: number): { flags: MbedtlsVerifyFlag[]; unknownBits: number; allBitsSet: boolean } {
  const value = flags >>> 0;
  const known = MBEDTLS_VERIFY_FLAGS.filter((f) => (value & f.flag) !== 0);
  const knownMask = MBEDTLS_VERIFY_FLAGS.reduce((mask, f) => mask | f.flag, 0);
  return { flags: known, unknownBits: (value & ~knownMask) >>> 0, allBitsSet: value === 0xffffffff };
}

/**
 * The fatal alert an mbedTLS peer sends after its verification set `flags`: the first matching
 * branch wins [2.28.3 library/ssl_tls.c:2678-2699] [3.6.6 library/ssl_tls.c:10027-10046].
 * 3.6 dropped the NS_CERT_TYPE branch.
 */
export function mbedtlsAlertForFlags(flags: number, line: "2.28" | "3.6"): number {
  const has = (bit: number): boolean => ((flags >>> 0) & bit) !== 0;
  if (has(0x100)) return 49; // OTHER: access_denied
  if (has(0x04)) return 42; // CN_MISMATCH: bad_certificate
  const unsupported = line === "2.28" ? [0x800, 0x1000, 0x2000, 0x8000, 0x10000] : [0x800, 0x1000, 0x8000, 0x10000];
  if (unsupported.some(has)) return 43; // KEY_USAGE, EXT_KEY_USAGE, (NS_CERT_TYPE), BAD_PK, BAD_KEY: unsupported_certificate
  if (has(0x01)) return 45; // EXPIRED: certificate_expired
  if (has(0x02)) return 44; // REVOKED: certificate_revoked
  if (has(0x08)) return 48; // NOT_TRUSTED: unknown_ca
  return 46; // anything else (FUTURE, BAD_MD, …): certificate_unknown
}
