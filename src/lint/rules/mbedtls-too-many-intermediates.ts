import { defineRule, missing } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-too-many-intermediates",
  title: "The chain has more intermediates than MBEDTLS_X509_MAX_INTERMEDIATE_CA",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verify_chain() (more than MBEDTLS_X509_MAX_INTERMEDIATE_CA, default 8, untrusted intermediates: -0x3000 with flags 0xFFFFFFFF); test/peers/mbedtls-lint.test.ts scenarios \"nine-intermediates-*\", \"two-intermediates-2.28-max-1\" (alert 49)",
  requirement: "mbedTLS x509_crt_verify_chain(): at most MBEDTLS_X509_MAX_INTERMEDIATE_CA untrusted intermediates",
  symptom: { mbedtls: "-0x3000 (X509_FATAL_ERROR), flags 0xFFFFFFFF; the device sends alert 49 (access_denied)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x3000] }, alert: [49] } },
  messages: {
    tooManyIntermediates: "the chain has {intermediates} untrusted intermediates; MBEDTLS_X509_MAX_INTERMEDIATE_CA is {max}",
    raiseMaxIntermediates: "#define MBEDTLS_X509_MAX_INTERMEDIATE_CA {intermediates}, or put an intermediate in the device's CA list (mbedTLS treats any listed CA as a trust anchor)",
  },
  appliesTo: (ctx) => ctx.validation.anchored || (ctx.anchors.length === 0 && missing("trust-anchor")),
  check(ctx) {
    const max = ctx.profile.mbedtls.maxIntermediates;
    const intermediates = ctx.validation.chain.length - 2;
    return intermediates > max
      ? [{ certIndex: -1, messageId: "tooManyIntermediates", data: { intermediates, max }, fixId: "raiseMaxIntermediates", fixData: { intermediates } }]
      : [];
  },
});
