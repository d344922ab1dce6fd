import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-no-date-check",
  title: "The device never checks validity dates (NO_ASN_TIME)",
  peers: { wolfssl: "info" },
  citation: "wolfSSL/wolfssl v5.5.4-stable wolfcrypt/src/asn.c (\"NO_ASN_TIME: Disables time parts of the ASN code for systems without an RTC\"; ParseCertRelative() checks no date then); test/peers/wolfssl-variants.test.ts (a NO_ASN_TIME build accepts an expired leaf and an expired intermediate)",
  requirement: "wolfSSL with NO_ASN_TIME compiles out the validity date checks",
  symptom: { wolfssl: "none: expired and not-yet-valid servers are accepted" },
  predicts: { wolfssl: { silent: "the device accepts certificates it should refuse: no error" } },
  messages: {
    noAsnTime: "NO_ASN_TIME is defined: this device accepts expired and not-yet-valid certificates",
    defineTime: "if the device has a clock (RTC or SNTP), remove NO_ASN_TIME and provide the time (USER_TIME / XTIME)",
  },
  appliesTo: () => true,
  check: (ctx) => (ctx.profile.wolfssl.checksDates ? [] : [{ certIndex: -1, messageId: "noAsnTime", fixId: "defineTime" }]),
});
