import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-pem-disabled",
  title: "PEM parsing is compiled out: the device can load DER arrays only",
  peers: { mbedtls: "warning" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c mbedtls_x509_crt_parse() (the PEM branch exists only with MBEDTLS_PEM_PARSE_C; otherwise the buffer is parsed as DER and PEM fails with -0x2180)",
  requirement: "mbedTLS mbedtls_x509_crt_parse(): PEM input is recognised only with MBEDTLS_PEM_PARSE_C",
  symptom: { mbedtls: "-0x2180 (X509_INVALID_FORMAT) for every PEM array" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2180] } } },
  messages: {
    pemOff: "MBEDTLS_PEM_PARSE_C is off: PEM certificate arrays will not parse",
    exportDer: "export DER arrays: pkilab export --c-array --der (or #define MBEDTLS_PEM_PARSE_C and MBEDTLS_BASE64_C)",
  },
  appliesTo: () => true,
  check: (ctx) => ctx.profile.mbedtls.pemParse ? [] : [{ certIndex: -1, messageId: "pemOff", fixId: "exportDer" }],
});
