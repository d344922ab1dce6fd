import type { CertFacts } from "../model/certificate.js";
import { toPem } from "../model/pem.js";

/** One item to put in the header: certificates (one PEM array holds a bundle) or a private key. */
export interface CArrayItem {
  /** Identifier stem, e.g. "ca" → pkilab_ca_pem / pkilab_ca_der. */
  stem: string;
  /** What it is, for the comment ("trust anchor", "device certificate"). */
  role: string;
  certificates?: CertFacts[];
  /** CRLs (one PEM array holds them all; DER: one array each), for mbedtls_x509_crl_parse(). */
  crls?: CArrayCrl[];
  /** PKCS#8 private key: PEM text and DER. */
  key?: { pem: string; der: Uint8Array; label: string };
}

export interface CArrayCrl {
  der: Uint8Array;
  issuer: string;
  nextUpdate?: Date;
}

export interface CArrayOptions {
  prefix: string;
  der: boolean;
  /** Header file name, for the include guard and the .c file's #include. */
  headerName: string;
  /** Emit a .c file with the definitions and only extern declarations in the header. */
  splitSource: boolean;
  generatedBy: string;
  /** Whose loading calls and naming the header follows (default mbedtls). */
  library?: "mbedtls" | "wolfssl";
}

export interface CArrayOutput {
  header: string;
  source?: string;
  /** Identifiers of the arrays, in order (for messages and tests). */
  arrays: string[];
}

const C_KEYWORDS = new Set(
  "auto break case char const continue default do double else enum extern float for goto if inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while _Bool _Complex _Imaginary bool true false class new delete this template typename namespace".split(" "),
);

/** A valid C identifier from any name: letters, digits and underscores, not starting with a digit, no keyword. */
export function cIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, "_").replace(/_+/g, "_");
  if (id === "" || /^[0-9]/.test(id)) id = `_${id}`;
  return C_KEYWORDS.has(id) ? `${id}_` : id;
}

/**
 * The C header (and optionally source) firmware includes unchanged. Conventions verified against
 * mbedTLS 2.28 and 3.6 (library/x509_crt.c mbedtls_x509_crt_parse() and library/pkparse.c
 * mbedtls_pk_parse_key() at v2.28.3 and v3.6.6; shown on the real libraries by test/peers/mbedtls-harness.test.ts,
 * "C arrays: a PEM buffer must end with its NUL" and "header check: exported C arrays loaded by mbedTLS"):
 * - PEM arrays are `const char NAME_pem[]` string literals whose `_len` is `sizeof`, so it counts the
 *   terminating NUL that mbedtls_x509_crt_parse requires (strlen gives -0x2180);
 * - DER arrays are `const unsigned char NAME_der[]`, one per certificate: back-to-back DER
 *   certificates silently load only the first;
 * - base64 lines are not indented (indented base64 fails with -0x112C);
 * - arrays, never pointers (sizeof of a pointer is 8);
 * - header-only output uses `static const` (each translation unit gets its own copy, no linkage
 *   issue in C or C++); with a .c file the header declares `extern const` inside extern "C", the
 *   fix for C++'s internal linkage of namespace-scope const arrays.
 */
