import { span } from "../../chain/validate.js";
import { peerClock } from "../clock.js";
import { defineRule } from "../types.js";
import { CLOCK_SKEW_MS } from "./clock-skew-not-yet-valid.js";

export const rule = defineRule({
  id: "cert-not-yet-valid",
  title: "A certificate of the chain is not valid yet (more than a day ahead)",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", "go-mtls": "error", "go-client": "error", wolfssl: "error" },
  citation: "RFC 5280 4.1.2.5; OpenSSL error 9; test/peers/verify-differential.test.ts (not-yet-valid-leaf); wolfSSL: test/peers/wolfssl-lint.test.ts (libwolfssl 5.5.4)",
  requirement: "RFC 5280 6.1.3 (a)(2): “The certificate validity period includes the current time.”",
  symptom: {
    wolfssl: "the leaf: -150 ASN_BEFORE_DATE_E (\"ASN date error, current date before\"); a CA: -188 (skipped as a signer) (test/peers/wolfssl-lint.test.ts \"not-yet-valid-leaf\")",
    mbedtls: "-0x2700, flags 0x200 FUTURE; the device sends alert 46 (certificate_unknown)",
    "nginx-mtls": "HTTP 400; (9:certificate is not yet valid)",
    "nginx-server": "clients fail with certificate is not yet valid",
    browser: "NET::ERR_CERT_DATE_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: certificate has expired or is not yet valid: current time … is before …\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate has expired or is not yet valid: current time … is before …\"",
  },
  predicts: {
    wolfssl: { wolfssl: [-150, -188] },
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_FUTURE"] }, alert: [46] },
    "nginx-mtls": { openssl: [9], http: [400] },
    "nginx-server": { openssl: [9] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-expired", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-expired"] },
  },
  messages: {
    leafNotYetValid: "the certificate is not valid for another {wait} (notBefore {notBefore})",
    caNotYetValid: "\"{subject}\" is not valid for another {wait} (notBefore {notBefore})",
    backdate: "re-issue it with a notBefore in the past (pkilab backdates by 5 minutes)",
  },
  appliesTo: (ctx) => ctx.profile.checksTime,
  check(ctx) {
    const at = peerClock(ctx).getTime();
    return ctx.validation.chain.flatMap((cert, i) =>
      cert.notBefore.getTime() - at > CLOCK_SKEW_MS
        ? [i === 0
          ? { certIndex: i, messageId: "leafNotYetValid", data: { wait: span(cert.notBefore.getTime() - at), notBefore: cert.notBefore.toISOString() }, fixId: "backdate" }
          : { certIndex: i, messageId: "caNotYetValid", data: { subject: cert.subject.text, wait: span(cert.notBefore.getTime() - at), notBefore: cert.notBefore.toISOString() }, fixId: "backdate" }]
        : [],
    );
  },
});
