import type { Rule } from "../types.js";

export const rule: Rule = {
  id: "mbedtls-pem-disabled",
  title: "PEM parsing is compiled out: the device can load DER arrays only",
  peers: { mbedtls: "warning" },
  citation: "reference/mbedtls.md 2.3 (without MBEDTLS_PEM_PARSE_C every buffer is parsed as DER, so PEM arrays fail with -0x2180)",
  symptom: { mbedtls: "-0x2180 (X509_INVALID_FORMAT) for every PEM array" },
  appliesTo: (ctx) => ctx.profile.mbedtls !== undefined,
  check: (ctx) => ctx.profile.mbedtls!.pemParse ? [] : [{ certIndex: -1, message: "MBEDTLS_PEM_PARSE_C is off: PEM certificate arrays will not parse", fix: "export DER arrays: pkilab export --c-array --der (or #define MBEDTLS_PEM_PARSE_C and MBEDTLS_BASE64_C)" }],
};
