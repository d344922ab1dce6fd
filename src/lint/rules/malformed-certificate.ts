import { OPENSSL_DECODED } from "../../model/oids.js";
import { reasonHits } from "../reason-hits.js";
import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "malformed-certificate",
  title: "A certificate is malformed: a repeated extension, or an EC key with explicit curve parameters",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", "go-mtls": "error", "go-client": "error" },
  citation: "RFC 5280 4.2 (each extension at most once); RFC 5480 2.1.1 (namedCurve only); OpenSSL errors 41 and 94; docs/x509-limbo.md (rfc5280::duplicate-extensions, webpki::explicit-curve)",
  requirement: "RFC 5280 4.2: “A certificate MUST NOT include more than one instance of a particular extension.” RFC 5480 2.1.1: the parameters of an EC key “MUST” be a namedCurve in PKIX",
  symptom: {
    "nginx-mtls": "HTTP 400; (94:Certificate public key has explicit ECC parameters) or the certificate is not accepted as issued (20)",
    "nginx-server": "clients reject the chain",
    browser: "NET::ERR_CERT_INVALID",
    "go-mtls": "the Go server cannot parse the client certificate: \"tls: failed to parse client certificate: x509: certificate contains duplicate extensions\" (explicit curve parameters: \"x509: invalid ECDSA parameters\"); the client reads \"remote error: tls: bad certificate\"; a root like that is skipped when the CA file is read (\"tls: failed to verify client certificate: x509: certificate signed by unknown authority\")",
    "go-client": "the Go client cannot parse the server certificate: \"tls: failed to parse certificate from server: x509: certificate contains duplicate extensions\" (explicit curve parameters: \"x509: invalid ECDSA parameters\"); a root like that is skipped when the CA file is read (\"x509: certificate signed by unknown authority\")",
  },
  predicts: {
    "nginx-mtls": { openssl: [94, 20], http: [400] },
    "nginx-server": { openssl: [94, 20] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-duplicate-extensions", "go-malformed-certificate", "go-invalid-field", "go-failed-to-parse-client", "go-unknown-authority", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-duplicate-extensions", "go-malformed-certificate", "go-invalid-field", "go-failed-to-parse-server", "go-unknown-authority"] },
  },
  messages: {
    repeatedExtension: "extension(s) {oids} occur more than once (RFC 5280 4.2 forbids it)",
    extensionsOnce: "re-issue it with each extension once",
  },
  appliesTo: () => true,
  check(ctx) {
    const hits: RuleHit<"repeatedExtension" | "extensionsOnce">[] = reasonHits(ctx, ["malformed-extensions", "explicit-ec-parameters"], (hint) => hint ?? "re-issue it");
    if (!ctx.profile.rejectsAnyRepeatedExtension) return hits;
    // The chain engine reports only the repeats OpenSSL notices; this peer refuses any repeat.
    ctx.validation.chain.forEach((cert, i) => {
      const others = [...new Set(cert.duplicateExtensions.filter((oid) => !OPENSSL_DECODED.has(oid)))];
      if (others.length > 0) hits.push({ certIndex: i, messageId: "repeatedExtension", data: { oids: others.join(", ") }, fixId: "extensionsOnce" });
    });
    return hits;
  },
});
