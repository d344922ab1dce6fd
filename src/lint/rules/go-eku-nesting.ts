import { buildPaths } from "../../chain/paths.js";
import { checkSignature } from "../../chain/signature.js";
import type { CertFacts } from "../../model/certificate.js";
import { EKU, EKU_NAMES } from "../../model/oids.js";
import { defineRule, type LintContext } from "../types.js";
import type { GoClientProfile, GoMtlsProfile } from "../../peers/types.js";

type Usage = GoMtlsProfile["requestedUsage"] | GoClientProfile["requestedUsage"];

/** Whether one certificate's EKUs allow the usage: no extension (or an empty one) allows any. */
function allows(cert: CertFacts, wanted: Usage): boolean {
  const eku = cert.extKeyUsage;
  return !eku || eku.length === 0 || eku.includes(EKU.anyExtendedKeyUsage) || eku.includes(EKU[wanted]);
}

/**
 * Go keeps every chain it can build and accepts if one passes checkChainForKeyUsage: another
 * anchored path with good signatures whose every certificate allows the usage (a cross-signed or
 * re-issued intermediate sent beside a restricted one) makes Go accept.
 */
function otherPathAllows(ctx: LintContext<GoMtlsProfile | GoClientProfile>, wanted: Usage): boolean {
  const trusted = new Set(ctx.anchors.map((a) => a.sha256));
  const pool = [...ctx.anchors, ...ctx.given.slice(1)].filter((c, i, all) => all.findIndex((o) => o.sha256 === c.sha256) === i);
  for (const path of buildPaths(ctx.leaf, pool, (c) => trusted.has(c.sha256), ctx.profile.partialChain)) {
    const signed = path.chain.every((cert, i) => i === path.chain.length - 1 || checkSignature(cert, path.chain[i + 1]!) === "ok");
    if (path.end === "anchor" && signed && path.chain.every((cert) => allows(cert, wanted))) return true;
  }
  return false;
}

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
    if (ctx.validation.chain.every((cert) => allows(cert, wanted)) || otherPathAllows(ctx, wanted)) return [];
    return ctx.validation.chain.flatMap((cert, i) => {
      const eku = cert.extKeyUsage;
      if (!eku || allows(cert, wanted)) return [];
      const usages = eku.map((oid) => EKU_NAMES[oid] ?? oid).join(", ");
      return [
        i === 0
          ? { certIndex: 0, messageId: "leafLacksUsage" as const, data: { usages, wanted, verifier: ctx.profile.words.leafVerifier }, fixId: "reissueLeaf" as const, fixData: { wanted } }
          : { certIndex: i, messageId: "caLacksUsage" as const, data: { subject: cert.subject.text, usages, wanted }, fixId: "reissueCa" as const, fixData: { wanted } },
      ];
    });
  },
});
