import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-curve-not-compiled",
  title: "A key of the chain is on a curve the wolfSSL build does not have",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable wolfcrypt/src/ecc.c ecc_sets[] (a curve size is compiled when HAVE_ECC<size> or HAVE_ALL_CURVES, 256 unless NO_ECC256, and ECC_MIN_KEY_SZ <= size; Koblitz with HAVE_ECC_KOBLITZ, Brainpool with HAVE_ECC_BRAINPOOL), wolfssl/wolfcrypt/settings.h (HAVE_ALL_CURVES unless ECC_USER_CURVES; ECC_MIN_KEY_SZ 224), src/tls.c TLSX_PopulateSupportedGroups() (only compiled curves are offered); test/peers/wolfssl-lint.test.ts scenario \"p192-leaf\" (the server has no curve it may use and sends alert 40: -313); test/peers/wolfssl-variants.test.ts (ECC_USER_CURVES, P-256 only: a P-384 server over TLS 1.3 is -172)",
  requirement: "wolfSSL can verify a signature only with a curve in its ECC table, and offers only those curves",
  symptom: { wolfssl: "the leaf: in TLS 1.2 the device does not offer the curve, the server sends alert 40 (handshake_failure) and wolfSSL returns -313 FATAL_ERROR (\"received alert fatal error\"); in TLS 1.3 the key cannot be read: -172 ECC_CURVE_OID_E (\"ECC curve sum OID unsupported, invalid input\"); a CA: -172 or -188" },
  predicts: { wolfssl: { wolfssl: [-313, -172, -188], alert: [40] } },
  messages: {
    curveNotCompiled: "\"{subject}\" has a {curve} key; the device's wolfSSL has {curves}",
    edNotCompiled: "\"{subject}\" has an {type} key; the device's wolfSSL is built without {macro}",
    useCompiledCurve: "re-issue it on a curve the device has (P-256: pkilab issue … --key p256), or build wolfSSL with the curve ({hint})",
  },
  // Every chain has keys this rule judges (EC, Ed25519/Ed448) or none to judge: it always applies.
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.wolfssl;
    const hits: RuleHit<"curveNotCompiled" | "edNotCompiled" | "useCompiledCurve">[] = [];
    ctx.validation.chain.forEach((cert, i) => {
      const key = cert.publicKey;
      if (key.type === "ec" && !(key.curve !== undefined && caps.curves.includes(key.curve))) {
        const hint = caps.ecc ? `ECC_MIN_KEY_SZ is ${caps.eccMinKeySz}; ${key.bits === 256 ? "NO_ECC256 undefined" : `HAVE_ECC${key.bits}`}, HAVE_ECC_KOBLITZ or HAVE_ECC_BRAINPOOL as the curve needs` : "HAVE_ECC is not defined";
        hits.push({ certIndex: i, messageId: "curveNotCompiled", data: { subject: cert.subject.text, curve: key.curve ?? "unnamed", curves: caps.curves.join(", ") || "no curves" }, fixId: "useCompiledCurve", fixData: { hint } });
      }
      if ((key.type === "ed25519" && !caps.ed25519) || (key.type === "ed448" && !caps.ed448)) {
        const macro = key.type === "ed25519" ? "HAVE_ED25519" : "HAVE_ED448";
        hits.push({ certIndex: i, messageId: "edNotCompiled", data: { subject: cert.subject.text, type: key.label, macro }, fixId: "useCompiledCurve", fixData: { hint: macro } });
      }
    });
    return hits;
  },
});
