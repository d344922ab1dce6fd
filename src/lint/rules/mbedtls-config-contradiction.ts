import type { Rule } from "../types.js";

export const rule: Rule = {
  id: "mbedtls-config-contradiction",
  title: "The device's mbedTLS config contradicts itself or uses options its version ignores",
  peers: { mbedtls: "warning" },
  citation: "reference/mbedtls.md 2.2-2.3 (check_config.h constraints; MBEDTLS_ECP_MAX_BITS must cover every enabled curve in 2.28; 2.28 options are silently ignored by 3.x)",
  symptom: { mbedtls: "a build error (#error from check_config.h), or a setting that silently has no effect" },
  appliesTo: (ctx) => ctx.profile.mbedtls !== undefined,
  check: (ctx) => ctx.profile.mbedtls!.contradictions.map((c) => ({ certIndex: -1, message: `${c.macro}: ${c.message}`, fix: `correct ${c.macro} in the config` })),
};
