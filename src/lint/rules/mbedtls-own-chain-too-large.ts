import { certificateMessageSize } from "../../peers/tls-sizes.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-own-chain-too-large",
  title: "The device's own certificate chain does not fit MBEDTLS_SSL_OUT_CONTENT_LEN",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/ssl_tls.c mbedtls_ssl_write_certificate() (\"certificate too large\": the device's Certificate message must fit MBEDTLS_SSL_OUT_CONTENT_LEN; 2.28 returns -0x7500, 3.6 -0x6A00); mbedTLS does not fragment outgoing handshake messages (Mbed-TLS/mbedtls#10787)",
  requirement: "mbedTLS mbedtls_ssl_write_certificate(): the device's Certificate message must fit MBEDTLS_SSL_OUT_CONTENT_LEN (“certificate too large”)",
  symptom: { mbedtls: "2.28: -0x7500 (SSL_CERTIFICATE_TOO_LARGE, \"certificate too large\"); 3.6: -0x6A00 (SSL_BUFFER_TOO_SMALL)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x7500, -0x6A00] } } },
  messages: {
    exceedsOutContentLen: "the device's Certificate message is {size} bytes; MBEDTLS_SSL_OUT_CONTENT_LEN is {limit}",
    raiseOutContentLen: "#define MBEDTLS_SSL_OUT_CONTENT_LEN {size} (or more), or use a shorter chain (EC keys)",
  },
  appliesTo: (ctx) => ctx.profile.device.sendsCert === true,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const sent = [ctx.leaf, ...ctx.given.slice(1)];
    const size = Math.max(certificateMessageSize(sent.map((c) => c.derSize), "1.2"), caps.tls13 ? certificateMessageSize(sent.map((c) => c.derSize), "1.3") : 0);
    return size > caps.outContentLen
      ? [{ certIndex: -1, messageId: "exceedsOutContentLen", data: { size, limit: caps.outContentLen }, fixId: "raiseOutContentLen", fixData: { size } }]
      : [];
  },
});
