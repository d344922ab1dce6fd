import { certificateMessageSize } from "../../peers/tls-sizes.js";
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
    // The message body wolfSSL holds: the Certificate message without its 4-byte handshake header.
    const sizes = ctx.given.map((c) => c.derSize);
    const size = certificateMessageSize(sizes, "1.3") - 4;
    const size12 = certificateMessageSize(sizes, "1.2") - 4;
    const list = size - 4;
    if (size > caps.maxHandshakeSz) return [{ certIndex: -1, messageId: "tooLarge", data: { size, size12, limit: caps.maxHandshakeSz, macro: "MAX_HANDSHAKE_SZ" }, fixId: "shrink" }];
    if (list > caps.maxCertificateSz) return [{ certIndex: -1, messageId: "tooLarge", data: { size, size12, limit: caps.maxCertificateSz, macro: "MAX_CERTIFICATE_SZ" }, fixId: "shrink" }];
    return [];
  },
});
