import { reasonHits } from "../reason-hits.js";
import { defineRule, missing } from "../types.js";

export const rule = defineRule({
  id: "host-mismatch",
  title: "The host name or IP clients dial is not in the certificate's SAN",
  peers: { "nginx-server": "error", browser: "error" },
  citation: "RFC 9525 section 6 (DNS names against dNSName SANs, a wildcard only as the left-most label; IPs only against iPAddress SANs); OpenSSL errors 62/64; seed 002 (fixtures/logs/README.md: clients dial 192.168.0.254, CN=localhost)",
  requirement: "RFC 9525 6: a DNS name matches a dNSName SAN (a wildcard only as the complete left-most label); an IP address matches only an iPAddress SAN",
  symptom: { "nginx-server": "clients fail with hostname mismatch (62) / IP address mismatch (64); curl: SSL: no alternative certificate subject name matches", browser: "NET::ERR_CERT_COMMON_NAME_INVALID" },
  predicts: {
    "nginx-server": { openssl: [62, 64], messages: ["curl-no-alternative-name", "curl-subject-name-mismatch", "nginx-upstream-name-mismatch"] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
  },
  // nginx.conf's server_names stand in for --host (rule server-name-not-in-san checks them).
  appliesTo: (ctx) => ctx.profile.checksHost && (ctx.options.host !== undefined || (ctx.profile.serverNames.length === 0 && missing("host"))),
  check: (ctx) => reasonHits(ctx, ["hostname-mismatch", "ip-mismatch"], (hint) => `${hint ?? "add the name as a SAN"} (pkilab issue server ${ctx.options.host},… --lab DIR)`),
});
