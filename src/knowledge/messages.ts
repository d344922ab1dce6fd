/**
 * Strings people paste from OpenSSL, curl, nginx, Postfix, Python and mbedTLS programs, as regex
 * patterns with their meaning. A pattern that carries a number says which one in `capture`
 * (group 1): an alert (tls-alerts.ts), an OpenSSL verify error (openssl-verify.ts) or an mbedTLS
 * code (mbedtls-errors.ts, group 1 as printed: "-0x7780"). A pattern whose group 1 is text to look
 * up says so in `captureText`. `implies` gives the number a fixed wording stands for.
 *
 * Where the strings come from (test/explain/knowledge.test.ts matches each pattern against the
 * real program's output or binary where one is installed):
 * - OpenSSL 3.0 error reasons ("sslv3 alert bad certificate", "no shared cipher", "wrong version
 *   number", "certificate verify failed"): ERR_reason_error_string of libssl, and real
 *   `openssl s_server` / `s_client` runs. OpenSSL 3.0 prints "error:0A000412:SSL routines::…",
 *   1.1.1 "error:14094412:SSL routines:ssl3_read_bytes:…"; 3.2+ says "ssl/tls alert …" where 3.0
 *   said "sslv3 alert …".
 * - curl (OpenSSL backend): "SSL certificate problem: <X509_verify_cert_error_string>" and its own
 *   hostname check "no alternative certificate subject name matches target host name" (curl
 *   lib/vtls/openssl.c), checked with the real curl.
 * - nginx: the special-response pages and log formats (src/http/ngx_http_special_response.c,
 *   src/http/ngx_http_request.c, src/event/ngx_event_openssl.c, nginx 1.26.3), checked in the
 *   installed nginx binary and against fixtures/nginx-logs/ (real nginx 1.22 lines).
 * - Postfix: "SSL_accept error from HOST: -1" and "warning: TLS library problem: …" (src/tls/
 *   tls_server.c, tls_misc.c) — 📄, no Postfix here; the OpenSSL part of those lines is checked.
 * - Go: err.Error() of crypto/x509 and crypto/tls (src/knowledge/go-x509.ts), checked with Go 1.19.
 * - mbedTLS: mbedtls_strerror output, "mbedtls_ssl_handshake returned -0x…" (programs/ssl), and
 *   the debug lines of library/ssl_msg.c / ssl_tls.c (Mbed-TLS/mbedtls v2.28.3 and v3.6.6).
 */

import { goMessages } from "./go-x509.js";

export type MessageCapture = "alert" | "verify" | "mbedtls" | "mbedtls-flags";

export interface KnownMessage {
  id: string;
  pattern: RegExp;
  /** What the line says happened. */
  meaning: string;
  /** Which side prints it: the TLS client (curl, s_client, a device), the server (nginx, Postfix, s_server), or either. */
  side: "client" | "server" | "either";
  /** The program or library that prints it. */
  source: string;
  /** The usual certificate/config causes, most likely first. */
  causes: string[];
  /** Which number group 1 holds. */
  capture?: MessageCapture;
  /** Group 1 holds text to look up: an OpenSSL alert reason, an SSL_alert_desc_string_long text, or a verify text. */
  captureText?: "alert-reason" | "alert-description" | "verify-text";
  /** The number a fixed wording stands for. */
  implies?: { alert?: number; verify?: number; mbedtls?: number };
  cite: string;
}

