/**
 * Revocation by CRL with OpenSSL's semantics (crypto/x509/x509_vfy.c, OpenSSL 3.0): which
 * certificates are checked (check_revocation()), which CRL is picked for each (get_crl_sk(),
 * get_crl_score(), crl_akid_check(), crl_crldp_check()), what is checked on it (check_crl(),
 * check_crl_time()) and on the certificate (cert_crl()). nginx turns this on for every certificate
 * of the chain when ssl_crl is set: X509_V_FLAG_CRL_CHECK|X509_V_FLAG_CRL_CHECK_ALL (nginx
 * src/event/ngx_event_openssl.c ngx_ssl_crl()). Neither OpenSSL's extended CRL support (indirect
 * CRLs, partial CRLs by reason) nor delta CRLs are modelled: nginx sets neither flag.
 */
import type { CertFacts } from "../model/certificate.js";
import { certDistributionPoints, type CrlFacts } from "../model/crl.js";
import type { Reason, ReasonDetails, ReasonId, ReasonOf } from "./reasons.js";
import { checkSignature } from "./signature.js";

/** Which certificates need a CRL: the leaf only (-crl_check) or every one up to the anchor (-crl_check_all). */
export type CrlCheck = "leaf" | "all";

/** Why a CRL's issuingDistributionPoint does not cover a certificate (OpenSSL crl_crldp_check()). */
export type CrlScopeProblem = "only-user-certs" | "only-ca-certs" | "only-attribute-certs" | "distribution-point";

// get_crl_score()'s bits (crypto/x509/x509_vfy.c): the higher the score, the better the CRL fits.
const SCORE_NOCRITICAL = 0x100;
const SCORE_SCOPE = 0x080;
const SCORE_TIME = 0x040;
const SCORE_ISSUER_NAME = 0x020;
const SCORE_ISSUER_CERT = 0x018;
const SCORE_SAME_PATH = 0x008;
const SCORE_AKID = 0x004;

interface Candidate {
  crl: CrlFacts;
  score: number;
  /** The certificate of the path whose key signed the CRL (crl_akid_check()). */
  issuer: CertFacts;
  scopeProblem?: CrlScopeProblem;
}

/**
 * The revocation reasons of a path, each at the index of the certificate it concerns (OpenSSL's
 * error depth), in OpenSSL's order: from the leaf up; per certificate 3, or 35, 44, 11, 12, 8, 36, 23.
 * All are collected, as nginx's verify callback goes on after each (ngx_ssl_verify_callback()).
 */
export function revocationReasons(chain: readonly CertFacts[], crls: readonly CrlFacts[], mode: CrlCheck, at: Date): Reason[] {
  const last = mode === "all" ? chain.length - 1 : 0;
  const reasons: Reason[] = [];
  for (let i = 0; i <= last; i++) {
    const cert = chain[i];
    if (cert) checkCert(chain, i, cert, crls, at, reasons);
  }
  return reasons;
}

/** check_cert() for one certificate, with check_crl() and cert_crl() on the CRL get_crl_sk() picks. */
function checkCert(chain: readonly CertFacts[], i: number, cert: CertFacts, crls: readonly CrlFacts[], at: Date, reasons: Reason[]): void {
  // TypeScript cannot see that a ReasonOf<Id> for a generic Id is one member of the Reason union.
  const add = <Id extends ReasonId>(id: Id, detail: ReasonDetails[Id]) => reasons.push({ id, certIndex: i, subject: cert.subject.text, detail } as ReasonOf<Id> as Reason);
  const best = bestCrl(chain, i, cert, crls, at);
  if (!best) {
    add("crl-not-found", { issuer: cert.issuer.text, outOfScope: false });
    return;
  }
  const { crl, score, issuer } = best;
  const crlIssuer = issuer.subject.text;
  // check_crl(): a delta CRL skips the issuer and scope checks.
  if (crl.baseCrlNumber === undefined) {
    if (issuer.keyUsage && !issuer.keyUsage.has("cRLSign")) add("crl-issuer-without-crlsign", { crlIssuer, keyUsage: [...issuer.keyUsage] });
    if (!(score & SCORE_SCOPE)) add("crl-different-scope", { scope: best.scopeProblem ?? "distribution-point", crlIssuer });
  }
  if (!(score & SCORE_TIME)) {
    // check_crl_time(): X509_cmp_time() counts "equal" as "before", so a CRL is valid from thisUpdate
    // on and expired at nextUpdate itself.
    if (crl.thisUpdate.getTime() > at.getTime()) add("crl-not-yet-valid", { thisUpdate: crl.thisUpdate, at, crlIssuer });
    if (crl.nextUpdate && crl.nextUpdate.getTime() <= at.getTime()) add("crl-expired", { nextUpdate: crl.nextUpdate, at, crlIssuer });
  }
  if (checkSignature(crl, issuer) !== "ok") add("crl-signature-invalid", { crlIssuer });
  // cert_crl()
  if (crl.unhandledCriticalExtensions.length > 0) add("crl-unhandled-critical-extension", { oids: crl.unhandledCriticalExtensions, crlIssuer });
  const entry = crl.revoked.get(cert.serial);
  if (entry && entry.reasonCode !== "removeFromCRL") {
    add("certificate-revoked", { serial: cert.serial, revocationDate: entry.revocationDate, reasonCode: entry.reasonCode, crlIssuer });
  }
  // A CRL out of scope covers no reasons, so check_cert() ends its loop with "unable to get CRL" too.
  if (!(score & SCORE_SCOPE)) add("crl-not-found", { issuer: cert.issuer.text, outOfScope: true });
}

