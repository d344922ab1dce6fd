import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "leaf-key-usage-purpose",
  title: "The leaf's keyUsage forbids what TLS needs (digitalSignature)",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error" },
  citation: "RFC 5280 4.2.1.3; OpenSSL v3_purp.c ku_reject (client: digitalSignature|keyAgreement; server: also keyEncipherment); test/peers/verify-differential.test.ts (ec-ku-keyencipherment)",
  requirement: "RFC 5280 4.2.1.3: the key usage extension “defines the purpose (e.g., encipherment, signature, certificate signing) of the key contained in the certificate”; OpenSSL ku_reject requires digitalSignature or keyAgreement (keyEncipherment too for servers)",
  symptom: { "nginx-mtls": "HTTP 400; (26:unsuitable certificate purpose)", "nginx-server": "(26:unsuitable certificate purpose) in OpenSSL clients", browser: "NET::ERR_CERT_INVALID" },
  predicts: { "nginx-mtls": { openssl: [26], http: [400] }, "nginx-server": { openssl: [26] }, browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" } },
  messages: {
    kuLacksPurpose: "the leaf's keyUsage ({usages}) has none of {allowed}",
    reissueDigitalSignature: "re-issue it with keyUsage digitalSignature (and keyEncipherment for an RSA server key)",
  },
  appliesTo: (ctx) => ctx.leaf.keyUsage ?? false,
  // OpenSSL: a TLS client certificate's keyUsage, if present, must allow digitalSignature or
  // keyAgreement; a server's may also allow keyEncipherment (RSA key transport).
  check(ctx, ku) {
    const allowed = ctx.profile.purpose === "client" ? ["digitalSignature", "keyAgreement"] : ["digitalSignature", "keyEncipherment", "keyAgreement"];
    if (allowed.some((usage) => ku.has(usage as never))) return [];
    return [{ certIndex: 0, messageId: "kuLacksPurpose", data: { usages: [...ku].join(", ") || "empty", allowed: allowed.join(", ") }, fixId: "reissueDigitalSignature" }];
  },
});
