import { span } from "../../chain/validate.js";
import { peerClock } from "../clock.js";
import { defineRule } from "../types.js";

// A week: CRLs are commonly reissued daily to weekly (pkilab crl's default window is longer), so a
// CRL with under a week left has missed, or is about to miss, its reissue.
const SOON_DAYS = 7;
const SOON_MS = SOON_DAYS * 24 * 60 * 60 * 1000;

export const rule = defineRule({
  id: "crl-expires-soon",
  title: `A CRL the chain needs reaches its nextUpdate within ${SOON_DAYS} days`,
  peers: { "nginx-mtls": "warning" },
  citation: "RFC 5280 5.1.2.5; OpenSSL crypto/x509/x509_vfy.c check_crl_time() (after nextUpdate: error 12); nginx src/event/ngx_event_openssl.c ngx_ssl_crl() (CRL_CHECK_ALL: every CA's CRL counts); test/peers/crl-lint-nginx.test.ts (root-crl-expires-in-two-days)",
  requirement: "RFC 5280 5.1.2.5: nextUpdate “indicates the date by which the next CRL will be issued”; past it OpenSSL fails every certificate the CRL covers with X509_V_ERR_CRL_HAS_EXPIRED.",
  symptom: { "nginx-mtls": `within ${SOON_DAYS} days, every client whose chain the CRL covers gets HTTP 400; nginx logs: client SSL certificate verify error: (12:CRL has expired)` },
  predicts: { "nginx-mtls": { openssl: [12] } },
  messages: {
    expiresSoon: "the CRL of \"{issuer}\" reaches its nextUpdate {nextUpdate}, in {left}: from then nginx rejects every client whose chain it covers",
    reissue: "issue a fresh CRL before then (pkilab crl) and reload nginx; automate it well ahead of nextUpdate",
  },
  // Only with CRLs (ssl_crl or --crl): nginx without ssl_crl does not check revocation.
  appliesTo: (ctx) => ctx.profile.revocation ?? false,
  check(ctx, revocation) {
    const at = peerClock(ctx).getTime();
    const inScope = revocation.check === "all" ? ctx.validation.chain : ctx.validation.chain.slice(0, 1);
    const hits = [];
    const seen = new Set<string>();
    for (const [i, cert] of inScope.entries()) {
      // One warning per CA, at the first certificate it issued: a root's CRL covers the intermediate and the root.
      if (seen.has(cert.issuer.canonical)) continue;
      seen.add(cert.issuer.canonical);
      // The CRL OpenSSL would pick among those valid now (get_crl_sk(): the latest thisUpdate); an
      // expired or not yet valid one is crl-expired's or crl-not-yet-valid's, and one without
      // nextUpdate never expires.
      const current = revocation.crls
        .filter((crl) => crl.issuer.canonical === cert.issuer.canonical && crl.thisUpdate.getTime() <= at && (crl.nextUpdate === undefined || crl.nextUpdate.getTime() > at))
        .sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0];
      const nextUpdate = current?.nextUpdate;
      if (!current || !nextUpdate || nextUpdate.getTime() - at > SOON_MS) continue;
      hits.push({ certIndex: i, messageId: "expiresSoon" as const, data: { issuer: current.issuer.text, nextUpdate: nextUpdate.toISOString(), left: span(nextUpdate.getTime() - at) }, fixId: "reissue" as const });
    }
    return hits;
  },
});
