import { defineRule } from "../types.js";

/** Byte equality of two public keys (SPKI DER). */
function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export const rule = defineRule({
  id: "key-mismatch",
  title: "The private key (--key) does not belong to the certificate",
  peers: { "nginx-mtls": "error", "nginx-server": "error", mbedtls: "error" },
  citation:
    "OpenSSL X509_check_private_key (X509_R_KEY_VALUES_MISMATCH); test/peers/key-mismatch.test.ts (the real nginx refuses to start, curl refuses the pair, mbedTLS 2.28 and 3.6 devices get alert 51 from nginx); fixtures/logs/seed-002-mbedtls-client.log (-0x4e00 from mbedtls_pk_verify, the ServerKeyExchange signature checked against the certificate's key in ssl_parse_server_key_exchange(), Mbed-TLS/mbedtls v2.28.3 library/ssl_cli.c, v3.6.6 library/ssl_tls12_client.c)",
  requirement: "OpenSSL X509_check_private_key: the private key must be the one whose public key the certificate carries (X509_R_KEY_VALUES_MISMATCH)",
  symptom: {
    "nginx-mtls": "a client signing with this key gets alert 51 decrypt_error from nginx's OpenSSL; curl and OpenSSL clients refuse the pair before connecting (key values mismatch)",
    "nginx-server": "nginx does not start: SSL_CTX_use_PrivateKey(…) failed (… key values mismatch)",
    mbedtls: "as a client: the server answers alert 51 decrypt_error and the device reports -0x7780; as a server: the client reports -0x4E00 (ECP_VERIFY_FAILED) or -0x4380 (RSA_VERIFY_FAILED) on the ServerKeyExchange and sends alert 51",
  },
  predicts: {
    "nginx-mtls": { alert: [51] },
    "nginx-server": { silent: "nginx refuses to start (SSL_CTX_use_PrivateKey … key values mismatch): no wording in pkilab's tables" },
    mbedtls: { mbedtls: { codes: [-0x7780, -0x4E00, -0x4380] }, alert: [51] },
  },
  messages: {
    notTheKey: "{file} is not the key of this certificate (its public key differs)",
    pairOrReissue: "pair the certificate with the key it was issued for, or re-issue the certificate for this key (pkilab issue … --lab DIR)",
  },
  appliesTo: (ctx) => (ctx.options.key?.publicKeySpki ? { file: ctx.options.key.file, spki: ctx.options.key.publicKeySpki } : false),
  check(ctx, key) {
    if (sameKey(key.spki, ctx.leaf.publicKey.spki)) return [];
    return [{ certIndex: 0, messageId: "notTheKey", data: { file: key.file }, fixId: "pairOrReissue" }];
  },
});
