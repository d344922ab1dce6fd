/**
 * TLS alert descriptions (the N of "SSL alert number N", of mbedTLS' "fatal alert message (msg N)"
 * and of -0x7780), with who sends them in certificate problems and why.
 *
 * Sources and conventions
 * - Numbers and names: the IANA "TLS Alerts" registry [RFC 8446 §6] [RFC 5246 §7.2]; names carry no
 *   "_RESERVED" suffix, `reserved` says when TLS 1.3 forbids sending one. 121 ech_required is from
 *   the Encrypted Client Hello specification (draft-ietf-tls-esni), registered by IANA.
 * - `openssl`: SSL_alert_desc_string_long(code) in OpenSSL 3.0.19 (absent where 3.0 answers
 *   "unknown": 86, 109, 116, 121). `opensslReason`: the error-queue reason OpenSSL 3.0 logs when it
 *   RECEIVES the alert, ERR_reason_error_string(ERR_PACK(ERR_LIB_SSL, 0, 1000 + code)) — so the
 *   packed code "error:0A000412" is 0x0A000000 | (1000 + 42). OpenSSL 3.2+ renamed the "sslv3 alert
 *   …" reasons to "ssl/tls alert …" (the "tlsv1 …" ones kept their names). Both checked against the
 *   real library by test/explain/knowledge.test.ts.
 * - `mbedtls`: the MBEDTLS_SSL_ALERT_MSG_* macro [3.6.6 include/mbedtls/ssl.h:568-598]
 *   [2.28.3 include/mbedtls/ssl.h:406-434]; 109 and 116 are 3.x only.
 * - `sender`: who usually sends it when a certificate is the problem. "verifier" = the side that
 *   checked the other's certificate (the client for a server certificate, the server for a client
 *   certificate); "server"/"client" when it is nearly always that side; "either" otherwise.
 * - `opensslSends` / `mbedtlsSends`: what makes each library send it. ✅ = observed on the real
 *   libraries (OpenSSL 3.0.19 s_server/s_client against mbedTLS 2.28.3/3.6.6 builds); where a test
 *   of this repository reproduces it, the entry names the test: the scenarios of
 *   test/peers/mbedtls-lint.test.ts name the alert each failure ends in, and
 *   test/explain/knowledge.test.ts and test/peers/key-mismatch.test.ts run the rest. 📄 = read from
 *   source. "[mbedTLS file function()]" means that function in Mbed-TLS/mbedtls at v2.28.3/v3.6.6.
 *   OpenSSL maps a verify error to an alert in ssl_x509err2alert()
 *   (see openssl-verify.ts `alert`); mbedTLS maps its verify flags with the first-match chain
 *   of mbedtlsAlertForFlags() in mbedtls-errors.ts.
 * - nginx with `ssl_verify_client on` sends NO alert for a bad client certificate: the handshake
 *   completes and the request gets HTTP 400 (nginx src/http/ngx_http_request.c ngx_http_process_request();
 *   test/peers/nginx-lint.test.ts).
 */

export type AlertSender = "verifier" | "server" | "client" | "either";

export interface TlsAlert {
  code: number;
  /** IANA registry name, without "_RESERVED". */
  name: string;
  /** Set when TLS 1.3 forbids sending it (registry "_RESERVED"). */
  reserved?: string;
  /** SSL_alert_desc_string_long in OpenSSL 3.0 (absent: "unknown" there). */
  openssl?: string;
  /** OpenSSL 3.0's error reason when it receives this alert ("sslv3 alert bad certificate"). */
  opensslReason?: string;
  mbedtls?: { macro: string; in28: boolean };
  sender: AlertSender;
  /** The usual certificate/config causes, most likely first. */
  causes: string[];
  /** Conditions under which OpenSSL 3.0 sends it. */
  opensslSends?: string[];
  /** Conditions under which mbedTLS (2.28 / 3.6) sends it. */
  mbedtlsSends?: string[];
  cite: string;
}