/** get_crl_sk(): the highest score wins; of equal ones, the one with the later thisUpdate. */
function bestCrl(chain: readonly CertFacts[], i: number, cert: CertFacts, crls: readonly CrlFacts[], at: Date): Candidate | undefined {
  let best: Candidate | undefined;
  for (const crl of crls) {
    const candidate = score(chain, i, cert, crl, at);
    if (!candidate || (best && candidate.score < best.score)) continue;
    if (best && candidate.score === best.score && candidate.crl.thisUpdate.getTime() <= best.crl.thisUpdate.getTime()) continue;
    best = candidate;
  }
  return best;
}

/** get_crl_score() without extended CRL support; undefined where OpenSSL scores 0 (not usable at all). */
function score(chain: readonly CertFacts[], i: number, cert: CertFacts, crl: CrlFacts, at: Date): Candidate | undefined {
  const idp = crl.issuingDistributionPoint;
  // Indirect CRLs and CRLs partitioned by reason need X509_V_FLAG_EXTENDED_CRL_SUPPORT.
  if (idp && (idp.indirectCRL || idp.onlySomeReasons)) return undefined;
  if (crl.issuer.canonical !== cert.issuer.canonical) return undefined;
  let points = SCORE_ISSUER_NAME;
  if (crl.unhandledCriticalExtensions.length === 0) points |= SCORE_NOCRITICAL;
  const timely = crl.thisUpdate.getTime() <= at.getTime() && (!crl.nextUpdate || crl.nextUpdate.getTime() > at.getTime());
  if (timely) points |= SCORE_TIME;
  const signer = crlSigner(chain, i, crl);
  if (!signer) return undefined;
  points |= signer.points;
  const scopeProblem = scope(cert, crl);
  if (!scopeProblem) points |= SCORE_SCOPE;
  return { crl, score: points, issuer: signer.issuer, scopeProblem };
}

/**
 * crl_akid_check(): the CRL's signer is the certificate's issuer on the path (the top certificate
 * for the top itself) if the CRL's AKI fits it; else a certificate higher on the path with the
 * CRL's issuer name and a fitting AKI.
 */
function crlSigner(chain: readonly CertFacts[], i: number, crl: CrlFacts): { issuer: CertFacts; points: number } | undefined {
  const last = chain.length - 1;
  const next = i === last ? last : i + 1;
  const direct = chain[next];
  if (direct && akidMatches(direct, crl)) return { issuer: direct, points: SCORE_AKID | SCORE_ISSUER_CERT };
  for (let j = next + 1; j <= last; j++) {
    const candidate = chain[j];
    if (candidate && candidate.subject.canonical === crl.issuer.canonical && akidMatches(candidate, crl)) return { issuer: candidate, points: SCORE_AKID | SCORE_SAME_PATH };
  }
  return undefined;
}

/** X509_check_akid(): the key identifier (when both sides have one) and the issuer serial (when given) must agree. */
function akidMatches(issuer: CertFacts, crl: CrlFacts): boolean {
  if (crl.authorityKeyId !== undefined && issuer.subjectKeyId !== undefined && crl.authorityKeyId !== issuer.subjectKeyId) return false;
  if (crl.authorityCertSerial !== undefined && crl.authorityCertSerial !== issuer.serial) return false;
  return true;
}

/** crl_crldp_check(): undefined when the CRL's scope covers the certificate. */
function scope(cert: CertFacts, crl: CrlFacts): CrlScopeProblem | undefined {
  const idp = crl.issuingDistributionPoint;
  if (idp?.onlyContainsAttributeCerts) return "only-attribute-certs";
  const isCa = cert.basicConstraints?.ca === true;
  if (isCa && idp?.onlyContainsUserCerts) return "only-user-certs";
  if (!isCa && idp?.onlyContainsCACerts) return "only-ca-certs";
  if (!idp?.hasDistributionPoint) return undefined;
  // idp_check_dp(): a distribution point of the certificate (without cRLIssuer) names the same point.
  for (const point of certDistributionPoints(cert)) {
    if (point.hasCrlIssuer) continue;
    if (!point.fullNames || idp.fullNames.length === 0 || point.fullNames.some((name) => idp.fullNames.includes(name))) return undefined;
  }
  return "distribution-point";
}
