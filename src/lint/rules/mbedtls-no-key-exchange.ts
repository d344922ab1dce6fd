import { defineRule } from "../types.js";

/** TLS 1.2 key exchanges that authenticate with each server key type (RFC 8422, RFC 5246). */
const KX_FOR_KEY: Record<"ec" | "rsa", string[]> = {
  ec: ["ECDHE_ECDSA", "ECDH_ECDSA"],
  rsa: ["ECDHE_RSA", "DHE_RSA", "RSA"],
};

export const rule = defineRule({
  id: "mbedtls-no-key-exchange",
  title: "No key exchange the device enables can use the server's key type",
  peers: { mbedtls: "error" },
  citation: "RFC 5246 7.4.2 / RFC 8422 5.1 (a TLS 1.2 suite names the server key type: EC → ECDHE_ECDSA, RSA → ECDHE_RSA/DHE_RSA/RSA); Mbed-TLS/mbedtls v2.28.3/v3.6.6 include/mbedtls/check_config.h (the RSA key exchanges need MBEDTLS_RSA_C + MBEDTLS_PKCS1_V15; 3.6's TLS 1.3 ephemeral mode needs ECDSA or MBEDTLS_PKCS1_V21); seed 000 (fixtures/mbedtls/seed-000-ecdhe-ecdsa-only-vs-rsa-server; test/peers/mbedtls-lint.test.ts scenario \"seed-000-ecdhe-ecdsa-only-vs-rsa-server\")",
  requirement: "RFC 5246 7.4.2: the server certificate's key “MUST be compatible with the selected key exchange algorithm”",
  symptom: { mbedtls: "the server finds no shared cipher suite and sends alert 40 (handshake_failure): mbedtls_ssl_handshake returns -0x7780" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x7780] }, alert: [40], messages: ["no-shared-cipher"] } },
  messages: {
    noKeyExchange: "the server's key is {key}, but the device enables only {exchanges} TLS 1.2 key exchange(s)",
    noKeyExchangeTls13: "the server's key is {key}, but the device enables only {exchanges} TLS 1.2 key exchange(s) and cannot sign-check it in TLS 1.3",
    enableKeyExchange: "enable {needs} in the device's config, or give the server {other} certificate the device can use",
  },
  // The server's key: the one the device verifies, or the device's own when it is the server.
  appliesTo: (ctx) => (!ctx.profile.device.sendsCert || ctx.profile.device.tlsRole === "server") && (ctx.leaf.publicKey.type === "ec" || ctx.leaf.publicKey.type === "rsa"),
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const type = ctx.leaf.publicKey.type as "ec" | "rsa";
    const tls12 = caps.tls12 && KX_FOR_KEY[type].some((kx) => caps.keyExchanges.includes(kx));
    // TLS 1.3 signs with the certificate key: ECDSA for EC keys, RSA-PSS (PKCS1_V21) for RSA keys.
    const tls13 = caps.tls13 && (type === "ec" ? caps.ecdsa : caps.rsa && caps.pkcs1v21);
    if (tls12 || tls13) return [];
    const needs = type === "ec"
      ? "MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED with MBEDTLS_ECDSA_C and MBEDTLS_ECDH_C"
      : "MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED with MBEDTLS_RSA_C, MBEDTLS_PKCS1_V15 and MBEDTLS_PKCS1_V21";
    return [{
      certIndex: 0,
      messageId: caps.tls13 ? "noKeyExchangeTls13" : "noKeyExchange",
      data: { key: ctx.leaf.publicKey.label, exchanges: caps.keyExchanges.join(", ") || "no" },
      fixId: "enableKeyExchange",
      fixData: { needs, other: type === "ec" ? "an RSA" : "an ECDSA" },
    }];
  },
});
