import { span } from "../chain/validate.js";
import type { CertFacts } from "../model/certificate.js";
import type { CrlFacts } from "../model/crl.js";
import { attribute } from "../model/name.js";
import { EKU } from "../model/oids.js";
import { ipBytesOf } from "../model/general-name.js";

/** "expires in 41 days", "expired 3 days ago", "not valid for another 12 minutes". */
export function validityWords(cert: CertFacts, at: Date): string {
  const now = at.getTime();
  if (now < cert.notBefore.getTime()) return `not valid for another ${span(cert.notBefore.getTime() - now)}`;
  if (now > cert.notAfter.getTime()) return `expired ${span(now - cert.notAfter.getTime())} ago`;
  return `expires in ${span(cert.notAfter.getTime() - now)}`;
}

/** A CRL without nextUpdate never expires (RFC 5280 5.1.2.5 requires one; OpenSSL accepts its absence). */
export const CRL_WITHOUT_NEXT_UPDATE = "no nextUpdate";

/**
 * "valid for 29 more days", "not yet valid: starts in 3 hours (nginx: (11:CRL is not yet valid))",
 * "expired 2 days ago (nginx: (12:CRL has expired))", "no nextUpdate". The boundaries are
 * OpenSSL's (crypto/x509/x509_vfy.c check_crl_time(), as src/chain/crl.ts applies them): valid from
 * thisUpdate itself, expired at nextUpdate itself. The numbers and texts are OpenSSL's
 * X509_V_ERR_CRL_NOT_YET_VALID (11) and X509_V_ERR_CRL_HAS_EXPIRED (12), as nginx logs them.
 */
export function crlValidityWords(crl: Pick<CrlFacts, "thisUpdate" | "nextUpdate">, at: Date): string {
  const now = at.getTime();
  if (now < crl.thisUpdate.getTime()) return `not yet valid: starts in ${span(crl.thisUpdate.getTime() - now)} (nginx: (11:CRL is not yet valid))`;
  if (!crl.nextUpdate) return CRL_WITHOUT_NEXT_UPDATE;
  if (now >= crl.nextUpdate.getTime()) return `expired ${span(now - crl.nextUpdate.getTime())} ago (nginx: (12:CRL has expired))`;
  // span() says "29 days": "more" goes between the number and the unit.
  return `valid for ${span(crl.nextUpdate.getTime() - now).replace(" ", " more ")}`;
}

/**
 * Plain-language observations about one CRL: when nginx will refuse it, and what it covers. Each is
 * a fact src/chain/crl.ts also acts on (OpenSSL's crypto/x509/x509_vfy.c, as cited there).
 */
export function crlNotes(crl: CrlFacts): string[] {
  const notes = ["a CRL whose thisUpdate is ahead of a server's clock fails in nginx with (11:CRL is not yet valid)"];
  if (crl.unhandledCriticalExtensions.length > 0) {
    // check_crl(): a CRL with EXFLAG_CRITICAL set fails with X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION.
    notes.push(`critical extension ${crl.unhandledCriticalExtensions.join(", ")} that OpenSSL does not handle: nginx refuses the certificates this CRL covers with (36:unhandled critical CRL extension)`);
  }
  if (crl.baseCrlNumber !== undefined) notes.push(`a delta CRL (deltaCRLIndicator, base CRL number ${crl.baseCrlNumber}): it lists only the changes since that CRL (RFC 5280 5.2.4)`);
  const idp = crl.issuingDistributionPoint;
  if (idp) {
    // get_crl_score(): without X509_V_FLAG_EXTENDED_CRL_SUPPORT (nginx never sets it) such a CRL scores 0.
    if (idp.indirectCRL) notes.push("an indirect CRL: OpenSSL uses it only with extended CRL support, which nginx does not turn on");
    if (idp.onlySomeReasons) notes.push("a CRL for some reasons only (onlySomeReasons): OpenSSL uses it only with extended CRL support, which nginx does not turn on");
    // crl_crldp_check(): the scope the issuingDistributionPoint gives the CRL (RFC 5280 5.2.5).
    if (idp.onlyContainsUserCerts) notes.push("covers end-entity certificates only (onlyContainsUserCerts): CAs need another CRL");
    if (idp.onlyContainsCACerts) notes.push("covers CA certificates only (onlyContainsCACerts): leaves need another CRL");
    if (idp.onlyContainsAttributeCerts) notes.push("covers attribute certificates only (onlyContainsAttributeCerts): no X.509 certificate is covered");
    if (idp.hasDistributionPoint) notes.push("names a distribution point: it covers only the certificates whose cRLDistributionPoints name the same point");
  }
  return notes;
}

