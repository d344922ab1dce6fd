import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "crl-missing-for-ca",
  title: "A certificate of the chain has no CRL from its issuer among the loaded CRLs",
  peers: { "nginx-mtls": "error" },
  citation: "OpenSSL crypto/x509/x509_vfy.c check_revocation(), check_cert() (error 3 when get_crl_sk() finds no CRL); nginx src/event/ngx_event_openssl.c ngx_ssl_crl() sets X509_V_FLAG_CRL_CHECK|X509_V_FLAG_CRL_CHECK_ALL; test/peers/crl-lint-nginx.test.ts (root-crl-missing, intermediate-crl-missing)",
  requirement: "OpenSSL X509_VERIFY_PARAM_set_flags(3): “X509_V_FLAG_CRL_CHECK_ALL enables CRL checking for the entire certificate chain”; check_cert() fails with X509_V_ERR_UNABLE_TO_GET_CRL when no CRL of the certificate's issuer is loaded.",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (3:unable to get certificate CRL)" },
  predicts: { "nginx-mtls": { openssl: [3], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["crl-not-found"], (hint) => hint ?? "add the CRL of that CA to the ssl_crl file"),
});
