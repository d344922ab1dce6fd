import { span } from "../../chain/validate.js";
import { peerClock } from "../clock.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "cert-expired",
  title: "A certificate of the chain has expired",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", "go-mtls": "error", "go-client": "error", wolfssl: "error" },
  citation: "RFC 5280 4.1.2.5 and 6.1.3 (a)(2); OpenSSL error 10 (the trust anchor's validity is checked too); test/peers/verify-differential.test.ts (expired-leaf, expired-intermediate, expired-root); wolfSSL: test/peers/wolfssl-lint.test.ts (libwolfssl 5.5.4)",
  requirement: "RFC 5280 6.1.3 (a)(2): “The certificate validity period includes the current time.”",
  symptom: {
    wolfssl: "the leaf: -151 ASN_AFTER_DATE_E (\"ASN date error, current date after\"); an intermediate: -188 (with WOLFSSL_ALT_CERT_CHAINS the expired CA is skipped and the leaf has no signer); an expired CA is refused when loaded (wolfSSL_CTX_load_verify_buffer returns -151), then -188 (test/peers/wolfssl-lint.test.ts \"expired-leaf\", \"expired-intermediate\", \"expired-root\")",
    mbedtls: "-0x2700, flags 0x01 EXPIRED; the device sends alert 45 (certificate_expired)",
    "nginx-mtls": "HTTP 400; (10:certificate has expired)",
    "nginx-server": "clients fail with certificate has expired",
    browser: "NET::ERR_CERT_DATE_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: certificate has expired or is not yet valid: current time … is after …\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate has expired or is not yet valid: current time … is after …\"",
  },
  predicts: {
    wolfssl: { wolfssl: [-151, -188] },
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_EXPIRED"] }, alert: [45] },
    "nginx-mtls": { openssl: [10], http: [400] },
    "nginx-server": { openssl: [10] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-expired", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-expired"] },
  },
  messages: {
    leafExpired: "the certificate expired {ago} ago ({notAfter})",
    caExpired: "\"{subject}\" expired {ago} ago ({notAfter})",
    renewLeaf: "renew it (pkilab issue … --force)",
    renewCa: "renew that CA and re-issue what it signed",
  },
  appliesTo: (ctx) => ctx.profile.checksTime,
  check(ctx) {
    const at = peerClock(ctx).getTime();
    return ctx.validation.chain.flatMap((cert, i) =>
      at > cert.notAfter.getTime()
        ? [i === 0
          ? { certIndex: i, messageId: "leafExpired", data: { ago: span(at - cert.notAfter.getTime()), notAfter: cert.notAfter.toISOString() }, fixId: "renewLeaf" }
          : { certIndex: i, messageId: "caExpired", data: { subject: cert.subject.text, ago: span(at - cert.notAfter.getTime()), notAfter: cert.notAfter.toISOString() }, fixId: "renewCa" }]
        : [],
    );
  },
});
