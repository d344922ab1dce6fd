import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-pinned-leaf-not-self-signed",
  title: "The server's own certificate is in the device's CA list, but it is CA-issued: mbedTLS trusts a listed end-entity certificate only when it is self-signed",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verify_chain() and x509_crt_check_ee_locally_trusted() (\"we require such certificates to be self-signed (actually only check for self-issued as self-signatures are not checked)\"); test/peers/mbedtls-lint.test.ts scenarios \"pinned-ca-issued-leaf-*\"",
  requirement: "mbedTLS x509_crt_check_ee_locally_trusted(): an end-entity certificate found byte for byte in the trust list ends the chain only when its issuer name equals its subject name; any other is chained to a trusted CA like every certificate",
  symptom: { mbedtls: "-0x2700 (X509_CERT_VERIFY_FAILED), flags 0x08 NOT_TRUSTED; the device sends alert 48 (unknown_ca)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_NOT_TRUSTED"] }, alert: [48] } },
  messages: {
    pinnedNotSelfIssued: "the certificate itself is in {anchorSource}, but it is issued by \"{issuer}\": mbedTLS trusts a listed end-entity certificate only when it is self-signed, so it looks for \"{issuer}\" and its root, and they are not there",
    trustTheCa: "put the CA that issued it (\"{issuer}\", or its root) in {anchorSource} instead of the certificate, or pin a self-signed server certificate",
  },
  appliesTo: (ctx) => ctx.profile.trustedLeafNeedsSelfIssued === true && !ctx.leaf.selfIssued && ctx.anchors.some((anchor) => anchor.sha256 === ctx.leaf.sha256),
  // Only when no path reaches a trust anchor: with the issuing CA listed as well, the pin is harmless.
  check(ctx) {
    if (ctx.validation.anchored) return [];
    const data = { anchorSource: ctx.profile.trustAnchorSource, issuer: ctx.leaf.issuer.text };
    return [{ certIndex: 0, messageId: "pinnedNotSelfIssued", data, fixId: "trustTheCa", fixData: data }];
  },
});
