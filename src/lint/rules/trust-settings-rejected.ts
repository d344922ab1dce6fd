import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "trust-settings-rejected",
  title: "A trust anchor's OpenSSL trust settings (TRUSTED CERTIFICATE) reject it for the purpose",
  peers: { "nginx-mtls": "error", "nginx-server": "error" },
  citation:
    "OpenSSL crypto/x509/x509_trust.c obj_trust(), trust_1oidany(); crypto/x509/x509_vfy.c check_trust(), check_purpose() (OpenSSL 3.0); test/peers/openssl-misses-nginx.test.ts (aux-*)",
  requirement:
    "OpenSSL X509_check_trust(3): a certificate in the trust store with auxiliary trust settings is rejected for a purpose its reject list names, or that its trust list (when there is one) does not name; anyExtendedKeyUsage stands for every purpose",
  symptom: {
    // OpenSSL reports 28 first; nginx's verify callback goes on and logs the last error, 26 from check_purpose().
    "nginx-mtls": "HTTP 400; OpenSSL reports (28:certificate rejected), then check_purpose() fails the same certificate, and nginx logs the last error: (26:unsuitable certificate purpose)",
    "nginx-server": "OpenSSL clients that load the file fail with certificate rejected",
  },
  predicts: {
    "nginx-mtls": { openssl: [28, 26], http: [400] },
    "nginx-server": { openssl: [28] },
  },
  appliesTo: (ctx) => ctx.profile.trustSettings === true && ctx.anchors.some((cert) => cert.auxTrust !== undefined),
  check: (ctx) => reasonHits(ctx, ["trust-rejected"], (hint) => hint ?? "store the CA as a plain CERTIFICATE"),
});
