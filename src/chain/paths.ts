import type { CertFacts } from "../model/certificate.js";
import { isSelfSigned } from "./ca.js";
import { checkSignature, likelyIssued } from "./signature.js";

/** A chain as built: it starts at the leaf and only grows. */
export type Chain = [CertFacts, ...CertFacts[]];

/**
 * How a candidate path ends. "anchor": at a trust anchor; "no-issuer": it ran out of issuers;
 * "anchor-no-issuer": at a trusted certificate that is not self-signed and whose issuer is missing
 * (nginx never allows partial chains).
 */
export type PathEnd = "anchor" | "no-issuer" | "anchor-no-issuer";

export interface CandidatePath {
  chain: Chain;
  end: PathEnd;
}

/** How paths are built, beyond which certificates are trusted. */
export interface PathOptions {
  /**
   * Build the one path OpenSSL builds (crypto/x509/x509_vfy.c build_chain(), OpenSSL 3.0, with
   * X509_V_FLAG_TRUSTED_FIRST, its default): at each step an issuer from the trust store is taken
   * before any from the peer's chain, and once one is, the path goes on in the trust store only
   * ("we no longer look for untrusted certificates from the peer's chain"). One issuer is taken per
   * step, the first valid at `at` (else the one that expires last: X509_STORE_CTX_get1_issuer(),
   * find_issuer()), and no other path is tried when that one fails its checks.
   */
  trustStoreFirst?: boolean;
  /** The verifier's clock, for the choice among issuers of one name. */
  at?: Date;
  /**
   * A trusted certificate that ends the path although it is not self-signed: OpenSSL's explicit
   * trust (a "TRUSTED CERTIFICATE" trusted for the purpose; src/chain/aux-trust.ts).
   */
  endsPath?: (cert: CertFacts) => boolean;
  /**
   * A listed leaf is trusted only when it is self-issued (mbedTLS x509_crt_check_ee_locally_trusted()):
   * any other is chained to a CA as if it were not listed.
   */
  trustedLeafNeedsSelfIssued?: boolean;
}

/** How many candidate paths to try before giving up (pathological pools, x509-limbo "denial-of-service"). */
const MAX_PATHS = 64;
const MAX_PATH_LENGTH = 16;

/**
 * Every path from the leaf up through `pool` (by issuer name, with AKI/SKI as a tie-breaker, trusted
 * certificates first like OpenSSL's X509_V_FLAG_TRUSTED_FIRST), depth-first with backtracking, so
 * an alternative issuer is tried when the first one's path fails.
 */
export function* buildPaths(leaf: CertFacts, pool: CertFacts[], isTrusted: (c: CertFacts) => boolean, partialChain: boolean, options: PathOptions = {}): Generator<CandidatePath> {
  if (options.trustStoreFirst) {
    yield opensslPath(leaf, pool, isTrusted, partialChain, options);
    return;
  }
  let emitted = 0;
  // mbedTLS takes a listed leaf as trusted only when it is self-issued (x509_crt_check_ee_locally_trusted()):
  // any other is chained to a CA as if it were not listed.
  const trustedHere = (chain: Chain, top: CertFacts) => isTrusted(top) && !(options.trustedLeafNeedsSelfIssued && chain.length === 1 && !top.selfIssued);
  function* extend(chain: Chain, top: CertFacts): Generator<CandidatePath> {
    if (emitted >= MAX_PATHS) return;
    if (trustedHere(chain, top) && (partialChain || isSelfSigned(top) || options.endsPath?.(top))) {
      emitted++;
      yield { chain, end: "anchor" };
      return;
    }
    const issuers = chain.length < MAX_PATH_LENGTH ? findIssuers(top, pool, chain, isTrusted) : [];
    if (issuers.length === 0) {
      emitted++;
      yield { chain, end: trustedHere(chain, top) ? "anchor-no-issuer" : "no-issuer" };
      return;
    }
    for (const issuer of issuers) yield* extend([...chain, issuer], issuer);
  }
  yield* extend([leaf], leaf);
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

/** The single path of OpenSSL's build_chain() with trusted-first (PathOptions.trustStoreFirst). */
function opensslPath(leaf: CertFacts, pool: CertFacts[], isTrusted: (c: CertFacts) => boolean, partialChain: boolean, options: PathOptions): CandidatePath {
  const chain: Chain = [leaf];
  // Whether an issuer came from the trust store: the leaf is the peer's even when the store holds a copy.
  let inTrustStore = false;
  for (;;) {
    const top = chain[chain.length - 1] ?? leaf;
    const topTrusted = isTrusted(top);
    // Explicit trust counts above the leaf: without partial chains OpenSSL does not look the leaf up.
    if (topTrusted && (partialChain || isSelfSigned(top) || (chain.length > 1 && options.endsPath?.(top)))) return { chain, end: "anchor" };
    const candidates = chain.length < MAX_PATH_LENGTH && !isSelfSigned(top) ? likelyIssuers(top, pool, chain) : [];
    const trusted = firstValid(candidates.filter(isTrusted), options.at);
    const issuer = trusted ?? (inTrustStore ? undefined : firstValid(candidates, options.at));
    if (!issuer) return { chain, end: topTrusted ? "anchor-no-issuer" : "no-issuer" };
    if (trusted) inTrustStore = true;
    chain.push(issuer);
  }
}

/** The certificates of `pool` not on the path that likely issued `cert` (likelyIssued). */
function likelyIssuers(cert: CertFacts, pool: CertFacts[], onPath: CertFacts[]): CertFacts[] {
  return pool.filter((candidate) => !onPath.includes(candidate) && likelyIssued(cert, candidate));
}

/** The first candidate valid at `at`, else the one that expires last (X509_STORE_CTX_get1_issuer(), find_issuer()). */
function firstValid(candidates: CertFacts[], at: Date | undefined): CertFacts | undefined {
  const time = (at ?? new Date()).getTime();
  const valid = candidates.find((c) => c.notBefore.getTime() <= time && time <= c.notAfter.getTime());
  return valid ?? candidates.reduce<CertFacts | undefined>((latest, c) => (!latest || c.notAfter.getTime() > latest.notAfter.getTime() ? c : latest), undefined);
}