const M = (macro: string, in28 = true) => ({ macro: `MBEDTLS_SSL_ALERT_MSG_${macro}`, in28 });

export const TLS_ALERTS: readonly TlsAlert[] = [
  {
    code: 0, name: "close_notify", openssl: "close notify", mbedtls: M("CLOSE_NOTIFY"), sender: "either",
    causes: ["orderly shutdown; not an error (mbedTLS returns -0x7880 PEER_CLOSE_NOTIFY)"],
    cite: "[RFC 8446 §6.1] [RFC 5246 §7.2.1]",
  },
  {
    code: 10, name: "unexpected_message", openssl: "unexpected_message", opensslReason: "sslv3 alert unexpected message", mbedtls: M("UNEXPECTED_MESSAGE"), sender: "either",
    causes: [
      "a handshake message arrived out of order: e.g. a client that cannot handle a CertificateRequest, or TLS 1.3 middlebox-compatibility differences",
      "a peer that is not speaking TLS at that point (a proxy, STARTTLS done wrong)",
    ],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 20, name: "bad_record_mac", openssl: "bad record mac", opensslReason: "sslv3 alert bad record mac", mbedtls: M("BAD_RECORD_MAC"), sender: "either",
    causes: [
      "a record did not decrypt/authenticate: corrupted stream, a middlebox, or keys that differ between the ends",
      "mbedTLS 3.6 as a TLS 1.3 server rejecting a client certificate: it encrypts its alert with handshake keys the client has already left behind, so OpenSSL reports a bad record mac instead of the real alert (Mbed-TLS/mbedtls#10877)",
    ],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 21, name: "decryption_failed", reserved: "TLS 1.3 (and TLS 1.2) must not send it", openssl: "decryption failed", opensslReason: "tlsv1 alert decryption failed", mbedtls: M("DECRYPTION_FAILED"), sender: "either",
    causes: ["legacy (SSL 3.0/TLS 1.0) CBC decryption failure; never sent by current stacks"],
    cite: "[RFC 8446 §6.2] [RFC 5246 §7.2.2]",
  },
  {
    code: 22, name: "record_overflow", openssl: "record overflow", opensslReason: "tlsv1 alert record overflow", mbedtls: M("RECORD_OVERFLOW"), sender: "either",
    causes: [
      "a record longer than allowed or than the receiver's buffer: an mbedTLS device with a small MBEDTLS_SSL_IN_CONTENT_LEN receiving a large record (a long certificate chain) without a negotiated max_fragment_length / record_size_limit (mbedTLS library/ssl_msg.c mbedtls_ssl_fetch_input(): \"requesting more data than fits\")",
    ],
    mbedtlsSends: ["a received record larger than its input buffer allows (📄)"],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 30, name: "decompression_failure", reserved: "TLS 1.3 must not send it", openssl: "decompression failure", opensslReason: "sslv3 alert decompression failure", mbedtls: M("DECOMPRESSION_FAILURE"), sender: "either",
    causes: ["TLS compression failure (compression is obsolete)"],
    cite: "[RFC 8446 §6.2] [RFC 5246 §7.2.2]",
  },
  {
    code: 40, name: "handshake_failure", openssl: "handshake failure", opensslReason: "sslv3 alert handshake failure", mbedtls: M("HANDSHAKE_FAILURE"), sender: "server",
    causes: [
      "no shared cipher suite, group or signature algorithm: the server's certificate key type or curve is not something the client offers — an mbedTLS device offering only ECDHE-ECDSA against an RSA server (fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server), a P-384 server certificate against a client offering only P-256 (fixtures/client-hello/seed-001-p384-cert-p256-only-client), a server curve not enabled in the device config",
      "TLS 1.2: the server requires a client certificate and the client sent none (OpenSSL)",
      "the client offered only protocol versions or extensions the server refuses",
    ],
    opensslSends: [
      "no shared cipher / the server certificate's curve is not in the client's supported groups ✅",
      "TLS 1.2 server with -Verify / SSL_VERIFY_FAIL_IF_NO_PEER_CERT and no client certificate ✅",
      "a client rejecting the server certificate with X509_V_ERR_APPLICATION_VERIFICATION (50) 📄",
    ],
    mbedtlsSends: [
      "no common ciphersuite/group, or nothing usable with the configured certificate (2.28 -0x6980/-0x7380, 3.6 -0x6E00) 📄",
    ],
    cite: "[RFC 8446 §6.2] [test/explain/knowledge.test.ts: 'no common cipher'] [test/peers/mbedtls-lint.test.ts scenarios seed-000-*, p521-leaf-*-no-p521*]",
  },
  {
    code: 41, name: "no_certificate", reserved: "TLS 1.3 (and TLS 1.2) must not send it", openssl: "no certificate", opensslReason: "sslv3 alert no certificate", mbedtls: M("NO_CERT"), sender: "either",
    causes: ["SSL 3.0's 'I have no certificate'; obsolete"],
    mbedtlsSends: [
      "3.6 TLS 1.3 server: the client sent an empty Certificate while authmode is REQUIRED [3.6.6 library/ssl_tls13_generic.c:668-669] 📄 (a 2.28 server sends no alert at all: 2.28.3 library/ssl_tls.c mbedtls_ssl_parse_certificate() returns -0x7480 without one)",
      "3.6 TLS 1.3 client: the server sent an empty Certificate [3.6.6 library/ssl_tls13_generic.c:683] 📄",
    ],
    cite: "[RFC 8446 §6.2] [RFC 5246 §7.2.2]",
  },
  {
    code: 42, name: "bad_certificate", openssl: "bad certificate", opensslReason: "sslv3 alert bad certificate", mbedtls: M("BAD_CERT"), sender: "verifier",
    causes: [
      "an mbedTLS device rejected the server certificate's NAME: the host given to mbedtls_ssl_set_hostname() is not in the SANs (CN_MISMATCH), e.g. an IP that is not an iPAddress SAN, or any IP on 2.28 ✅ (test/peers/mbedtls-lint.test.ts scenarios \"host-mismatch-*\", \"ip-san-only-2.28-system\")",
      "an OpenSSL peer rejected the certificate as not yet valid (notBefore in the future / clock skew) ✅, for a weak key or digest (66/67/68), a hostname/IP mismatch (62/64), or an unparsable validity field",
      "the Certificate message contained a certificate the receiver could not parse (mbedTLS)",
    ],
    opensslSends: [
      "verify error 9 not yet valid ✅ (x509table: X509_V_ERR_CERT_NOT_YET_VALID → SSL_AD_BAD_CERTIFICATE)",
      "verify errors 4, 5, 6, 11, 13–16, 27, 28, 62–68 (ssl_x509err2alert) 📄",
    ],
    mbedtlsSends: [
      "verify flag CN_MISMATCH (0x04) when OTHER is not set ✅ (wrong host → 42, test/peers/mbedtls-lint.test.ts scenarios \"host-mismatch-*\")",
      "a certificate in the peer's Certificate message fails to parse (other than an unknown signature algorithm, which is skipped) [2.28.3 library/ssl_tls.c:2439-2445] [3.6.6 library/ssl_tls.c:7884-7890] 📄",
    ],
    cite: "[RFC 8446 §6.2] [OpenSSL 3.0 ssl/statem/statem_lib.c ssl_x509err2alert()] [mbedTLS 2.28.3 library/ssl_tls.c ssl_parse_certificate_verify(), 3.6.6 mbedtls_ssl_verify_certificate(); test/explain/knowledge.test.ts]",
  },
  {
    code: 43, name: "unsupported_certificate", openssl: "unsupported certificate", opensslReason: "sslv3 alert unsupported certificate", mbedtls: M("UNSUPPORTED_CERT"), sender: "verifier",
    causes: [
      "the certificate's purpose does not fit: a client certificate without clientAuth EKU (OpenSSL verify error 26) ✅, a server certificate without serverAuth, or a keyUsage that forbids the key's use in this handshake (mbedTLS -0x7A00)",
      "an mbedTLS peer rejected a key type or size its profile does not allow (BAD_PK, BAD_KEY: RSA-1024, a disallowed curve) ✅",
    ],
    opensslSends: ["verify error 26 (unsuitable certificate purpose): e.g. a client certificate with EKU serverAuth only ✅ (x509table: X509_V_ERR_INVALID_PURPOSE → SSL_AD_UNSUPPORTED_CERTIFICATE)"],
    mbedtlsSends: [
      "verify flags KEY_USAGE, EXT_KEY_USAGE, BAD_PK, BAD_KEY (and NS_CERT_TYPE in 2.28) when OTHER and CN_MISMATCH are not set ✅ (EKU → 43, RSA-1024 → 43: test/peers/mbedtls-lint.test.ts scenarios \"eku-clientauth-only-*\", \"rsa1024-leaf-*\")",
      "a certificate with an unsupported X.509 version in the Certificate message 📄",
    ],
    cite: "[RFC 8446 §6.2] [OpenSSL 3.0 ssl/statem/statem_lib.c ssl_x509err2alert()] [mbedTLS 2.28.3 library/ssl_tls.c ssl_parse_certificate_verify(), 3.6.6 mbedtls_ssl_verify_certificate(); test/explain/knowledge.test.ts]",
  },
  {
    code: 44, name: "certificate_revoked", openssl: "certificate revoked", opensslReason: "sslv3 alert certificate revoked", mbedtls: M("CERT_REVOKED"), sender: "verifier",
    causes: ["the certificate is on the verifier's CRL (or OCSP says revoked)"],
    opensslSends: ["verify error 23 📄"],
    mbedtlsSends: ["verify flag REVOKED (0x02) when no higher-priority flag is set 📄"],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 45, name: "certificate_expired", openssl: "certificate expired", opensslReason: "sslv3 alert certificate expired", mbedtls: M("CERT_EXPIRED"), sender: "verifier",
    causes: [
      "a certificate in the chain is past notAfter (leaf or intermediate), or the verifier's clock is ahead",
    ],
    opensslSends: ["verify error 10 (and 12 for an expired CRL): client certificate expired ✅ (x509table: X509_V_ERR_CERT_HAS_EXPIRED → SSL_AD_CERTIFICATE_EXPIRED)"],
    mbedtlsSends: ["verify flag EXPIRED (0x01) when no higher-priority flag is set ✅ (test/peers/mbedtls-lint.test.ts scenario \"expired-leaf-2.28-system\")"],
    cite: "[RFC 8446 §6.2] [OpenSSL 3.0 ssl/statem/statem_lib.c ssl_x509err2alert()] [mbedTLS 2.28.3 library/ssl_tls.c ssl_parse_certificate_verify(), 3.6.6 mbedtls_ssl_verify_certificate(); test/explain/knowledge.test.ts]",
  },
  {
    code: 46, name: "certificate_unknown", openssl: "certificate unknown", opensslReason: "sslv3 alert certificate unknown", mbedtls: M("CERT_UNKNOWN"), sender: "verifier",
    causes: [
      "an mbedTLS device rejected the certificate as NOT YET VALID (its clock is behind: no RTC/SNTP at boot) or signed with a hash its profile refuses (SHA-1) — mbedTLS does not say 45 or 42 for these ✅ (the first-match chain of mbedtlsAlertForFlags(); test/peers/mbedtls-lint.test.ts scenarios \"sha1-signed-leaf-*\")",
      "an OpenSSL peer hit a verify error that has no dedicated alert: e.g. 24 (3.x), 32, 34 unhandled critical extension, 41 invalid extension, 47/48 name constraints",
    ],
    opensslSends: ["any verify error not in ssl_x509err2alert's table (the default) 📄"],
    mbedtlsSends: ["verify flags FUTURE (0x200), BAD_MD (0x4000), MISSING, SKIP_VERIFY, CRL flags — anything the first-match chain does not name ✅ (SHA-1 cert → 46: test/peers/mbedtls-lint.test.ts scenarios \"sha1-signed-leaf-*\")"],
    cite: "[RFC 8446 §6.2] [OpenSSL 3.0 ssl/statem/statem_lib.c ssl_x509err2alert()] [mbedTLS 2.28.3 library/ssl_tls.c ssl_parse_certificate_verify(), 3.6.6 mbedtls_ssl_verify_certificate(); test/explain/knowledge.test.ts]",
  },
  {
    code: 47, name: "illegal_parameter", openssl: "illegal parameter", opensslReason: "sslv3 alert illegal parameter", mbedtls: M("ILLEGAL_PARAMETER"), sender: "either",
    causes: [
      "a handshake field is syntactically valid but inconsistent: a group, signature scheme or cipher the peer picked that was not offered; an EC point not on the curve (seed 002 saw 47 from a misconfigured STM32 server: fixtures/logs/seed-002-mbedtls-client.log)",
      "not reproduced by any certificate scenario of test/peers/mbedtls-lint.test.ts",
    ],
    mbedtlsSends: ["3.6: -0x6600 SSL_ILLEGAL_PARAMETER situations (📄)"],
    cite: "[RFC 8446 §6.2] [fixtures/logs/seed-002-mbedtls-client.log]",
  },
  {
    code: 48, name: "unknown_ca", openssl: "unknown CA", opensslReason: "tlsv1 alert unknown ca", mbedtls: M("UNKNOWN_CA"), sender: "verifier",
    causes: [
      "the verifier cannot chain the certificate to a trust anchor: the peer did not send its intermediate, the verifier trusts a different root (re-generated lab, staging CA), or the certificate is self-signed ✅",
      "an mbedTLS device: a missing intermediate, wrong root, bad signature, reversed chain or a non-CA intermediate all end as NOT_TRUSTED → 48 ✅ (mbedTLS library/x509_crt.c x509_crt_verify_chain(); test/peers/mbedtls-lint.test.ts scenarios \"intermediate-missing-*\", \"intermediates-reversed-*\")",
      "OpenSSL: also a chain longer than the verify depth (22), a pathlen violation (25), a CA:FALSE intermediate (79)",
    ],
    opensslSends: [
      "client certificate from an unknown CA, missing intermediate, or self-signed ✅ (test/explain/knowledge.test.ts: 'self-signed client certificate … alert 48')",
      "verify errors 2, 3, 18–22, 25, 33, 79 (24 in 1.1.x) 📄",
    ],
    mbedtlsSends: ["verify flag NOT_TRUSTED (0x08) when no higher-priority flag is set ✅ (missing intermediate → 48: test/peers/mbedtls-lint.test.ts scenarios \"intermediate-missing-*\")"],
    cite: "[RFC 8446 §6.2] [OpenSSL 3.0 ssl/statem/statem_lib.c ssl_x509err2alert()] [mbedTLS 2.28.3 library/ssl_tls.c ssl_parse_certificate_verify(), 3.6.6 mbedtls_ssl_verify_certificate(); test/explain/knowledge.test.ts]",
  },
  {
    code: 49, name: "access_denied", openssl: "access denied", opensslReason: "tlsv1 alert access denied", mbedtls: M("ACCESS_DENIED"), sender: "verifier",
    causes: [
      "an mbedTLS device got more intermediates than MBEDTLS_X509_MAX_INTERMEDIATE_CA (default 8): -0x3000, flags 0xFFFFFFFF ✅ (test/peers/mbedtls-lint.test.ts scenarios \"nine-intermediates-*\")",
      "an application verify callback (mbedTLS BADCERT_OTHER) or access policy rejected a valid certificate",
    ],
    mbedtlsSends: ["verify flag OTHER (0x100) — checked first, so also for the all-flags fatal case ✅ (9 intermediates → 49: test/peers/mbedtls-lint.test.ts scenarios \"nine-intermediates-*\")"],
    cite: "[RFC 8446 §6.2] [mbedTLS 2.28.3 library/ssl_tls.c ssl_parse_certificate_verify(), 3.6.6 mbedtls_ssl_verify_certificate(); test/explain/knowledge.test.ts]",
  },
  {
    code: 50, name: "decode_error", openssl: "decode error", opensslReason: "tlsv1 alert decode error", mbedtls: M("DECODE_ERROR"), sender: "either",
    causes: [
      "a message could not be parsed: a malformed Certificate message or extension, a truncated record; an mbedTLS 3.6 peer reports -0x7300 DECODE_ERROR for it",
    ],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 51, name: "decrypt_error", openssl: "decrypt error", opensslReason: "tlsv1 alert decrypt error", mbedtls: M("DECRYPT_ERROR"), sender: "either",
    causes: [
      "a handshake signature did not verify: the client's (or server's) private key does not match its certificate — the CertificateVerify fails ✅ (test/peers/key-mismatch.test.ts: mbedTLS devices with another certificate's key get alert 51 from nginx)",
      "a certificate signature does not verify with its issuer key (OpenSSL verify error 7 or 8), or a Finished check failed",
    ],
    opensslSends: ["client key does not match its certificate ✅; verify errors 7 and 8 📄"],
    cite: "[RFC 8446 §6.2] [OpenSSL 3.0 ssl/statem/statem_lib.c ssl_x509err2alert()] [test/peers/key-mismatch.test.ts]",
  },
  {
    code: 60, name: "export_restriction", reserved: "TLS 1.3 (and TLS 1.2) must not send it", openssl: "export restriction", opensslReason: "tlsv1 alert export restriction", mbedtls: M("EXPORT_RESTRICTION"), sender: "either",
    causes: ["obsolete export-cipher negotiation"],
    cite: "[RFC 8446 §6.2] [RFC 5246 §7.2.2]",
  },
  {
    code: 70, name: "protocol_version", openssl: "protocol version", opensslReason: "tlsv1 alert protocol version", mbedtls: M("PROTOCOL_VERSION"), sender: "server",
    causes: [
      "no common TLS version: a device limited to TLS 1.2 against a TLS 1.3-only server ✅, or a legacy TLS 1.0/1.1 client against a modern server (MinProtocol in OpenSSL's config)",
    ],
    opensslSends: ["client forced to TLS 1.2 while the server is TLS 1.3-only ✅"],
    mbedtlsSends: ["the peer's version is outside the configured [min, max] (-0x6E80) 📄"],
    cite: "[RFC 8446 §6.2] [RFC 8446 §4.2.1]",
  },
  {
    code: 71, name: "insufficient_security", openssl: "insufficient security", opensslReason: "tlsv1 alert insufficient security", mbedtls: M("INSUFFICIENT_SECURITY"), sender: "server",
    causes: ["the server requires ciphers stronger than any the client offers (e.g. a device offering only CBC/SHA-1 suites to a hardened server)"],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 80, name: "internal_error", openssl: "internal error", opensslReason: "tlsv1 alert internal error", mbedtls: M("INTERNAL_ERROR"), sender: "either",
    causes: [
      "the sender failed internally: out of memory (a large chain on a small heap), an RNG or hardware-crypto failure, a key it cannot use",
      "OpenSSL verify errors 1, 17, 69, 70 map here",
    ],
    opensslSends: ["verify errors 1, 17, 69, 70 📄"],
    mbedtlsSends: ["allocation failure while parsing the peer's chain (X509_ALLOC_FAILED) and other internal errors 📄"],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 86, name: "inappropriate_fallback", opensslReason: "tlsv1 alert inappropriate fallback", mbedtls: M("INAPROPRIATE_FALLBACK"), sender: "server",
    causes: ["a client retried with a lower version and TLS_FALLBACK_SCSV while the server supports a higher one (RFC 7507)"],
    cite: "[RFC 7507 §3] [RFC 8446 §6.2]",
  },
  {
    code: 90, name: "user_canceled", openssl: "user canceled", opensslReason: "tlsv1 alert user cancelled", mbedtls: M("USER_CANCELED"), sender: "either",
    causes: ["the handshake was cancelled by the application; usually followed by close_notify"],
    cite: "[RFC 8446 §6.1]",
  },
  {
    code: 100, name: "no_renegotiation", reserved: "TLS 1.3 must not send it", openssl: "no renegotiation", opensslReason: "tlsv1 alert no renegotiation", mbedtls: M("NO_RENEGOTIATION"), sender: "either",
    causes: ["TLS 1.2 renegotiation refused (e.g. a server that wants to request a client certificate mid-connection)"],
    cite: "[RFC 5246 §7.2.2] [RFC 8446 §6.2]",
  },
  {
    code: 109, name: "missing_extension", opensslReason: "tlsv13 alert missing extension", mbedtls: M("MISSING_EXTENSION", false), sender: "either",
    causes: ["TLS 1.3: a mandatory extension is missing (e.g. no signature_algorithms or key_share from a client)"],
    mbedtlsSends: ["3.6 TLS 1.3 server: required extension missing from the ClientHello 📄"],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 110, name: "unsupported_extension", openssl: "unsupported extension", opensslReason: "tlsv1 unsupported extension", mbedtls: M("UNSUPPORTED_EXT"), sender: "client",
    causes: ["a peer sent an extension in a message where it was not requested or is not allowed (mbedTLS 3.6: -0x7500)"],
    cite: "[RFC 8446 §6.2]",
  },
  {
    code: 111, name: "certificate_unobtainable", reserved: "TLS 1.3 must not send it", openssl: "certificate unobtainable", opensslReason: "tlsv1 certificate unobtainable", sender: "verifier",
    causes: ["client_certificate_url extension: the server could not fetch the certificate (RFC 6066); practically unused"],
    cite: "[RFC 6066 §5] [RFC 8446 §6.2]",
  },
  {
    code: 112, name: "unrecognized_name", openssl: "unrecognized name", opensslReason: "tlsv1 unrecognized name", mbedtls: M("UNRECOGNIZED_NAME"), sender: "server",
    causes: ["the server has no virtual host / certificate for the SNI name the client sent (a device sending an IP or a wrong name as SNI); mbedTLS 3.6 reports -0x7800"],
    mbedtlsSends: ["a server whose SNI callback rejects the name 📄"],
    cite: "[RFC 6066 §3] [RFC 8446 §6.2]",
  },
  {
    code: 113, name: "bad_certificate_status_response", openssl: "bad certificate status response", opensslReason: "tlsv1 bad certificate status response", sender: "client",
    causes: ["the stapled OCSP response is invalid or says the certificate is not good"],
    cite: "[RFC 6066 §8] [RFC 8446 §6.2]",
  },
  {
    code: 114, name: "bad_certificate_hash_value", reserved: "TLS 1.3 must not send it", openssl: "bad certificate hash value", opensslReason: "tlsv1 bad certificate hash value", sender: "server",
    causes: ["client_certificate_url hash mismatch (RFC 6066); practically unused"],
    cite: "[RFC 6066 §5] [RFC 8446 §6.2]",
  },
  {
    code: 115, name: "unknown_psk_identity", openssl: "unknown PSK identity", opensslReason: "tlsv1 alert unknown psk identity", mbedtls: M("UNKNOWN_PSK_IDENTITY"), sender: "server",
    causes: ["PSK mode: the server does not know the identity the client sent"],
    cite: "[RFC 4279 §2] [RFC 8446 §6.2]",
  },
  {
    code: 116, name: "certificate_required", opensslReason: "tlsv13 alert certificate required", mbedtls: M("CERT_REQUIRED", false), sender: "server",
    causes: [
      "TLS 1.3: the server requires a client certificate and the client sent none — no certificate configured on the device, or none matching the CertificateRequest ✅",
      "with an mbedTLS 3.6 TLS 1.3 client the alert surfaces on the first mbedtls_ssl_read() after mbedtls_ssl_handshake() returned 0 (a TLS 1.3 client's handshake ends with its own Finished, before the server has checked its certificate: RFC 8446 §4.4.2.4)",
    ],
    opensslSends: ["TLS 1.3 server with -Verify / SSL_VERIFY_FAIL_IF_NO_PEER_CERT and no client certificate ✅ (test/explain/knowledge.test.ts: 'TLS 1.3 client without a certificate … alert 116')"],
    mbedtlsSends: ["never: a 3.6 TLS 1.3 server sends 41 no_certificate instead (📄 no use of the macro in 3.6.6 library/), a 2.28 server nothing"],
    cite: "[RFC 8446 §4.4.2.4, §6.2] [test/explain/knowledge.test.ts]",
  },
  {
    code: 120, name: "no_application_protocol", openssl: "no application protocol", opensslReason: "tlsv1 alert no application protocol", mbedtls: M("NO_APPLICATION_PROTOCOL"), sender: "server",
    causes: ["ALPN: none of the client's protocols (h2, http/1.1, mqtt …) is supported by the server; mbedTLS 3.6 reports -0x7580"],
    cite: "[RFC 7301 §3.2] [RFC 8446 §6.2]",
  },
  {
    code: 121, name: "ech_required", sender: "server",
    causes: ["Encrypted Client Hello: the server requires ECH and the client did not use it (or ECH was rejected); unrelated to certificates"],
    cite: "[IANA TLS Alerts registry; draft-ietf-tls-esni §11.2]",
  },
];

