import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "leaf-nscerttype-purpose",
  title: "A Netscape cert type on the leaf excludes the TLS purpose",
  peers: { "nginx-mtls": "error", "nginx-server": "error" },
  citation: "OpenSSL v3_purp.c ns_reject (nsCertType, if present, must include SSL client / SSL server); seed 003's sample OpenSSL config sets nsCertType (fixtures/logs/README.md); test/peers/nginx-lint.test.ts (leaf-nscerttype-server)",
  requirement: "OpenSSL ns_reject (v3_purp.c): a Netscape cert type, if present, must include SSL client / SSL server",
  symptom: { "nginx-mtls": "HTTP 400; (26:unsuitable certificate purpose)", "nginx-server": "(26:unsuitable certificate purpose) in OpenSSL clients" },
  predicts: { "nginx-mtls": { openssl: [26], http: [400] }, "nginx-server": { openssl: [26] } },
  messages: {
    typeLacksPurpose: "the leaf's Netscape cert type ({types}) lacks SSL {purpose}",
    dropNsCertType: "re-issue it without nsCertType (obsolete; OpenSSL still enforces it) or with the right type",
  },
  appliesTo: (ctx) => ctx.leaf.nsCertType ?? false,
  check(ctx, types) {
    const bit = ctx.profile.purpose === "client" ? "sslClient" : "sslServer";
    if (types.has(bit)) return [];
    return [{ certIndex: 0, messageId: "typeLacksPurpose", data: { types: [...types].join(", "), purpose: ctx.profile.purpose }, fixId: "dropNsCertType" }];
  },
});
