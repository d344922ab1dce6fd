import { EKU } from "../../model/oids.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "eku-any-only",
  title: "The leaf's only extended key usage is anyExtendedKeyUsage, which OpenSSL does not accept for TLS",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error" },
  citation: "OpenSSL v3_purp.c xku_reject (anyExtendedKeyUsage sets XKU_ANYEKU, not XKU_SSL_CLIENT/SERVER); CA/B BR 7.1.2.7.10; test/peers/verify-differential.test.ts (eku-any-only-*)",
  requirement: "OpenSSL xku_reject (v3_purp.c): the TLS purpose needs XKU_SSL_CLIENT / XKU_SSL_SERVER; anyExtendedKeyUsage sets only XKU_ANYEKU",
  symptom: { "nginx-mtls": "HTTP 400; (26:unsuitable certificate purpose)", "nginx-server": "(26:unsuitable certificate purpose) in OpenSSL clients", browser: "NET::ERR_CERT_INVALID" },
  predicts: { "nginx-mtls": { openssl: [26], http: [400] }, "nginx-server": { openssl: [26] }, browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" } },
  messages: {
    anyOnly: "the leaf's extended key usage is anyExtendedKeyUsage only: OpenSSL requires the TLS purpose itself (mbedTLS would accept it)",
    addPurpose: "re-issue it with extendedKeyUsage {wanted}",
  },
  appliesTo: (ctx) => ctx.leaf.extKeyUsage ?? false,
  check(ctx, eku) {
    if (!(eku.length === 1 && eku[0] === EKU.anyExtendedKeyUsage)) return [];
    const wanted = ctx.profile.purpose === "client" ? "clientAuth" : "serverAuth";
    return [{ certIndex: 0, messageId: "anyOnly", fixId: "addPurpose", fixData: { wanted } }];
  },
});
