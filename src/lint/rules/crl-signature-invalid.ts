import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "crl-signature-invalid",
  title: "A CRL does not verify with the key of the CA that issued the certificate it covers",
  peers: { "nginx-mtls": "error" },
  citation: "RFC 5280 6.3.3 (f) and (g); OpenSSL crypto/x509/x509_vfy.c check_crl() (X509_CRL_verify() fails: error 8); test/peers/crl-lint-nginx.test.ts (intermediate-crl-wrong-signer, intermediate-crl-wrong-signer-with-aki)",
  requirement: "RFC 5280 6.3.3 (g): “Validate the signature on the complete CRL using the public key validated in step (f).”",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (8:CRL signature failure)" },
  predicts: { "nginx-mtls": { openssl: [8], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["crl-signature-invalid"], (hint) => hint ?? "re-issue the CRL with the CA's own key"),
});
