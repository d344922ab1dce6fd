import { validate } from "../chain/validate.js";
import type { CertFacts } from "../model/certificate.js";
import type { PeerProfile } from "../peers/types.js";
import { format } from "./message-format.js";
import { RULES } from "./rules/index.js";
import { isMissingInput, type Finding, type LintContext, type LintInputName, type LintOptions, type PeerVerdict, type Rule, type RuleHit, type UncheckedInput } from "./types.js";

export interface LintInput {
  leaf: CertFacts;
  /** Certificates as given after the leaf (rest of the leaf file, then --chain files). */
  chain: CertFacts[];
  anchors: CertFacts[];
  profiles: PeerProfile[];
  options: LintOptions;
  rules?: Rule[];
}

/**
 * Runs every rule for every peer. The chain is built once per peer (each peer has its own
 * purpose, depth and host rules), and every rule sees the same parsed facts: no rule re-reads a
 * file or parses DER. A rule that throws becomes a "fatal" finding, never a crash.
 */
export function lint(input: LintInput): { findings: Finding[]; verdicts: PeerVerdict[]; chains: Map<string, CertFacts[]> } {
  const findings: Finding[] = [];
  const verdicts: PeerVerdict[] = [];
  const chains = new Map<string, CertFacts[]>();
  for (const profile of input.profiles) {
    const { anchors, skippedAnchors } = anchorsLoaded(input.anchors, profile);
    const validation = validate({
      leaf: input.leaf,
      intermediates: input.chain,
      anchors,
      at: profile.clock ?? input.options.at,
      partialChain: profile.partialChain,
      trustStoreFirst: profile.trustStoreFirst,
      nameConstraintsOnCn: profile.nameConstraintsOnCn,
      trustSettings: profile.trustSettings,
      trustedV1NeedsNoCaBit: profile.trustedV1NeedsNoCaBit,
      trustedLeafNeedsSelfIssued: profile.trustedLeafNeedsSelfIssued,
      purpose: profile.purpose,
      host: profile.checksHost ? input.options.host : undefined,
      maxDepth: profile.maxIntermediates,
      securityLevel: profile.securityLevel,
      crls: profile.revocation?.crls,
      crlCheck: profile.revocation?.check,
    });
    chains.set(profile.id, validation.chain);
    const ctx: LintContext = { profile, options: input.options, leaf: input.leaf, given: [input.leaf, ...input.chain], anchors, skippedAnchors, validation };
    const notApplicable: string[] = [];
    const waiting = new Map<LintInputName, string[]>();
    const own: Finding[] = [];
    for (const rule of input.rules ?? RULES) {
      const severity = rule.peers[profile.id];
      if (!severity) continue;
      try {
        const applies = rule.appliesTo(ctx);
        if (isMissingInput(applies)) {
          // Anchors given that this peer does not load are not missing: the rule just does not apply.
          const given = applies.missing === "trust-anchor" && skippedAnchors.length > 0;
          // Only an error-level rule can turn a verdict: a missing input for a warning leaves it decided.
          if (severity === "error" && !given) waiting.set(applies.missing, [...(waiting.get(applies.missing) ?? []), rule.id]);
          notApplicable.push(rule.id);
          continue;
        }
        if (applies === false) {
          notApplicable.push(rule.id);
          continue;
        }
        for (const hit of rule.check(ctx, applies)) {
          own.push({
            rule: rule.id,
            peer: profile.id,
            severity,
            certIndex: hit.certIndex,
            subject: hit.certIndex >= 0 ? validation.chain[hit.certIndex]?.subject.text ?? "" : "",
            ...words(rule, hit),
            symptom: rule.symptom[profile.id],
            citation: rule.citation,
          });
        }
      } catch (err) {
        own.push({
          rule: "internal/rule-failed",
          peer: profile.id,
          severity: "fatal",
          certIndex: -1,
          subject: "",
          message: `rule ${rule.id} failed: ${err instanceof Error ? err.message : String(err)}`,
          fix: "report this as a pkilab bug",
          citation: "",
        });
      }
    }
    findings.push(...own);
    const count = (s: string) => own.filter((f) => f.severity === s).length;
    const errors = count("error") + count("fatal");
    const unchecked: UncheckedInput[] = [...waiting].map(([name, rules]) => ({ input: name, rules, pass: howToGive(name, profile) }));
    // waiting.size, not unchecked.length: V8 threw away lint()'s optimized code once a run at the
    // length of the array map() made ("wrong map", --trace-deopt).
    const status = errors > 0 ? "rejected" : waiting.size > 0 ? "undetermined" : "accepted";
    verdicts.push({
      peer: profile.id,
      title: profile.title,
      errors,
      warnings: count("warning"),
      infos: count("info"),
      status,
      accepted: status === "accepted",
      unchecked,
      assumed: profile.assumed,
      notApplicable,
      configOrigin: profile.configOrigin,
    });
  }
  return { findings, verdicts, chains };
}

/**
 * The anchors a peer loads: without TRUSTED CERTIFICATE blocks when it reads "CERTIFICATE" blocks
 * only (mbedTLS, wolfSSL, Go: test/peers/trusted-blocks.test.ts); the ones it skips, for the rules
 * that name them.
 */
function anchorsLoaded(given: CertFacts[], profile: PeerProfile): { anchors: CertFacts[]; skippedAnchors: CertFacts[] } {
  if (profile.readsTrustedCertificateBlocks) return { anchors: given, skippedAnchors: [] };
  return { anchors: given.filter((a) => a.auxTrust === undefined), skippedAnchors: given.filter((a) => a.auxTrust !== undefined) };
}

/** A hit's message and fix: its templates filled with its data, or the words it came with. */
function words(rule: Rule, hit: RuleHit): { message: string; fix: string } {
  if ("message" in hit) return { message: hit.message, fix: hit.fix };
  const template = (id: string) => {
    const text = rule.messages?.[id];
    if (text === undefined) throw new Error(`no message "${id}" in the rule's messages`);
    return text;
  };
  return { message: format(template(hit.messageId), hit.data), fix: format(template(hit.fixId), hit.fixData) };
}

/** What to pass so a check that was waiting for `input` can run, in this peer's words. */
function howToGive(input: LintInputName, profile: PeerProfile): string {
  switch (input) {
    case "trust-anchor":
      return `pass --ca FILE (${profile.trustAnchorSource})${profile.readsNginxConf ? " or --nginx-conf FILE" : ""}, or lint a certificate inside a pkilab lab`;
    case "host":
      return profile.id === "mbedtls" && profile.device.tlsRole === "server" ? "pass --host NAME|IP (the name or address clients dial)" : "pass --host NAME|IP (the name or address the client dials)";
  }
}
