import type { SubjectAltName } from "../names.js";
import type { CertProfile } from "./profile.js";

/**
 * TLS client leaf (a person or service authenticating to an mTLS server such as nginx).
 * - extKeyUsage clientAuth: without it nginx/OpenSSL fail the client with
 *   "(26:unsuitable certificate purpose)" (seed 003: fixtures/nginx-mtls/seed-003-client-no-clientauth-eku).
 * - keyUsage digitalSignature only: the client signs CertificateVerify and never receives
 *   key transport; OpenSSL's sslclient purpose requires digitalSignature when keyUsage is present.
 * - subjectAltName only for names given explicitly: the identity is the CN.
 * - basicConstraints CA:FALSE, critical.
 */
export function clientProfile(sans: SubjectAltName[]): CertProfile {
  return { ca: false, keyUsage: ["digitalSignature"], extKeyUsage: ["clientAuth"], subjectAltNames: sans };
}
