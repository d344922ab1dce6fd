import { issuerSentBeforeChild } from "../sent-order.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-chain-order",
  title: "The intermediates are not sent in order: wolfSSL verifies from the last certificate sent down to the leaf",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c ProcessPeerCerts() (the certificates are verified from the last one sent to the first; each must find its signer among the CAs loaded and the certificates already verified, which are added as signers); test/peers/wolfssl-lint.test.ts scenario \"intermediates-reversed\" (-188)",
  requirement: "wolfSSL ProcessPeerCerts(): each certificate's issuer is a loaded CA or comes after it in the Certificate message",
  symptom: { wolfssl: "-188 ASN_NO_SIGNER_E (\"certificate verify failed\" with OPENSSL_EXTRA)" },
  predicts: { wolfssl: { wolfssl: [-188] } },
  messages: {
    issuerBeforeChild: "\"{subject}\" (position {position}) comes after its issuer \"{issuer}\" (position {issuerPosition}): wolfSSL verifies the last certificate first, when that issuer is not yet known",
    sendInOrder: "send the chain leaf first, then each issuer in order (pkilab's chain.pem is in this order)",
  },
  appliesTo: (ctx) => ctx.given.length > 2,
  check(ctx) {
    const found = issuerSentBeforeChild(ctx.given, ctx.anchors, true);
    if (!found) return [];
    const { child, position, issuer, issuerPosition } = found;
    return [{ certIndex: -1, messageId: "issuerBeforeChild", data: { subject: child.subject.text, position, issuer: issuer.subject.text, issuerPosition }, fixId: "sendInOrder" }];
  },
});
