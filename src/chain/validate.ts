import type { CertFacts } from "../model/certificate.js";
import { OPENSSL_DECODED, OPENSSL_SUPPORTED_CRITICAL } from "../model/oids.js";
import { matchHost } from "./hostname.js";
import { checkNameConstraints } from "./name-constraints.js";
import { caKind, checkPurpose, type Purpose } from "./purpose.js";
import type { Reason, ReasonId } from "./reasons.js";
import { DEFAULT_SECURITY_LEVEL, digestSecurityBits, keySecurityBits, minimumBits } from "./security-level.js";
import { checkSignature } from "./signature.js";
import { strictProblems } from "./strict.js";

export interface ValidationOptions {
  /** The verifier's clock (`--at`); validity is inclusive at both ends (RFC 5280 4.1.2.5). */
  at: Date;
  /** OpenSSL's sslclient / sslserver purpose, checked on every certificate of the chain. */
  purpose?: Purpose;
  /** DNS name or IP literal the leaf must be valid for. */
  host?: string;
  /** Fall back to the CN when there is no dNSName SAN (OpenSSL's default; not RFC 9525). */
  legacyCn?: boolean;
  /** Maximum number of intermediates (OpenSSL -verify_depth / nginx ssl_verify_depth, OpenSSL >= 1.1). */
  maxDepth?: number;
  /**
   * Accept any trusted certificate as the end of the path. Off by default: nginx never allows partial
   * chains (src/event/ngx_event_openssl.c never sets X509_V_FLAG_PARTIAL_CHAIN; test/peers/nginx-lint.test.ts),
   * so a path must reach a self-signed trust anchor. test/suites/limbo.test.ts turns it on: limbo's
   * trusted_certs are all anchors.
   */
  partialChain?: boolean;
  /**
   * OpenSSL security level for keys and signature digests (src/chain/security-level.ts). Default 2,
   * as Debian's OpenSSL and so nginx apply; 0 turns the check off (what a bare `openssl verify` does).
   */
  securityLevel?: number;
  /** RFC 5280 profile rules OpenSSL checks only with -x509_strict (src/chain/strict.ts). */
  x509Strict?: boolean;
  /**
   * A v1/v2 certificate taken from the trust store needs no CA bit (mbedTLS x509_crt_check_parent:
   * `if (top && parent->version < 3) need_ca_bit = 0`); OpenSSL allows that only for a self-signed v1 root.
   */
  trustedV1NeedsNoCaBit?: boolean;
}

export interface ValidationInput extends ValidationOptions {
  leaf: CertFacts;
  /** Untrusted certificates that may be intermediates, in any order (may include junk). */
  intermediates: CertFacts[];
  /** Trust anchors (the --ca file, nginx's ssl_client_certificate). */
  anchors: CertFacts[];
}

export interface ValidationResult {
  valid: boolean;
  /** The path judged: leaf first, trust anchor last when one was reached. */
  chain: CertFacts[];
  /** Whether the path ends at a trust anchor. */
  anchored: boolean;
  reasons: Reason[];
}

/** How many candidate paths to try before giving up (pathological pools, x509-limbo "denial-of-service"). */
const MAX_PATHS = 64;
const MAX_PATH_LENGTH = 16;

/**
 * Builds every path from the leaf to a trust anchor (by issuer name, with AKI/SKI as a tie-breaker,
 * trusted certificates first like OpenSSL's X509_V_FLAG_TRUSTED_FIRST) and returns the first that
 * passes every check; if none does, the most promising failure with all its reasons.
 */
export function validate(input: ValidationInput): ValidationResult {
  const anchors = new Set(input.anchors.map((cert) => cert.sha256));
  const pool = dedupe([...input.anchors, ...input.intermediates]);
  const isTrusted = (cert: CertFacts) => anchors.has(cert.sha256);
  let best: ValidationResult | undefined;
  for (const path of buildPaths(input.leaf, pool, isTrusted, input.partialChain ?? false)) {
    const result = check(path, input);
    if (result.valid) return result;
    if (!best || rank(result) < rank(best)) best = result;
  }
  return best ?? check({ chain: [input.leaf], end: "no-issuer" }, input);
}

