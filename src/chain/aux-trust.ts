import type { CertFacts } from "../model/certificate.js";
import { EKU } from "../model/oids.js";
import { isSelfSigned } from "./ca.js";
import type { Purpose } from "./purpose.js";

/**
 * What OpenSSL makes of a trusted certificate's auxiliary trust settings ("TRUSTED CERTIFICATE",
 * src/model/aux-trust.ts) for a purpose: X509_check_trust() with the purpose's trust id
 * (crypto/x509/x509_trust.c, OpenSSL 3.0: trust_1oidany() → obj_trust(), the SSL client and server
 * trust ids with X509_TRUST_DO_SS_COMPAT | X509_TRUST_OK_ANY_EKU; without a purpose, X509_TRUST_DEFAULT
 * → obj_trust(NID_anyExtendedKeyUsage) with X509_TRUST_DO_SS_COMPAT):
 * - "rejected": the reject list names the purpose (or anyExtendedKeyUsage), or there is a trust list
 *   that names neither;
 * - "trusted": the trust list names the purpose (or anyExtendedKeyUsage), or there are no lists and the
 *   certificate is self-signed (the compatibility rule; `selfSignedCompat` false leaves it out, as
 *   check_purpose() does with X509_TRUST_NO_SS_COMPAT);
 * - "neutral": no lists, not self-signed: the decision is left to the certificates above it.
 * test/peers/openssl-misses-nginx.test.ts shows each against the real nginx.
 */
export type TrustDecision = "trusted" | "rejected" | "neutral";

export function trustDecision(cert: CertFacts, purpose: Purpose | undefined, selfSignedCompat = true): TrustDecision {
  const aux = cert.auxTrust;
  const wanted = purpose === "client" ? EKU.clientAuth : purpose === "server" ? EKU.serverAuth : EKU.anyExtendedKeyUsage;
  // X509_TRUST_OK_ANY_EKU: anyExtendedKeyUsage stands for every purpose (it is the purpose itself without one).
  const matches = (oid: string) => oid === wanted || oid === EKU.anyExtendedKeyUsage;
  if (aux && (aux.trust.length > 0 || aux.reject.length > 0)) {
    if (aux.reject.some(matches)) return "rejected";
    if (aux.trust.length > 0) return aux.trust.some(matches) ? "trusted" : "rejected";
  }
  return selfSignedCompat && isSelfSigned(cert) ? "trusted" : "neutral";
}

/**
 * OpenSSL check_trust() (crypto/x509/x509_vfy.c) on a path: the trusted certificates, from the lowest
 * up, decide; the first that is "trusted" or "rejected" settles it. Returns the index of a rejecting
 * certificate, or undefined.
 */
export function rejectedAt(chain: readonly CertFacts[], isTrusted: (cert: CertFacts) => boolean, purpose: Purpose | undefined): number | undefined {
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    if (!isTrusted(cert)) continue;
    const decision = trustDecision(cert, purpose);
    if (decision === "rejected") return i;
    if (decision === "trusted") return undefined;
  }
  return undefined;
}

/** A trusted certificate explicitly trusted for the purpose: OpenSSL ends the path there, root or not. */
export function explicitlyTrusted(cert: CertFacts, purpose: Purpose | undefined): boolean {
  return cert.auxTrust !== undefined && trustDecision(cert, purpose, false) === "trusted";
}
