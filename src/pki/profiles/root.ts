import type { CertProfile } from "./profile.js";

/**
 * Root CA (the lab's trust anchor, self-signed).
 * - basicConstraints CA:TRUE, critical, no pathLen: the lab may later grow deeper hierarchies.
 * - keyUsage keyCertSign + cRLSign, critical (RFC 5280 4.2.1.3; CA/B BR 7.1.2.1.b).
 * - no extKeyUsage: OpenSSL checks the purpose on every certificate of the chain, and a root without
 *   EKU passes both sslclient and sslserver (OpenSSL crypto/x509/v3_purp.c check_purpose_ssl_client() /
 *   check_ssl_ca(); test/peers/nginx-lint.test.ts, root-eku-serverauth-only);
 *   CA/B BR 7.1.2.1 forbids EKU in roots.
 * - SKI (added by the builder for every certificate), no AKI (self-signed).
 */
export function rootProfile(): CertProfile {
  return { ca: true, keyUsage: ["keyCertSign", "cRLSign"], subjectAltNames: [] };
}
