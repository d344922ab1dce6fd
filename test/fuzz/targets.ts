// The fuzz targets: one per parser of untrusted bytes. Each names its seeds (seeds.ts), how its
// inputs are structured (which edits apply, mutations.ts) and the tokens of its format; the entry
// points it drives are in entries.ts under the same name.
import type { NestPair, Seed, Structure, TextKnowledge } from "./mutations.js";
import type { SeedSet } from "./seeds.js";

export interface Target {
  name: string;
  structure: Structure;
  knowledge: TextKnowledge;
  seeds: Seed[];
}

const PEM_TOKENS = [
  "-----BEGIN ",
  "-----BEGIN CERTIFICATE-----\n",
  "-----END CERTIFICATE-----\n",
  "-----BEGIN PRIVATE KEY-----\n",
  "-----BEGIN X509 CRL-----\n",
  "-----BEGIN PKCS7-----\n",
  "Proc-Type: 4,ENCRYPTED\n",
  "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n",
  "=",
  "\r\n",
  "\uFEFF",
  "MII",
];

const HEX_TOKENS = [
  "16 03 01 ",
  "16 03 03 00 05 01 00 00 01 03 ",
  "0000: ",
  "0000   ",
  "00000000  ",
  "0000 - ",
  "0x",
  "\\x",
  ":",
  "-",
  "ff ",
  "dumping 'output record sent to network' (116 bytes)\n",
  ">>> TLS 1.2, Handshake [length 0067], ClientHello\n",
  "<= write record\n",
  "ssl_msg.c:2840: |4| ",
];

const LOG_TOKENS = [
  ...HEX_TOKENS,
  "-0x7780",
  "-0x2700",
  "alert 40",
  "alert number 42",
  "(20:unable to get local issuer certificate)",
  "(26:unsupported certificate purpose)",
  "client SSL certificate verify error: ",
  "SSL_do_handshake() failed",
  "=> handshake",
  "mbedtls_ssl_handshake returned -0x7780",
  "verify return:0",
  "HTTP/1.1 495",
  "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED",
  "X509_V_ERR_CERT_HAS_EXPIRED",
  "CONNECTED(00000003)",
  "* TLSv1.3 (IN), TLS alert",
  "postfix/smtpd[123]: ",
  "no shared cipher",
  "certificate verify failed",
  " (1) ",
  "Unknown (999)",
];

const NGINX_TOKENS = [
  "include conf.d/*.conf;",
  "include nginx.conf;",
  "include conf.d/[z-a].conf;",
  `include conf.d/${"*".repeat(300)};`,
  // Stars before a suffix no file has: a backtracking matcher tries every split of the name.
  `include conf.d/${"*".repeat(300)}.nomatch;`,
  "include conf.d/*/*/*;",
  "server {",
  "http {",
  "}",
  "{",
  ";",
  "ssl_verify_client on;",
  "ssl_verify_client optional_no_ca;",
  "ssl_verify_depth 99999999999;",
  "server_name a.test b.test *.c.test ~^re$;",
  "server_name ",
  "listen 443 ssl;",
  "listen [::]:443 ssl default_server;",
  "ssl_client_certificate ca.pem;",
  "ssl_trusted_certificate chain.pem;",
  "ssl_certificate cert.pem;",
  "events {}",
  '"',
  "'",
  "\\",
  "$var",
  "#",
  "location / {",
];

const C_TOKENS = [
  "#define MBEDTLS_ECP_DP_SECP521R1_ENABLED\n",
  "#define MBEDTLS_SSL_IN_CONTENT_LEN 512\n",
  "#if ",
  "#ifdef X\n",
  "#ifndef X\n",
  "#elif 1\n",
  "#elifdef X\n",
  "#else\n",
  "#endif\n",
  "#undef MBEDTLS_X509_CRT_PARSE_C\n",
  "defined(",
  "defined ",
  "(",
  ")",
  "\\\n",
  "/*",
  "*/",
  "//",
  '#include "x.h"\n',
  "#error stop\n",
  "0x7fffffffffffffff",
  "<<",
  "? 1 : 0",
  "#define A A A\n",
  "#define B(x) B(x) x\n",
  "#define C C C C C C\n#if C\n#endif\n",
  "'\\x41'",
  "1/0",
  "-9223372036854775807-1",
  "??=",
];

