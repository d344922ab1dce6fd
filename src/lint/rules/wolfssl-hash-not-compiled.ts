import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-hash-not-compiled",
  title: "A certificate of the chain is signed with a hash the wolfSSL build does not have",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable wolfcrypt/src/asn.c HashForSignature() (MD5 unless NO_MD5, SHA-1 unless NO_SHA, SHA-224 with WOLFSSL_SHA224, SHA-256 unless NO_SHA256, SHA-384 with WOLFSSL_SHA384, SHA-512 with WOLFSSL_SHA512; otherwise HASH_TYPE_E) and ConfirmSignature(); test/peers/wolfssl-variants.test.ts (a NO_SHA build: a SHA-1 signed server certificate is -232)",
  requirement: "wolfSSL verifies a certificate signature only with a hash compiled into the build",
  symptom: { wolfssl: "the leaf: -232 HASH_TYPE_E (\"Hash type not enabled/available\": HashForSignature() fails before the signature is checked); a CA: -188 (it is not taken as a signer)" },
  predicts: { wolfssl: { wolfssl: [-232, -188] } },
  messages: {
    hashNotCompiled: "\"{subject}\" is signed with {hash}; the device's wolfSSL has {hashes}",
    enableHash: "re-issue it signed with a hash the device has (SHA-256), or build wolfSSL with {macro}",
  },
  appliesTo: (ctx) => ctx.validation.chain.length > 1,
  check(ctx) {
    const caps = ctx.profile.wolfssl;
    const anchors = new Set(ctx.anchors.map((a) => a.sha256));
    const MACRO: Record<string, string> = { md5: "MD5 (remove NO_MD5)", sha1: "SHA-1 (remove NO_SHA)", sha224: "WOLFSSL_SHA224", sha256: "SHA-256 (remove NO_SHA256)", sha384: "WOLFSSL_SHA384", sha512: "WOLFSSL_SHA512" };
    // The trust anchor's own signature is never checked.
    const hits: RuleHit<"hashNotCompiled" | "enableHash">[] = [];
    ctx.validation.chain.forEach((cert, i) => {
      const hash = cert.signatureAlgorithm.hash?.toLowerCase().replace(/-/g, "");
      if (anchors.has(cert.sha256) || hash === undefined || !(hash in MACRO) || caps.hashes.includes(hash)) return;
      hits.push({ certIndex: i, messageId: "hashNotCompiled", data: { subject: cert.subject.text, hash, hashes: caps.hashes.join(", ") || "none" }, fixId: "enableHash", fixData: { macro: MACRO[hash]! } });
    });
    return hits;
  },
});
