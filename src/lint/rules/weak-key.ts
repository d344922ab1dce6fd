import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "weak-key",
  title: "A key is below the peer's OpenSSL security level (RSA < 2048 bits, EC < 224 bits)",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error" },
  citation: "SSL_CTX_set_security_level(3) level 2 (Debian's default SECLEVEL=2); CA/B BR 6.1.5; OpenSSL errors 66/67; docs/x509-limbo.md (webpki::forbidden-weak-rsa-*)",
  requirement: "SSL_CTX_set_security_level(3), level 2: “RSA, DSA and DH keys shorter than 2048 bits and ECC keys shorter than 224 bits are prohibited.”",
  symptom: { "nginx-mtls": "HTTP 400; (66:EE certificate key too weak) or (67:CA certificate key too weak)", "nginx-server": "clients fail with key too weak / handshake failure", browser: "NET::ERR_CERT_WEAK_KEY" },
  predicts: {
    "nginx-mtls": { openssl: [66, 67], http: [400] },
    "nginx-server": { openssl: [66, 67] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
  },
  appliesTo: () => true,
  check: (ctx) => reasonHits(ctx, ["ee-key-too-weak", "ca-key-too-weak"], () => "re-issue it with an RSA 2048+ or P-256+ key (pkilab issue … --key p256)"),
});
