import { attribute } from "../../model/name.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "cn-only-no-san",
  title: "The server certificate names its host only in the CN, without a subjectAltName",
  peers: { "nginx-server": "warning", browser: "error", "go-client": "error" },
  citation: "RFC 9525 6.3 (the CN is not a reference identifier); Chrome 58+ ignores the CN; OpenSSL's X509_check_host still falls back to it (test/peers/verify-differential.test.ts cn-only-host-match)",
  requirement: "RFC 9525 6.3: clients match the reference identity against subjectAltName entries only; the CN is not an identifier",
  symptom: {
    "nginx-server": "browsers: NET::ERR_CERT_COMMON_NAME_INVALID; curl/OpenSSL still accept",
    browser: "NET::ERR_CERT_COMMON_NAME_INVALID",
    "go-client": "every handshake fails: Go reads no host name from the CN (Go 1.15+): \"x509: certificate relies on legacy Common Name field, use SANs instead\" when the CN is the host dialled, else \"x509: certificate is not valid for any names, but wanted to match …\"",
  },
  predicts: {
    "nginx-server": { silent: "browsers show NET::ERR_CERT_COMMON_NAME_INVALID (no table of them in pkilab); curl and OpenSSL accept" },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-client": { messages: ["go-legacy-common-name", "go-not-valid-for-any-names"] },
  },
  messages: {
    cnOnly: "no DNS or IP subjectAltName: the only host name is CN={cn}, which modern clients ignore",
    addSan: "re-issue it with a SAN: pkilab issue server {cn} --lab DIR",
  },
  appliesTo: (ctx) => ctx.profile.certificateRole === "server",
  check(ctx) {
    const cn = attribute(ctx.leaf.subject, "CN");
    // A SAN with only an email (or a URI) names no host: clients then have only the CN.
    const hostNames = (ctx.leaf.subjectAltNames ?? []).filter((n) => n.type === "dns" || n.type === "ip");
    if (hostNames.length > 0 || !cn) return [];
    return [{ certIndex: 0, messageId: "cnOnly", data: { cn }, fixId: "addSan", fixData: { cn } }];
  },
});
