import type { CertFacts } from "../model/certificate.js";
import { EKU } from "../model/oids.js";

/**
 * OpenSSL's purpose checks (crypto/x509/v3_purp.c, OpenSSL 3.0: check_purpose_ssl_client,
 * check_purpose_ssl_server, check_ssl_ca, check_ca), which nginx applies to every certificate of a
 * client's chain, CAs and trust anchor included (crypto/x509/x509_vfy.c check_chain_extensions).
 * Verified against the real nginx and `openssl verify` in test/peers/.
 */
export type Purpose = "client" | "server";

/** Netscape/Microsoft Server Gated Crypto OIDs: OpenSSL lets them stand in for serverAuth (XKU_SGC). */
const SGC_OIDS = ["2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3"];

export interface PurposeProblem {
  /** What in the certificate fails the purpose. */
  detail: string;
  /** What would pass. */
  hint: string;
}

/** "Is this certificate usable in this position for this purpose?" undefined = yes. */
export function checkPurpose(cert: CertFacts, purpose: Purpose, asCa: boolean): PurposeProblem | undefined {
  const wanted = purpose === "client" ? EKU.clientAuth : EKU.serverAuth;
  const ekuName = purpose === "client" ? "clientAuth" : "serverAuth";
  // xku_reject: an EKU extension must list the purpose's OID; anyExtendedKeyUsage does not count.
  if (cert.extKeyUsage) {
    const accepted = cert.extKeyUsage.includes(wanted) || (purpose === "server" && cert.extKeyUsage.some((oid) => SGC_OIDS.includes(oid)));
    if (!accepted) {
      const onlyAny = cert.extKeyUsage.length === 1 && cert.extKeyUsage[0] === EKU.anyExtendedKeyUsage;
      return {
        detail: onlyAny
          ? `its extended key usage is anyExtendedKeyUsage only, which OpenSSL does not accept for TLS ${purpose} use`
          : `its extended key usage lacks ${ekuName}`,
        hint: `${asCa ? "re-issue the CA" : "re-issue it"} with extendedKeyUsage ${ekuName}${asCa ? " (or without an EKU extension)" : ""}`,
      };
    }
  }
  if (asCa) {
    // check_ssl_ca: a Netscape cert type, if present on a CA, must include "SSL CA".
    if (cert.nsCertType && !cert.nsCertType.has("sslCA") && !cert.basicConstraints) {
      return { detail: "its Netscape cert type lacks SSL CA", hint: "re-issue the CA with basicConstraints CA:TRUE" };
    }
    return undefined;
  }
  // ku_reject: client needs digitalSignature or keyAgreement; server also accepts keyEncipherment.
  if (cert.keyUsage) {
    const allowed = purpose === "client" ? ["digitalSignature", "keyAgreement"] : ["digitalSignature", "keyEncipherment", "keyAgreement"];
    if (!allowed.some((usage) => cert.keyUsage!.has(usage as never))) {
      return {
        detail: `its key usage (${[...cert.keyUsage].join(", ") || "empty"}) has none of ${allowed.join(", ")}`,
        hint: "re-issue it with keyUsage digitalSignature",
      };
    }
  }
  // ns_reject: a Netscape cert type, if present, must allow the purpose.
  if (cert.nsCertType) {
    const bit = purpose === "client" ? "sslClient" : "sslServer";
    if (!cert.nsCertType.has(bit)) {
      return { detail: `its Netscape cert type does not include SSL ${purpose}`, hint: "re-issue it without nsCertType (it is obsolete) or with the right type" };
    }
  }
  return undefined;
}

/**
 * OpenSSL's check_ca: how a certificate qualifies as a CA. 0 = not a CA; 1 = basicConstraints CA:TRUE;
 * 3 = version 1 self-signed root; 4 = keyUsage with keyCertSign but no basicConstraints;
 * 5 = Netscape CA type. Intermediates must be 1; a trust anchor may be any non-zero.
 */
export function caKind(cert: CertFacts): 0 | 1 | 3 | 4 | 5 {
  if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) return 0;
  if (cert.basicConstraints) return cert.basicConstraints.ca ? 1 : 0;
  if (cert.version === 1 && cert.selfIssued) return 3;
  if (cert.keyUsage) return 4;
  if (cert.nsCertType && (cert.nsCertType.has("sslCA") || cert.nsCertType.has("smimeCA") || cert.nsCertType.has("objectSigningCA"))) return 5;
  return 0;
}