export function renderCArrays(items: CArrayItem[], options: CArrayOptions): CArrayOutput {
  const prefix = cIdentifier(options.prefix);
  const guard = cIdentifier(options.headerName).toUpperCase();
  const definitions: string[] = [];
  const declarations: string[] = [];
  const arrays: string[] = [];
  const storage = options.splitSource ? "const" : "static const";

  const wolfssl = options.library === "wolfssl";
  const emit = (name: string, comment: string[], body: string, kind: "pem" | "der") => {
    arrays.push(name);
    const lines = [`/*`, ...comment.map((c) => ` * ${sanitizeComment(c)}`), ` */`];
    if (wolfssl) {
      // wolfSSL's own wolfssl/certs_test.h: `static const unsigned char NAME[]` and
      // `static const int sizeof_NAME = sizeof(NAME);`; wolfSSL's *_buffer() calls take const unsigned char *.
      definitions.push([...lines, `${storage} unsigned char ${name}[] =${body.startsWith("\n") ? "" : " "}${body};`, `${storage} int sizeof_${name} = sizeof(${name});${kind === "pem" ? " /* includes the terminating NUL */" : ""}`, ""].join("\n"));
      declarations.push([...lines, `extern const unsigned char ${name}[];`, `extern const int sizeof_${name};`, ""].join("\n"));
      return;
    }
    const type = kind === "pem" ? "char" : "unsigned char";
    definitions.push(
      [...lines, `${storage} ${type} ${name}[] =${body.startsWith("\n") ? "" : " "}${body};`, `${storage} size_t ${name}_len = sizeof(${name});${kind === "pem" ? " /* includes the terminating NUL */" : ""}`, ""].join("\n"),
    );
    declarations.push([...lines, `extern const ${type} ${name}[];`, `extern const size_t ${name}_len;`, ""].join("\n"));
  };

  for (const item of items) {
    const stem = `${prefix}_${cIdentifier(item.stem)}`;
    if (item.certificates && item.certificates.length > 0) {
      const certs = item.certificates;
      if (options.der) {
        certs.forEach((cert, i) => {
          const name = certs.length === 1 ? `${stem}_der` : `${stem}_${i}_der`;
          const call = wolfssl ? wolfsslCall(item.stem, name, "WOLFSSL_FILETYPE_ASN1") : `mbedtls_x509_crt_parse_der(&crt, ${name}, ${name}_len)`;
          emit(name, [`${item.role}${certs.length > 1 ? ` ${i + 1} of ${certs.length}` : ""}: ${call}`, ...describe(cert)], derLiteral(cert.der), "der");
        });
      } else {
        const name = `${stem}_pem`;
        emit(
          name,
          [`${item.role}: ${wolfssl ? wolfsslCall(item.stem, name, "WOLFSSL_FILETYPE_PEM") : `mbedtls_x509_crt_parse(&crt, (const unsigned char *) ${name}, ${name}_len)`}${certs.length > 1 ? ` loads all ${certs.length}` : ""}`, ...certs.flatMap((cert, i) => (certs.length > 1 ? [`[${i + 1}]`, ...describe(cert)] : describe(cert)))],
          pemLiteral(certs.map((cert) => toPem("CERTIFICATE", cert.der)).join("")),
          "pem",
        );
      }
    }
    if (item.crls && item.crls.length > 0) {
      const crls = item.crls;
      const describeCrl = (crl: CArrayCrl) => [`issuer: ${crl.issuer}`, `next update: ${crl.nextUpdate ? crl.nextUpdate.toISOString().replace(".000Z", "Z") : "none"}`];
      // mbedtls_x509_crl_parse() loads every PEM CRL of the buffer into the chained list, like
      // mbedtls_x509_crt_parse() (library/x509_crl.c at v2.28.3 and v3.6.6).
      if (options.der) {
        crls.forEach((crl, i) => {
          const name = crls.length === 1 ? `${stem}_der` : `${stem}_${i}_der`;
          emit(name, [`${item.role}${crls.length > 1 ? ` ${i + 1} of ${crls.length}` : ""}: mbedtls_x509_crl_parse_der(&crl, ${name}, ${name}_len)`, ...describeCrl(crl)], derLiteral(crl.der), "der");
        });
      } else {
        const name = `${stem}_pem`;
        emit(
          name,
          [`${item.role}: mbedtls_x509_crl_parse(&crl, (const unsigned char *) ${name}, ${name}_len)${crls.length > 1 ? ` loads all ${crls.length}` : ""}`, ...crls.flatMap((crl, i) => (crls.length > 1 ? [`[${i + 1}]`, ...describeCrl(crl)] : describeCrl(crl)))],
          pemLiteral(crls.map((crl) => toPem("X509 CRL", crl.der)).join("")),
          "pem",
        );
      }
    }
    if (item.key) {
      const kind = options.der ? "der" : "pem";
      const name = `${stem}_${kind}`;
      const buffer = options.der ? name : `(const unsigned char *) ${name}`;
      const call = wolfssl
        ? `wolfSSL_CTX_use_PrivateKey_buffer(ctx, ${name}, sizeof_${name}, ${options.der ? "WOLFSSL_FILETYPE_ASN1" : "WOLFSSL_FILETYPE_PEM"})`
        : `mbedtls_pk_parse_key(&pk, ${buffer}, ${name}_len, NULL, 0) in 2.28; 3.x adds f_rng, p_rng`;
      emit(name, [`${item.role}: PRIVATE KEY (${item.key.label}, PKCS#8). Anyone with the firmware image has this key.`, call], options.der ? derLiteral(item.key.der) : pemLiteral(item.key.pem), kind);
    }
  }

  const banner = wolfssl
    ? [
        `/* Generated by ${options.generatedBy}. Certificates for wolfSSL firmware, named as in wolfSSL's wolfssl/certs_test.h.`,
        options.der
          ? " * DER: one array per certificate, for wolfSSL_CTX_load_verify_buffer(ctx, NAME, sizeof_NAME, WOLFSSL_FILETYPE_ASN1)."
          : " * PEM: NUL-terminated, for wolfSSL_CTX_load_verify_buffer(ctx, NAME, sizeof_NAME, WOLFSSL_FILETYPE_PEM) (one call loads every certificate of the array).",
        " */",
      ]
    : [
        `/* Generated by ${options.generatedBy}. Certificates for mbedTLS 2.28 / 3.6 firmware.`,
        options.der
          ? " * DER: one array per certificate, for mbedtls_x509_crt_parse_der()."
          : " * PEM: NUL-terminated strings; pass the _len (it counts the NUL) to mbedtls_x509_crt_parse().",
        " */",
      ];
  if (!options.splitSource) {
    return {
      header: [...banner, `#ifndef ${guard}`, `#define ${guard}`, "", "#include <stddef.h>", "", ...definitions, `#endif /* ${guard} */`, ""].join("\n"),
      arrays,
    };
  }
  const header = [
    ...banner,
    `#ifndef ${guard}`,
    `#define ${guard}`,
    "",
    "#include <stddef.h>",
    "",
    "#ifdef __cplusplus",
    'extern "C" {',
    "#endif",
    "",
    ...declarations,
    "#ifdef __cplusplus",
    "}",
    "#endif",
    "",
    `#endif /* ${guard} */`,
    "",
  ].join("\n");
  const source = [...banner, `#include "${options.headerName}"`, "", ...definitions].join("\n");
  return { header, source, arrays };
}

