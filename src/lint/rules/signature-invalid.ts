import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "signature-invalid",
  title: "A certificate's signature does not verify with its issuer's key",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", "go-mtls": "error", "go-client": "error" },
  citation: "RFC 5280 6.1.3 (a)(1); OpenSSL error 7; test/peers/verify-differential.test.ts (wrong-issuer-signature)",
  requirement: "RFC 5280 6.1.3 (a)(1): “The signature on the certificate can be verified using working_public_key_algorithm, the working_public_key, and the working_public_key_parameters.”",
  symptom: {
    mbedtls: "-0x2700, flags 0x08 NOT_TRUSTED; alert 48",
    "nginx-mtls": "HTTP 400; (7:certificate signature failure)",
    "nginx-server": "clients fail with certificate signature failure",
    browser: "NET::ERR_CERT_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA verification failure\" (or \"crypto/rsa: verification error\") while trying to verify candidate authority certificate …)\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate signed by unknown authority (possibly because of \"x509: ECDSA verification failure\" …)\"",
  },
  predicts: {
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_NOT_TRUSTED"] }, alert: [48] },
    "nginx-mtls": { openssl: [7], http: [400] },
    "nginx-server": { openssl: [7] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-unknown-authority", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-unknown-authority"] },
  },
  appliesTo: (ctx) => ctx.validation.chain.length > 1,
  check: (ctx) => reasonHits(ctx, ["signature-invalid", "signature-algorithm-unsupported"], (hint) => hint ?? "re-issue it from the right CA"),
});
