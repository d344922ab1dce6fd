import type { Rule } from "../types.js";

export const rule: Rule = {
  id: "mbedtls-no-time-check",
  title: "The device never checks validity dates (MBEDTLS_HAVE_TIME_DATE is off)",
  peers: { mbedtls: "info" },
  citation: "reference/mbedtls.md 2.3 (without MBEDTLS_HAVE_TIME_DATE expired and not-yet-valid certificates verify OK); seed 002 (no RTC)",
  symptom: { mbedtls: "none: expired or revoked-by-expiry servers are accepted" },
  appliesTo: (ctx) => ctx.profile.mbedtls !== undefined,
  check: (ctx) => ctx.profile.mbedtls!.haveTimeDate ? [] : [{ certIndex: -1, message: "MBEDTLS_HAVE_TIME_DATE is off: this device accepts expired and not-yet-valid certificates", fix: "if the device has a clock (RTC or SNTP), #define MBEDTLS_HAVE_TIME_DATE and provide mbedtls_platform_gmtime_r / time()" }],
};
