import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-config-contradiction",
  title: "The device's wolfSSL configuration stops its own build (#error, a minimum key size not a multiple of 8)",
  peers: { wolfssl: "warning" },
  citation: "wolfSSL/wolfssl v5.5.4-stable wolfssl/wolfcrypt/settings.h and wolfssl/internal.h (#error lines a configuration can reach: \"RSA/ECC minimum bit size must be a multiple of 8\"); src/peers/parse/wolfssl-config.ts",
  requirement: "wolfSSL's headers #error on configurations that cannot be built (wolfssl/internal.h: WOLFSSL_MIN_RSA_BITS / WOLFSSL_MIN_ECC_BITS must be multiples of 8)",
  symptom: { wolfssl: "a build error: the firmware does not compile with this configuration" },
  predicts: { wolfssl: { silent: "a build error: nothing at run time" } },
  messages: {
    contradiction: "{macro}: {problem}",
    avoidError: "change the configuration so that this #error line is not reached: it stops the firmware build",
    correctMacro: "correct {macro} in the configuration",
  },
  appliesTo: () => true,
  check: (ctx) =>
    ctx.profile.wolfssl.contradictions.map((c) => ({
      certIndex: -1,
      messageId: "contradiction",
      data: { macro: c.macro, problem: c.message },
      ...(c.macro === "#error" ? ({ fixId: "avoidError" } as const) : ({ fixId: "correctMacro", fixData: { macro: c.macro } } as const)),
    })),
});
