import type { CertFacts } from "../model/certificate.js";
import { checkSignature } from "./signature.js";

/**
 * How a certificate qualifies as a CA: OpenSSL's check_ca() (crypto/x509/v3_purp.c, OpenSSL 3.0),
 * whose numbers X509_check_ca() returns, by name:
 * - "none" (0): keyUsage without keyCertSign, basicConstraints CA:FALSE, or nothing that says CA;
 * - "basic-constraints" (1): basicConstraints CA:TRUE;
 * - "v1-root" (3): a version 1 self-issued certificate;
 * - "key-usage" (4): no basicConstraints, and a keyUsage with keyCertSign;
 * - "netscape" (5): neither, but a Netscape cert type with a CA bit.
 * check_chain_extensions (crypto/x509/x509_vfy.c) wants "basic-constraints" of an intermediate; a
 * trust anchor may be any kind but "none".
 */
export type CaKind = "none" | "basic-constraints" | "v1-root" | "key-usage" | "netscape";

export function caKind(cert: CertFacts): CaKind {
  if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) return "none";
  if (cert.basicConstraints) return cert.basicConstraints.ca ? "basic-constraints" : "none";
  if (cert.version === 1 && cert.selfIssued) return "v1-root";
  if (cert.keyUsage) return "key-usage";
  const ns = cert.nsCertType;
  if (ns && (ns.has("sslCA") || ns.has("smimeCA") || ns.has("objectSigningCA"))) return "netscape";
  return "none";
}

/**
 * What OpenSSL 3.0 treats as self-signed (EXFLAG_SS; crypto/x509/v3_purp.c ossl_x509_likely_issued(x, x)):
 * self-issued, the key ids (if both present) agree, and the signature algorithm fits the certificate's
 * own key (check_sig_alg_match()). The signature itself is not checked: an Ed25519 leaf signed with
 * ECDSA by a CA of the same name is not self-signed, an EC leaf signed so is
 * (test/peers/openssl-misses.test.ts).
 */
export function isSelfSigned(cert: CertFacts): boolean {
  return cert.selfIssued && !(cert.authorityKeyId && cert.subjectKeyId && cert.authorityKeyId !== cert.subjectKeyId) && signatureFitsOwnKey(cert);
}

/** The signature algorithm is one the certificate's own key could have made (an RSA key may make PSS signatures). */
function signatureFitsOwnKey(cert: CertFacts): boolean {
  const algorithm = cert.signatureAlgorithm.key;
  const key = cert.publicKey.type;
  return algorithm === key || (algorithm === "rsa-pss" && key === "rsa") || algorithm === "unknown" || key === "unknown";
}

/**
 * A root: self-signed by its own key. Names alone are not enough: a key-rollover CA has the same
 * subject and issuer but is signed by the old key.
 */
export function isRoot(cert: CertFacts): boolean {
  return isSelfSigned(cert) && checkSignature(cert, cert) === "ok";
}
