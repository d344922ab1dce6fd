import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "ca-path-length-exceeded",
  title: "A CA's pathLenConstraint is exceeded by the intermediates below it",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", "go-mtls": "error", "go-client": "error", wolfssl: "error" },
  citation: "RFC 5280 4.2.1.9; OpenSSL error 25; test/peers/verify-differential.test.ts (pathlen0-int-with-int-below, root-pathlen0-with-one-int); wolfSSL: wolfSSL/wolfssl v5.5.4-stable wolfcrypt/src/asn.c ParseCertRelative(), test/peers/wolfssl-lint.test.ts",
  requirement: "RFC 5280 4.2.1.9: pathLenConstraint “gives the maximum number of non-self-issued intermediate certificates that may follow this certificate in a valid certification path.”",
  symptom: {
    wolfssl: "-188 ASN_NO_SIGNER_E: the CA below the limit fails its pathLen check and, with WOLFSSL_ALT_CERT_CHAINS, is skipped, so the leaf has no signer (test/peers/wolfssl-lint.test.ts \"path-length-exceeded\"); without it the check's own code, -238 ASN_PATHLEN_INV_E (read from the source)",
    mbedtls: "-0x2700, flags 0x08 NOT_TRUSTED; alert 48",
    "nginx-mtls": "HTTP 400; (25:path length constraint exceeded)",
    "nginx-server": "clients fail with path length constraint exceeded",
    browser: "NET::ERR_CERT_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: too many intermediates for path length constraint\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: too many intermediates for path length constraint\"",
  },
  predicts: {
    wolfssl: { wolfssl: [-188, -238] },
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
