import { deviceChecksCrls, mbedtlsCrlHitsOf } from "../mbedtls-crl-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-crl-not-trusted",
  title: "A CRL the device was given is not trusted: its CA lacks cRLSign, or its signature fails",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verifycrl() (mbedtls_x509_crt_check_key_usage(ca, MBEDTLS_X509_KU_CRL_SIGN), then mbedtls_pk_verify_ext() with the CA's key; either failure ends the CRL loop for that link); src/knowledge/mbedtls-crl.ts scenarios wrong-signer, bad-signature, no-crlsign, no-crlsign-revoked-leaf; test/peers/crl-mbedtls-lint.test.ts",
  requirement: "mbedTLS x509_crt_verifycrl(): a CRL is trusted only if its issuer's keyUsage (when present) has cRLSign — 3.6 always, 2.28 with MBEDTLS_X509_CHECK_KEY_USAGE — and its signature verifies with the issuer's key",
  symptom: { mbedtls: "-0x2700 with flags 0x10 MBEDTLS_X509_BADCRL_NOT_TRUSTED (\"The CRL is not correctly signed by the trusted CA\"); the device sends alert 46 (certificate_unknown)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCRL_NOT_TRUSTED"] }, alert: [46] } },
  messages: {
    noCrlSign: "the CRL of \"{issuer}\" is not trusted: that CA's keyUsage ({usages}) lacks cRLSign — and mbedTLS stops there, so a revocation on that CRL is never seen",
    addCrlSign: "re-issue the CA with keyUsage keyCertSign, cRLSign (pkilab init does), or sign the CRL with a CA that has cRLSign",
    badSignature: "the CRL of \"{issuer}\" does not verify with that CA's key (another key signed it, or it was altered)",
    resign: "give the device the CRL its CA signed (pkilab crl --lab DIR reissues every CA's CRL)",
  },
  appliesTo: (ctx) => deviceChecksCrls(ctx),
  check(ctx) {
    const chain = ctx.validation.chain;
    return mbedtlsCrlHitsOf(ctx, "not-trusted").map(({ certIndex, crl, problem }) =>
      problem.cause === "no-crlsign"
        ? { certIndex: certIndex + 1, messageId: "noCrlSign" as const, data: { issuer: crl.issuer.text, usages: [...(chain[certIndex + 1]?.keyUsage ?? [])].join(", ") }, fixId: "addCrlSign" as const }
        : { certIndex: certIndex + 1, messageId: "badSignature" as const, data: { issuer: crl.issuer.text }, fixId: "resign" as const },
    );
  },
});
