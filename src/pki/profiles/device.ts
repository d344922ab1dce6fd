import type { SubjectAltName } from "../names.js";
import { clientProfile } from "./client.js";
import type { CertProfile } from "./profile.js";

/**
 * Device leaf: the identity an embedded device (typically mbedTLS) presents as a TLS client.
 * Same extensions as a client leaf: mbedTLS checks only the leaf's KU/EKU and accepts clientAuth +
 * digitalSignature (mbedtls_ssl_check_cert_usage() in library/ssl_tls.c at v2.28.3 and v3.6.6), and the server
 * (nginx/OpenSSL) needs exactly that.
 * It is a separate role so labs, manifests and exports can tell fleets of devices from people.
 */
export function deviceProfile(sans: SubjectAltName[]): CertProfile {
  return clientProfile(sans);
}
