import type { Rule } from "../types.js";

export const rule: Rule = {
  id: "mbedtls-too-many-intermediates",
  title: "The chain has more intermediates than MBEDTLS_X509_MAX_INTERMEDIATE_CA",
  peers: { mbedtls: "error" },
  citation: "reference/mbedtls.md 2.3 (MBEDTLS_X509_MAX_INTERMEDIATE_CA, default 8; one more gives -0x3000 with flags 0xFFFFFFFF)",
  symptom: { mbedtls: "-0x3000 (X509_FATAL_ERROR), flags 0xFFFFFFFF; the device sends alert 49 (access_denied)" },
  appliesTo: (ctx) => ctx.profile.mbedtls !== undefined && ctx.validation.anchored,
  check(ctx) {
    const max = ctx.profile.mbedtls!.maxIntermediates;
    const intermediates = ctx.validation.chain.length - 2;
    return intermediates > max
      ? [{ certIndex: -1, message: `the chain has ${intermediates} untrusted intermediates; MBEDTLS_X509_MAX_INTERMEDIATE_CA is ${max}`, fix: `#define MBEDTLS_X509_MAX_INTERMEDIATE_CA ${intermediates}, or put an intermediate in the device's CA list (mbedTLS treats any listed CA as a trust anchor)` }]
      : [];
  },
};
