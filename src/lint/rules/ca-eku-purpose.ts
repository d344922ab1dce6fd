import { explicitlyTrusted } from "../../chain/aux-trust.js";
import { checkPurpose } from "../../chain/purpose.js";
import { EKU_NAMES } from "../../model/oids.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "ca-eku-purpose",
  title: "An intermediate or root has an EKU without the TLS purpose: OpenSSL checks the whole chain",
  peers: { "nginx-mtls": "error", "nginx-server": "error" },
  citation: "OpenSSL crypto/x509/x509_vfy.c check_chain_extensions (purpose on every certificate) and v3_purp.c; test/peers/nginx-lint.test.ts; fixtures/nginx-mtls/intermediate-eku-serverauth-only",
  requirement: "OpenSSL check_purpose_ssl_client/server (v3_purp.c), applied to every CA of the chain by check_chain_extensions: a CA's extendedKeyUsage, if present, must include the TLS purpose",
  symptom: { "nginx-mtls": "HTTP 400; nginx info log: (26:unsuitable certificate purpose)", "nginx-server": "OpenSSL clients (curl) fail with (26:unsuitable certificate purpose)" },
  predicts: { "nginx-mtls": { openssl: [26], http: [400] }, "nginx-server": { openssl: [26] } },
  messages: {
    caEkuLacksPurpose: "CA \"{subject}\" has extended key usage {usages} without {wanted}, so OpenSSL rejects every {purpose} certificate below it",
    reissueCaEku: "re-issue that CA with extendedKeyUsage serverAuth, clientAuth (or without an EKU extension)",
  },
  appliesTo: (ctx) => ctx.validation.chain.length > 1,
  // OpenSSL applies the sslclient/sslserver purpose to CAs too (check_purpose with must_be_ca):
  // a CA's EKU, if present, must list the purpose.
  check(ctx) {
    const wanted = ctx.profile.purpose === "client" ? "clientAuth" : "serverAuth";
    return ctx.validation.chain.slice(1).flatMap((cert, i) => {
      const eku = cert.extKeyUsage;
      // The same check the chain engine makes (it also accepts the Server Gated Crypto OIDs for servers).
      if (!eku || !checkPurpose(cert, ctx.profile.purpose, true)) return [];
      // A trust anchor explicitly trusted for the purpose ("TRUSTED CERTIFICATE", -addtrust) passes
      // whatever its EKU says (check_purpose(); test/peers/openssl-misses-nginx.test.ts).
      if (ctx.profile.trustSettings && ctx.anchors.some((anchor) => anchor.sha256 === cert.sha256) && explicitlyTrusted(cert, ctx.profile.purpose)) return [];
      return [{
        certIndex: i + 1,
        messageId: "caEkuLacksPurpose",
        data: { subject: cert.subject.text, usages: eku.map((oid) => EKU_NAMES[oid] ?? oid).join(", "), wanted, purpose: ctx.profile.purpose },
        fixId: "reissueCaEku",
      }];
    });
  },
});
