import type { KeyTypeInfo } from "../key-types.js";
import type { SubjectAltName } from "../names.js";
import type { CertProfile } from "./profile.js";

/**
 * TLS server leaf.
 * - subjectAltName with every name the server is reached by: modern clients ignore the CN
 *   (RFC 9525 section 6.3; Chrome since 58), and an IP must be an iPAddress SAN.
 * - extKeyUsage serverAuth (OpenSSL purpose sslserver; CA/B BR 7.1.2.7.10).
 * - keyUsage digitalSignature, plus keyEncipherment for RSA keys: TLS 1.2 RSA key transport encrypts
 *   the premaster secret to the server key (RFC 5246 7.4.7.1, RFC 5280 4.2.1.3); EC keys never do.
 * - basicConstraints CA:FALSE, critical.
 */
export function serverProfile(key: KeyTypeInfo, sans: SubjectAltName[]): CertProfile {
  return {
    ca: false,
    keyUsage: key.family === "rsa" ? ["digitalSignature", "keyEncipherment"] : ["digitalSignature"],
    extKeyUsage: ["serverAuth"],
    subjectAltNames: sans,
  };
}
