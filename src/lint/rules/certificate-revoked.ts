import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "certificate-revoked",
  title: "A certificate of the chain is on its issuer's CRL",
  peers: { "nginx-mtls": "error" },
  citation: "RFC 5280 6.3.3 (j); OpenSSL crypto/x509/x509_vfy.c cert_crl() (serial on the CRL: error 23); test/peers/crl-lint-nginx.test.ts (leaf-revoked, intermediate-revoked)",
  requirement: "RFC 5280 6.3.3 (j): “If (cert_status is UNREVOKED), then search for the certificate on the complete CRL. If an entry is found that matches the certificate issuer and serial number as described in Section 5.3.3, then set the cert_status variable to the indicated reason”.",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (23:certificate revoked)" },
  predicts: { "nginx-mtls": { openssl: [23], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["certificate-revoked"], (hint) => hint ?? "issue a new certificate (for a revoked CA: a new CA, and re-issue what it signed)"),
});
