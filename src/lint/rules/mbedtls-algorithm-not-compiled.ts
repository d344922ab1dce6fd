import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-algorithm-not-compiled",
  title: "A certificate uses RSA or ECDSA while the device's config compiles that algorithm out",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/oid.c (the RSA and ECDSA signature OIDs exist only under MBEDTLS_RSA_C / MBEDTLS_ECDSA_C: otherwise -0x262E) and library/pkparse.c pk_get_pk_alg() (RSA keys without MBEDTLS_RSA_C: -0x3C80); test/peers/mbedtls-lint.test.ts scenario \"ec-server-rsa-root-seed-000-config\" (the CA file loads with one certificate skipped, then -0x2700, alert 48); seed 000 (fixtures/logs/seed-000-mbedtls-debug.log: \"Loading the CA root certificate ... ok (1 skipped)\")",
  requirement: "mbedTLS library/oid.c: the RSA and ECDSA signature OIDs exist only under MBEDTLS_RSA_C / MBEDTLS_ECDSA_C; library/pkparse.c pk_get_pk_alg(): an RSA key needs MBEDTLS_RSA_C",
  symptom: { mbedtls: "-0x262E or -0x3C80 when parsing (a CA file loads with \"(1 skipped)\"); the handshake fails with -0x2700, flags 0x08 NOT_TRUSTED, and the device sends alert 48" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x262E, -0x3C80, -0x2700], flags: ["BADCERT_NOT_TRUSTED"] }, alert: [48] } },
  messages: {
    compiledOut: "{who} has {uses}, and the device's config compiles it out",
    defineAlgorithm: "#define {macros}, or use a chain without it",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const certs = [...ctx.validation.chain.map((cert, i) => ({ cert, i })), ...ctx.anchors.filter((a) => !ctx.validation.chain.includes(a)).map((cert) => ({ cert, i: -1 }))];
    return certs.flatMap(({ cert, i }) => {
      const who = i === -1 ? `trust anchor "${cert.subject.text}"` : i === 0 ? "the certificate" : `"${cert.subject.text}"`;
      const uses: string[] = [];
      const rsaKey = cert.publicKey.type === "rsa" || cert.publicKey.type === "rsa-pss";
      const rsaSig = cert.signatureAlgorithm.key === "rsa" || cert.signatureAlgorithm.key === "rsa-pss";
      if (!caps.rsa && (rsaKey || rsaSig)) uses.push(rsaKey ? "an RSA key" : "an RSA signature");
      if (!caps.ecdsa && cert.signatureAlgorithm.key === "ec") uses.push("an ECDSA signature");
      if (uses.length === 0) return [];
      const macros = [...new Set(uses.map((u) => (u.includes("RSA") ? "MBEDTLS_RSA_C with MBEDTLS_PKCS1_V15" : "MBEDTLS_ECDSA_C")))];
      return [{ certIndex: i, messageId: "compiledOut", data: { who, uses: uses.join(" and ") }, fixId: "defineAlgorithm", fixData: { macros: macros.join(" and ") } }];
    });
  },
});
