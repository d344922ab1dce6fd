import type { SubjectAltName } from "../names.js";
import { clientProfile } from "./client.js";
import type { CertProfile } from "./profile.js";

/**
 * Device leaf: the identity an embedded device (typically mbedTLS) presents as a TLS client.
 * Same extensions as a client leaf: mbedTLS checks only the leaf's KU/EKU and accepts clientAuth +
 * digitalSignature (reference/mbedtls.md), and the server (nginx/OpenSSL) needs exactly that.
 * It is a separate role so labs, manifests and exports can tell fleets of devices from people.
 */
export function deviceProfile(sans: SubjectAltName[]): CertProfile {
  return clientProfile(sans);
}
