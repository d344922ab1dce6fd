import { anotherGoChainPasses, issuerProblem } from "../go-chain.js";
import { defineRule, type RuleHit } from "../types.js";

type Id = "notCa" | "noKeyCertSign" | "v1Intermediate" | "reissueCa";

export const rule = defineRule({
  id: "go-issuer-cannot-sign",
  title: "An issuer of the chain may not sign certificates for Go: no basicConstraints CA:TRUE, or a keyUsage without keyCertSign",
  peers: { "go-mtls": "error", "go-client": "error" },
  citation: "go1.19 src/crypto/x509/x509.go Certificate.CheckSignatureFrom() (a v3 parent without basicConstraints, with CA:FALSE, or with a keyUsage lacking keyCertSign: ConstraintViolationError) and verify.go isValid() (an intermediate that is not a CA: NotAuthorizedToSign); the root from the pool is checked too; test/peers/go-lint.test.ts",
  requirement: "RFC 5280 4.2.1.9 and 4.2.1.3 as Go applies them to every issuer, the trusted root included: basicConstraints with cA TRUE, and keyCertSign when keyUsage is present (the leaf's keyUsage is never read)",
  symptom: {
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: certificate signed by unknown authority (possibly because of \"x509: invalid signature: parent certificate cannot sign this kind of certificate\" while trying to verify candidate authority certificate …)\" (a v1 intermediate: \"x509: certificate is not authorized to sign other certificates\"); the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate signed by unknown authority (possibly because of \"x509: invalid signature: parent certificate cannot sign this kind of certificate\" …)\" (a v1 intermediate: \"x509: certificate is not authorized to sign other certificates\")",
  },
  predicts: {
    "go-mtls": { messages: ["go-parent-cannot-sign", "go-unknown-authority", "go-not-authorized-to-sign", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-parent-cannot-sign", "go-unknown-authority", "go-not-authorized-to-sign"] },
  },
  messages: {
    notCa: "\"{subject}\" issues certificates but {why}: Go's CheckSignatureFrom refuses it as a parent",
    noKeyCertSign: "\"{subject}\" has keyUsage {usages} without keyCertSign: Go refuses it as a parent (Go ignores keyUsage everywhere else)",
    v1Intermediate: "\"{subject}\" is a v{version} intermediate without basicConstraints: Go does not accept it as a CA (only a trusted root may be v1)",
    reissueCa: "re-issue it with basicConstraints critical CA:TRUE and keyUsage keyCertSign, cRLSign",
  },
  appliesTo: (ctx) => ctx.validation.chain.length > 1,
  check(ctx) {
    const chain = ctx.validation.chain;
    const last = chain.length - 1;
    const hits = chain.slice(1).flatMap((cert, k): RuleHit<Id>[] => {
      const i = k + 1;
      const subject = cert.subject.text;
      switch (issuerProblem(cert, i === last && ctx.validation.anchored)) {
        case "ca-false":
          return [{ certIndex: i, messageId: "notCa", data: { subject, why: "its basicConstraints say CA:FALSE" }, fixId: "reissueCa" }];
        case "v3-no-bc":
          return [{ certIndex: i, messageId: "notCa", data: { subject, why: "it is a v3 certificate without basicConstraints" }, fixId: "reissueCa" }];
        case "v1-intermediate":
          return [{ certIndex: i, messageId: "v1Intermediate", data: { subject, version: cert.version }, fixId: "reissueCa" }];
        case "no-keycertsign":
          return [{ certIndex: i, messageId: "noKeyCertSign", data: { subject, usages: [...(cert.keyUsage ?? [])].join(", ") }, fixId: "reissueCa" }];
        case undefined:
          return [];
      }
    });
    // Go builds every chain it can and accepts one that passes (src/lint/go-chain.ts).
    return hits.length > 0 && anotherGoChainPasses(ctx) ? [] : hits;
  },
});