/** Fewer is better: an anchored path with few reasons beats an unanchored one. */
function rank(result: ValidationResult): number {
  return (result.anchored ? 0 : 1000) + result.reasons.length;
}

interface CandidatePath {
  chain: CertFacts[];
  /** "anchor": reached a trust anchor; "no-issuer": ran out of issuers; "anchor-no-issuer": a trusted
   *  non-self-signed certificate whose issuer is missing (nginx never allows partial chains). */
  end: "anchor" | "no-issuer" | "anchor-no-issuer";
}

function* buildPaths(leaf: CertFacts, pool: CertFacts[], isTrusted: (c: CertFacts) => boolean, partialChain: boolean): Generator<CandidatePath> {
  let emitted = 0;
  // Depth-first with backtracking, so an alternative issuer is tried when the first one's path fails.
  function* extend(chain: CertFacts[]): Generator<CandidatePath> {
    if (emitted >= MAX_PATHS) return;
    const top = chain[chain.length - 1]!; // a path starts at the leaf and only grows
    if (isTrusted(top) && (partialChain || isSelfSigned(top))) {
      emitted++;
      yield { chain, end: "anchor" };
      return;
    }
    const issuers = chain.length < MAX_PATH_LENGTH ? findIssuers(top, pool, chain, isTrusted) : [];
    if (issuers.length === 0) {
      emitted++;
      yield { chain, end: isTrusted(top) ? "anchor-no-issuer" : "no-issuer" };
      return;
    }
    for (const issuer of issuers) yield* extend([...chain, issuer]);
  }
  yield* extend([leaf]);
}

/** Issuer candidates for `cert`, best first; never a certificate already on the path. */
function findIssuers(cert: CertFacts, pool: CertFacts[], onPath: CertFacts[], isTrusted: (c: CertFacts) => boolean): CertFacts[] {
  if (isSelfSigned(cert)) return [];
  const candidates = pool.filter(
    (candidate) =>
      !onPath.includes(candidate) &&
      candidate.subject.canonical === cert.issuer.canonical &&
      // OpenSSL X509_check_akid: when both key ids are present they must match.
      !(cert.authorityKeyId && candidate.subjectKeyId && cert.authorityKeyId !== candidate.subjectKeyId),
  );
  const score = (c: CertFacts) => (isTrusted(c) ? 0 : 2) + (checkSignature(cert, c) === "ok" ? 0 : 1);
  return candidates.sort((a, b) => score(a) - score(b));
}

/** Self-issued, and the key ids (if both present) agree: what OpenSSL treats as self-signed. */
export function isSelfSigned(cert: CertFacts): boolean {
  return cert.selfIssued && !(cert.authorityKeyId && cert.subjectKeyId && cert.authorityKeyId !== cert.subjectKeyId);
}

/**
 * A root: self-signed by its own key. Names alone are not enough: a key-rollover CA has the same
 * subject and issuer but is signed by the old key.
 */
export function isRoot(cert: CertFacts): boolean {
  return isSelfSigned(cert) && checkSignature(cert, cert) === "ok";
}

function dedupe(certs: CertFacts[]): CertFacts[] {
  const seen = new Set<string>();
  return certs.filter((cert) => !seen.has(cert.sha256) && seen.add(cert.sha256));
}

