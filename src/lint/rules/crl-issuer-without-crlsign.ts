import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "crl-issuer-without-crlsign",
  title: "A CRL's issuer has a keyUsage without cRLSign",
  peers: { "nginx-mtls": "error" },
  citation: "RFC 5280 4.2.1.3 and 6.3.3 (f); OpenSSL crypto/x509/x509_vfy.c check_crl() (issuer without KU_CRL_SIGN: error 35); test/peers/crl-lint-nginx.test.ts (intermediate-without-crlsign)",
  requirement: "RFC 5280 4.2.1.3: “The cRLSign bit is asserted when the subject public key is used for verifying signatures on certificate revocation lists (e.g., CRLs, delta CRLs, or ARLs).”",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (35:key usage does not include CRL signing)" },
  predicts: { "nginx-mtls": { openssl: [35], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["crl-issuer-without-crlsign"], (hint) => hint ?? "re-issue the CA with keyUsage keyCertSign, cRLSign"),
});
