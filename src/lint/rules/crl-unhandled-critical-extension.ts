import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "crl-unhandled-critical-extension",
  title: "A CRL the peer must use has a critical extension OpenSSL does not handle",
  peers: { "nginx-mtls": "error" },
  citation:
    "RFC 5280 5.2 (a CRL user must fail on a critical extension it does not process); OpenSSL crypto/x509/x509_vfy.c check_crl() (EXFLAG_CRITICAL: error 36 unless X509_V_FLAG_IGNORE_CRITICAL); test/peers/crl-verify-differential.test.ts (critical unknown CRL extension, critical cRLNumber)",
  requirement: "RFC 5280 5.2: “If a CRL contains a critical extension that the application cannot process, then the application MUST NOT use that CRL to determine the status of certificates.”",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs: client SSL certificate verify error: (36:unhandled critical CRL extension)" },
  predicts: { "nginx-mtls": { openssl: [36], http: [400] } },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation !== undefined,
  check: (ctx) => reasonHits(ctx, ["crl-unhandled-critical-extension"], (hint) => hint ?? "issue the CRL without the critical extension"),
});
