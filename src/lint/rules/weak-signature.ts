import { reasonHits } from "../reason-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "weak-signature",
  title: "A certificate is signed with SHA-1 or MD5",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error" },
  citation: "OpenSSL 3.0 security levels count SHA-1 as 64 bits (refused from level 1); CA/B BR 7.1.3.2; OpenSSL error 68; docs/x509-limbo.md (bettertls pathbuilding SHA-1 cases)",
  requirement: "OpenSSL 3.0 security levels: SHA-1 counts as 64 bits of security, below level 1's 80; CA/B BR 7.1.3.2 forbids SHA-1 signatures",
  symptom: { "nginx-mtls": "HTTP 400; (68:CA signature digest algorithm too weak)", "nginx-server": "clients fail with CA signature digest algorithm too weak", browser: "NET::ERR_CERT_WEAK_SIGNATURE_ALGORITHM" },
  predicts: { "nginx-mtls": { openssl: [68], http: [400] }, "nginx-server": { openssl: [68] }, browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" } },
  appliesTo: (ctx) => ctx.validation.chain.length > 1,
  check: (ctx) => reasonHits(ctx, ["signature-digest-too-weak"], () => "re-issue it signed with SHA-256 or stronger"),
});