const C_NESTING: NestPair[] = [
  { open: "#if 1", close: "#endif", inline: false },
  { open: "#ifdef MBEDTLS_SSL_CLI_C", close: "#endif", inline: false },
  { open: "(", close: ")", inline: true },
  { open: "/*", close: "*/", inline: true },
];
const NGINX_NESTING: NestPair[] = [
  { open: "http {", close: "}", inline: false },
  { open: "server {", close: "}", inline: false },
  { open: "location / {", close: "}", inline: false },
  { open: "{", close: "}", inline: true },
];
const LOG_NESTING: NestPair[] = [
  { open: "(", close: ")", inline: true },
  { open: "[", close: "]", inline: true },
];

const NONE: TextKnowledge = { dictionary: [], nesting: [] };
const PEM_TEXT: TextKnowledge = { dictionary: PEM_TOKENS, nesting: [] };
const HEX_TEXT: TextKnowledge = { dictionary: HEX_TOKENS, nesting: [] };

/** Wireshark's decoded ClientHello (src/peers/parse/client-hello-details.ts): its field labels. */
const WIRESHARK_TOKENS = [
  "Handshake Type: Client Hello (1)\n",
  "Handshake Type: Server Hello (2)\n",
  "TLSv1.2 Record Layer: Handshake Protocol: Client Hello\n",
  "Version: TLS 1.2 (0x0303)\n",
  "Cipher Suite: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (0xc02b)\n",
  "Extension: supported_groups (len=4)\n",
  "Type: supported_groups (10)\n",
  "Type: signature_algorithms_cert (50)\n",
  "Length: 4\n",
  "Supported Group: secp256r1 (0x0017)\n",
  "Signature Algorithm: ecdsa_secp256r1_sha256 (0x0403)\n",
  "Supported Version: TLS 1.3 (0x0304)\n",
  "Key Share Entry: Group: x25519, Key Exchange length: 32\n",
  "Server Name: mail.example.test\n",
  "ALPN Next Protocol: h2\n",
  "EC point format: uncompressed (0)\n",
  "(0xffff)",
  "(99999)",
  "    ",
];

/** The targets, in the order reports list them. */
export function makeTargets(seeds: SeedSet): Target[] {
  const t = (name: string, knowledge: TextKnowledge): Target => {
    const list = seeds.byTarget[name];
    if (!list?.length) throw new Error(`fuzz target ${name} has no seeds`);
    return { name, structure: list[0]!.structure, knowledge, seeds: list };
  };
  return [
    t("certificate-pem", PEM_TEXT),
    t("certificate-der", NONE),
    t("pkcs7", PEM_TEXT),
    t("pkcs12", NONE),
    t("key-pkcs8", PEM_TEXT),
    t("key-pkcs8-encrypted", PEM_TEXT),
    t("key-sec1", PEM_TEXT),
    t("key-pkcs1", PEM_TEXT),
    t("public-key", PEM_TEXT),
    t("csr", PEM_TEXT),
    t("crl", PEM_TEXT),
    t("client-hello-record", NONE),
    t("client-hello-handshake", NONE),
    t("client-hello-mbedtls-dump", HEX_TEXT),
    t("client-hello-hex-dump", HEX_TEXT),
    t("client-hello-hex", HEX_TEXT),
    t("client-hello-openssl-output", { dictionary: LOG_TOKENS, nesting: LOG_NESTING }),
    t("client-hello-pcap", NONE),
    t("client-hello-wireshark-text", { dictionary: WIRESHARK_TOKENS, nesting: LOG_NESTING }),
    t("tls-flight", NONE),
    t("log", { dictionary: LOG_TOKENS, nesting: LOG_NESTING }),
    t("nginx-conf", { dictionary: NGINX_TOKENS, nesting: NGINX_NESTING }),
    t("mbedtls-config", { dictionary: C_TOKENS, nesting: C_NESTING }),
    t("wolfssl-config", { dictionary: C_TOKENS, nesting: C_NESTING }),
    t("c-preprocessor", { dictionary: C_TOKENS, nesting: C_NESTING }),
  ];
}
