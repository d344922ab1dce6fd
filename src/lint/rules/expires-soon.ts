import { span } from "../../chain/validate.js";
import { peerClock } from "../clock.js";
import { defineRule } from "../types.js";

const SOON_MS = 30 * 24 * 60 * 60 * 1000;

export const rule = defineRule({
  id: "expires-soon",
  title: "A certificate of the chain expires within 30 days",
  peers: { "nginx-mtls": "warning", "nginx-server": "warning", browser: "warning", mbedtls: "warning", wolfssl: "warning" },
  citation: "operational: renew before expiry (RFC 5280 4.1.2.5)",
  requirement: "RFC 5280 4.1.2.5: “The validity period for a certificate is the period of time from notBefore through notAfter, inclusive.”",
  symptom: { wolfssl: "in under 30 days: -151 ASN_AFTER_DATE_E", mbedtls: "in under 30 days: -0x2700, flags 0x01; alert 45", "nginx-mtls": "in under 30 days: (10:certificate has expired)", "nginx-server": "in under 30 days: certificate has expired", browser: "in under 30 days: NET::ERR_CERT_DATE_INVALID" },
  predicts: {
    wolfssl: { wolfssl: [-151] },
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_EXPIRED"] }, alert: [45] },
    "nginx-mtls": { openssl: [10] },
    "nginx-server": { openssl: [10] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
  },
  messages: {
    leafExpiresSoon: "the certificate expires in {left}",
    caExpiresSoon: "\"{subject}\" expires in {left}",
    renewNow: "renew it now",
  },
  appliesTo: (ctx) => ctx.profile.checksTime,
  check(ctx) {
    const at = peerClock(ctx).getTime();
    return ctx.validation.chain.flatMap((cert, i) => {
      const left = cert.notAfter.getTime() - at;
      return left >= 0 && left <= SOON_MS
        ? [i === 0
          ? { certIndex: i, messageId: "leafExpiresSoon", data: { left: span(left) }, fixId: "renewNow" }
          : { certIndex: i, messageId: "caExpiresSoon", data: { subject: cert.subject.text, left: span(left) }, fixId: "renewNow" }]
        : [];
    });
  },
});