/** The wolfSSL call that loads an array: trust anchors, the device's certificate, or its chain. */
function wolfsslCall(stem: string, name: string, format: "WOLFSSL_FILETYPE_ASN1" | "WOLFSSL_FILETYPE_PEM"): string {
  if (stem === "device_crt") return `wolfSSL_CTX_use_certificate_buffer(ctx, ${name}, sizeof_${name}, ${format})`;
  // ProcessBuffer() (wolfSSL 5.5.4 src/ssl.c) takes the first certificate of a chain buffer as the
  // device's own and the rest as its chain: the intermediates alone would replace the certificate.
  if (stem === "device_chain") return `the intermediates the device sends: give wolfSSL_CTX_use_certificate_chain_buffer${format === "WOLFSSL_FILETYPE_PEM" ? "" : "_format"}() ONE buffer holding the device's certificate first, then ${name} (instead of the use_certificate_buffer call)`;
  return `wolfSSL_CTX_load_verify_buffer(ctx, ${name}, sizeof_${name}, ${format})`;
}

function describe(cert: CertFacts): string[] {
  return [
    `subject: ${cert.subject.text}`,
    `key: ${cert.publicKey.label}; expires ${cert.notAfter.toISOString().replace(".000Z", "Z")}`,
    `sha256: ${cert.sha256}`,
  ];
}

/** Keep comment text from closing the comment. */
function sanitizeComment(text: string): string {
  return text.replace(/\*\//g, "* /");
}

/** One C string literal per PEM line, each ending in \n; the base64 is never indented. */
function pemLiteral(text: string): string {
  const lines = text.split("\n").filter((line) => line !== "");
  return "\n" + lines.map((line) => `"${line}\\n"`).join("\n");
}

function derLiteral(der: Uint8Array): string {
  const rows: string[] = [];
  for (let i = 0; i < der.length; i += 12) {
    rows.push("    " + Array.from(der.subarray(i, i + 12), (b) => `0x${b.toString(16).padStart(2, "0")}`).join(", "));
  }
  return `{\n${rows.join(",\n")}\n}`;
}
