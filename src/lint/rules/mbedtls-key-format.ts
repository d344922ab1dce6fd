import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-key-format",
  title: "The device's private key is in a format its mbedTLS version cannot read",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3 library/oid.c oid_cipher_alg (PBES2 ciphers: DES-CBC and DES-EDE3-CBC only) and library/pkcs5.c mbedtls_pkcs5_pbes2() (-0x2E80 for OpenSSL 3's default AES-256-CBC encrypted PKCS#8; AES arrived in 3.6.0, v3.6.6 ChangeLog); library/pkparse.c pk_get_pk_alg() (Ed25519 keys: -0x3C80 in both versions)",
  requirement: "mbedTLS mbedtls_pkcs5_pbes2(): 2.28 decrypts PBES2 with DES-CBC and DES-EDE3-CBC only; pk_get_pk_alg(): no EdDSA keys",
  symptom: { mbedtls: "mbedtls_pk_parse_key returns -0x2E80 (PKCS5_FEATURE_UNAVAILABLE) or -0x3C80 (PK_UNKNOWN_PK_ALG)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2E80, -0x3C80] } } },
  messages: {
    edKey: "{file}: an {type} key, which mbedTLS cannot use for TLS",
    useP256Key: "use a P-256 key (pkilab issue device NAME --key p256)",
    cannotDecrypt: "{file}: encrypted PKCS#8 with {encryption}, which mbedTLS {version} cannot decrypt",
    reencrypt: "export it unencrypted (pkilab export --c-array --include-key) or with 3DES: openssl pkcs8 -topk8 -v2 des3 -in {file}",
  },
  appliesTo: (ctx) => ctx.options.key ?? false,
  check(ctx, key) {
    const caps = ctx.profile.mbedtls;
    if (key.type === "ed25519" || key.type === "ed448") {
      return [{ certIndex: -1, messageId: "edKey", data: { file: key.file, type: key.type }, fixId: "useP256Key" }];
    }
    if (key.encryption && /aes/i.test(key.encryption) && !caps.pkcs5Aes && key.format === "encrypted-pkcs8") {
      return [{ certIndex: -1, messageId: "cannotDecrypt", data: { file: key.file, encryption: key.encryption, version: caps.version }, fixId: "reencrypt", fixData: { file: key.file } }];
    }
    return [];
  },
});
