import { buildPaths } from "../../chain/paths.js";
import { checkSignature } from "../../chain/signature.js";
import type { CertFacts } from "../../model/certificate.js";
import { defineRule, type LintContext, type RuleHit } from "../types.js";
import type { GoProfile } from "../go-chain.js";

type Id = "sent" | "anchor" | "reissue";

const GO_SOURCE = "go1.23.0 src/crypto/x509/parser.go parseCertificate() (serial.Sign() == -1: \"x509: negative serial number\" unless GODEBUG x509negativeserial=1) and ParseCertificate() (\"Before Go 1.23, ParseCertificate accepted certificates with negative serial numbers\"), src/internal/godebugs/table.go (x509negativeserial, changed in 1.23); cert_pool.go AppendCertsFromPEM() (a certificate ParseCertificate refuses is skipped)";

export const rule = defineRule({
  id: "go-negative-serial",
  title: "A certificate has a negative serial number, which Go 1.23 and later refuse to parse",
  peers: { "go-mtls": "error", "go-client": "error" },
  citation: `RFC 5280 4.1.2.2; ${GO_SOURCE}; https://go.dev/doc/go1.23 (crypto/x509); go1.19 src/crypto/x509/parser.go parseCertificate() accepts them (\"we ignore the presence of negative serial numbers because of their prevalence\"), shown on Go 1.19 by test/peers/go-lint.test.ts`,
  requirement: "RFC 5280 4.1.2.2: “The serial number MUST be a positive integer”; Go 1.23: “ParseCertificate now rejects certificates which contain a negative serial number” (GODEBUG x509negativeserial=1 restores the old behaviour)",
  symptom: {
    "go-mtls": "the handshake fails before verification: \"tls: failed to parse client certificate: x509: negative serial number\"; the client reads \"remote error: tls: bad certificate\"; a root like that is skipped when the CA file is read (\"tls: failed to verify certificate: x509: certificate signed by unknown authority\")",
    "go-client": "the handshake fails before verification: \"tls: failed to parse certificate from server: x509: negative serial number\"; a root like that is skipped when the CA file is read (\"tls: failed to verify certificate: x509: certificate signed by unknown authority\")",
  },
  predicts: {
    "go-mtls": { messages: ["go-negative-serial", "go-failed-to-parse-client", "go-unknown-authority", "go-failed-to-verify"], alert: [42] },
    "go-client": { messages: ["go-negative-serial", "go-failed-to-parse-server", "go-unknown-authority", "go-failed-to-verify"] },
  },
  messages: {
    sent: "{who} has a negative serial number ({serial}): Go 1.{minor} cannot parse it (\"x509: negative serial number\"), so the handshake fails before any verification",
    anchor: "the trusted root \"{subject}\" has a negative serial number ({serial}): Go 1.{minor} skips it when it reads the CA file, so no chain reaches a trusted root",
    reissue: "re-issue it with a positive serial (a random serial with its top bit clear, or a leading 00 octet); until then GODEBUG=x509negativeserial=1 (or //go:debug x509negativeserial=1) restores Go's old behaviour",
  },
  appliesTo: (ctx) => ctx.profile.go.refusesNegativeSerial,
  check(ctx) {
    const minor = ctx.profile.go.minor;
    const hits: RuleHit<Id>[] = [];
    // Every certificate the peer sends is parsed (crypto/tls processCertsFromClient, verifyServerCertificate), used or not.
    ctx.given.forEach((cert, i) => {
      if (!cert.serialNegative) return;
      const at = ctx.validation.chain.findIndex((c) => c.sha256 === cert.sha256);
      const who = i === 0 ? "the certificate" : `"${cert.subject.text}" (sent)`;
      hits.push({ certIndex: i === 0 ? 0 : at, messageId: "sent", data: { who, serial: serialText(cert), minor }, fixId: "reissue" });
    });
    if (hits.length > 0) return hits;
    // A CA file's certificate Go cannot parse is left out of the pool: it matters only when the chain needs it.
    const top = ctx.validation.chain.at(-1);
    if (ctx.validation.anchored && top?.serialNegative && !anotherAnchorServes(ctx)) {
      hits.push({ certIndex: ctx.validation.chain.length - 1, messageId: "anchor", data: { subject: top.subject.text, serial: serialText(top), minor }, fixId: "reissue" });
    }
    return hits;
  },
});

/** The serial as `openssl x509 -serial` prints a negative one: "-" and the magnitude in hex. */
function serialText(cert: CertFacts): string {
  if (!cert.serialNegative) return cert.serial;
  const twos = BigInt(`0x${cert.serial}`);
  const magnitude = (1n << BigInt(cert.serial.length * 4)) - twos;
  return `-0x${magnitude.toString(16)}`;
}

/** A path with good signatures to an anchor Go keeps (a positive serial): Go would find it. */
function anotherAnchorServes(ctx: LintContext<GoProfile>): boolean {
  const kept = ctx.anchors.filter((a) => !a.serialNegative);
  const trusted = new Set(kept.map((a) => a.sha256));
  const pool = [...kept, ...ctx.given.slice(1)].filter((c, i, all) => all.findIndex((o) => o.sha256 === c.sha256) === i);
  for (const path of buildPaths(ctx.leaf, pool, (c) => trusted.has(c.sha256), ctx.profile.partialChain)) {
    if (path.end !== "anchor") continue;
    if (path.chain.every((cert, i) => i === path.chain.length - 1 || checkSignature(cert, path.chain[i + 1]!) === "ok")) return true;
  }
  return false;
}
