import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "ca-not-ca",
  title: "A certificate that issues others is not a CA (basicConstraints CA:TRUE, keyCertSign)",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", wolfssl: "error" },
  citation: "RFC 5280 4.2.1.9 and 6.1.4 (k); OpenSSL x509_vfy.c check_chain_extensions (error 79 in OpenSSL 3, 24 in 1.1); test/peers/verify-differential.test.ts (int-no-basic-constraints, int-ca-false, int-no-keycertsign); wolfSSL: test/peers/wolfssl-lint.test.ts (libwolfssl 5.5.4)",
  requirement: "RFC 5280 4.2.1.9: “If the basic constraints extension is not present in a version 3 certificate, or the extension is present but the cA boolean is not asserted, then the certified public key MUST NOT be used to verify certificate signatures.”",
  // OpenSSL reports 79 first, then the CA fails the sslclient purpose too; nginx logs the last error.
  symptom: { wolfssl: "-188 ASN_NO_SIGNER_E: the certificate is not taken as a signer (test/peers/wolfssl-lint.test.ts \"intermediate-not-ca\")", mbedtls: "-0x2700, flags 0x08 NOT_TRUSTED; alert 48", "nginx-mtls": "HTTP 400; nginx logs (26:unsuitable certificate purpose) (openssl verify says (79:invalid CA certificate))", "nginx-server": "clients fail with invalid CA certificate", browser: "NET::ERR_CERT_INVALID" },
  predicts: {
    wolfssl: { wolfssl: [-188] },
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_NOT_TRUSTED"] }, alert: [48] },
    "nginx-mtls": { openssl: [26, 79], http: [400] },
    "nginx-server": { openssl: [79] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
  },
  appliesTo: (ctx) => ctx.validation.chain.length > 1,
  check: (ctx) => reasonHits(ctx, ["not-a-ca", "ca-without-keycertsign"], (hint) => hint ?? "re-issue the CA with basicConstraints critical CA:TRUE and keyUsage keyCertSign, cRLSign"),
});
