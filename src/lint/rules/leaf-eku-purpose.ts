import { EKU, EKU_NAMES } from "../../model/oids.js";
import { defineRule } from "../types.js";

const NAMES = { client: "clientAuth", server: "serverAuth" } as const;

export const rule = defineRule({
  id: "leaf-eku-purpose",
  title: "The leaf's extended key usage lacks the TLS purpose the peer checks",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error" },
  citation: "RFC 5280 4.2.1.12; OpenSSL crypto/x509/v3_purp.c check_purpose_ssl_client/server (xku_reject); seed 003 (fixtures/nginx-mtls/seed-003-client-no-clientauth-eku); test/peers/nginx-lint.test.ts",
  requirement: "RFC 5280 4.2.1.12: “If the extension is present, then the certificate MUST only be used for one of the purposes indicated.”",
  symptom: { "nginx-mtls": "HTTP 400; nginx info log: client SSL certificate verify error: (26:unsuitable certificate purpose)", "nginx-server": "clients fail with (26:unsuitable certificate purpose) / ERR_CERT_INVALID", browser: "NET::ERR_CERT_INVALID" },
  predicts: { "nginx-mtls": { openssl: [26], http: [400] }, "nginx-server": { openssl: [26] }, browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" } },
  messages: {
    ekuLacksPurpose: "the leaf's extended key usage ({usages}) lacks {wanted}: {verifier} will not accept it as a {purpose} certificate",
    reissueClientAuth: "re-issue it with extendedKeyUsage clientAuth, e.g. pkilab issue client NAME --lab DIR",
    reissueServerAuth: "re-issue it with extendedKeyUsage serverAuth, e.g. pkilab issue server NAME --lab DIR",
  },
  appliesTo: (ctx) => ctx.leaf.extKeyUsage ?? false,
  // RFC 5280 4.2.1.12: "If the extension is present, then the certificate MUST only be used for one
  // of the purposes indicated." anyExtendedKeyUsage alone is its own rule (eku-any-only).
  check(ctx, eku) {
    const wanted = NAMES[ctx.profile.purpose];
    if (eku.includes(EKU[wanted]) || (eku.length === 1 && eku[0] === EKU.anyExtendedKeyUsage)) return [];
    return [
      {
        certIndex: 0,
        messageId: "ekuLacksPurpose",
        data: { usages: eku.map((oid) => EKU_NAMES[oid] ?? oid).join(", "), wanted, verifier: ctx.profile.words.leafVerifier, purpose: ctx.profile.purpose },
        fixId: ctx.profile.purpose === "client" ? "reissueClientAuth" : "reissueServerAuth",
      },
    ];
  },
});