export const MESSAGES: readonly KnownMessage[] = [
  // ---- OpenSSL: alerts received ------------------------------------------------------------
  {
    id: "openssl-alert-number",
    pattern: /SSL alert number (\d+)/,
    meaning: "OpenSSL received a fatal alert N from the peer; the peer is the one that refused (look N up)",
    side: "either", source: "OpenSSL (nginx, curl, s_client, s_server, Postfix)", capture: "alert",
    causes: ["see the alert: 40 no shared cipher/curve, 42 bad certificate (mbedTLS: host name mismatch), 43 unsupported certificate (KU/EKU), 45 expired, 46 certificate unknown (mbedTLS: not yet valid, SHA-1), 48 unknown CA, 49 access denied (mbedTLS: too many intermediates), 116 certificate required"],
    cite: "[OpenSSL ssl/record/rec_layer_s3.c: ERR_add_error_data \"SSL alert number %d\"] [fixtures/nginx-logs/]",
  },
  {
    id: "openssl-alert-reason",
    pattern: /\b((?:sslv3|tlsv1|tlsv13|ssl\/tls) (?:alert )?[a-z][a-z ]*[a-z])/i,
    meaning: "the error reason OpenSSL logs when it receives an alert; the text names the alert",
    side: "either", source: "OpenSSL", captureText: "alert-reason",
    causes: ["see the alert named in the text (tls-alerts.ts opensslReason)"],
    cite: "[OpenSSL 3.0 ssl/ssl_err.c SSL_R_SSLV3_ALERT_* / SSL_R_TLSV1_ALERT_*] [OpenSSL 3.2 renamed \"sslv3 alert\" to \"ssl/tls alert\"]",
  },
  {
    id: "alert-bad-certificate",
    pattern: /(?:sslv3|ssl\/tls) alert bad certificate/i,
    meaning: "the peer rejected our certificate with alert 42 bad_certificate",
    side: "either", source: "OpenSSL", implies: { alert: 42 },
    causes: [
      "an mbedTLS device refused the server certificate's name: the host it dials (often an IP) is not in the SANs, or it is an IP on 2.28 (never matches iPAddress SANs) ✅ (test/peers/mbedtls-lint.test.ts scenarios \"host-mismatch-*\", \"ip-san-only-2.28-system\")",
      "an OpenSSL peer refused a client certificate that is not yet valid (clock skew), or a weak key/digest",
    ],
    cite: "[OpenSSL ssl/statem/statem_lib.c ssl_x509err2alert()] [mbedTLS library/ssl_tls.c: CN_MISMATCH → 42]",
  },
  {
    id: "alert-unknown-ca",
    pattern: /tlsv1 alert unknown ca/i,
    meaning: "the peer could not chain our certificate to a CA it trusts (alert 48 unknown_ca)",
    side: "either", source: "OpenSSL", implies: { alert: 48 },
    causes: [
      "we did not send our intermediate (nginx ssl_certificate must hold leaf + intermediates; a device must send its chain)",
      "the peer trusts a different root (mbedTLS device with the wrong CA array; nginx ssl_client_certificate from another lab)",
      "our certificate is self-signed",
    ],
    cite: "[OpenSSL ssl/statem/statem_lib.c ssl_x509err2alert()] [test/explain/knowledge.test.ts: self-signed client certificate, alert 48] [test/peers/mbedtls-lint.test.ts scenarios intermediate-missing-*]",
  },
  {
    id: "alert-certificate-required",
    pattern: /tlsv13 alert certificate required/i,
    meaning: "TLS 1.3: the server requires a client certificate and we sent none (alert 116)",
    side: "client", source: "OpenSSL", implies: { alert: 116 },
    causes: [
      "no client certificate/key configured on the client (curl --cert/--key, s_client -cert/-key, device own cert)",
      "the client has a certificate but none matching the server's CertificateRequest (CA names, signature algorithms), so it sent none",
    ],
    cite: "[RFC 8446 §4.4.2.4] [test/explain/knowledge.test.ts: TLS 1.3 client without a certificate, alert 116]",
  },
  {
    id: "openssl-info-alert",
    pattern: /SSL3 alert (?:read|write):fatal:([A-Za-z][A-Za-z _]*[A-Za-z])/,
    meaning: "OpenSSL's info callback: a fatal alert was read (received) or written (sent); the text is SSL_alert_desc_string_long",
    side: "either", source: "OpenSSL info callback (s_server -state, Postfix smtpd_tls_loglevel ≥ 2)", captureText: "alert-description",
    causes: ["'write' = this side refused (e.g. 'handshake failure' for no shared cipher); 'read' = the peer refused; see the alert"],
    cite: "[OpenSSL ssl/ssl_stat.c SSL_alert_desc_string_long] [apps/lib/s_cb.c apps_ssl_info_callback]",
  },
  // ---- OpenSSL: local failures ---------------------------------------------------------------
  {
    id: "no-shared-cipher",
    pattern: /no shared cipher/i,
    meaning: "the server found no cipher suite usable with both the client's offer and its own certificate/key; it sends alert 40",
    side: "server", source: "OpenSSL (nginx, Postfix, s_server)", implies: { alert: 40 },
    causes: [
      "the client offers only suites for another key type: an ECDSA-only client (an mbedTLS device with only ECDHE-ECDSA enabled) against an RSA certificate, or an RSA-only client against an ECDSA certificate (fixtures/client-hello/seed-000-one-ecdsa-suite-vs-rsa-server)",
      "the server's ECDSA certificate is on a curve the client does not offer in supported_groups/signature_algorithms (a P-384 certificate against a client offering only P-256: fixtures/client-hello/seed-001-p384-cert-p256-only-client)",
      "the server's cipher list (ssl_ciphers, smtpd_tls_*ciphers, SECLEVEL) excludes everything the client offers",
    ],
    cite: "[OpenSSL ssl/statem/statem_srvr.c SSL_R_NO_SHARED_CIPHER] [fixtures/logs/seed-001-postfix.log] [test/explain/knowledge.test.ts: no common cipher] [test/peers/mbedtls-device.test.ts: seed 001 replayed]",
  },
  {
    id: "wrong-version-number",
    pattern: /wrong version number/i,
    meaning: "the bytes received do not look like a TLS record (the record header's version is wrong): the peer is not speaking TLS there",
    side: "either", source: "OpenSSL (curl, s_client, nginx proxy_ssl)",
    causes: [
      "TLS to a plain-text port: https:// to an HTTP port, a device pointed at port 80/1883 instead of 443/8883, nginx `listen 443` without `ssl`",
      "a STARTTLS protocol (SMTP 25/587, IMAP 143) spoken with implicit TLS",
      "a proxy or captive portal answering in clear text",
    ],
    cite: "[OpenSSL ssl/record/ssl3_record.c SSL_R_WRONG_VERSION_NUMBER]",
  },
  {
    id: "certificate-verify-failed",
    pattern: /certificate verify failed/i,
    meaning: "the client's verification of the server certificate failed; the detail is the OpenSSL verify error printed next to it",
    side: "client", source: "OpenSSL (s_client, nginx proxy_ssl_verify, Python, Ruby, PHP)",
    causes: ["see the verify error (20 unknown issuer / missing intermediate, 18/19 self-signed, 10 expired, 62 hostname)"],
    cite: "[OpenSSL ssl/statem/statem_clnt.c SSL_R_CERTIFICATE_VERIFY_FAILED]",
  },
  {
    id: "python-certificate-verify-failed",
    pattern: /\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: ([^(\n]*[^(\s])/,
    meaning: "Python's ssl module: verification of the server certificate failed with the given OpenSSL verify text",
    side: "client", source: "Python ssl (requests, urllib, paho-mqtt)", captureText: "verify-text",
    causes: ["see the verify text; for a private CA pass cafile=/verify= with the CA bundle"],
    cite: "[CPython Modules/_ssl.c fill_and_set_sslerror]",
  },
  {
    id: "unable-to-get-local-issuer",
    pattern: /unable to get local issuer certificate/i,
    meaning: "OpenSSL verify error 20: the issuer of the last certificate found is not in the trust store",
    side: "either", source: "OpenSSL (curl, nginx, openssl verify)", implies: { verify: 20 },
    causes: [
      "the server did not send its intermediate and the client's CA bundle lacks it",
      "a private CA and the client was not given it (curl --cacert, --CAfile)",
      "nginx client certificates: a CA nginx does not trust, or a chain longer than ssl_verify_depth (fixtures/nginx-logs/leaf-from-other-ca.log, two-intermediates-depth-1.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:330]",
  },
  {
    id: "openssl-verify-error-num",
    pattern: /verify error:num=(\d+):/,
    meaning: "openssl s_client / s_server's verify callback: verification hit error N at the depth printed before it",
    side: "either", source: "openssl s_client / s_server", capture: "verify",
    causes: ["see the verify error; s_client continues unless -verify_return_error"],
    cite: "[OpenSSL apps/lib/s_cb.c verify_callback]",
  },
  {
    id: "openssl-verify-return-code",
    pattern: /Verify return code: (\d+) \(/,
    meaning: "openssl s_client's summary: the final verification result of the server's chain",
    side: "client", source: "openssl s_client", capture: "verify",
    causes: ["0 = ok; otherwise see the verify error (21 = the server sent its leaf without the intermediate; 20 = unknown CA or missing -CAfile)"],
    cite: "[OpenSSL apps/s_client.c print_stuff]",
  },
  {
    id: "peer-did-not-return-certificate",
    pattern: /peer did not return a certificate/i,
    meaning: "the server requires a client certificate (SSL_VERIFY_FAIL_IF_NO_PEER_CERT) and the client sent none; it sends alert 40 (TLS 1.2) or 116 (TLS 1.3)",
    side: "server", source: "OpenSSL (s_server -Verify, Postfix, stunnel)",
    causes: ["the client has no certificate configured, or none matching the CertificateRequest"],
    cite: "[OpenSSL ssl/statem/statem_srvr.c SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE] [test/explain/knowledge.test.ts: TLS 1.3 client without a certificate]",
  },
  {
    id: "bad-record-mac",
    pattern: /(?:decryption failed or )?bad record mac/i,
    meaning: "a record failed authentication",
    side: "either", source: "OpenSSL",
    causes: [
      "an mbedTLS 3.6 TLS 1.3 server rejected our client certificate and sent its alert under handshake keys, so we cannot read it (Mbed-TLS/mbedtls#10877)",
      "a middlebox altering the stream, or keys that differ between the ends",
    ],
    cite: "[Mbed-TLS/mbedtls#10877] [RFC 8446 §5.2]",
  },
  // ---- curl ----------------------------------------------------------------------------------
  {
    id: "curl-certificate-problem",
    pattern: /SSL certificate problem: ([^\r\n]*[^\s])/,
    meaning: "curl (exit 60): OpenSSL's verification of the server certificate failed; the text is X509_verify_cert_error_string",
    side: "client", source: "curl (OpenSSL backend)", captureText: "verify-text",
    causes: ["see the verify text: 'unable to get local issuer certificate' (missing intermediate or --cacert), 'self-signed certificate', 'certificate has expired', 'certificate is not yet valid'"],
    cite: "[curl lib/vtls/openssl.c \"SSL certificate problem: %s\"]",
  },
  {
    id: "curl-no-alternative-name",
    pattern: /no alternative certificate subject name matches target host name '([^']*)'/,
    meaning: "curl (exit 60): the server certificate's SANs do not contain the host in the URL (group 1)",
    side: "client", source: "curl (OpenSSL backend)", implies: { verify: 62 },
    causes: [
      "the URL uses a name or IP that is not a SAN: an IP needs an iPAddress SAN, a name a dNSName SAN (CN is ignored when SANs exist)",
      "a wildcard that does not cover the name",
    ],
    cite: "[curl lib/vtls/openssl.c ossl_verifyhost]",
  },
  {
    id: "curl-subject-name-mismatch",
    pattern: /SSL: certificate subject name '([^']*)' does not match target host name '([^']*)'/,
    meaning: "curl (exit 60): the certificate has no SAN and its CN does not match the host",
    side: "client", source: "curl (OpenSSL backend)", implies: { verify: 62 },
    causes: ["a certificate without subjectAltName: issue it with the host as a dNSName/iPAddress SAN"],
    cite: "[curl lib/vtls/openssl.c ossl_verifyhost]",
  },
  // ---- nginx ---------------------------------------------------------------------------------
  {
    id: "nginx-400-ssl-certificate-error",
    pattern: /400 The SSL certificate error/,
    meaning: "nginx completed the handshake, then refused the request: the client certificate was sent but failed verification (internal status 495)",
    side: "server", source: "nginx",
    causes: [
      "the reason is only in nginx's error log at level info: 'client SSL certificate verify error: (N:text)' — e.g. 26 missing clientAuth EKU, 20 chain longer than ssl_verify_depth or unknown CA, 21 intermediate not sent, 9 clock skew (fixtures/nginx-logs/; seed 003: fixtures/nginx-mtls/seed-003-*)",
    ],
    cite: "[nginx src/http/ngx_http_special_response.c ngx_http_error_495_page] [nginx src/http/ngx_http_request.c ngx_http_process_request()] [test/peers/nginx-lint.test.ts]",
  },
  {
    id: "nginx-400-no-certificate",
    pattern: /400 No required SSL certificate was sent/,
    meaning: "nginx with ssl_verify_client on: the client sent no certificate (internal status 496)",
    side: "server", source: "nginx",
    causes: [
      "no client certificate configured on the client",
      "the client has one but not for a CA in nginx's CertificateRequest list: only ssl_client_certificate CAs are listed (not ssl_trusted_certificate)",
    ],
    cite: "[nginx src/http/ngx_http_special_response.c ngx_http_error_496_page] [nginx src/http/ngx_http_request.c ngx_http_process_request()] [test/peers/nginx-lint.test.ts]",
  },
  {
    id: "nginx-400-plain-http",
    pattern: /The plain HTTP request was sent to HTTPS port/,
    meaning: "nginx (internal status 497): a plain-HTTP request arrived on a port configured for TLS",
    side: "server", source: "nginx",
    causes: ["the client used http:// (or a device without TLS) against an `ssl` listener"],
    cite: "[nginx src/http/ngx_http_special_response.c ngx_http_error_497_page]",
  },
  {
    id: "nginx-status-495",
    pattern: /(?:^|[\s"'(=:])495(?=[\s"',)]|$)/,
    meaning: "nginx's internal status for a client certificate that failed verification; sent as 400 unless `error_page 495 …` maps it",
    side: "server", source: "nginx",
    causes: ["see 'The SSL certificate error': the verify error is in the info-level error log"],
    cite: "[nginx src/http/ngx_http_request.h NGX_HTTPS_CERT_ERROR]",
  },
  {
    id: "nginx-status-496",
    pattern: /(?:^|[\s"'(=:])496(?=[\s"',)]|$)/,
    meaning: "nginx's internal status for a missing required client certificate; sent as 400 unless `error_page 496 …` maps it",
    side: "server", source: "nginx",
    causes: ["see 'No required SSL certificate was sent'"],
    cite: "[nginx src/http/ngx_http_request.h NGX_HTTPS_NO_CERT]",
  },
  {
    id: "nginx-client-verify-error",
    pattern: /client SSL certificate verify error: \((\d+):([^)]{0,300})\)/,
    meaning: "nginx (info level): the client certificate failed verification with OpenSSL error N; the request got 400. nginx logs the LAST error OpenSSL recorded",
    side: "server", source: "nginx", capture: "verify",
    causes: [
      "see the verify error; nginx specifics: 20 also means a chain longer than ssl_verify_depth (default 1), 21 a leaf sent without its intermediate, 26 also a CA:FALSE intermediate, 2 an intermediate-only ssl_client_certificate (fixtures/nginx-logs/, written by test/peers/nginx-lint.test.ts)",
    ],
    cite: "[nginx src/http/ngx_http_request.c:2106 (1.26.3) ngx_http_process_request()] [fixtures/nginx-logs/]",
  },
  {
    id: "nginx-client-ca-file-no-certificate",
    pattern: /SSL_load_client_CA_file\("[^"]{0,500}"\) failed/,
    meaning: "nginx (emerg, at start or reload): the ssl_client_certificate file yielded no CA name for CertificateRequest; nginx does not start",
    side: "server", source: "nginx",
    causes: [
      "the file holds only TRUSTED CERTIFICATE blocks (OpenSSL trust settings): SSL_load_client_CA_file() reads plain CERTIFICATE blocks only (test/peers/openssl-misses-nginx.test.ts)",
      "the file is empty, DER, or not PEM at all",
    ],
    cite: "[nginx src/event/ngx_event_openssl.c ngx_ssl_client_certificate()] [OpenSSL ssl/ssl_cert.c SSL_load_client_CA_file()] [test/peers/openssl-misses-nginx.test.ts]",
  },
  {
    id: "nginx-client-sent-no-certificate",
    pattern: /client sent no required SSL certificate/,
    meaning: "nginx (info level): ssl_verify_client on and the client sent no certificate; the request got 400",
    side: "server", source: "nginx",
    causes: ["no client certificate configured on the client, or none matching nginx's CertificateRequest (ssl_client_certificate CAs)"],
    cite: "[nginx src/http/ngx_http_request.c:2121 (1.26.3) ngx_http_process_request()] [test/peers/mbedtls-harness.test.ts: without a client cert nginx answers HTTP 400]",
  },
  {
    id: "nginx-handshake-alert",
    pattern: /SSL_do_handshake\(\) failed \(SSL: error:[0-9A-Fa-f]+:SSL routines:[^)]{0,300}?SSL alert number (\d+)\)/,
    meaning: "nginx (info level): the client aborted the handshake with fatal alert N — the CLIENT refused nginx's certificate (or the negotiation)",
    side: "server", source: "nginx", capture: "alert",
    causes: [
      "an mbedTLS device refusing nginx's server certificate: 48 = the device's CA does not match / nginx did not send the intermediate, 42 = the host the device dials is not in the SANs, 43 = server cert without serverAuth EKU, 45/46 = expired / device clock behind (the mbedTLS alert chain in library/ssl_tls.c; test/peers/mbedtls-lint.test.ts scenarios)",
    ],
    cite: "[nginx src/event/ngx_event_openssl.c ngx_ssl_handshake] [test/peers/mbedtls-lint.test.ts]",
  },
  {
    id: "nginx-upstream-verify-error",
    pattern: /upstream SSL certificate verify error: \((\d+):([^)]{0,300})\)/,
    meaning: "nginx as a client (proxy_ssl_verify on): the upstream server's certificate failed verification with error N",
    side: "client", source: "nginx", capture: "verify",
    causes: ["proxy_ssl_trusted_certificate lacks the upstream's CA, the upstream omits its intermediate, or proxy_ssl_verify_depth is too small"],
    cite: "[nginx src/event/ngx_event_openssl.c ngx_ssl_check_host / ngx_http_upstream_ssl_handshake]",
  },
  {
    id: "nginx-upstream-name-mismatch",
    pattern: /upstream SSL certificate does not match "([^"]{0,300})"/,
    meaning: "nginx as a client: the upstream certificate does not contain the name in proxy_ssl_name (group 1)",
    side: "client", source: "nginx", implies: { verify: 62 },
    causes: ["set proxy_ssl_name to a name in the upstream's SANs, or issue the upstream certificate with that name"],
    cite: "[nginx src/http/ngx_http_upstream.c ngx_http_upstream_ssl_handshake]",
  },
  // ---- Postfix -------------------------------------------------------------------------------
  {
    id: "postfix-ssl-accept-error",
    pattern: /SSL_accept error from ([^\s:]+(?:\[[^\]]*\])?)/,
    meaning: "Postfix smtpd: the inbound TLS handshake from the host in group 1 failed; the reason is on the following 'TLS library problem' line",
    side: "server", source: "Postfix",
    causes: [
      "'no shared cipher': the sender offers only suites/curves our certificate cannot serve — e.g. an ECDSA P-384 certificate while the sender offers only P-256 (fixtures/logs/seed-001-postfix.log); add an RSA or P-256 certificate (smtpd_tls_cert_file + smtpd_tls_eccert_file)",
      "'alert unknown ca' / 'bad certificate': the sender refused our certificate",
    ],
    cite: "[Postfix src/tls/tls_server.c \"SSL_accept error from %s: %d\"] [fixtures/logs/seed-001-postfix.log]",
  },
  {
    id: "postfix-tls-library-problem",
    pattern: /TLS library problem: (?:\d+:)?(error:[0-9A-Fa-f]+:[^\n]*)/,
    meaning: "Postfix: the OpenSSL error queue after a failed TLS operation (group 1 is the OpenSSL error line)",
    side: "either", source: "Postfix",
    causes: ["read the OpenSSL reason in it: 'no shared cipher', 'tlsv1 alert unknown ca', 'SSL alert number N', 'certificate verify failed'"],
    cite: "[Postfix src/tls/tls_misc.c tls_print_errors]",
  },
  // ---- mbedTLS -------------------------------------------------------------------------------
  {
    id: "mbedtls-code",
    pattern: /(-0x[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f])/,
    meaning: "an mbedTLS error code as its programs print it (e.g. 'mbedtls_ssl_handshake returned -0x7780'); decode high and low parts",
    side: "either", source: "mbedTLS", capture: "mbedtls",
    causes: ["see the code: -0x7780 peer alert, -0x2700 verify failed (read the flags), -0x7A00 KU/EKU, -0x2180/-0x2780 PEM buffer problems, -0x3A00 curve disabled"],
    cite: "[mbedTLS include/mbedtls/error.h] [mbedtls-errors.ts]",
  },
  {
    id: "mbedtls-strerror",
    pattern: /\b(SSL|X509|PK|ECP|BIGNUM|PEM|PKCS5|PKCS12|RSA|ASN1|OID|BASE64|MD|CIPHER|NET|ERROR|PLATFORM) - (?=\S)/,
    meaning: "mbedtls_strerror text ('SSL - A fatal alert message was received from our peer', composites joined by ' : '); group 1 is the module, the text follows",
    side: "either", source: "mbedTLS",
    causes: ["find the code with the same text in mbedtls-errors.ts (text28/text36), then see its causes"],
    cite: "[2.28.3 library/error.c] [3.6.6 library/error.c]",
  },
  {
    id: "mbedtls-fatal-alert-debug",
    pattern: /is a fatal alert message \(msg (\d+)\)/,
    meaning: "mbedTLS debug (level 1): the peer sent fatal alert N; the API returned -0x7780",
    side: "either", source: "mbedTLS debug", capture: "alert",
    causes: ["see the alert"],
    cite: "[2.28.3 library/ssl_msg.c:4705] [3.6.6 library/ssl_msg.c:5281]",
  },
  {
    id: "mbedtls-alert-debug",
    pattern: /got an alert message, type: \[\d+:(\d+)\]/,
    meaning: "mbedTLS debug (level 2): an alert [level:description] was received",
    side: "either", source: "mbedTLS debug", capture: "alert",
    causes: ["level 2 = fatal, 1 = warning; see the alert"],
    cite: "[2.28.3 library/ssl_msg.c:4698] [3.6.6 library/ssl_msg.c:5274]",
  },
  {
    id: "mbedtls-verify-flags-debug",
    pattern: /Certificate verification flags ([0-9A-Fa-f]{8})/,
    meaning: "mbedTLS debug (level 3): the verify flags of the peer's chain, in hex",
    side: "either", source: "mbedTLS debug", capture: "mbedtls-flags",
    causes: ["decode the flags (0x08 not trusted, 0x04 name mismatch, 0x01 expired, 0x200 not yet valid …)"],
    cite: "[2.28.3 library/ssl_tls.c:2707] [3.6.6 library/ssl_tls.c:10054]",
  },
  // ---- Go crypto/x509 and crypto/tls (src/knowledge/go-x509.ts) ------------------------------
  ...goMessages(),
];

