import { HASH_MACROS } from "../../knowledge/mbedtls-macros.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-hash-not-enabled",
  title: "A certificate of the chain is signed with a hash the device's config does not enable",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/ssl_tls.c ssl_parse_certificate_chain() (a certificate that fails with MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG, -0x262E, is skipped); test/peers/mbedtls-lint.test.ts scenarios \"sha512-signed-leaf-*\" (skipped, then -0x2700, alert 42)",
  requirement: "mbedTLS ssl_parse_certificate_chain(): a certificate whose signature algorithm is unknown (MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG) is skipped",
  symptom: { mbedtls: "-0x262E (X509_UNKNOWN_SIG_ALG + OID_NOT_FOUND) when parsing; in a handshake the certificate is skipped and verification fails later with -0x2700 (alert 42/48)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x262E, -0x2700] }, alert: [42, 48] } },
  messages: {
    hashNotEnabled: "it is signed with {algorithm}, and {hash} is not enabled in the device's config",
    anchorHashNotEnabled: "trust anchor \"{subject}\" is signed with {algorithm}, and {hash} is not enabled in the device's config",
    defineHash: "#define {macro} in the device's config, or sign the chain with a hash it has ({hashes})",
    defineSha384: "#define {macro} (without MBEDTLS_SHA512_NO_SHA384) in the device's config, or sign the chain with a hash it has ({hashes})",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    // Parsing rejects an unknown signature algorithm, so every certificate counts, the CA list's too
    // (a root signed with a disabled hash is dropped from it).
    const certs = [...ctx.validation.chain.map((cert, i) => ({ cert, i })), ...ctx.anchors.filter((a) => !ctx.validation.chain.includes(a)).map((cert) => ({ cert, i: -1 }))];
    return certs.flatMap(({ cert, i }) => {
      const hash = cert.signatureAlgorithm.hash;
      if (!hash || caps.hashes.includes(hash)) return [];
      const signed = { algorithm: cert.signatureAlgorithm.name, hash: hash.toUpperCase() };
      const fixData = { macro: HASH_MACROS[caps.version][hash] ?? hash, hashes: caps.hashes.join(", ") };
      const fixId = caps.version === "2.28" && hash === "sha384" ? "defineSha384" : "defineHash";
      return [i === -1
        ? { certIndex: i, messageId: "anchorHashNotEnabled", data: { subject: cert.subject.text, ...signed }, fixId, fixData }
        : { certIndex: i, messageId: "hashNotEnabled", data: signed, fixId, fixData }];
    });
  },
});
