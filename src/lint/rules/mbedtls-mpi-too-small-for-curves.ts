import { defineRule } from "../types.js";

const CURVE_BYTES: Record<string, number> = { "P-192": 24, "P-224": 28, "P-256": 32, "P-384": 48, "P-521": 66, secp192k1: 24, secp224k1: 28, secp256k1: 32, brainpoolP256r1: 32, brainpoolP384r1: 48, brainpoolP512r1: 64, x25519: 32, x448: 56 };

export const rule = defineRule({
  id: "mbedtls-mpi-too-small-for-curves",
  title: "MBEDTLS_MPI_MAX_SIZE is smaller than a curve the device enables: ECDHE on it fails when negotiated",
  peers: { mbedtls: "error" },
  citation: "test/peers/mbedtls-mpi.test.ts (2.28 with MBEDTLS_MPI_MAX_SIZE 64 and the default curves: OpenSSL picks secp521r1, the first the device offers, and the handshake fails with -0x4F80; with the offer limited to P-256 it passes); Mbed-TLS/mbedtls v2.28.3 library/ecp.c ecp_supported_curves[] (the default curve list, secp521r1 first; mbedtls_ssl_config_defaults() offers it as is)",
  requirement: "mbedTLS bignum.h: MBEDTLS_MPI_MAX_SIZE must hold the coordinates of every curve the device may negotiate",
  symptom: { mbedtls: "-0x4F80 (ECP_BAD_INPUT_DATA) during the key exchange, when the server picks the large curve" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x4F80] } } },
  messages: {
    mpiTooSmall: "MBEDTLS_MPI_MAX_SIZE {max} is smaller than {curves}, which the device enables and may offer",
    undefOrRaise: "#undef {macros}, or #define MBEDTLS_MPI_MAX_SIZE {needed}",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const tooLarge = caps.curves.filter((curve) => (CURVE_BYTES[curve] ?? 0) > caps.mpiMaxBytes);
    if (tooLarge.length === 0) return [];
    const needed = Math.max(...tooLarge.map((c) => CURVE_BYTES[c] ?? 0));
    return [{
      certIndex: -1,
      messageId: "mpiTooSmall",
      data: { max: caps.mpiMaxBytes, curves: tooLarge.map((c) => `${c} (${CURVE_BYTES[c]} bytes)`).join(", ") },
      fixId: "undefOrRaise",
      fixData: { macros: tooLarge.map((c) => caps.curveMacros[c] ?? c).join(", #undef "), needed },
    }];
  },
});