/** Every check on one path; all failures are collected (nginx, like this, goes on after an error). */
function check(path: CandidatePath, options: ValidationInput): ValidationResult {
  const { chain } = path;
  const reasons: Reason[] = [];
  const add = (id: ReasonId, index: number, message: string, hint?: string) =>
    reasons.push({ id, certIndex: index, subject: chain[index]?.subject.text ?? "", message, hint });
  const last = chain.length - 1;
  // Every path starts at the leaf (buildPaths, validate), so it has a first and a last certificate.
  const leaf = chain[0]!;
  const top = chain[last]!;

  if (path.end === "no-issuer") {
    if (isSelfSigned(top)) {
      add("self-signed-not-trusted", last, `${last === 0 ? "the certificate is" : "the chain ends at"} a self-signed certificate that is not a trust anchor`, "add it to the trust store (--ca) if it should be trusted");
    } else {
      add("issuer-not-found", last, `no issuer found for "${top.subject.text}": "${top.issuer.text}" is neither among the given intermediates nor a trust anchor`, `supply "${top.issuer.text}" with the chain (--chain) or in the trust store (--ca)`);
    }
  } else if (path.end === "anchor-no-issuer") {
    add("anchor-issuer-not-found", last, `"${top.subject.text}" is trusted but is not a root, and its issuer "${top.issuer.text}" is not in the trust store`, "put the root CA in the trust store: partial chains are not accepted (nginx never allows them)");
  }

  // Signatures: each certificate by the next one's key (a trust anchor's own signature is not checked).
  for (let i = 0; i < last; i++) {
    const [cert, issuer] = [chain[i]!, chain[i + 1]!]; // i + 1 <= last
    const verdict = checkSignature(cert, issuer);
    if (verdict === "invalid") add("signature-invalid", i, `its signature does not verify with the key of "${issuer.subject.text}"`, "it was signed by a different key with the same issuer name: re-issue it from the right CA");
    if (verdict === "unsupported") add("signature-algorithm-unsupported", i, `its signature algorithm ${cert.signatureAlgorithm.name} or the issuer's key (${issuer.publicKey.label}) cannot be checked`);
  }

  const at = options.at.getTime();
  const securityLevel = options.securityLevel ?? DEFAULT_SECURITY_LEVEL;
  const minBits = minimumBits(securityLevel);
  let nonSelfIssuedBelow = 0;
  chain.forEach((cert, i) => {
    if (at < cert.notBefore.getTime()) {
      add("not-yet-valid", i, `not valid before ${iso(cert.notBefore)} (${span(cert.notBefore.getTime() - at)} after ${iso(options.at)})`, "the verifier's clock is behind, or the certificate was issued with a future notBefore");
    }
    if (at > cert.notAfter.getTime()) add("expired", i, `expired ${iso(cert.notAfter)} (${span(at - cert.notAfter.getTime())} before ${iso(options.at)})`, "renew it");
    const critical = cert.extensions.filter((ext) => ext.critical && !OPENSSL_SUPPORTED_CRITICAL.has(ext.oid));
    if (critical.length > 0) add("unhandled-critical-extension", i, `it has critical extension(s) OpenSSL does not handle: ${critical.map((e) => e.oid).join(", ")}`);
    // OpenSSL rejects repeats of the extensions it decodes and lets repeats of others pass.
    const repeated = [...new Set(cert.duplicateExtensions.filter((oid) => OPENSSL_DECODED.has(oid)))];
    if (repeated.length > 0) {
      add("malformed-extensions", i, `extension(s) ${repeated.join(", ")} occur more than once (RFC 5280 4.2 forbids it)`, "re-issue it with each extension once");
    }
    if (cert.publicKey.explicitCurve && chain.length > 1) {
      add("explicit-ec-parameters", i, "its EC key has explicit curve parameters instead of a named curve (RFC 5480 2.1.1 forbids them)", "re-issue it with a named curve (P-256, P-384)");
    }
    if (minBits > 0) {
      if (keySecurityBits(cert) < minBits) {
        add(i === 0 ? "ee-key-too-weak" : "ca-key-too-weak", i, `its key (${cert.publicKey.label}) is below OpenSSL security level ${securityLevel} (${minBits} bits needed)`, "use RSA 2048+ or P-256+");
      }
      if (i < last && digestSecurityBits(cert) < minBits) {
        add("signature-digest-too-weak", i, `it is signed with ${cert.signatureAlgorithm.name}, below OpenSSL security level ${securityLevel}`, "re-issue it with SHA-256 or stronger");
      }
    }
    if (options.x509Strict) for (const problem of strictProblems(cert, i, i === last, chain.length)) add(problem.id, i, problem.message);

    if (i > 0) {
      const kind = caKind(cert);
      const isAnchorRoot = i === last && path.end !== "no-issuer";
      const trustedOldVersion = options.trustedV1NeedsNoCaBit === true && i === last && path.end === "anchor" && cert.version < 3;
      // OpenSSL check_chain_extensions: intermediates need basicConstraints CA:TRUE; a trust anchor may also be a v1 root.
      if (!trustedOldVersion && (kind === 0 || (kind !== 1 && !isAnchorRoot))) {
        if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) add("ca-without-keycertsign", i, "it issues certificates but its key usage lacks keyCertSign", "re-issue the CA with keyUsage keyCertSign");
        else add("not-a-ca", i, cert.basicConstraints ? "it issues certificates but has basicConstraints CA:FALSE" : "it issues certificates but has no basicConstraints CA:TRUE", "re-issue the CA with basicConstraints critical, CA:TRUE");
      }
      // pathLenConstraint: how many non-self-issued intermediates may follow it (RFC 5280 4.2.1.9).
      const pathLen = cert.basicConstraints?.pathLen;
      if (i > 1 && pathLen !== undefined && nonSelfIssuedBelow > pathLen) {
        add("path-length-exceeded", i, `its pathLen ${pathLen} allows ${pathLen} intermediate(s) below it, the chain has ${nonSelfIssuedBelow}`, "re-issue the CA with a larger pathLen, or shorten the hierarchy");
      }
      if (!cert.selfIssued) nonSelfIssuedBelow++;
      for (const [j, subject] of chain.slice(0, i).entries()) {
        if (j > 0 && subject.selfIssued) continue; // RFC 5280 6.1.3 (b): self-issued intermediates are exempt
        const violation = checkNameConstraints(cert, subject);
        if (violation) {
          const ca = `the name constraints of "${cert.subject.text}"`;
          if (violation.kind === "excluded") add("name-constraint-excluded", j, `name ${violation.name} is excluded by ${ca} (${violation.constraint})`);
          else if (violation.kind === "permitted") add("name-constraint-violation", j, `name ${violation.name} is outside ${ca} (${violation.constraint})`);
          else if (violation.kind === "unsupported") add("name-constraint-unsupported", j, `${ca} constrain ${violation.constraint}, a name form pkilab cannot check, and the certificate has ${violation.name}`);
          else add("name-constraint-too-complex", j, `checking ${violation.name} against ${violation.constraint} of ${ca} exceeds OpenSSL's limit of 2^20 comparisons`);
        }
      }
    }
    if (options.purpose) {
      const problem = checkPurpose(cert, options.purpose, i > 0);
      if (problem) add("purpose-mismatch", i, `not usable for TLS ${options.purpose} authentication: ${problem.detail}`, problem.hint);
    }
  });

  const intermediates = path.end === "no-issuer" ? last : Math.max(0, last - 1);
  if (options.maxDepth !== undefined && intermediates > options.maxDepth) {
    add("depth-exceeded", -1, `the chain has ${intermediates} intermediate(s); the verify depth allows ${options.maxDepth}`, `raise the verify depth (nginx: ssl_verify_depth ${intermediates})`);
  }
  if (options.host !== undefined) {
    const match = matchHost(leaf, options.host, options.legacyCn);
    if (!match.ok) {
      const hint = match.isIp
        ? `its iPAddress SANs: ${match.validFor.join(", ") || "none"}${match.dnsNames.length ? `; its DNS names (${match.dnsNames.join(", ")}) never match an IP` : ""}: add ${options.host} as an iPAddress SAN`
        : match.validFor.length
          ? `it is valid for: ${match.validFor.join(", ")}`
          : "it names no DNS name or IP address in a SAN";
      add(match.isIp ? "ip-mismatch" : "hostname-mismatch", 0, `not valid for ${match.isIp ? "IP address" : "host name"} ${options.host}`, hint);
    }
  }
  return { valid: reasons.length === 0, chain, anchored: path.end === "anchor", reasons };
}

function iso(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

/** "12 minutes", "3 days": how far apart two instants are, for people. */
export function span(ms: number): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) {
    const seconds = Math.max(1, Math.round(ms / 1000));
    return seconds === 1 ? "1 second" : `${seconds} seconds`;
  }
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}
