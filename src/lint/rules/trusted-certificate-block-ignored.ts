import { defineRule } from "../types.js";

/** The CA file a certificate was read from: its source is "FILE#N" (src/io/read.ts). */
const fileOf = (source: string) => source.replace(/#\d+$/, "");

export const rule = defineRule({
  id: "trusted-certificate-block-ignored",
  title: "A TRUSTED CERTIFICATE block beside plain CERTIFICATE blocks is skipped: it is no trust anchor for the peer",
  peers: { mbedtls: "warning", wolfssl: "warning", "go-mtls": "warning", "go-client": "warning" },
  citation:
    "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c mbedtls_x509_crt_parse() (mbedtls_pem_read_buffer() with \"-----BEGIN CERTIFICATE-----\" only); wolfSSL v5.5.4-stable wolfcrypt/src/asn.c PemToDer(), wc_PemGetHeaderFooter() (CERT_TYPE: \"-----BEGIN CERTIFICATE-----\" only); go1.19 src/crypto/x509/cert_pool.go AppendCertsFromPEM() (skips a block whose Type is not \"CERTIFICATE\"); test/peers/trusted-blocks.test.ts",
  requirement:
    "mbedTLS, wolfSSL and Go read a CA file's \"-----BEGIN CERTIFICATE-----\" blocks only: OpenSSL's \"-----BEGIN TRUSTED CERTIFICATE-----\" blocks (openssl x509 -trustout/-addtrust) are passed over without an error when the file holds a plain block too",
  symptom: {
    mbedtls: "nothing at load: mbedtls_x509_crt_parse() returns 0 and loads the plain blocks only; a chain that needs the skipped CA fails with -0x2700, flags 0x08 NOT_TRUSTED, alert 48 (rule chain-not-anchored)",
    wolfssl: "nothing at load: wolfSSL_CTX_load_verify_buffer() returns 1 (WOLFSSL_SUCCESS) and loads the plain blocks only; a chain that needs the skipped CA fails with -188 ASN_NO_SIGNER_E (rule chain-not-anchored)",
    "go-mtls": "nothing at load: AppendCertsFromPEM() returns true for the plain blocks; a client chain that needs the skipped CA fails with \"x509: certificate signed by unknown authority\" (rule chain-not-anchored)",
    "go-client": "nothing at load: AppendCertsFromPEM() returns true for the plain blocks; a server chain that needs the skipped CA fails with \"x509: certificate signed by unknown authority\" (rule chain-not-anchored)",
  },
  predicts: {
    mbedtls: { silent: "the block is skipped without a word: the load returns 0" },
    wolfssl: { silent: "the block is skipped without a word: the load returns WOLFSSL_SUCCESS" },
    "go-mtls": { silent: "the block is skipped without a word" },
    "go-client": { silent: "the block is skipped without a word" },
  },
  messages: {
    skipped: "{file}: the TRUSTED CERTIFICATE block of \"{subject}\" (certificate {index}) is skipped: only \"-----BEGIN CERTIFICATE-----\" blocks are read into {anchorSource}, so it is no trust anchor here",
    writePlain: "write that CA as a plain CERTIFICATE block (openssl x509 -in trusted.pem -out ca.pem drops the OpenSSL trust settings, which this peer never applies)",
  },
  appliesTo: (ctx) => (ctx.skippedAnchors.length > 0 ? ctx.skippedAnchors : false),
  check(ctx, skipped) {
    const readFiles = new Set(ctx.anchors.map((a) => fileOf(a.source)));
    const loaded = new Set(ctx.anchors.map((a) => a.sha256));
    // Blocks of a file without any plain block are ca-file-only-trusted-blocks's; a skipped block
    // whose certificate is loaded anyway (from a plain block) changes nothing.
    return skipped.filter((cert) => readFiles.has(fileOf(cert.source)) && !loaded.has(cert.sha256)).map((cert) => ({
      certIndex: -1,
      messageId: "skipped",
      data: { file: fileOf(cert.source), subject: cert.subject.text, index: /#(\d+)$/.exec(cert.source)?.[1] ?? "?", anchorSource: ctx.profile.trustAnchorSource },
      fixId: "writePlain",
    }));
  },
});
