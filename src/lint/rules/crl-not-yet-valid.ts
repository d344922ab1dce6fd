import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "crl-not-yet-valid",
  title: "A CRL's thisUpdate is after the verifier's clock",
  peers: { "nginx-mtls": "error" },
  citation: "OpenSSL crypto/x509/x509_vfy.c check_crl_time() (thisUpdate after the clock: error 11); nginx src/event/ngx_event_openssl.c ngx_ssl_crl(); seed 003 (fixtures/nginx-mtls/seed-003-crl-not-yet-valid); test/peers/crl-lint-nginx.test.ts (root-crl-not-yet-valid, intermediate-crl-not-yet-valid)",
  requirement: "OpenSSL check_crl_time(): a CRL whose thisUpdate is later than the verification time is X509_V_ERR_CRL_NOT_YET_VALID (RFC 5280 5.1.2.4: thisUpdate “indicates the issue date of this CRL”).",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (11:CRL is not yet valid)" },
  predicts: { "nginx-mtls": { openssl: [11], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["crl-not-yet-valid"], (hint) => hint ?? "backdate thisUpdate a little when issuing CRLs (pkilab crl does), or fix the issuing host's clock"),
});
