import { certificateMessageSize, MAX_RECORD_PLAINTEXT } from "../../peers/tls-sizes.js";
import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-certificate-too-large",
  title: "The server's Certificate message does not fit the device's input buffer (or needs reassembly it lacks)",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/ssl_msg.c mbedtls_ssl_prepare_handshake_record() (2.28 and 3.6.0-3.6.2: \"TLS handshake fragmentation not supported\"; 3.6.3+ reassembles, but the whole message must still fit MBEDTLS_SSL_IN_CONTENT_LEN); test/peers/mbedtls-lint.test.ts scenarios \"certificate-message-*\"; seed 002 (fixtures/logs/seed-002-device-config.h: MBEDTLS_SSL_MAX_CONTENT_LEN 1024)",
  requirement: "mbedTLS mbedtls_ssl_prepare_handshake_record(): a handshake message must fit MBEDTLS_SSL_IN_CONTENT_LEN, and before 3.6.3 in one record",
  symptom: { mbedtls: "-0x7100 (SSL_BAD_INPUT_DATA, \"requesting more data than fits\") when it exceeds IN_CONTENT_LEN; -0x7080 (SSL_FEATURE_UNAVAILABLE, \"TLS handshake fragmentation not supported\") when the server splits it over records" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x7100, -0x7080] } } },
  messages: {
    exceedsInContentLen: "the Certificate message is {size} bytes ({count} certificate(s)); MBEDTLS_SSL_IN_CONTENT_LEN is {limit}",
    raiseInContentLen: "#define MBEDTLS_SSL_IN_CONTENT_LEN {size} (or more), or shorten the chain (EC keys, fewer intermediates)",
    needsReassembly: "the Certificate message is {size} bytes: the server must split it over records, and mbedTLS {version} cannot reassemble handshake messages",
    shortenOrUpgrade: "shorten the chain below 16 KB, or move the device to mbedTLS 3.6.3 or later (3.6.0-3.6.2 cannot reassemble either)",
  },
  appliesTo: (ctx) => !ctx.profile.device.sendsCert,
  // What the server is configured to send (the leaf file and the chain given), all of which the device receives.
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const sent = ctx.given;
    const lengths = sent.map((cert) => cert.derSize);
    const size = Math.max(certificateMessageSize(lengths, "1.2"), caps.tls13 ? certificateMessageSize(lengths, "1.3") : 0);
    const hits: RuleHit<"exceedsInContentLen" | "raiseInContentLen" | "needsReassembly" | "shortenOrUpgrade">[] = [];
    if (size > caps.inContentLen) {
      hits.push({ certIndex: -1, messageId: "exceedsInContentLen", data: { size, count: sent.length, limit: caps.inContentLen }, fixId: "raiseInContentLen", fixData: { size: Math.max(size, 1024) } });
    }
    // 3.6.3+ reassembles handshake messages split over records; the 3.6 profile is the current LTS
    // (3.6.6), so only 2.28 is held to one record.
    if (size > MAX_RECORD_PLAINTEXT && caps.version === "2.28") {
      hits.push({ certIndex: -1, messageId: "needsReassembly", data: { size, version: caps.version }, fixId: "shortenOrUpgrade" });
    }
    return hits;
  },
});
