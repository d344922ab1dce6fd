import { defineRule } from "../types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export const rule = defineRule({
  id: "validity-too-long",
  title: "The server certificate's validity exceeds the CA/B Forum maximum for its issuance date",
  peers: { browser: "error" },
  citation: "CA/B Forum BR 6.3.2 as amended by ballot SC-081v3: 398 days; 200 from 2026-03-15; 100 from 2027-03-15; 47 from 2029-03-15",
  requirement: "CA/B Forum BR 6.3.2 (ballot SC-081v3): a subscriber certificate's validity period may not exceed 398 days, 200 from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15",
  symptom: { browser: "publicly trusted CAs cannot issue it; Chrome/Safari reject over-long certificates (NET::ERR_CERT_VALIDITY_TOO_LONG)" },
  predicts: { browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" } },
  messages: {
    tooLong: "valid for {days} days; certificates issued {issued} may be valid for at most {cap}",
    shortenValidity: "re-issue it with at most {cap} days (pkilab issue server NAME --days {cap})",
  },
  appliesTo: () => true,
  check(ctx) {
    const leaf = ctx.leaf;
    // RFC 5280 validity is inclusive of both ends: one second past whole days counts as a day.
    const days = (leaf.notAfter.getTime() - leaf.notBefore.getTime() + 1000) / DAY_MS;
    const cap = ctx.profile.browser.maxValidityDays(leaf.notBefore);
    if (days <= cap) return [];
    return [{ certIndex: 0, messageId: "tooLong", data: { days: Math.round(days), issued: leaf.notBefore.toISOString().slice(0, 10), cap }, fixId: "shortenValidity", fixData: { cap } }];
  },
});
