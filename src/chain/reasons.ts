import type { KeyUsage } from "../model/oids.js";
import type { CrlReason } from "../model/crl.js";
import type { CaKind } from "./ca.js";
import type { CrlScopeProblem } from "./crl.js";
import type { ConstraintViolation } from "./name-constraints.js";
import type { Purpose, PurposeProblem } from "./purpose.js";

/** No detail beyond the certificate: the id says it all. */
type NoDetail = Record<never, never>;

/** A DNS name or IP address the leaf is not valid for, and what it is valid for (Go: x509.HostnameError). */
export interface HostMismatch {
  host: string;
  /** The names the certificate is valid for (src/chain/hostname.ts HostCheck.validFor). */
  validFor: string[];
  /** For an IP host: the certificate's DNS names, which never match an IP. */
  dnsNames: string[];
}

/** A key below the security level's minimum (OpenSSL SSL_CTX_set_security_level(3)). */
export interface KeyTooWeak {
  /** The key as people name it ("RSA 1024", "ECDSA P-256"). */
  key: string;
  keyBits: number;
  securityLevel: number;
  minBits: number;
}

/** The name constraints of the CA at `caIndex` reject one of the certificate's names. */
export type NameConstraintDetail<Kind extends ConstraintViolation["kind"]> = Extract<ConstraintViolation, { kind: Kind }> & { ca: string; caIndex: number };

/**
 * What each reason carries besides the certificate it concerns: data, never words (the model is Go's
 * crypto/x509 HostnameError and CertificateInvalidError). The words are src/knowledge/reason-words.ts.
 */
export interface ReasonDetails {
  /** `issuer`: the name the path needed and nobody had. */
  "issuer-not-found": { issuer: string };
  "anchor-issuer-not-found": { issuer: string };
  "self-signed-not-trusted": NoDetail;
  /**
   * OpenSSL trust settings ("TRUSTED CERTIFICATE") reject the trust anchor for the purpose
   * (src/chain/aux-trust.ts): its trusted and rejected uses, as OIDs.
   */
  "trust-rejected": { purpose?: Purpose; trust: string[]; reject: string[] };
  /** `issuer`: the subject of the certificate whose key did not verify the signature. */
  "signature-invalid": { issuer: string };
  "signature-algorithm-unsupported": { algorithm: string; issuerKey: string };
  "not-yet-valid": { notBefore: Date; at: Date };
  expired: { notAfter: Date; at: Date };
  "not-a-ca": { caKind: CaKind; basicConstraints: "absent" | "ca-false" };
  "ca-without-keycertsign": { keyUsage: KeyUsage[] };
  /** `intermediatesBelow`: non-self-issued intermediates under the CA (RFC 5280 4.2.1.9). */
  "path-length-exceeded": { pathLen: number; intermediatesBelow: number };
  "purpose-mismatch": { purpose: Purpose; problem: PurposeProblem };
  "unhandled-critical-extension": { oids: string[] };
  "name-constraint-violation": NameConstraintDetail<"permitted">;
  "name-constraint-excluded": NameConstraintDetail<"excluded">;
  "name-constraint-unsupported": NameConstraintDetail<"unsupported">;
  "name-constraint-too-complex": NameConstraintDetail<"too-complex">;
  "depth-exceeded": { intermediates: number; maxDepth: number };
  "hostname-mismatch": HostMismatch;
  "ip-mismatch": HostMismatch;
  "email-mismatch": { email: string };
  "ee-key-too-weak": KeyTooWeak;
  "ca-key-too-weak": KeyTooWeak;
  "signature-digest-too-weak": { algorithm: string; digestBits: number; securityLevel: number; minBits: number };
  "explicit-ec-parameters": NoDetail;
  /** `oids`: extensions OpenSSL decodes that occur more than once. */
  "malformed-extensions": { oids: string[] };
  "strict-pathlen-non-ca": NoDetail;
  "strict-pathlen-without-keycertsign": NoDetail;
  "strict-ku-keycertsign-non-ca": NoDetail;
  "strict-issuer-name-empty": NoDetail;
  "strict-missing-aki": NoDetail;
  "strict-missing-ski": NoDetail;
  "strict-empty-subject-san-not-critical": NoDetail;
  "strict-ca-bcons-not-critical": NoDetail;
  "strict-ca-without-basic-constraints": NoDetail;
  /**
   * `issuer`: the issuer name no loaded CRL covers (src/chain/crl.ts); `outOfScope`: a CRL of that
   * issuer is loaded but its issuingDistributionPoint leaves the certificate out (after crl-different-scope).
   */
  "crl-not-found": { issuer: string; outOfScope: boolean };
  /** `crlIssuer`: the subject of the certificate whose key did not verify the CRL. */
  "crl-signature-invalid": { crlIssuer: string };
  "crl-not-yet-valid": { thisUpdate: Date; at: Date; crlIssuer: string };
  "crl-expired": { nextUpdate: Date; at: Date; crlIssuer: string };
  "crl-issuer-without-crlsign": { crlIssuer: string; keyUsage: KeyUsage[] };
  /** `oids`: critical CRL or CRL entry extensions OpenSSL does not handle. */
  "crl-unhandled-critical-extension": { oids: string[]; crlIssuer: string };
  /** `scope`: why the CRL's issuingDistributionPoint does not cover the certificate. */
  "crl-different-scope": { scope: CrlScopeProblem; crlIssuer: string };
  "certificate-revoked": { serial: string; revocationDate: Date; reasonCode?: CrlReason; crlIssuer: string };
  /** Not the engine's: `pkilab verify --key` (src/verify/verify.ts). */
  "key-mismatch": { keyFile: string };
}