const byCode = new Map<number, TlsAlert>(TLS_ALERTS.map((a) => [a.code, a]));

export function findTlsAlert(code: number): TlsAlert | undefined {
  return byCode.get(code);
}

/**
 * The alert behind an OpenSSL error reason as logged by a receiver: "sslv3 alert bad certificate"
 * (≤ 3.1), "ssl/tls alert bad certificate" (3.2+), "tlsv1 alert unknown ca", "tlsv13 alert
 * certificate required", "tlsv1 unrecognized name". Case-insensitive.
 */
export function findTlsAlertByReason(reason: string): TlsAlert | undefined {
  const r = reason.trim().toLowerCase().replace(/^ssl\/tls alert /, "sslv3 alert ");
  return TLS_ALERTS.find((a) => a.opensslReason !== undefined && a.opensslReason.toLowerCase() === r);
}

/**
 * The alert number packed in an OpenSSL error code: a received alert is reason 1000 + alert in
 * library 20 (SSL). OpenSSL 3 packs lib << 23 | reason ("error:0A000412" → 42); 1.1.x packed
 * lib << 24 | func << 12 | reason ("error:14094412" → 42). Other codes give undefined.
 */
export function alertFromOpensslErrorCode(hex: string): number | undefined {
  const text = hex.replace(/^error:/i, "");
  if (!/^[0-9a-f]{1,8}$/i.test(text)) return undefined;
  const value = Number.parseInt(text, 16);
  let reason: number | undefined;
  if (value >>> 23 === 20) reason = value & 0x7fffff;
  else if (value >>> 24 === 20) reason = value & 0xfff;
  return reason !== undefined && reason >= 1000 && reason <= 1255 ? reason - 1000 : undefined;
}
