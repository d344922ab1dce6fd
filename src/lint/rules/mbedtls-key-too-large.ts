import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-key-too-large",
  title: "A key is larger than MBEDTLS_MPI_MAX_SIZE bignums can hold",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 include/mbedtls/bignum.h MBEDTLS_MPI_MAX_SIZE and library/rsa.c rsa_check_context() (an RSA modulus above it fails to parse with -0x3B00); test/peers/mbedtls-lint.test.ts scenarios \"rsa4096-leaf-*-mpi-256\"; seed 002 (fixtures/logs/seed-002-device-config.h: MBEDTLS_MPI_MAX_SIZE 48 with a P-521 key, 66-byte coordinates)",
  requirement: "mbedTLS bignum.h: MBEDTLS_MPI_MAX_SIZE is the largest number, in bytes, a bignum may hold",
  symptom: { mbedtls: "-0x3B00 (PK_INVALID_PUBKEY) or an ECP/MPI error when the key is loaded; a dropped trust anchor gives -0x2700 flags 0x08" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x3B00, -0x2700], flags: ["BADCERT_NOT_TRUSTED"] } } },
  messages: {
    keyTooLarge: "{who} has a {key} key ({bytes}-byte numbers); MBEDTLS_MPI_MAX_SIZE is {max} bytes",
    raiseMpiMax: "#define MBEDTLS_MPI_MAX_SIZE {bytes} (or more), or use a smaller key (P-256: 32 bytes)",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const maxBytes = caps.mpiMaxBytes;
    const certs = [...ctx.validation.chain.map((cert, i) => ({ cert, i })), ...ctx.anchors.filter((a) => !ctx.validation.chain.includes(a)).map((cert) => ({ cert, i: -1 }))];
    return certs.flatMap(({ cert, i }) => {
      const key = cert.publicKey;
      if (key.type !== "rsa" && key.type !== "rsa-pss" && key.type !== "ec") return [];
      const bytes = Math.ceil(key.bits / 8);
      if (bytes <= maxBytes) return [];
      const who = i === -1 ? `trust anchor "${cert.subject.text}"` : i === 0 ? "the leaf" : `"${cert.subject.text}"`;
      return [{
        certIndex: i,
        messageId: "keyTooLarge",
        data: { who, key: key.label, bytes, max: maxBytes },
        fixId: "raiseMpiMax",
        fixData: { bytes },
      }];
    });
  },
});
