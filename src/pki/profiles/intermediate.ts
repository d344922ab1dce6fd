import type { CertProfile } from "./profile.js";

/**
 * Intermediate CA.
 * - basicConstraints CA:TRUE, critical, pathLen = the number of intermediates below this one, so the
 *   hierarchy cannot be extended downwards by mistake (RFC 5280 4.2.1.9).
 * - keyUsage keyCertSign + cRLSign, critical.
 * - extKeyUsage serverAuth + clientAuth: OpenSSL's purpose check runs on every certificate of the chain
 *   (an intermediate EKU without clientAuth makes nginx fail client certificates with
 *   "(26:unsuitable certificate purpose)", fixtures/nginx-mtls/intermediate-eku-serverauth-only); listing both keeps server and client leaves
 *   valid while limiting the CA to TLS, as CA/B BR 7.1.2.2 expects of TLS subordinate CAs.
 */
export function intermediateProfile(intermediatesBelow: number): CertProfile {
  return {
    ca: true,
    pathLen: intermediatesBelow,
    keyUsage: ["keyCertSign", "cRLSign"],
    extKeyUsage: ["serverAuth", "clientAuth"],
    subjectAltNames: [],
  };
}
