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
  // Walk up from the leaf: a parent in the CA list ends the walk; otherwise the parent must come later in what was sent.
  check(ctx) {
    const given = ctx.given;
    let position = 0;
    for (let steps = 0; steps < given.length; steps++) {
      const child = given[position]!;
      const isParent = (c: (typeof given)[number]) => c !== child && c.subject.canonical === child.issuer.canonical;
      if (ctx.anchors.some(isParent) || ctx.anchors.some((a) => a.sha256 === child.sha256) || child.selfIssued) return [];
      const after = given.findIndex((c, j) => j > position && isParent(c));
      if (after >= 0) {
        position = after;
        continue;
      }
      const before = given.findIndex((c, j) => j < position && isParent(c));
      if (before < 0) return []; // no parent sent at all: rule chain-not-anchored
      return [{ certIndex: -1, messageId: "issuerBeforeChild", data: { subject: child.subject.text, position: position + 1, issuer: given[before]!.subject.text, issuerPosition: before + 1 }, fixId: "sendInOrder" }];
    }
    return [];
  },
});
