import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-sent-ca-without-signer",
  title: "A CA certificate the server sends has no signer the device knows, and this wolfSSL build has no WOLFSSL_ALT_CERT_CHAINS",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c ProcessPeerCerts() (every CA certificate sent is verified, last first, against the loaded CAs and the ones already verified; only WOLFSSL_ALT_CERT_CHAINS lets one fail with ASN_NO_SIGNER_E and go on); test/peers/wolfssl-variants.test.ts (an intermediate loaded as the only CA and also sent: -188 without WOLFSSL_ALT_CERT_CHAINS, a handshake with it)",
  requirement: "wolfSSL without WOLFSSL_ALT_CERT_CHAINS: each CA certificate in the server's Certificate message must verify against a loaded CA or a CA sent after it",
  symptom: { wolfssl: "-188 ASN_NO_SIGNER_E (\"ASN no signer error to confirm failure\")" },
  predicts: { wolfssl: { wolfssl: [-188] } },
  messages: {
    noSigner: "the server sends \"{subject}\" (position {position}), whose issuer \"{issuer}\" is neither loaded nor sent after it: without WOLFSSL_ALT_CERT_CHAINS the device refuses the chain even though {anchor} is loaded",
    sendOrLoad: "send only the certificates up to a loaded CA (leave out the ones above it), load their root, or build wolfSSL with WOLFSSL_ALT_CERT_CHAINS",
  },
  appliesTo: (ctx) => !ctx.profile.wolfssl.altCertChains && ctx.given.length > 1 && ctx.validation.anchored,
  check(ctx) {
    const given = ctx.given.slice(0, ctx.profile.wolfssl.maxChainDepth);
    const signers = new Set(ctx.anchors.map((a) => a.subject.canonical));
    // Last sent first, as ProcessPeerCerts() verifies them; a verified CA signs the ones before it.
    for (let i = given.length - 1; i >= 1; i--) {
      const cert = given[i]!;
      if (!signers.has(cert.issuer.canonical)) {
        const anchor = ctx.validation.chain.at(-1)!;
        return [{ certIndex: -1, messageId: "noSigner", data: { subject: cert.subject.text, position: i + 1, issuer: cert.issuer.text, anchor: `"${anchor.subject.text}"` }, fixId: "sendOrLoad" }];
      }
      signers.add(cert.subject.canonical);
    }
    return [];
  },
});
