import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "client-ca-trusted-blocks-only",
  title: "ssl_client_certificate holds only TRUSTED CERTIFICATE blocks: nginx does not start",
  peers: { "nginx-mtls": "error" },
  citation: "nginx src/event/ngx_event_openssl.c ngx_ssl_client_certificate() (SSL_load_client_CA_file() for the CA names of CertificateRequest; a failure is fatal); OpenSSL ssl/ssl_cert.c SSL_load_client_CA_file() (PEM_read_bio_X509: \"CERTIFICATE\" blocks only); test/peers/openssl-misses-nginx.test.ts (\"does not start\")",
  requirement: "nginx reads ssl_client_certificate twice: into the verify store (every block, trust settings included) and with SSL_load_client_CA_file() into the CA names it sends, which reads “-----BEGIN CERTIFICATE-----” blocks only and fails on a file without one",
  symptom: { "nginx-mtls": "nginx -t and reload fail: [emerg] SSL_load_client_CA_file(\"…\") failed (SSL: error:0480006C:PEM routines::no start line:Expecting: CERTIFICATE)" },
  predicts: { "nginx-mtls": { messages: ["nginx-client-ca-file-no-certificate"] } },
  messages: {
    onlyTrusted: "every CA certificate given ({count}) is a TRUSTED CERTIFICATE block (OpenSSL trust settings): nginx's SSL_load_client_CA_file() reads plain CERTIFICATE blocks only, so nginx refuses to start",
    addPlain: "put the CA in ssl_client_certificate as a plain CERTIFICATE block (openssl x509 -in ca.pem -out plain.pem drops the trust settings), or keep at least one plain block there and the TRUSTED ones in ssl_trusted_certificate",
  },
  appliesTo: (ctx) => (ctx.anchors.length > 0 ? ctx.anchors : false),
  check: (_ctx, anchors) => (anchors.every((a) => a.auxTrust !== undefined) ? [{ certIndex: -1, messageId: "onlyTrusted", data: { count: anchors.length }, fixId: "addPlain" }] : []),
});
