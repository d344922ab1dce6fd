import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-verify-depth",
  title: "The chain needs more intermediates than the firmware's wolfSSL_CTX_set_verify_depth() allows",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c ProcessPeerCerts() (with OPENSSL_EXTRA a path longer than the verify depth + 1 certificates is X509_V_ERR_CERT_CHAIN_TOO_LONG and the handshake fails with -188; without it, more certificates sent than the verify depth is MAX_CHAIN_ERROR), src/ssl.c wolfSSL_CTX_set_verify_depth() (a depth above MAX_CHAIN_DEPTH is ignored); test/peers/wolfssl-lint.test.ts scenarios \"two-intermediates-depth-1\" (-188), \"two-intermediates-depth-2\" (handshake)",
  requirement: "wolfSSL ProcessPeerCerts(): with OPENSSL_EXTRA at most verify depth intermediates between the leaf and the CA; otherwise at most verify depth certificates sent",
  symptom: { wolfssl: "OPENSSL_EXTRA builds (Debian's): -188 (\"certificate verify failed\"; wolfSSL_get_verify_result 22 or 21); other builds: -368 MAX_CHAIN_ERROR" },
  predicts: { wolfssl: { wolfssl: [-188, -368] } },
  messages: {
    tooDeep: "the path has {intermediates} intermediate(s) between the leaf and the CA; wolfSSL_CTX_set_verify_depth({depth}) allows {depth}",
    tooManySent: "the server sends {sent} certificates; wolfSSL_CTX_set_verify_depth({depth}) reads at most {depth} in a build without OPENSSL_EXTRA",
    raiseDepth: "call wolfSSL_CTX_set_verify_depth() with {needed} or more, or shorten the chain",
  },
  // A depth above MAX_CHAIN_DEPTH is ignored by wolfSSL_CTX_set_verify_depth() ("Bad depth argument").
  appliesTo: (ctx) => {
    const depth = ctx.profile.device.verifyDepth;
    return depth !== undefined && depth <= ctx.profile.wolfssl.maxChainDepth && ctx.validation.anchored ? depth : false;
  },
  check(ctx, depth) {
    if (!ctx.profile.wolfssl.opensslExtra) {
      const sent = ctx.given.length;
      return sent > depth ? [{ certIndex: -1, messageId: "tooManySent", data: { sent, depth }, fixId: "raiseDepth", fixData: { needed: sent } }] : [];
    }
    // The certificates between the leaf and the CA the path ends at.
    const intermediates = Math.max(0, ctx.validation.chain.length - 2);
    return intermediates > depth ? [{ certIndex: -1, messageId: "tooDeep", data: { intermediates, depth }, fixId: "raiseDepth", fixData: { needed: intermediates } }] : [];
  },
});
