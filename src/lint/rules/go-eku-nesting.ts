import { EKU_NAMES } from "../../model/oids.js";
import { anotherGoChainPasses, ekuAllows } from "../go-chain.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "go-eku-nesting",
  title: "A certificate of the chain lists extended key usages without the one Go asks for: EKUs nest down a Go chain",
  peers: { "go-mtls": "error", "go-client": "error" },
  citation: "go1.19 src/crypto/x509/verify.go Verify() and checkChainForKeyUsage() (\"Extended Key Usage values are enforced nested down a chain\"; every candidate chain is tried); src/crypto/tls/handshake_server.go processCertsFromClient() (KeyUsages: ExtKeyUsageClientAuth) and handshake_client.go verifyServerCertificate() (none given: ServerAuth); test/peers/go-lint.test.ts",
  requirement: "Go's Certificate.Verify: every certificate of the chain that lists extended key usages must list the requested usage (or anyExtendedKeyUsage); one without the extension allows any usage",
  symptom: {
    "go-mtls": "the handshake fails: the Go server logs \"tls: failed to verify client certificate: x509: certificate specifies an incompatible key usage\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate specifies an incompatible key usage\" (Go 1.20+: after \"tls: failed to verify certificate: \")",
  },
  predicts: {
    "go-mtls": { messages: ["go-incompatible-key-usage", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-incompatible-key-usage"] },
  },
  messages: {
    leafLacksUsage: "the leaf's extended key usage ({usages}) lacks {wanted}: {verifier} asks Go's crypto/x509 for {wanted}",
    caLacksUsage: "\"{subject}\" lists extended key usages ({usages}) without {wanted}: Go applies a CA's EKUs to every certificate below it, so no {wanted} certificate under it passes",
    reissueLeaf: "re-issue the leaf with extendedKeyUsage {wanted} (or without an EKU extension, which Go reads as any usage)",
    reissueCa: "re-issue that CA with {wanted} added to its extendedKeyUsage, or without an EKU extension",
  },
  appliesTo: (ctx) => ctx.validation.chain.some((cert) => cert.extKeyUsage !== undefined && cert.extKeyUsage.length > 0),
  check(ctx) {
    const wanted = ctx.profile.requestedUsage;
    // Go builds every chain it can and accepts one that passes (src/lint/go-chain.ts).
    if (ctx.validation.chain.every((cert) => ekuAllows(cert, wanted)) || anotherGoChainPasses(ctx)) return [];
    return ctx.validation.chain.flatMap((cert, i) => {
      const eku = cert.extKeyUsage;
      if (!eku || ekuAllows(cert, wanted)) return [];
      const usages = eku.map((oid) => EKU_NAMES[oid] ?? oid).join(", ");
      return [
        i === 0
          ? { certIndex: 0, messageId: "leafLacksUsage" as const, data: { usages, wanted, verifier: ctx.profile.words.leafVerifier }, fixId: "reissueLeaf" as const, fixData: { wanted } }
          : { certIndex: i, messageId: "caLacksUsage" as const, data: { subject: cert.subject.text, usages, wanted }, fixId: "reissueCa" as const, fixData: { wanted } },
      ];
    });
  },
});
