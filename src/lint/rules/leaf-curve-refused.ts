import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "leaf-curve-refused",
  title: "The server key's curve is one the peer refuses",
  peers: { browser: "error" },
  citation: "BoringSSL ssl/extensions.cc kVerifySignatureAlgorithms (Chrome's TLS stack: its default verify list long omitted ecdsa_secp521r1_sha512 outside Android builds); rustls with the ring provider (ring implements ECDSA on P-256 and P-384 only); CA/B BR 6.1.5 lists P-256, P-384, P-521",
  requirement: "BoringSSL kVerifySignatureAlgorithms (ssl/extensions.cc): Chrome's default list has no ecdsa_secp521r1_sha512, so a P-521 leaf cannot sign the handshake",
  symptom: { browser: "handshake failure / NET::ERR_SSL_PROTOCOL_ERROR in Chrome" },
  predicts: { browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" } },
  messages: {
    curveRefused: "the leaf key is {curve}, which {peer} refuse",
    useP256OrP384: "re-issue it with a P-256 or P-384 key (pkilab issue server NAME --key p256)",
  },
  appliesTo: (ctx) => ctx.leaf.publicKey.type === "ec" && ctx.profile.browser.refusedLeafCurves.length > 0,
  check(ctx) {
    const curve = ctx.leaf.publicKey.curve ?? "";
    return ctx.profile.browser.refusedLeafCurves.includes(curve)
      ? [{ certIndex: 0, messageId: "curveRefused", data: { curve, peer: ctx.profile.title }, fixId: "useP256OrP384" }]
      : [];
  },
});
