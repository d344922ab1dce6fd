import { GO_HANDLED_CRITICAL } from "../../knowledge/go-x509.js";
import type { CertFacts } from "../../model/certificate.js";
import { EXT } from "../../model/oids.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "go-unhandled-critical-extension",
  title: "A certificate of the chain has a critical extension Go does not process",
  peers: { "go-mtls": "error", "go-client": "error" },
  citation: "RFC 5280 4.2; go1.19 src/crypto/x509/parser.go processExtensions() (the extensions Go handles; a SAN with no name Go reads is unhandled) and verify.go isValid() (UnhandledCriticalExtension on every certificate of the chain, the root included); test/peers/go-lint.test.ts",
  requirement: "RFC 5280 4.2: “A certificate-using system MUST reject the certificate if it encounters a critical extension it does not recognize or a critical extension that contains information that it cannot process.”",
  symptom: {
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: unhandled critical extension\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: unhandled critical extension\"",
  },
  predicts: {
    "go-mtls": { messages: ["go-unhandled-critical-extension", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-unhandled-critical-extension"] },
  },
  messages: {
    unhandled: "{who} has critical extension(s) {oids}, which Go 1.19 does not process (OpenSSL may): a critical name constraint counts when it has a directoryName subtree",
    drop: "re-issue it with that extension non-critical or without it",
  },
  appliesTo: (ctx) => ctx.validation.chain.some((cert) => cert.extensions.some((e) => e.critical)),
  check(ctx) {
    return ctx.validation.chain.flatMap((cert, i) => {
      const oids = cert.extensions
        .filter((e) => e.critical && (!GO_HANDLED_CRITICAL.has(e.oid) || (e.oid === EXT.subjectAltName && !hasNameGoReads(cert)) || (e.oid === EXT.nameConstraints && hasSubtreeGoCannotRead(cert))))
        .map((e) => e.oid);
      if (oids.length === 0) return [];
      const who = i === 0 ? "the certificate" : `"${cert.subject.text}"`;
      return [{ certIndex: i, messageId: "unhandled" as const, data: { who, oids: [...new Set(oids)].join(", ") }, fixId: "drop" as const }];
    });
  },
});

const GO_NAME_TYPES = new Set(["dns", "email", "ip", "uri"]);

/** Go reads DNS, e-mail, IP and URI SANs; a critical SAN with none of them is unhandled. */
function hasNameGoReads(cert: CertFacts): boolean {
  return (cert.subjectAltNames ?? []).some((n) => GO_NAME_TYPES.has(n.type));
}

/** Name constraints on directoryName (or other) subtrees: Go marks the extension unhandled (parseNameConstraintsExtension). */
function hasSubtreeGoCannotRead(cert: CertFacts): boolean {
  const nc = cert.nameConstraints;
  return nc !== undefined && [...nc.permitted, ...nc.excluded].some((subtree) => !GO_NAME_TYPES.has(subtree.base.type));
}
