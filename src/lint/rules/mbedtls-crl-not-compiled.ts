import { MBEDTLS_CRL_CONFIG_MACRO } from "../../knowledge/mbedtls-crl.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-crl-not-compiled",
  title: "CRLs were given, but the device's config has no CRL support (MBEDTLS_X509_CRL_PARSE_C)",
  peers: { mbedtls: "warning" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verify_chain() (the CRL check is compiled only #if defined(MBEDTLS_X509_CRL_PARSE_C)) and library/x509_crl.c (mbedtls_x509_crl_parse() exists only with it); src/knowledge/mbedtls-crl.ts",
  requirement: "mbedTLS checks revocation only when built with MBEDTLS_X509_CRL_PARSE_C: without it the CRL parser does not exist and the verifier ignores CRLs",
  symptom: { mbedtls: "none at run time: the device accepts revoked certificates (firmware that calls mbedtls_x509_crl_parse() does not link)" },
  predicts: { mbedtls: { silent: "revoked certificates are accepted: no error" } },
  messages: {
    notCompiled: "{count} CRL(s) given, but {macro} is off in the device's config: it cannot load them, and checks no revocation",
    enable: "#define {macro} in the device's config (pkilab export --mbedtls-config --lab DIR adds it when the lab has CRLs)",
  },
  appliesTo: (ctx) => ctx.profile.deviceCrls ?? false,
  check: (ctx, crls) =>
    ctx.profile.mbedtls.crlParse ? [] : [{ certIndex: -1, messageId: "notCompiled", data: { count: crls.crls.length, macro: MBEDTLS_CRL_CONFIG_MACRO }, fixId: "enable", fixData: { macro: MBEDTLS_CRL_CONFIG_MACRO } }],
});
