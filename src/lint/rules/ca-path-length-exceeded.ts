import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "ca-path-length-exceeded",
  title: "A CA's pathLenConstraint is exceeded by the intermediates below it",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", "go-mtls": "error", "go-client": "error" },
  citation: "RFC 5280 4.2.1.9; OpenSSL error 25; test/peers/verify-differential.test.ts (pathlen0-int-with-int-below, root-pathlen0-with-one-int)",
  requirement: "RFC 5280 4.2.1.9: pathLenConstraint “gives the maximum number of non-self-issued intermediate certificates that may follow this certificate in a valid certification path.”",
  symptom: {
    mbedtls: "-0x2700, flags 0x08 NOT_TRUSTED; alert 48",
    "nginx-mtls": "HTTP 400; (25:path length constraint exceeded)",
    "nginx-server": "clients fail with path length constraint exceeded",
    browser: "NET::ERR_CERT_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: too many intermediates for path length constraint\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: too many intermediates for path length constraint\"",
  },
  predicts: {
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_NOT_TRUSTED"] }, alert: [48] },
    "nginx-mtls": { openssl: [25], http: [400] },
    "nginx-server": { openssl: [25] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-path-length", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-path-length"] },
  },
  appliesTo: (ctx) => ctx.validation.chain.length > 2,
  check: (ctx) => reasonHits(ctx, ["path-length-exceeded"], (hint) => hint ?? "re-issue the CA with a larger pathLen"),
});
