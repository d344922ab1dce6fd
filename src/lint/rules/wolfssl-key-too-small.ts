import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-key-too-small",
  title: "A key of the chain is smaller than the wolfSSL device's minimum (WOLFSSL_MIN_RSA_BITS / WOLFSSL_MIN_ECC_BITS)",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c ProcessPeerCertCheckKey() (each certificate the server sends: RSA modulus bytes < minRsaKeySz is RSA_KEY_SIZE_E, an EC/Ed25519/Ed448 key size < minEccKeySz is ECC_KEY_SIZE_E), src/ssl.c AddCA() (the same check when a CA is loaded); the minimums start at WOLFSSL_MIN_RSA_BITS / WOLFSSL_MIN_ECC_BITS (wolfssl/internal.h: 1024 / 224, 2048 / 256 with WOLFSSL_MAX_STRENGTH; src/internal.c InitSSL_Ctx()) and firmware may raise them with wolfSSL_CTX_SetMinRsaKey_Sz / wolfSSL_CTX_SetMinEccKey_Sz; test/peers/wolfssl-lint.test.ts scenarios \"rsa512-leaf\", \"rsa2048-leaf-min-3072\", \"p256-leaf-min-ecc-384\", \"rsa1024-leaf\"; test/peers/wolfssl-variants.test.ts (WOLFSSL_MIN_RSA_BITS 2048 in user_settings.h: RSA-1024 is -409)",
  requirement: "wolfSSL ProcessPeerCertCheckKey(): every key of the server's chain is at least WOLFSSL_MIN_RSA_BITS (RSA) or WOLFSSL_MIN_ECC_BITS (ECC, Ed25519, Ed448)",
  symptom: { wolfssl: "-409 RSA_KEY_SIZE_E (\"RSA key too small\") or -410 ECC_KEY_SIZE_E (\"ECC key too small\"); a CA below the minimum is refused when loaded" },
  predicts: { wolfssl: { wolfssl: [-409, -410] } },
  messages: {
    rsaTooSmall: "\"{subject}\" has an RSA-{bits} key; the device accepts RSA keys of {min} bits and more (WOLFSSL_MIN_RSA_BITS{runtime})",
    eccTooSmall: "\"{subject}\" has a {bits}-bit {label} key; the device accepts EC keys of {min} bits and more (WOLFSSL_MIN_ECC_BITS{runtime})",
    reissueLarger: "re-issue it with a larger key (pkilab issue … --key p256 / rsa2048), or lower the device's minimum",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.wolfssl;
    const runtime = " or wolfSSL_CTX_SetMinRsaKey_Sz / SetMinEccKey_Sz at run time";
    const hits: RuleHit<"rsaTooSmall" | "eccTooSmall" | "reissueLarger">[] = [];
    ctx.validation.chain.forEach((cert, i) => {
      const key = cert.publicKey;
      // wolfSSL compares whole bytes: an RSA-2047 key is 256 bytes, as RSA-2048.
      if ((key.type === "rsa" || key.type === "rsa-pss") && Math.ceil(key.bits / 8) < caps.minRsaBits / 8) {
        hits.push({ certIndex: i, messageId: "rsaTooSmall", data: { subject: cert.subject.text, bits: key.bits, min: caps.minRsaBits, runtime }, fixId: "reissueLarger" });
        return;
      }
      // A curve the build lacks fails before any size check (rule wolfssl-curve-not-compiled).
      const compiled = key.type !== "ec" || (key.curve !== undefined && caps.curves.includes(key.curve));
      const eccBytes = key.type === "ec" ? Math.ceil(key.bits / 8) : key.type === "ed25519" ? 32 : key.type === "ed448" ? 57 : undefined;
      if (compiled && eccBytes !== undefined && eccBytes < caps.minEccBits / 8) {
        hits.push({ certIndex: i, messageId: "eccTooSmall", data: { subject: cert.subject.text, bits: key.bits, label: key.label, min: caps.minEccBits, runtime }, fixId: "reissueLarger" });
      }
    });
    return hits;
  },
});