const byId = new Map<string, KnownMessage>(MESSAGES.map((m) => [m.id, m]));

export function findMessage(id: string): KnownMessage | undefined {
  return byId.get(id);
}

export interface MessageMatch {
  message: KnownMessage;
  /** The matched text. */
  text: string;
  /** Group 1 as a number, when `capture` is set. */
  number?: number;
  /** Group 1 as text, when `captureText` is set. */
  captured?: string;
}

/** Parses group 1 according to `capture`: decimal for alert/verify, "-0x7780" for mbedtls, hex for flags. */
export function captureNumber(capture: MessageCapture, group: string): number | undefined {
  let value: number;
  if (capture === "mbedtls") value = -Number.parseInt(group.replace(/^-?0x/i, ""), 16);
  else if (capture === "mbedtls-flags") value = Number.parseInt(group, 16);
  else value = Number.parseInt(group, 10);
  return Number.isFinite(value) ? value : undefined;
}

/** Every known message found in `text`, in table order (one match per message). */
export function matchMessages(text: string): MessageMatch[] {
  const found: MessageMatch[] = [];
  for (const message of MESSAGES) {
    const m = message.pattern.exec(text);
    if (!m) continue;
    const match: MessageMatch = { message, text: m[0] };
    if (message.capture && m[1] !== undefined) {
      const n = captureNumber(message.capture, m[1]);
      if (n !== undefined) match.number = n;
    }
    if (message.captureText && m[1] !== undefined) match.captured = m[1];
    found.push(match);
  }
  return found;
}
