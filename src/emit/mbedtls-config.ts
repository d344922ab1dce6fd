import type { CertFacts } from "../model/certificate.js";
import { CURVE_MACROS, HASH_MACROS, type MbedtlsVersion } from "../knowledge/mbedtls-macros.js";
import { certificateMessageSize } from "../peers/tls-sizes.js";

export interface MbedtlsConfigInput {
  version: MbedtlsVersion;
  labName: string;
  /** The server chain the device verifies: leaf first, then the intermediates the server sends. */
  serverChain: CertFacts[];
  /** The device's trust anchors. */
  anchors: CertFacts[];
  /** The device's own chain (client authentication), leaf first; may be empty. */
  deviceChain: CertFacts[];
  /** The lab has CRLs (pkilab crl) the device is given. */
  crl?: boolean;
}

/**
 * The #define lines a device needs to verify a lab's server chain and present its own chain, each
 * with the reason, as a user config fragment (MBEDTLS_USER_CONFIG_FILE: included at the end of 2.28's
 * include/mbedtls/config.h and right after the main config in 3.6's include/mbedtls/build_info.h).
 * It lists what must be on; it does not turn anything off.
 */
export function renderMbedtlsConfig(input: MbedtlsConfigInput): string {
  const { version } = input;
  const lines: string[] = [
    `/* mbedTLS ${version} configuration needed for pkilab lab "${input.labName}" (pkilab export --mbedtls-config).`,
    " * Use it as MBEDTLS_USER_CONFIG_FILE, or merge it into the device's config. It only enables what",
    " * this lab's certificates need; check what else the firmware uses before removing anything. */",
    "",
  ];
  const define = (macro: string, value?: string | number) => lines.push(value === undefined ? `#define ${macro}` : `#define ${macro} ${value}`);
  const all = unique([...input.serverChain, ...input.anchors, ...input.deviceChain]);

  const curves = [...new Set(all.filter((c) => c.publicKey.type === "ec" && c.publicKey.curve).map((c) => c.publicKey.curve!))];
  if (curves.length) {
    lines.push("/* Curves of every key in the chains and trust anchors: a certificate on a disabled curve fails to parse (-0x3A00). */");
    for (const curve of curves) {
      const macro = CURVE_MACROS[curve];
      lines.push(macro ? `#define ${macro} /* ${describeUsers(all, (c) => c.publicKey.curve === curve)} */` : `/* ${curve}: mbedTLS does not support it: re-issue those certificates */`);
    }
    define("MBEDTLS_ECP_C");
    lines.push("");
  }

  const leaf = input.serverChain[0];
  if (leaf) {
    lines.push(`/* Key exchange for the server's ${leaf.publicKey.label} key (TLS 1.2; without it the server answers alert 40, -0x7780). */`);
    if (leaf.publicKey.type === "ec") {
      ["MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED", "MBEDTLS_ECDH_C", "MBEDTLS_ECDSA_C"].forEach((m) => define(m));
    } else {
      ["MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED", "MBEDTLS_ECDH_C", "MBEDTLS_RSA_C", "MBEDTLS_PKCS1_V15"].forEach((m) => define(m));
      lines.push("/* TLS 1.3 signs with RSA-PSS: */");
      define("MBEDTLS_PKCS1_V21");
    }
    lines.push("");
  }
  if (all.some((c) => c.publicKey.type === "rsa") && !(leaf && leaf.publicKey.type === "rsa")) {
    lines.push("/* RSA keys among the CAs: signatures to verify (-0x3C80 without RSA). */");
    ["MBEDTLS_RSA_C", "MBEDTLS_PKCS1_V15"].forEach((m) => define(m));
    lines.push("");
  }
  if (all.some((c) => c.publicKey.type === "ec") && !(leaf && leaf.publicKey.type === "ec")) {
    lines.push("/* ECDSA keys among the CAs: signatures to verify. */");
    define("MBEDTLS_ECDSA_C");
    lines.push("");
  }

  // Every signature but a trust anchor's own is verified.
  const signed = unique([...input.serverChain, ...input.deviceChain]).filter((c) => !input.anchors.some((a) => a.sha256 === c.sha256));
  const hashes = [...new Set(signed.map((c) => c.signatureAlgorithm.hash).filter((h): h is string => h !== undefined))];
  if (hashes.length) {
    lines.push("/* Hashes the certificates are signed with: a disabled one makes the certificate unparsable (-0x262E). */");
    for (const macro of [...new Set(hashes.map((h) => HASH_MACROS[version][h]).filter((macro): macro is string => Boolean(macro)))]) define(macro);
    lines.push("");
  }

  const maxBytes = Math.max(0, ...all.map((c) => (c.publicKey.type === "rsa" || c.publicKey.type === "ec" ? Math.ceil(c.publicKey.bits / 8) : 0)));
  if (maxBytes > 0) {
    lines.push(`/* Bignum size: the largest key is ${maxBytes} bytes; smaller values fail to load it (-0x3B00). It must also`);
    lines.push(" * cover every curve the device enables: ECDHE on a larger one fails with -0x4F80 when the server picks it. */");
    define("MBEDTLS_MPI_MAX_SIZE", Math.max(maxBytes, 32));
    if (version === "2.28" && curves.length) {
      const bits = Math.max(...all.filter((c) => c.publicKey.type === "ec").map((c) => c.publicKey.bits));
      lines.push("/* 2.28 only: must cover every enabled curve (a consistency check, it disables nothing). */");
      define("MBEDTLS_ECP_MAX_BITS", bits);
    }
    lines.push("");
  }

  if (input.crl) {
    // Same macro in 2.28 (include/mbedtls/config.h) and 3.6 (include/mbedtls/mbedtls_config.h).
    lines.push("/* The lab's CRLs: mbedtls_x509_crl_parse() and the crl argument of mbedtls_ssl_conf_ca_chain() need it;");
    lines.push(" * without it CRLs cannot be loaded and no certificate is checked for revocation. */");
    define("MBEDTLS_X509_CRL_PARSE_C");
    lines.push("");
  }

  const serverSent = input.serverChain.filter((c, i) => i === 0 || !input.anchors.some((a) => a.sha256 === c.sha256));
  if (serverSent.length) {
    const in12 = certificateMessageSize(serverSent.map((c) => c.derSize), "1.2");
    const in13 = certificateMessageSize(serverSent.map((c) => c.derSize), "1.3");
    lines.push(`/* The server's Certificate message is ${in12} bytes in TLS 1.2, ${in13} in TLS 1.3: the input buffer must hold it whole`);
    lines.push(" * (-0x7100 otherwise); application records need their own room on top. */");
    define("MBEDTLS_SSL_IN_CONTENT_LEN", roundUp(Math.max(in12, in13)));
  }
  if (input.deviceChain.length) {
    const out12 = certificateMessageSize(input.deviceChain.map((c) => c.derSize), "1.2");
    const out13 = certificateMessageSize(input.deviceChain.map((c) => c.derSize), "1.3");
    lines.push(`/* The device's own Certificate message is ${out12} bytes (TLS 1.2), ${out13} (TLS 1.3): outgoing messages are not fragmented. */`);
    define("MBEDTLS_SSL_OUT_CONTENT_LEN", roundUp(Math.max(out12, out13)));
  }
  lines.push("");
  return lines.join("\n");
}

/** Record buffer sizes in steps of 512 bytes: room for the handshake header variations. */
function roundUp(bytes: number): number {
  return Math.ceil(bytes / 512) * 512;
}

function unique(certs: CertFacts[]): CertFacts[] {
  return [...new Map(certs.map((c) => [c.sha256, c])).values()];
}

function describeUsers(certs: CertFacts[], match: (c: CertFacts) => boolean): string {
  return certs.filter(match).map((c) => c.subject.text.split(",")[0]).join("; ");
}
