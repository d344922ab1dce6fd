import { isRoot } from "../../chain/validate.js";
import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "bundle-order",
  title: "The certificates of the bundle are not in leaf-to-root order",
  peers: { "nginx-server": "warning", "nginx-mtls": "info" },
  citation: "RFC 8446 4.4.2 / RFC 5246 7.4.2 (each certificate certifies the one before it; TLS 1.3 tolerates disorder, older clients do not); nginx docs ssl_certificate",
  requirement: "RFC 8446 4.4.2: “The sender's certificate MUST come in the first CertificateEntry in the list. Each following certificate SHOULD directly certify the one immediately preceding it.”",
  symptom: { "nginx-server": "older or strict clients fail to build the chain (unable to get local issuer certificate)", "nginx-mtls": "OpenSSL reorders; some client stacks send the chain as given" },
  predicts: {
    "nginx-server": { openssl: [20], messages: ["certificate-verify-failed"] },
    "nginx-mtls": { silent: "nginx's OpenSSL reorders the chain: nothing fails on its side" },
  },
  messages: {
    notFollowedByIssuer: "\"{subject}\" (position {position}) is not followed by its issuer \"{issuer}\"",
    orderLeafFirst: "order the bundle leaf first, then each issuer (cat cert.pem intermediate.pem > fullchain.pem)",
  },
  appliesTo: (ctx) => ctx.given.length > 1,
  // Order as given: leaf file first, then --chain files. Each certificate should be issued by the
  // next one; a certificate whose issuer comes earlier, or is missing in between, is out of order.
  check(ctx) {
    const hits: RuleHit<"notFollowedByIssuer" | "orderLeafFirst">[] = [];
    for (const [i, cert] of ctx.given.entries()) {
      const next = ctx.given[i + 1];
      if (next === undefined) break; // the last certificate has nothing after it
      if (isRoot(cert)) continue;
      if (cert.issuer.canonical !== next.subject.canonical && ctx.given.some((c, j) => j !== i + 1 && c.subject.canonical === cert.issuer.canonical)) {
        hits.push({ certIndex: -1, messageId: "notFollowedByIssuer", data: { subject: cert.subject.text, position: i + 1, issuer: cert.issuer.text }, fixId: "orderLeafFirst" });
      }
    }
    return hits;
  },
});
