import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-certificate-too-large",
  title: "The server's Certificate message is larger than the wolfSSL device accepts (MAX_HANDSHAKE_SZ / MAX_CERTIFICATE_SZ)",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c and src/tls13.c (a handshake message longer than MAX_HANDSHAKE_SZ is HANDSHAKE_SIZE_ERROR; ProcessPeerCerts(): a certificate list longer than MAX_CERTIFICATE_SZ is BUFFER_ERROR), wolfssl/internal.h MAX_CERTIFICATE_SZ = CERT_HEADER_SZ + (MAX_X509_SIZE + CERT_HEADER_SZ) * MAX_CHAIN_DEPTH (3 + 2051 * 9 = 18462 by default), MAX_HANDSHAKE_SZ = MAX_CERTIFICATE_SZ; test/peers/wolfssl-lint.test.ts scenarios \"certificate-message-14k\" (handshake), \"certificate-message-20k\" (-404)",
  requirement: "wolfSSL: the Certificate handshake message body is at most MAX_HANDSHAKE_SZ bytes, its certificate list at most MAX_CERTIFICATE_SZ",
  symptom: { wolfssl: "-404 HANDSHAKE_SIZE_ERROR (\"Handshake message too large Error\"), or -328 BUFFER_ERROR when MAX_HANDSHAKE_SZ is set above MAX_CERTIFICATE_SZ" },
  predicts: { wolfssl: { wolfssl: [-404, -328] } },
  messages: {
    tooLarge: "the server's Certificate message is {size} bytes (TLS 1.3; {size12} in TLS 1.2), more than the device's {limit} ({macro})",
    shrink: "send fewer or smaller certificates (fewer SANs, no root, ECDSA keys), or build wolfSSL with a larger MAX_CERTIFICATE_SZ",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.wolfssl;
    // RFC 8446 4.4.2: context length (1), list length (3), each entry: length (3) + DER + extensions length (2).
    const size = 1 + 3 + ctx.given.reduce((sum, c) => sum + 3 + c.derSize + 2, 0);
    // RFC 5246 7.4.2: list length (3), each entry: length (3) + DER.
    const size12 = 3 + ctx.given.reduce((sum, c) => sum + 3 + c.derSize, 0);
    const list = size - 4;
    if (size > caps.maxHandshakeSz) return [{ certIndex: -1, messageId: "tooLarge", data: { size, size12, limit: caps.maxHandshakeSz, macro: "MAX_HANDSHAKE_SZ" }, fixId: "shrink" }];
    if (list > caps.maxCertificateSz) return [{ certIndex: -1, messageId: "tooLarge", data: { size, size12, limit: caps.maxCertificateSz, macro: "MAX_CERTIFICATE_SZ" }, fixId: "shrink" }];
    return [];
  },
});
