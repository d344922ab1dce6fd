import { EKU } from "../../model/oids.js";
import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-leaf-usage",
  title: "The server leaf's keyUsage or extendedKeyUsage is refused by mbedTLS's TLS layer",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/ssl_tls.c mbedtls_ssl_check_cert_usage() (leaf only; KU, if present, digitalSignature for ECDHE/TLS 1.3, keyEncipherment for RSA key transport) and library/x509_crt.c mbedtls_x509_crt_check_extended_key_usage() (serverAuth or anyExtendedKeyUsage, or no EKU extension); test/peers/mbedtls-lint.test.ts scenarios \"eku-clientauth-only-*\" (-0x7A00, alert 43), \"eku-any-2.28-system\"",
  requirement: "mbedTLS mbedtls_ssl_check_cert_usage(): the server leaf's keyUsage, if present, must allow the key exchange, and its extendedKeyUsage must include serverAuth or anyExtendedKeyUsage",
  symptom: { mbedtls: "-0x7A00 (2.28 SSL_BAD_HS_CERTIFICATE / 3.6 SSL_BAD_CERTIFICATE); the device sends alert 43 (unsupported_certificate)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x7A00] }, alert: [43] } },
  messages: {
    ekuLacksServerAuth: "the server leaf's extended key usage has neither serverAuth nor anyExtendedKeyUsage",
    reissueServerAuth: "re-issue the server certificate with extendedKeyUsage serverAuth",
    kuLacksUsage: "the server leaf's keyUsage ({usages}) lacks {needed}, which {uses} need",
    reissueKeyUsage: "re-issue it with keyUsage {needed}",
  },
  appliesTo: (ctx) => !ctx.profile.device.sendsCert,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const leaf = ctx.leaf;
    const hits: RuleHit<"ekuLacksServerAuth" | "reissueServerAuth" | "kuLacksUsage" | "reissueKeyUsage">[] = [];
    const eku = leaf.extKeyUsage;
    if (eku && caps.checkExtendedKeyUsage && !eku.includes(EKU.serverAuth) && !eku.includes(EKU.anyExtendedKeyUsage)) {
      hits.push({ certIndex: 0, messageId: "ekuLacksServerAuth", fixId: "reissueServerAuth" });
    }
    const ku = leaf.keyUsage;
    if (ku && caps.checkKeyUsage) {
      // ECDHE suites (and TLS 1.3) need a signature by the server key; RSA key transport needs keyEncipherment.
      const rsaTransportOnly = leaf.publicKey.type === "rsa" && !caps.tls13 && caps.keyExchanges.length > 0 && caps.keyExchanges.every((kx) => kx === "RSA");
      const needed = rsaTransportOnly ? "keyEncipherment" : "digitalSignature";
      if (!ku.has(needed as never)) {
        hits.push({ certIndex: 0, messageId: "kuLacksUsage", data: { usages: [...ku].join(", "), needed, uses: rsaTransportOnly ? "RSA key transport" : "ECDHE and TLS 1.3 signatures" }, fixId: "reissueKeyUsage", fixData: { needed } });
      }
    }
    return hits;
  },
});
