import type { SubjectAltName } from "../names.js";

export type KeyUsageName = "digitalSignature" | "keyEncipherment" | "keyAgreement" | "keyCertSign" | "cRLSign";
export type ExtKeyUsageName = "serverAuth" | "clientAuth";

/**
 * What a certificate profile puts into a certificate, as data. src/pki/certificate.ts turns it into
 * extensions; tests read it to check each profile without building a certificate.
 */
export interface CertProfile {
  /** basicConstraints cA; always written, always critical (RFC 5280 4.2.1.9 requires critical on CAs). */
  ca: boolean;
  /** basicConstraints pathLenConstraint; undefined = unlimited. */
  pathLen?: number;
  /** keyUsage, always critical (RFC 5280 4.2.1.3: "SHOULD mark this extension critical"). */
  keyUsage: KeyUsageName[];
  /** extKeyUsage, non-critical; undefined = no extension. */
  extKeyUsage?: ExtKeyUsageName[];
  /** subjectAltName; empty = no extension. */
  subjectAltNames: SubjectAltName[];
}
