import { issuerSentBeforeChild } from "../sent-order.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-chain-order",
  title: "The intermediates are not sent in order: mbedTLS looks for a parent only after its child",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_find_parent() (search_list = the trust store, then only the certificates after the child); test/peers/mbedtls-lint.test.ts scenarios \"intermediates-reversed-*\" (NOT_TRUSTED, alert 48)",
  requirement: "mbedTLS x509_crt_find_parent(): a parent is searched in the trust store, then only among the certificates after the child",
  symptom: { mbedtls: "-0x2700, flags 0x08 NOT_TRUSTED; the device sends alert 48 (unknown_ca)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_NOT_TRUSTED"] }, alert: [48] } },
  messages: {
    issuerBeforeChild: "\"{subject}\" (position {position}) comes after its issuer \"{issuer}\" (position {issuerPosition}): mbedTLS looks for a parent only after its child",
    sendInOrder: "send the chain leaf first, then each issuer in order",
  },
  appliesTo: (ctx) => ctx.given.length > 2,
  check(ctx) {
    const found = issuerSentBeforeChild(ctx.given, ctx.anchors);
    if (!found) return [];
    const { child, position, issuer, issuerPosition } = found;
    return [{ certIndex: -1, messageId: "issuerBeforeChild", data: { subject: child.subject.text, position, issuer: issuer.subject.text, issuerPosition }, fixId: "sendInOrder" }];
  },
});
