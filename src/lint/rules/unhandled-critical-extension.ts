import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "unhandled-critical-extension",
  title: "A certificate has a critical extension OpenSSL does not handle",
  peers: { "nginx-mtls": "error", "nginx-server": "error", wolfssl: "error" },
  citation: "RFC 5280 4.2 (a critical extension that is not recognised must be rejected); OpenSSL X509_supported_extension, error 34; wolfSSL: test/peers/wolfssl-lint.test.ts (libwolfssl 5.5.4)",
  requirement: "RFC 5280 4.2: “A certificate-using system MUST reject the certificate if it encounters a critical extension it does not recognize or a critical extension that contains information that it cannot process.”",
  symptom: { wolfssl: "-160 ASN_CRIT_EXT_E (\"X.509 Critical extension ignored or invalid\") (test/peers/wolfssl-lint.test.ts \"critical-unknown-extension\")", "nginx-mtls": "HTTP 400; (34:unhandled critical extension)", "nginx-server": "OpenSSL clients fail with unhandled critical extension" },
  predicts: { wolfssl: { wolfssl: [-160] }, "nginx-mtls": { openssl: [34], http: [400] }, "nginx-server": { openssl: [34] } },
  appliesTo: () => true,
  check: (ctx) => reasonHits(ctx, ["unhandled-critical-extension"], () => "re-issue it with that extension non-critical or without it"),
});