export type ReasonId = keyof ReasonDetails;

/**
 * Why a chain fails, as stable ids shared by verify, lint and explain, each with the OpenSSL verify
 * error it corresponds to (the number nginx logs as "client SSL certificate verify error: (N:text)");
 * the numbers and their texts are the table in src/knowledge/openssl-verify.ts, which also checks
 * that each number here is one of them. null: no verify error (a key mismatch is not a chain error).
 */
export const REASONS: { readonly [Id in ReasonId]: { readonly openssl: number | null } } = {
  "issuer-not-found": { openssl: 20 },
  "anchor-issuer-not-found": { openssl: 2 },
  "self-signed-not-trusted": { openssl: 18 },
  "trust-rejected": { openssl: 28 },
  "signature-invalid": { openssl: 7 },
  "signature-algorithm-unsupported": { openssl: 7 },
  "not-yet-valid": { openssl: 9 },
  expired: { openssl: 10 },
  "not-a-ca": { openssl: 79 },
  "ca-without-keycertsign": { openssl: 79 },
  "path-length-exceeded": { openssl: 25 },
  "purpose-mismatch": { openssl: 26 },
  "unhandled-critical-extension": { openssl: 34 },
  "name-constraint-violation": { openssl: 47 },
  "name-constraint-excluded": { openssl: 48 },
  "depth-exceeded": { openssl: 22 },
  "hostname-mismatch": { openssl: 62 },
  "ip-mismatch": { openssl: 64 },
  "email-mismatch": { openssl: 63 },
  "ee-key-too-weak": { openssl: 66 },
  "ca-key-too-weak": { openssl: 67 },
  "signature-digest-too-weak": { openssl: 68 },
  "explicit-ec-parameters": { openssl: 94 },
  "malformed-extensions": { openssl: 41 },
  "name-constraint-unsupported": { openssl: 51 },
  "name-constraint-too-complex": { openssl: 1 },
  // The checks below run only in strict mode (OpenSSL -x509_strict / X509_V_FLAG_X509_STRICT).
  "strict-pathlen-non-ca": { openssl: 80 },
  "strict-pathlen-without-keycertsign": { openssl: 81 },
  "strict-ku-keycertsign-non-ca": { openssl: 82 },
  "strict-issuer-name-empty": { openssl: 83 },
  "strict-missing-aki": { openssl: 85 },
  "strict-missing-ski": { openssl: 86 },
  "strict-empty-subject-san-not-critical": { openssl: 88 },
  "strict-ca-bcons-not-critical": { openssl: 89 },
  "strict-ca-without-basic-constraints": { openssl: 79 },
  // The checks below run only with CRLs (OpenSSL X509_V_FLAG_CRL_CHECK, nginx ssl_crl; src/chain/crl.ts).
  "crl-not-found": { openssl: 3 },
  "crl-signature-invalid": { openssl: 8 },
  "crl-not-yet-valid": { openssl: 11 },
  "crl-expired": { openssl: 12 },
  "crl-issuer-without-crlsign": { openssl: 35 },
  "crl-unhandled-critical-extension": { openssl: 36 },
  "crl-different-scope": { openssl: 44 },
  "certificate-revoked": { openssl: 23 },
  "key-mismatch": { openssl: null },
};

/** One failure of one id: which certificate of the chain (0 = leaf) and what about it. */
export interface ReasonOf<Id extends ReasonId> {
  id: Id;
  /** Index in the built chain (0 = leaf); -1 when it concerns no single certificate. */
  certIndex: number;
  /** That certificate's subject ("" for -1). */
  subject: string;
  detail: ReasonDetails[Id];
}

/** One failure; narrow on `id` to read its typed `detail`. */
export type Reason = { [Id in ReasonId]: ReasonOf<Id> }[ReasonId];
