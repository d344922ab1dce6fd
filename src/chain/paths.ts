import type { CertFacts } from "../model/certificate.js";
import { isSelfSigned } from "./ca.js";
import { checkSignature } from "./signature.js";

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

/** How many candidate paths to try before giving up (pathological pools, x509-limbo "denial-of-service"). */
const MAX_PATHS = 64;
const MAX_PATH_LENGTH = 16;

/**
 * Every path from the leaf up through `pool` (by issuer name, with AKI/SKI as a tie-breaker, trusted
 * certificates first like OpenSSL's X509_V_FLAG_TRUSTED_FIRST), depth-first with backtracking, so
 * an alternative issuer is tried when the first one's path fails.
 */
export function* buildPaths(
  leaf: CertFacts,
  pool: CertFacts[],
  isTrusted: (c: CertFacts) => boolean,
  partialChain: boolean,
  trustedLeafNeedsSelfIssued = false,
): Generator<CandidatePath> {
  let emitted = 0;
  // mbedTLS takes a listed leaf as trusted only when it is self-issued (x509_crt_check_ee_locally_trusted()):
  // any other is chained to a CA as if it were not listed.
  const trustedHere = (chain: Chain, top: CertFacts) => isTrusted(top) && !(trustedLeafNeedsSelfIssued && chain.length === 1 && !top.selfIssued);
  function* extend(chain: Chain, top: CertFacts): Generator<CandidatePath> {
    if (emitted >= MAX_PATHS) return;
    if (trustedHere(chain, top) && (partialChain || isSelfSigned(top))) {
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
