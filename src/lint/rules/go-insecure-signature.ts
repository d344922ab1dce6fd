import { anotherGoChainPasses, insecureDigest } from "../go-chain.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "go-insecure-signature",
  title: "A certificate below the root is signed with SHA-1 or MD5, which Go refuses to verify",
  peers: { "go-mtls": "error", "go-client": "error" },
  citation: "go1.19 src/crypto/x509/x509.go checkSignature() and InsecureAlgorithmError.Error() (SHA-1 refused from CheckSignatureFrom since Go 1.18, https://go.dev/doc/go1.18; the GODEBUG=x509sha1=1 escape is gone in Go 1.24, https://go.dev/doc/go1.24); a root's own signature is never checked (verify.go buildChains()); test/peers/go-lint.test.ts",
  requirement: "Go's Certificate.CheckSignatureFrom: “SHA1WithRSA and ECDSAWithSHA1 signatures are not supported” (Go 1.18 and later); MD5 signatures are never verified",
  symptom: {
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: certificate signed by unknown authority (possibly because of \"x509: cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)\" (ECDSA-SHA1 for an ECDSA issuer) while trying to verify candidate authority certificate …)\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate signed by unknown authority (possibly because of \"x509: cannot verify signature: insecure algorithm SHA1-RSA …\" …)\"",
  },
  predicts: {
    "go-mtls": { messages: ["go-insecure-algorithm", "go-unknown-authority", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-insecure-algorithm", "go-unknown-authority"] },
  },
  messages: {
    insecureDigest: "{who} is signed with {algorithm}: Go {version} refuses to verify {digest} signatures, so no chain reaches a trusted root",
    resign: "re-issue it signed with SHA-256 or stronger",
  },
  appliesTo: (ctx) => ctx.validation.chain.length > 1,
  check(ctx) {
    const go = ctx.profile.go;
    const last = ctx.validation.chain.length - 1;
    const hits = ctx.validation.chain.flatMap((cert, i) => {
      // The top of the path is a trusted root: Go never checks its own signature.
      if (i === last && ctx.validation.anchored) return [];
      const digest = insecureDigest(cert, go);
      if (digest === undefined) return [];
      const who = i === 0 ? "the certificate" : `"${cert.subject.text}"`;
      return [{ certIndex: i, messageId: "insecureDigest" as const, data: { who, algorithm: cert.signatureAlgorithm.name, version: `1.${go.minor}`, digest: digest.toUpperCase() }, fixId: "resign" as const }];
    });
    // Go builds every chain it can and accepts one that passes (src/lint/go-chain.ts).
    return hits.length > 0 && anotherGoChainPasses(ctx) ? [] : hits;
  },
});
