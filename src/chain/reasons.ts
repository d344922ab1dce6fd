/**
 * Why a chain fails, as stable ids shared by verify, lint and explain. Each carries the OpenSSL
 * verify error it corresponds to (the number nginx logs as "client SSL certificate verify error:
 * (N:text)"), from OpenSSL 3.0 include/openssl/x509_vfy.h.in and crypto/x509/x509_txt.c.
 */
export const REASONS = {
  "issuer-not-found": { openssl: 20, text: "unable to get local issuer certificate" },
  "anchor-issuer-not-found": { openssl: 2, text: "unable to get issuer certificate" },
  "self-signed-not-trusted": { openssl: 18, text: "self-signed certificate" },
  "signature-invalid": { openssl: 7, text: "certificate signature failure" },
  "signature-algorithm-unsupported": { openssl: 7, text: "certificate signature failure" },
  "not-yet-valid": { openssl: 9, text: "certificate is not yet valid" },
  expired: { openssl: 10, text: "certificate has expired" },
  "not-a-ca": { openssl: 79, text: "invalid CA certificate" },
  "ca-without-keycertsign": { openssl: 79, text: "invalid CA certificate" },
  "path-length-exceeded": { openssl: 25, text: "path length constraint exceeded" },
  "purpose-mismatch": { openssl: 26, text: "unsuitable certificate purpose" },
  "unhandled-critical-extension": { openssl: 34, text: "unhandled critical extension" },
  "name-constraint-violation": { openssl: 47, text: "permitted subtree violation" },
  "name-constraint-excluded": { openssl: 48, text: "excluded subtree violation" },
  "depth-exceeded": { openssl: 22, text: "certificate chain too long" },
  "hostname-mismatch": { openssl: 62, text: "hostname mismatch" },
  "ip-mismatch": { openssl: 64, text: "IP address mismatch" },
  "email-mismatch": { openssl: 63, text: "email address mismatch" },
  "ee-key-too-weak": { openssl: 66, text: "EE certificate key too weak" },
  "ca-key-too-weak": { openssl: 67, text: "CA certificate key too weak" },
  "signature-digest-too-weak": { openssl: 68, text: "CA signature digest algorithm too weak" },
  "explicit-ec-parameters": { openssl: 94, text: "Certificate public key has explicit ECC parameters" },
  "malformed-extensions": { openssl: 41, text: "invalid or inconsistent certificate extension" },
  "name-constraint-unsupported": { openssl: 51, text: "unsupported name constraint type" },
  "name-constraint-too-complex": { openssl: 1, text: "unspecified certificate verification error" },
  // The checks below run only in strict mode (OpenSSL -x509_strict / X509_V_FLAG_X509_STRICT).
  "strict-ku-keycertsign-non-ca": { openssl: 82, text: "Key usage keyCertSign invalid for non-CA cert" },
  "strict-issuer-name-empty": { openssl: 83, text: "Issuer name empty" },
  "strict-missing-aki": { openssl: 85, text: "Missing Authority Key Identifier" },
  "strict-missing-ski": { openssl: 86, text: "Missing Subject Key Identifier" },
  "strict-empty-subject-san-not-critical": { openssl: 88, text: "Subject empty and Subject Alt Name extension not critical" },
  "strict-ca-bcons-not-critical": { openssl: 89, text: "Basic Constraints of CA cert not marked critical" },
  "strict-ca-without-basic-constraints": { openssl: 79, text: "invalid CA certificate" },
  "key-mismatch": { openssl: 0, text: "private key does not match the certificate" },
} as const;

export type ReasonId = keyof typeof REASONS;

/** One failure: which rule, at which certificate of the chain (0 = leaf), in words, and what would pass. */
export interface Reason {
  id: ReasonId;
  /** Index in the built chain (0 = leaf); -1 when it concerns no single certificate. */
  certIndex: number;
  subject: string;
  message: string;
  /** What would have passed, e.g. the names the certificate is valid for. */
  hint?: string;
}

/** OpenSSL's "N:text" form of a reason, as nginx logs it inside parentheses (3.x wording). */
export function opensslForm(id: ReasonId): string {
  const { openssl, text } = REASONS[id];
  return `${openssl}:${text}`;
}
