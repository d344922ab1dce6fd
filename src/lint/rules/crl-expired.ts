import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "crl-expired",
  title: "A CRL is past its nextUpdate",
  peers: { "nginx-mtls": "error" },
  citation: "RFC 5280 5.1.2.5; OpenSSL crypto/x509/x509_vfy.c check_crl_time() (nextUpdate at or before the clock: error 12); nginx src/event/ngx_event_openssl.c ngx_ssl_crl(); test/peers/crl-lint-nginx.test.ts (root-crl-expired, intermediate-crl-expired)",
  requirement: "OpenSSL check_crl_time(): a CRL whose nextUpdate is not later than the verification time is X509_V_ERR_CRL_HAS_EXPIRED (RFC 5280 5.1.2.5: nextUpdate “indicates the date by which the next CRL will be issued”).",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (12:CRL has expired)" },
  predicts: { "nginx-mtls": { openssl: [12], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["crl-expired"], (hint) => hint ?? "issue a fresh CRL (pkilab crl) and reload nginx: it reads ssl_crl at reload only"),
});
