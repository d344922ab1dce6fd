import { span } from "../../chain/validate.js";
import { peerClock } from "../clock.js";
import { defineRule } from "../types.js";

/** Up to a day ahead looks like a clock that is behind (or a certificate issued moments ago). */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export const rule = defineRule({
  id: "clock-skew-not-yet-valid",
  title: "notBefore is only minutes or hours ahead: a clock is behind, or the certificate was just issued",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", "go-mtls": "error", "go-client": "error", wolfssl: "error" },
  citation: "seed 003 (fixtures/nginx-mtls/seed-003-clock-skew: nginx rejected a fresh certificate with (9:certificate is not yet valid) until the VM clock caught up); RFC 5280 4.1.2.5",
  requirement: "RFC 5280 4.1.2.5: “The validity period for a certificate is the period of time from notBefore through notAfter, inclusive.”",
  symptom: {
    wolfssl: "the leaf: -150 ASN_BEFORE_DATE_E (\"ASN date error, current date before\"); a CA: -188; wolfSSL allows no clock skew unless built with WOLFSSL_BEFORE_DATE_CLOCK_SKEW (wolfSSL/wolfssl v5.5.4-stable wolfcrypt/src/asn.c wc_ValidateDate(); test/peers/wolfssl-lint.test.ts \"not-yet-valid-leaf\")",
    mbedtls: "-0x2700, flags 0x200 FUTURE; alert 46: a device clock behind (no RTC, no SNTP yet) is the usual cause",
    "nginx-mtls": "HTTP 400; (9:certificate is not yet valid); with a CRL also (11:CRL is not yet valid)",
    "nginx-server": "clients fail with certificate is not yet valid",
    browser: "NET::ERR_CERT_DATE_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: certificate has expired or is not yet valid: current time … is before …\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate has expired or is not yet valid: current time … is before …\"",
  },
  predicts: {
    wolfssl: { wolfssl: [-150, -188] },
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_FUTURE"] }, alert: [46] },
    "nginx-mtls": { openssl: [9, 11], http: [400] },
    "nginx-server": { openssl: [9] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-expired", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-expired"] },
  },
  messages: {
    leafSkew: "the certificate is not valid for another {wait}: the verifying machine's clock is behind the issuer's, or it was issued moments ago",
    caSkew: "\"{subject}\" is not valid for another {wait}: the verifying machine's clock is behind the issuer's, or it was issued moments ago",
    syncClocks: "sync the clocks (NTP on the server and the issuing machine), or issue with notBefore a few minutes in the past (pkilab does)",
  },
  appliesTo: (ctx) => ctx.profile.checksTime,
  check(ctx) {
    const at = peerClock(ctx).getTime();
    return ctx.validation.chain.flatMap((cert, i) => {
      const ahead = cert.notBefore.getTime() - at;
      if (ahead <= 0 || ahead > CLOCK_SKEW_MS) return [];
      return [i === 0
        ? { certIndex: i, messageId: "leafSkew", data: { wait: span(ahead) }, fixId: "syncClocks" }
        : { certIndex: i, messageId: "caSkew", data: { subject: cert.subject.text, wait: span(ahead) }, fixId: "syncClocks" }];
    });
  },
});
