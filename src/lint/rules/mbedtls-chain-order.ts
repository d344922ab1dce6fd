import type { Rule } from "../types.js";

export const rule: Rule = {
  id: "mbedtls-chain-order",
  title: "The intermediates are not sent in order: mbedTLS looks for a parent only after its child",
  peers: { mbedtls: "error" },
  citation: "reference/mbedtls.md 3.4 (search_list = trust store, then the certificates after the child; reversed intermediates give NOT_TRUSTED)",
  symptom: { mbedtls: "-0x2700, flags 0x08 NOT_TRUSTED; the device sends alert 48 (unknown_ca)" },
  appliesTo: (ctx) => ctx.profile.mbedtls !== undefined && ctx.given.length > 2,
  check(ctx) {
    const given = ctx.given;
    const trusted = new Set(ctx.anchors.map((a) => a.sha256));
    for (let i = 0; i < given.length; i++) {
      const cert = given[i];
      if (cert.selfIssued || given.some((c) => trusted.has(c.sha256) && c.subject.canonical === cert.issuer.canonical)) continue;
      const parentIndex = given.findIndex((c) => c.subject.canonical === cert.issuer.canonical && c !== cert);
      if (parentIndex >= 0 && parentIndex < i) {
        return [{ certIndex: -1, message: `"${cert.subject.text}" (position ${i + 1}) comes after its issuer "${given[parentIndex].subject.text}" (position ${parentIndex + 1})`, fix: "send the chain leaf first, then each issuer in order" }];
      }
    }
    return [];
  },
};
