import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-no-time-check",
  title: "The device never checks validity dates (MBEDTLS_HAVE_TIME_DATE is off)",
  peers: { mbedtls: "info" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509.c mbedtls_x509_time_is_past()/_is_future() (without MBEDTLS_HAVE_TIME_DATE they always return 0: expired and not-yet-valid certificates verify); test/peers/mbedtls-lint.test.ts scenario \"expired-leaf-3.6-no-time-date\"; seed 002 (fixtures/logs/README.md: no RTC)",
  requirement: "mbedTLS mbedtls_x509_time_is_past()/_is_future(): without MBEDTLS_HAVE_TIME_DATE they return 0, so validity dates are never checked",
  symptom: { mbedtls: "none: expired or revoked-by-expiry servers are accepted" },
  predicts: { mbedtls: { silent: "the device accepts certificates it should refuse: no error" } },
  messages: {
    noTimeDate: "MBEDTLS_HAVE_TIME_DATE is off: this device accepts expired and not-yet-valid certificates",
    defineTimeDate: "if the device has a clock (RTC or SNTP), #define MBEDTLS_HAVE_TIME_DATE and provide mbedtls_platform_gmtime_r / time()",
  },
  appliesTo: () => true,
  check: (ctx) => ctx.profile.mbedtls.haveTimeDate ? [] : [{ certIndex: -1, messageId: "noTimeDate", fixId: "defineTimeDate" }],
});
