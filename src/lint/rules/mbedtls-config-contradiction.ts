import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-config-contradiction",
  title: "The device's mbedTLS config contradicts itself or uses options its version ignores",
  peers: { mbedtls: "warning" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 include/mbedtls/check_config.h (#error constraints); 2.28.3 include/mbedtls/ecp.h (MBEDTLS_ECP_MAX_BITS must cover every enabled curve); 3.6.6 docs/3.0-migration-guide.md (options removed in 3.0, which a 3.x build silently ignores)",
  requirement: "mbedTLS include/mbedtls/check_config.h: the #error constraints a configuration must meet to build",
  symptom: { mbedtls: "a build error (#error from check_config.h), or a setting that silently has no effect" },
  predicts: { mbedtls: { silent: "a build error or a setting without effect: nothing at run time" } },
  messages: {
    contradiction: "{macro}: {problem}",
    avoidError: "change the config so that this #error branch is not taken: it stops the firmware build",
    correctMacro: "correct {macro} in the config",
  },
  appliesTo: () => true,
  check: (ctx) => ctx.profile.mbedtls.contradictions.map((c) => ({ certIndex: -1, messageId: "contradiction", data: { macro: c.macro, problem: c.message }, ...(c.macro === "#error" ? { fixId: "avoidError" } as const : { fixId: "correctMacro", fixData: { macro: c.macro } } as const) })),
});
