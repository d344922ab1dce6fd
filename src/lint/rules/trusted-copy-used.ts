import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "trusted-copy-used",
  title: "The trust store holds another certificate with the name and key of one the peer sent: OpenSSL uses the trusted one",
  peers: { "nginx-mtls": "warning", "nginx-server": "warning" },
  citation:
    "OpenSSL crypto/x509/x509_vfy.c build_chain() (X509_V_FLAG_TRUSTED_FIRST, OpenSSL 3.0): an issuer from the trust store is taken before the peer's, and no other path is tried; test/peers/openssl-misses-nginx.test.ts (trusted-restricted-intermediate-first)",
  requirement:
    "OpenSSL build_chain(): “Whether or not we're doing \"trusted first\", we no longer look for untrusted certificates from the peer's chain” once a trusted issuer is found",
  symptom: {
    "nginx-mtls": "nginx judges the copy in ssl_client_certificate, not the one the client sent: its extensions and validity decide (a serverAuth-only copy fails every client with (26:unsuitable certificate purpose))",
    "nginx-server": "OpenSSL clients judge the copy in their trust store, not the one nginx sends",
  },
  predicts: {
    "nginx-mtls": { silent: "the choice itself is not logged: only a check the trusted copy fails is" },
    "nginx-server": { silent: "the choice itself is not reported: only a check the trusted copy fails is" },
  },
  messages: {
    trustedCopyUsed: "\"{subject}\" was sent, but {anchorSource} holds another certificate with its name and key ({trustedNotAfter}, sha256 {trustedSha}…): {verifier} builds the chain through that one",
    keepOneCopy: "keep one version of that CA: put the one the peer sends in {anchorSource} (or remove the other from it)",
  },
  appliesTo: (ctx) => ctx.profile.trustStoreFirst === true && ctx.given.length > 1 && ctx.anchors.length > 0,
  check(ctx) {
    const anchors = new Set(ctx.anchors.map((cert) => cert.sha256));
    return ctx.validation.chain.flatMap((cert, i) => {
      if (i === 0 || !anchors.has(cert.sha256)) return [];
      const sent = ctx.given.slice(1).find(
        (other) => other.sha256 !== cert.sha256 && !anchors.has(other.sha256) && other.subject.canonical === cert.subject.canonical && Buffer.from(other.publicKey.spki).equals(Buffer.from(cert.publicKey.spki)),
      );
      if (!sent) return [];
      return [{
        certIndex: i,
        messageId: "trustedCopyUsed",
        data: { subject: cert.subject.text, anchorSource: ctx.profile.trustAnchorSource, trustedNotAfter: `valid until ${cert.notAfter.toISOString().slice(0, 10)}`, trustedSha: cert.sha256.slice(0, 16), verifier: ctx.profile.words.chainVerifier },
        fixId: "keepOneCopy",
        fixData: { anchorSource: ctx.profile.trustAnchorSource },
      }];
    });
  },
});
