import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-pinned-leaf",
  title: "The CA buffer holds the server's own CA-issued certificate: this wolfSSL build does not trust it as is",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/ssl.c wolfSSL_CTX_load_verify_buffer_ex() (only with WOLFSSL_TRUST_PEER_CERT and OPENSSL_COMPATIBLE_DEFAULTS does it also load each certificate as a trusted peer, which src/internal.c ProcessPeerCerts() accepts as is); otherwise the server certificate must verify with its issuer; test/peers/wolfssl-lint.test.ts \"pinned-leaf-not-self-signed\" (Debian's build: handshake), test/peers/wolfssl-variants.test.ts (other builds: -188)",
  requirement: "wolfSSL trusts a loaded server certificate as is only as a trusted peer (WOLFSSL_TRUST_PEER_CERT with OPENSSL_COMPATIBLE_DEFAULTS); else its issuer must be loaded",
  symptom: { wolfssl: "-188 ASN_NO_SIGNER_E (\"ASN no signer error to confirm failure\")" },
  predicts: { wolfssl: { wolfssl: [-188] } },
  messages: {
    pinnedLeaf: "the CA buffer holds the server's certificate itself, issued by \"{issuer}\", which is not loaded; this build trusts a loaded certificate only as a signer",
    loadIssuer: "load the server certificate's issuing CA (or its root) instead, or build wolfSSL with WOLFSSL_TRUST_PEER_CERT and OPENSSL_COMPATIBLE_DEFAULTS",
  },
  // A path that ends at the leaf itself: it is in the CA list, and nothing above it was found.
  appliesTo: (ctx) => ctx.validation.chain.length === 1 && ctx.anchors.some((a) => a.sha256 === ctx.leaf.sha256),
  check(ctx) {
    if (ctx.profile.wolfssl.trustsLoadedPeers || ctx.leaf.selfIssued) return [];
    return [{ certIndex: 0, messageId: "pinnedLeaf", data: { issuer: ctx.leaf.issuer.text }, fixId: "loadIssuer" }];
  },
});
