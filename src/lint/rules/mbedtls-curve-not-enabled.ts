import { defineRule, type RuleHit } from "../types.js";

/**
 * Curves mbedTLS 3.6 compiles in but never offers: its default group list (library/ssl_tls.c
 * ssl_preset_default_groups) has no secp256k1, P-192, P-224, secp192k1, secp224k1 — a server key on
 * one of them finds no shared group (test/peers/mbedtls-lint.test.ts, secp256k1 on 3.6: alert 40).
 */
const NOT_OFFERED_BY_36 = ["secp256k1", "P-192", "P-224", "secp192k1", "secp224k1"];

export const rule = defineRule({
  id: "mbedtls-curve-not-enabled",
  title: "A key in the chain or the CA list is on a curve the device's mbedTLS config does not enable",
  peers: { mbedtls: "error" },
  citation: "test/peers/mbedtls-harness.test.ts (\"config variant: P-521 compiled out\": a P-521 certificate fails to parse, -0x3A00, and TLS 1.2 gets alert 40) and test/peers/mbedtls-lint.test.ts scenarios \"p521-leaf-*-no-p521*\"; Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/pkparse.c (MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE for a curve not compiled in); seeds 000 and 002 (fixtures/mbedtls/)",
  requirement: "mbedTLS library/pkparse.c: a key on a curve not compiled in fails with MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE",
  symptom: { mbedtls: "-0x3A00 (PK_UNKNOWN_NAMED_CURVE) when parsing; in the handshake the curve is not offered, so the server answers alert 40 and the device reports -0x7780; a trust anchor on the curve is skipped when loading the CA list" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x3A00, -0x7780] }, alert: [40] } },
  messages: {
    curveNeverOffered: "the server's key is on {curve}, which mbedTLS 3.6 compiles in but never offers in its supported groups",
    useOfferedCurve: "give the server a P-256 or P-384 certificate (or set the groups with mbedtls_ssl_conf_groups)",
    curveNotEnabled: "{what} is on {curve}, which this mbedTLS config does not enable",
    defineCurve: "#define {macro} in the device's config (or re-issue the certificate on {curves})",
    unsupportedCurve: "re-issue it on an enabled curve ({curves}); mbedTLS has no support for {curve}",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const seen = new Set<string>();
    const certs = [...ctx.validation.chain.map((cert, i) => ({ cert, i })), ...ctx.anchors.filter((a) => !ctx.validation.chain.includes(a)).map((cert) => ({ cert, i: -1 }))];
    return certs.flatMap(({ cert, i }): RuleHit<"curveNeverOffered" | "useOfferedCurve" | "curveNotEnabled" | "defineCurve" | "unsupportedCurve">[] => {
      const curve = cert.publicKey.curve;
      if (cert.publicKey.type !== "ec" || !curve || seen.has(cert.sha256)) return [];
      seen.add(cert.sha256);
      // The server's own key must also be on a curve the device offers in its ClientHello.
      if (caps.curves.includes(curve)) {
        const serverKey = i === 0 && (!ctx.profile.device.sendsCert || ctx.profile.device.tlsRole === "server");
        if (!(serverKey && caps.version === "3.6" && NOT_OFFERED_BY_36.includes(curve))) return [];
        return [{ certIndex: 0, messageId: "curveNeverOffered", data: { curve }, fixId: "useOfferedCurve" }];
      }
      const macro = caps.curveMacros[curve];
      const what = i === 0 ? "the leaf's key" : i > 0 ? `the key of "${cert.subject.text}"` : `trust anchor "${cert.subject.text}"`;
      return [{
        certIndex: i,
        messageId: "curveNotEnabled",
        data: { what, curve },
        ...(macro
          ? { fixId: "defineCurve", fixData: { macro, curves: caps.curves.filter((c) => c.startsWith("P-")).join(" or ") || "an enabled curve" } } as const
          : { fixId: "unsupportedCurve", fixData: { curves: caps.curves.join(", "), curve } } as const),
      }];
    });
  },
});
