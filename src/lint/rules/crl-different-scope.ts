import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "crl-different-scope",
  title: "The only CRL from a certificate's issuer does not cover it (issuingDistributionPoint scope)",
  peers: { "nginx-mtls": "error" },
  citation:
    "RFC 5280 5.2.5 (issuingDistributionPoint: onlyContainsUserCerts / onlyContainsCACerts); OpenSSL crypto/x509/x509_vfy.c get_crl_sk() and get_crl_score() (a CRL out of scope scores without CRL_SCORE_SCOPE: error 44, then 3 as no CRL covers the certificate); test/peers/crl-verify-differential.test.ts (root's CRL only for user certificates)",
  requirement: "RFC 5280 6.3.3 (b)(2)(iii): “If the onlyContainsUserCerts boolean is asserted in the IDP CRL extension, verify that the certificate does not include the basic constraints extension with the cA boolean asserted.”",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (44:different CRL scope)" },
  predicts: { "nginx-mtls": { openssl: [44], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["crl-different-scope"], (hint) => hint ?? "load a CRL of that CA that covers the certificate"),
});
