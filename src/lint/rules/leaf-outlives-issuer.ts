import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "leaf-outlives-issuer",
  title: "A certificate is valid longer than the CA that issued it",
  peers: { "nginx-mtls": "warning", "nginx-server": "warning", browser: "warning", mbedtls: "warning" },
  citation: "RFC 5280 6.1.3 (every certificate of the path must be valid): the chain fails when the CA expires, whatever the leaf says",
  requirement: "RFC 5280 6.1.3 (a)(2): every certificate of the path must satisfy “The certificate validity period includes the current time.”",
  symptom: { mbedtls: "after the CA expires: -0x2700, flags 0x01", "nginx-mtls": "after the CA expires: (10:certificate has expired) at depth 1", "nginx-server": "after the CA expires: certificate has expired", browser: "after the CA expires: NET::ERR_CERT_DATE_INVALID" },
  predicts: {
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_EXPIRED"] } },
    "nginx-mtls": { openssl: [10] },
    "nginx-server": { openssl: [10] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
  },
  messages: {
    outlivesIssuer: "valid until {notAfter}, but its issuer \"{issuer}\" expires {issuerNotAfter}: the chain fails from then on",
    shortenOrRenewCa: "issue it with a notAfter no later than its CA's, or renew the CA first",
  },
  appliesTo: (ctx) => ctx.profile.checksTime && ctx.validation.chain.length > 1,
  check(ctx) {
    const chain = ctx.validation.chain;
    return chain.slice(0, -1).flatMap((cert, i) => {
      const issuer = chain[i + 1]!; // i < chain.length - 1
      return cert.notAfter > issuer.notAfter
        ? [{ certIndex: i, messageId: "outlivesIssuer", data: { notAfter: cert.notAfter.toISOString(), issuer: issuer.subject.text, issuerNotAfter: issuer.notAfter.toISOString() }, fixId: "shortenOrRenewCa" }]
        : [];
    });
  },
});
