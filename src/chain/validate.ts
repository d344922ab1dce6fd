import type { CertFacts } from "../model/certificate.js";
import type { CrlFacts } from "../model/crl.js";
import { explicitlyTrusted, rejectedAt, trustDecision } from "./aux-trust.js";
import { checkPath } from "./checks.js";
import type { CrlCheck } from "./crl.js";
import { buildPaths, type CandidatePath } from "./paths.js";
import type { Purpose } from "./purpose.js";
import type { Reason } from "./reasons.js";

// Defined with the CA kinds (src/chain/ca.ts); lint rules import them from here.
export { isRoot, isSelfSigned } from "./ca.js";

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
  /**
   * Build the one path OpenSSL builds: trust store first, no other path tried when it fails
   * (src/chain/paths.ts PathOptions.trustStoreFirst). Off: every path is tried, the first valid wins.
   */
  trustStoreFirst?: boolean;
  /**
   * Hold the leaf's host-like CN against DNS name constraints when it has no DNS SAN, as OpenSSL
   * does (src/chain/name-constraints.ts checkCommonNameConstraints).
   */
  nameConstraintsOnCn?: boolean;
  /**
   * Apply OpenSSL's trust settings of "TRUSTED CERTIFICATE" anchors (src/chain/aux-trust.ts); off,
   * they are plain trust anchors (what a library that does not read them sees).
   */
  trustSettings?: boolean;
  /** RFC 5280 profile rules OpenSSL checks only with -x509_strict (src/chain/strict.ts). */
  x509Strict?: boolean;
  /**
   * A v1/v2 certificate taken from the trust store needs no CA bit (mbedTLS x509_crt_check_parent:
   * `if (top && parent->version < 3) need_ca_bit = 0`); OpenSSL allows that only for a self-signed v1 root.
   */
  trustedV1NeedsNoCaBit?: boolean;
  /**
   * With partialChain: the leaf itself, found in the trust store, ends the path only when it is
   * self-issued (mbedTLS x509_crt_check_ee_locally_trusted(): a pinned CA-issued certificate is
   * still chained to a trusted CA). Without it, OpenSSL's X509_V_FLAG_PARTIAL_CHAIN: any trusted leaf.
   */
  trustedLeafNeedsSelfIssued?: boolean;
  /**
   * CRLs to check revocation against (OpenSSL -CRLfile, nginx ssl_crl); given, even empty, CRL
   * checking is on and a certificate in scope without a CRL fails (src/chain/crl.ts).
   */
  crls?: readonly CrlFacts[];
  /**
   * Which certificates need a CRL: "all" (default, as nginx: X509_V_FLAG_CRL_CHECK_ALL in
   * src/event/ngx_event_openssl.c ngx_ssl_crl()) or the "leaf" only (OpenSSL -crl_check).
   */
  crlCheck?: CrlCheck;
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

/**
 * Builds every path from the leaf to a trust anchor (src/chain/paths.ts) and returns the first that
 * passes every check (src/chain/checks.ts); if none does, the most promising failure with all its reasons.
 */
export function validate(input: ValidationInput): ValidationResult {
  const anchors = new Set(input.anchors.map((cert) => cert.sha256));
  const pool = dedupe([...input.anchors, ...input.intermediates]);
  const isTrusted = (cert: CertFacts) => anchors.has(cert.sha256);
  let best: ValidationResult | undefined;
  // OpenSSL's trust settings of "TRUSTED CERTIFICATE" anchors (src/chain/aux-trust.ts): explicit trust ends a path.
  const endsPath = (cert: CertFacts) => input.trustSettings === true && explicitlyTrusted(cert, input.purpose);
  for (const path of buildPaths(input.leaf, pool, isTrusted, input.partialChain ?? false, { trustStoreFirst: input.trustStoreFirst, at: input.at, endsPath, trustedLeafNeedsSelfIssued: input.trustedLeafNeedsSelfIssued })) {
    const result = judge(path, input, isTrusted);
    if (result.valid) return result;
    if (!best || rank(result) < rank(best)) best = result;
  }
  return best ?? judge({ chain: [input.leaf], end: "no-issuer" }, input, isTrusted);
}

function judge(path: CandidatePath, options: ValidationOptions, isTrusted: (cert: CertFacts) => boolean): ValidationResult {
  const reasons = withTrustSettings(checkPath(path, options), path, options, isTrusted);
  return { valid: reasons.length === 0, chain: path.chain, anchored: path.end === "anchor", reasons };
}

/**
 * What trust settings change (src/chain/aux-trust.ts): a trusted certificate rejected for the purpose
 * fails the path (OpenSSL check_trust(), 28), and one explicitly trusted for it passes the purpose
 * check whatever its extensions say (check_purpose(): "auxiliary trust settings trump the purpose
 * constraints"). Without "TRUSTED CERTIFICATE" anchors nothing changes.
 */
function withTrustSettings(reasons: Reason[], { chain }: CandidatePath, options: ValidationOptions, isTrusted: (cert: CertFacts) => boolean): Reason[] {
  // The leaf is the peer's even when the store holds a copy, unless it stands alone (a trusted self-signed leaf).
  const fromStore = (cert: CertFacts | undefined) => cert !== undefined && isTrusted(cert) && (cert !== chain[0] || chain.length === 1);
  if (!options.trustSettings || !chain.some((cert) => cert.auxTrust && fromStore(cert))) return reasons;
  const kept = reasons.filter((r) => {
    const cert = chain[r.certIndex];
    return !(r.id === "purpose-mismatch" && fromStore(cert) && trustDecision(cert!, options.purpose, false) === "trusted");
  });
  const rejected = rejectedAt(chain, fromStore, options.purpose);
  if (rejected === undefined) return kept;
  const cert = chain[rejected]!;
  const detail = { purpose: options.purpose, trust: cert.auxTrust?.trust ?? [], reject: cert.auxTrust?.reject ?? [] };
  return [{ id: "trust-rejected", certIndex: rejected, subject: cert.subject.text, detail }, ...kept];
}

/** Fewer is better: an anchored path with few reasons beats an unanchored one. */
function rank(result: ValidationResult): number {
  return (result.anchored ? 0 : 1000) + result.reasons.length;
}

function dedupe(certs: CertFacts[]): CertFacts[] {
  const seen = new Set<string>();
  return certs.filter((cert) => !seen.has(cert.sha256) && seen.add(cert.sha256));
}

/** "12 minutes", "3 days": how far apart two instants are, for people. */
export function span(ms: number): string {
  const minutes = Math.round(ms / 60000);
  if (minutes < 1) return count(Math.max(1, Math.round(ms / 1000)), "second");
  if (minutes < 120) return count(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 48) return count(hours, "hour");
  return count(Math.round(hours / 24), "day");
}

/** "1 minute", "12 minutes". */
function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
