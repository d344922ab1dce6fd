import type { CertFacts } from "../model/certificate.js";
import { EKU, type KeyUsage } from "../model/oids.js";

/**
 * OpenSSL's purpose checks (crypto/x509/v3_purp.c, OpenSSL 3.0: check_purpose_ssl_client,
 * check_purpose_ssl_server, check_ssl_ca, check_ca), which nginx applies to every certificate of a
 * client's chain, CAs and trust anchor included (crypto/x509/x509_vfy.c check_chain_extensions).
 * Verified against the real nginx and `openssl verify` in test/peers/.
 */
export type Purpose = "client" | "server";

/** Netscape/Microsoft Server Gated Crypto OIDs: OpenSSL lets them stand in for serverAuth (XKU_SGC). */
const SGC_OIDS = ["2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3"];

/**
 * What in a certificate fails the purpose, as data (the words are src/knowledge/reason-words.ts):
 * - "eku-without-purpose": an extendedKeyUsage without the purpose's OID (xku_reject);
 * - "eku-any-only": an extendedKeyUsage of anyExtendedKeyUsage alone, which OpenSSL does not accept;
 * - "ns-cert-type-not-ssl-ca": a CA without basicConstraints whose Netscape cert type lacks SSL CA (check_ssl_ca);
 * - "key-usage-not-allowed": a leaf keyUsage with none of the purpose's usages (ku_reject);
 * - "ns-cert-type-without-purpose": a leaf Netscape cert type without the purpose's bit (ns_reject).
 */
export type PurposeProblem =
  | { kind: "eku-without-purpose" }
  | { kind: "eku-any-only" }
  | { kind: "ns-cert-type-not-ssl-ca" }
  | { kind: "key-usage-not-allowed"; keyUsage: KeyUsage[]; allowed: KeyUsage[] }
  | { kind: "ns-cert-type-without-purpose" };

/** keyUsage bits that allow each purpose (OpenSSL check_purpose_ssl_client / _server, ku_reject). */
const ALLOWED_KEY_USAGE: Record<Purpose, KeyUsage[]> = {
  client: ["digitalSignature", "keyAgreement"],
  server: ["digitalSignature", "keyEncipherment", "keyAgreement"],
};

/** "Is this certificate usable in this position for this purpose?" undefined = yes. */
export function checkPurpose(cert: CertFacts, purpose: Purpose, asCa: boolean): PurposeProblem | undefined {
  const wanted = purpose === "client" ? EKU.clientAuth : EKU.serverAuth;
  // xku_reject: an EKU extension must list the purpose's OID; anyExtendedKeyUsage does not count.
  if (cert.extKeyUsage) {
    const accepted = cert.extKeyUsage.includes(wanted) || (purpose === "server" && cert.extKeyUsage.some((oid) => SGC_OIDS.includes(oid)));
    if (!accepted) {
      const onlyAny = cert.extKeyUsage.length === 1 && cert.extKeyUsage[0] === EKU.anyExtendedKeyUsage;
      return { kind: onlyAny ? "eku-any-only" : "eku-without-purpose" };
    }
  }
  if (asCa) {
    // check_ssl_ca: a Netscape cert type, if present on a CA, must include "SSL CA".
    if (cert.nsCertType && !cert.nsCertType.has("sslCA") && !cert.basicConstraints) return { kind: "ns-cert-type-not-ssl-ca" };
    return undefined;
  }
  // ku_reject: client needs digitalSignature or keyAgreement; server also accepts keyEncipherment.
  const keyUsage = cert.keyUsage;
  const allowed = ALLOWED_KEY_USAGE[purpose];
  if (keyUsage && !allowed.some((usage) => keyUsage.has(usage))) return { kind: "key-usage-not-allowed", keyUsage: [...keyUsage], allowed };
  // ns_reject: a Netscape cert type, if present, must allow the purpose.
  if (cert.nsCertType && !cert.nsCertType.has(purpose === "client" ? "sslClient" : "sslServer")) return { kind: "ns-cert-type-without-purpose" };
  return undefined;
}