/**
 * Plain-language observations about one certificate: what peers will make of it. Each is a fact
 * pkilab's chain engine or a cited peer rule also acts on (src/chain/purpose.ts, hostname.ts).
 */
export function certificateNotes(cert: CertFacts): string[] {
  const notes: string[] = [];
  const isCa = cert.basicConstraints?.ca === true;
  const eku = cert.extKeyUsage;
  if (!isCa && eku) {
    const client = eku.includes(EKU.clientAuth);
    const server = eku.includes(EKU.serverAuth);
    if (eku.length === 1 && eku[0] === EKU.anyExtendedKeyUsage) {
      notes.push("EKU: anyExtendedKeyUsage only: OpenSSL/nginx refuse it for TLS client and server use (error 26); mbedTLS accepts it");
    } else if (server && !client) {
      notes.push("EKU: serverAuth only: cannot be used as a TLS client certificate with OpenSSL/nginx (error 26 unsuitable certificate purpose)");
    } else if (client && !server) {
      notes.push("EKU: clientAuth only: cannot be used as a TLS server certificate");
    } else if (!client && !server) {
      notes.push("EKU has neither serverAuth nor clientAuth: not usable for TLS with OpenSSL/nginx");
    }
  }
  if (isCa && eku && !eku.includes(EKU.clientAuth)) {
    notes.push("CA with an EKU that lacks clientAuth: OpenSSL checks the whole chain, so client certificates under it fail in nginx (error 26)");
  }
  if (!isCa && cert.keyUsage && !cert.keyUsage.has("digitalSignature") && !cert.keyUsage.has("keyAgreement")) {
    notes.push("keyUsage lacks digitalSignature: OpenSSL/nginx refuse it as a TLS client certificate");
  }
  if (!isCa && cert.nsCertType && !cert.nsCertType.has("sslClient")) {
    notes.push("Netscape cert type without SSL client: OpenSSL refuses it as a TLS client certificate");
  }
  const sans = cert.subjectAltNames ?? [];
  const cn = attribute(cert.subject, "CN");
  if (!isCa && sans.length === 0 && cn && /\./.test(cn)) {
    notes.push(`no subjectAltName: modern clients ignore the CN "${cn}" (RFC 9525; Chrome since 58): add it as a SAN`);
  }
  if (cn && ipBytesOf(cn)) notes.push(`the CN is an IP address (${cn}): peers match IPs only against iPAddress SANs; mbedTLS 2.28 is the exception`);
  for (const san of sans) {
    if (san.type === "dns" && ipBytesOf(san.value)) notes.push(`"${san.value}" is written as a DNS name: an IP must be an iPAddress SAN to match (RFC 9525 6.2)`);
  }
  if (cert.publicKey.type === "rsa" && cert.publicKey.bits < 2048) notes.push(`RSA ${cert.publicKey.bits}: weak; OpenSSL security level 2 (Debian's default) refuses keys under 2048 bits`);
  if (/sha1|md5/i.test(cert.signatureAlgorithm.name) && !cert.selfIssued) {
    notes.push(`signed with ${cert.signatureAlgorithm.name}: OpenSSL 3 refuses SHA-1 signatures at security level 1 and above`);
  }
  if (!isCa && cert.publicKey.curve === "P-521") notes.push("P-521 leaf key: refused by Chrome, Android and rustls as a TLS server key");
  if (cert.basicConstraints === undefined && cert.version === 3 && cert.selfIssued) notes.push("self-signed without basicConstraints");
  return notes;
}
