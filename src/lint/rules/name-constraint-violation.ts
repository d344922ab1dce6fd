import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "name-constraint-violation",
  title: "A name in a certificate violates a CA's name constraints",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", "go-mtls": "error", "go-client": "error", wolfssl: "error" },
  citation: "RFC 5280 4.2.1.10; OpenSSL errors 47/48/51; docs/x509-limbo.md (bettertls nameconstraints, 300 of 300 agree); wolfSSL: wolfSSL/wolfssl v5.5.4-stable wolfcrypt/src/asn.c ConfirmNameConstraints(), test/peers/wolfssl-lint.test.ts",
  requirement: "RFC 5280 4.2.1.10: the extension “indicates a name space within which all subject names in subsequent certificates in a certification path MUST be located.”",
  symptom: {
    wolfssl: "-198 ASN_NAME_INVALID_E (\"Name Constraint error\") (test/peers/wolfssl-lint.test.ts \"name-constraint-violation\")",
    "nginx-mtls": "HTTP 400; (47:permitted subtree violation) or (48:excluded subtree violation)",
    "nginx-server": "clients fail with a subtree violation",
    browser: "NET::ERR_CERT_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: a root or intermediate certificate is not authorized to sign for this name: DNS name … is not permitted by any constraint\" (or \"is excluded by constraint\"); the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: a root or intermediate certificate is not authorized to sign for this name: …\"",
  },
  predicts: {
    wolfssl: { wolfssl: [-198] },
    "nginx-mtls": { openssl: [47, 48], http: [400] },
    "nginx-server": { openssl: [47, 48] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-name-constraints", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-name-constraints"] },
  },
  appliesTo: (ctx) => ctx.validation.chain.some((cert) => cert.nameConstraints !== undefined),
  check: (ctx) => reasonHits(ctx, ["name-constraint-violation", "name-constraint-excluded", "name-constraint-unsupported", "name-constraint-too-complex"], () => "issue the certificate with names inside the CA's permitted subtrees"),
});
