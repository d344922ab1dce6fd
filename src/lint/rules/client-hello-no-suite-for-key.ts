import { cipherSuiteKeyType } from "../../knowledge/tls-registry.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "client-hello-no-suite-for-key",
  title: "No cipher suite the client offers can use the server's key type",
  peers: { "client-hello": "error" },
  citation: "RFC 5246 7.4.2 / RFC 8422 (TLS 1.2 suites name the certificate key type: ECDHE_ECDSA needs an EC key, ECDHE_RSA/RSA an RSA key; TLS 1.3 suites do not); seed 000 (fixtures/client-hello/seed-000-one-ecdsa-suite-vs-rsa-server: one suite, c02b ECDHE-ECDSA, against an RSA server)",
  requirement: "RFC 5246 7.4.2: the server certificate's key “MUST be compatible with the selected key exchange algorithm”",
  symptom: { "client-hello": "the server finds no shared cipher and sends alert 40 (handshake_failure); an mbedTLS client reports -0x7780" },
  predicts: { "client-hello": { mbedtls: { codes: [-0x7780] }, alert: [40], messages: ["no-shared-cipher"] } },
  messages: {
    noSuiteForKey: "the server's key is {key}, and none of the {count} offered suite(s) ({suites}) can use it",
    offerRsaSuite: "on an mbedTLS client enable MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED with MBEDTLS_RSA_C and MBEDTLS_PKCS1_V15 (and offer an ECDHE-RSA suite), or give the server an ECDSA certificate",
    offerEcdsaSuite: "offer an ECDHE-ECDSA suite on the client (MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED), or give the server an RSA certificate",
  },
  appliesTo: (ctx) => ctx.leaf.publicKey.type === "ec" || ctx.leaf.publicKey.type === "rsa",
  check(ctx) {
    const hello = ctx.profile.clientHello;
    const wanted = ctx.leaf.publicKey.type === "ec" ? "ECDSA" : "RSA";
    // TLS 1.3 suites (TLS_AES_*, TLS_CHACHA20_*) work with any certificate key when 1.3 is offered.
    const tls13 = hello.supportedVersions.includes("TLS 1.3");
    const usable = hello.cipherSuites.filter((suite) => {
      const keyType = cipherSuiteKeyType(suite.id);
      return keyType === wanted || (keyType === "any" && tls13 && /^TLS_(AES|CHACHA20)_/.test(suite.name));
    });
    if (usable.length > 0) return [];
    return [{
      certIndex: 0,
      messageId: "noSuiteForKey",
      data: { key: ctx.leaf.publicKey.label, count: hello.cipherSuites.length, suites: hello.cipherSuites.map((s) => s.name).join(", ") },
      fixId: wanted === "RSA" ? "offerRsaSuite" : "offerEcdsaSuite",
    }];
  },
});
