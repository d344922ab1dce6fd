import { defineRule, missing, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "chain-not-anchored",
  title: "The chain cannot be built to a trust anchor (missing intermediate or root)",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "error", mbedtls: "error", "go-mtls": "error", "go-client": "error", wolfssl: "error" },
  citation: "RFC 5280 6.1; nginx never allows partial chains (src/event/ngx_event_openssl.c sets no X509_V_FLAG_PARTIAL_CHAIN) and sends only ssl_client_certificate's CAs in CertificateRequest (ngx_ssl_client_certificate() calls SSL_CTX_set_client_CA_list; ngx_ssl_trusted_certificate() does not; https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_trusted_certificate); test/peers/nginx-lint.test.ts; wolfSSL: test/peers/wolfssl-lint.test.ts (libwolfssl 5.5.4)",
  requirement: "RFC 5280 6.1: a prospective certification path is one where “certificate 1 is issued by the trust anchor”; nginx sets no X509_V_FLAG_PARTIAL_CHAIN, so there that anchor must be a self-signed root (mbedTLS and Go take any certificate they were given as trusted, wolfSSL with WOLFSSL_ALT_CERT_CHAINS)",
  symptom: { wolfssl: "-188 ASN_NO_SIGNER_E (wolfSSL_ERR_error_string: \"certificate verify failed\" with OPENSSL_EXTRA, else \"ASN no signer error to confirm failure\"); verify result 20/21 (test/peers/wolfssl-lint.test.ts \"unknown-ca\", \"intermediate-missing\")", mbedtls: "-0x2700 (X509_CERT_VERIFY_FAILED), flags 0x08 NOT_TRUSTED; the device sends alert 48 (unknown_ca)",
    // nginx logs the last error OpenSSL reports (its verify callback goes on): a leaf sent alone ends
    // with 21, a chain that stops short with 20 (test/peers/nginx-lint.test.ts).
    "nginx-mtls": "HTTP 400; (21:unable to verify the first certificate) when the leaf is sent alone, (20:unable to get local issuer certificate) when the chain sent stops short, (2:unable to get issuer certificate) when only an intermediate is trusted, (18:self-signed certificate) for an untrusted self-signed certificate",
    "nginx-server": "clients fail with unable to get local issuer certificate",
    browser: "NET::ERR_CERT_AUTHORITY_INVALID",
    "go-mtls": "the handshake fails: \"tls: failed to verify client certificate: x509: certificate signed by unknown authority\"; the client reads \"remote error: tls: bad certificate\"",
    "go-client": "the handshake fails: \"x509: certificate signed by unknown authority\"",
  },
  predicts: {
    wolfssl: { wolfssl: [-188] },
    mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_NOT_TRUSTED"] }, alert: [48] },
    "nginx-mtls": { openssl: [2, 18, 20, 21], http: [400], messages: ["certificate-verify-failed"] },
    "nginx-server": { openssl: [20], messages: ["certificate-verify-failed"] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "go-mtls": { messages: ["go-unknown-authority", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-unknown-authority"] },
  },
  messages: {
    issuerNotFound: "no issuer for \"{subject}\": \"{issuer}\" was not sent and is not in {anchorSource}",
    sendOrTrustIssuer: "either {sender}, or add \"{issuer}\" (and its root) to {anchorSource}",
    anchorNotRoot: "\"{subject}\" is trusted but is not a root, and its issuer \"{issuer}\" is missing: {verifier} does not accept partial chains",
    addRoot: "add the self-signed root \"{issuer}\" to {anchorSource}",
    selfSignedNotTrusted: "the chain ends at the self-signed \"{subject}\", which is not in {anchorSource}",
    trustOrReissue: "add that root to {anchorSource} if it should be trusted, or re-issue the certificate from a trusted CA",
  },
  // Anchors given but not loaded by this peer (skippedAnchors) are given: the chain is judged without them.
  appliesTo: (ctx) => ctx.anchors.length > 0 || ctx.skippedAnchors.length > 0 || missing("trust-anchor"),
  check(ctx) {
    const reasons = ctx.validation.reasons;
    const role = ctx.profile.certificateRole;
    const sender = role === "client" ? "the client must send it with its certificate (curl --cert fullchain.pem; the device's own chain)" : "the server must send it: put it after the leaf in the server's certificate file (nginx: ssl_certificate fullchain.pem)";
    const hits: RuleHit<"issuerNotFound" | "sendOrTrustIssuer" | "anchorNotRoot" | "addRoot" | "selfSignedNotTrusted" | "trustOrReissue">[] = [];
    for (const reason of reasons) {
      const top = ctx.validation.chain[reason.certIndex];
      if (top === undefined) continue; // a reason about the whole chain (certIndex -1): none of those below
      if (reason.id === "issuer-not-found") {
        hits.push({
          certIndex: reason.certIndex,
          messageId: "issuerNotFound",
          data: { subject: top.subject.text, issuer: top.issuer.text, anchorSource: ctx.profile.trustAnchorSource },
          fixId: "sendOrTrustIssuer",
          fixData: { sender, issuer: top.issuer.text, anchorSource: ctx.profile.trustAnchorSource },
        });
      } else if (reason.id === "anchor-issuer-not-found") {
        hits.push({
          certIndex: reason.certIndex,
          messageId: "anchorNotRoot",
          data: { subject: top.subject.text, issuer: top.issuer.text, verifier: ctx.profile.words.chainVerifier },
          fixId: "addRoot",
          fixData: { issuer: top.issuer.text, anchorSource: ctx.profile.trustAnchorSource },
        });
      } else if (reason.id === "self-signed-not-trusted") {
        hits.push({
          certIndex: reason.certIndex,
          messageId: "selfSignedNotTrusted",
          data: { subject: top.subject.text, anchorSource: ctx.profile.trustAnchorSource },
          fixId: "trustOrReissue",
          fixData: { anchorSource: ctx.profile.trustAnchorSource },
        });
      }
    }
    return hits;
  },
});
