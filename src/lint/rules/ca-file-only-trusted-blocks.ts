import type { CertFacts } from "../../model/certificate.js";
import { defineRule } from "../types.js";

/** The CA file a certificate was read from: its source is "FILE#N" (src/io/read.ts). */
const fileOf = (source: string) => source.replace(/#\d+$/, "");

export const rule = defineRule({
  id: "ca-file-only-trusted-blocks",
  title: "A CA file holds only TRUSTED CERTIFICATE blocks: the peer loads nothing from it",
  peers: { mbedtls: "error", wolfssl: "error", "go-mtls": "warning", "go-client": "warning" },
  citation:
    "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c mbedtls_x509_crt_parse() (no \"-----BEGIN CERTIFICATE-----\" in the buffer: it is parsed as DER, -0x2180); wolfSSL v5.5.4-stable wolfcrypt/src/asn.c PemToDer() (no CERT_TYPE header: ASN_NO_PEM_HEADER, -162) via src/ssl.c wolfSSL_CTX_load_verify_buffer(); go1.19 src/crypto/x509/cert_pool.go AppendCertsFromPEM() (returns false when no block was appended); test/peers/trusted-blocks.test.ts",
  requirement:
    "mbedTLS, wolfSSL and Go read a CA file's \"-----BEGIN CERTIFICATE-----\" blocks only: a file of OpenSSL \"-----BEGIN TRUSTED CERTIFICATE-----\" blocks only (openssl x509 -trustout/-addtrust) yields no trust anchor; mbedTLS and wolfSSL fail the load, Go's AppendCertsFromPEM() returns false",
  symptom: {
    mbedtls: "the CA load fails: mbedtls_x509_crt_parse() returns -0x2180 (X509_INVALID_FORMAT) and loads no certificate; a device that goes on fails every handshake with -0x2700, flags 0x08 NOT_TRUSTED, alert 48",
    wolfssl: "the CA load fails: wolfSSL_CTX_load_verify_buffer() returns -162 ASN_NO_PEM_HEADER (\"ASN no PEM Header Error\"); a device that goes on fails every handshake with -188 (\"certificate verify failed\"), verify result 21",
    "go-mtls": "x509.CertPool.AppendCertsFromPEM() returns false and appends nothing (a program that checks it stops there); one that goes on refuses every client: \"tls: failed to verify client certificate: x509: certificate signed by unknown authority\" (rule chain-not-anchored)",
    "go-client": "x509.CertPool.AppendCertsFromPEM() returns false and appends nothing (a program that checks it stops there); one that goes on refuses every server: \"x509: certificate signed by unknown authority\" (rule chain-not-anchored)",
  },
  predicts: {
    mbedtls: { mbedtls: { codes: [-0x2180] } },
    wolfssl: { wolfssl: [-162] },
    "go-mtls": { silent: "AppendCertsFromPEM() only returns false: Go prints nothing" },
    "go-client": { silent: "AppendCertsFromPEM() only returns false: Go prints nothing" },
  },
  messages: {
    onlyTrusted: "{file} holds only TRUSTED CERTIFICATE blocks ({subjects}): only \"-----BEGIN CERTIFICATE-----\" blocks are read into {anchorSource}, so nothing is loaded from it",
    writePlain: "write the CA certificates as plain CERTIFICATE blocks (openssl x509 -in trusted.pem -out ca.pem, once per certificate, drops the OpenSSL trust settings, which this peer never applies)",
  },
  appliesTo: (ctx) => (ctx.skippedAnchors.length > 0 ? ctx.skippedAnchors : false),
  check(ctx, skipped) {
    // The files none of whose blocks was loaded, with their blocks.
    const readFiles = new Set(ctx.anchors.map((a) => fileOf(a.source)));
    const unread = new Map<string, CertFacts[]>();
    for (const cert of skipped) {
      const file = fileOf(cert.source);
      if (!readFiles.has(file)) unread.set(file, [...(unread.get(file) ?? []), cert]);
    }
    return [...unread].map(([file, certs]) => ({
      certIndex: -1,
      messageId: "onlyTrusted",
      data: { file, subjects: certs.map((c) => `"${c.subject.text}"`).join(", "), anchorSource: ctx.profile.trustAnchorSource },
      fixId: "writePlain",
    }));
  },
});
