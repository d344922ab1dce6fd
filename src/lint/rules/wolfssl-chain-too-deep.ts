import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-chain-too-deep",
  title: "The server sends more certificates than the wolfSSL device reads (MAX_CHAIN_DEPTH)",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c ProcessPeerCerts() (with OPENSSL_EXTRA the certificates after the first MAX_CHAIN_DEPTH are not read, so a path that needs one of them has no signer; without it more than MAX_CHAIN_DEPTH is MAX_CHAIN_ERROR), wolfssl/internal.h MAX_CHAIN_DEPTH (default 9); test/peers/wolfssl-lint.test.ts scenarios \"eight-intermediates\" (9 sent: handshake), \"nine-intermediates\" (10 sent: -188); test/peers/wolfssl-variants.test.ts (MAX_CHAIN_DEPTH 4 without OPENSSL_EXTRA: 8 sent is -368)",
  requirement: "wolfSSL ProcessPeerCerts(): at most MAX_CHAIN_DEPTH certificates of the Certificate message are read",
  symptom: { wolfssl: "OPENSSL_EXTRA builds (Debian's): -188 ASN_NO_SIGNER_E, the certificate the path needs was not read; other builds: -368 MAX_CHAIN_ERROR (\"Maximum Chain Depth Exceeded\")" },
  predicts: { wolfssl: { wolfssl: [-188, -368] } },
  messages: {
    notRead: "the server sends {sent} certificates and the device reads the first {depth} (MAX_CHAIN_DEPTH): \"{subject}\" (position {position}) is needed to reach the CA and is not read",
    tooMany: "the server sends {sent} certificates, more than MAX_CHAIN_DEPTH {depth}: the device refuses the chain",
    sendFewer: "send fewer certificates (leave out the root, or shorten the chain), or build wolfSSL with a larger MAX_CHAIN_DEPTH",
  },
  appliesTo: (ctx) => ctx.given.length > ctx.profile.wolfssl.maxChainDepth,
  check(ctx) {
    const caps = ctx.profile.wolfssl;
    const depth = caps.maxChainDepth;
    if (!caps.opensslExtra) return [{ certIndex: -1, messageId: "tooMany", data: { sent: ctx.given.length, depth }, fixId: "sendFewer" }];
    const anchors = new Set(ctx.anchors.map((a) => a.sha256));
    for (const cert of ctx.validation.chain) {
      if (anchors.has(cert.sha256)) break;
      const position = ctx.given.findIndex((g) => g.sha256 === cert.sha256);
      if (position >= depth) return [{ certIndex: -1, messageId: "notRead", data: { sent: ctx.given.length, depth, subject: cert.subject.text, position: position + 1 }, fixId: "sendFewer" }];
    }
    return [];
  },
});
