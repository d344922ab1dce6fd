import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { children, DerError, readNode, Tag, type DerNode } from "../asn1/der-reader.js";
import { CertificateParseError, parseCertificate, type CertFacts } from "../model/certificate.js";
import { describeFsError, InputError } from "./input-error.js";

/**
 * Reading certificate material by content, not by file name: PEM (any number of blocks, text
 * around them as `openssl x509 -text` writes, CRLF, a BOM), DER, PKCS#7 bundles, PKCS#12 files,
 * private keys, CSRs. Every problem is an InputError of one line: the file, what was expected,
 * what was found.
 */

export type MaterialKind =
  | "certificate"
  | "private-key"
  | "encrypted-private-key"
  | "public-key"
  | "csr"
  | "crl"
  | "pkcs7"
  | "pkcs12"
  | "ec-parameters";

export interface Material {
  kind: MaterialKind;
  der: Uint8Array;
  /** PEM label ("EC PRIVATE KEY") or a description of the DER structure. */
  format: string;
  /** Position in the file, 1-based, for messages. */
  index: number;
  /**
   * A PEM item's own block, "-----BEGIN" line to "-----END" line: a private key is parsed from it
   * alone (with its Proc-Type/DEK-Info headers), never from the whole file. Absent for DER.
   */
  pem?: string;
}

/** The longest file pkilab reads: a 10,000-certificate PEM bundle is ~15 MB. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

const KIND_WORDS: Record<MaterialKind, string> = {
  certificate: "a certificate",
  "private-key": "a private key",
  "encrypted-private-key": "an encrypted private key",
  "public-key": "a public key",
  csr: "a certificate signing request",
  crl: "a certificate revocation list",
  pkcs7: "a PKCS#7 bundle",
  pkcs12: "a PKCS#12 file",
  "ec-parameters": "EC parameters",
};

const PEM_LABELS: Record<string, MaterialKind> = {
  CERTIFICATE: "certificate",
  "X509 CERTIFICATE": "certificate",
  "TRUSTED CERTIFICATE": "certificate",
  "PRIVATE KEY": "private-key",
  "EC PRIVATE KEY": "private-key",
  "RSA PRIVATE KEY": "private-key",
  "DSA PRIVATE KEY": "private-key",
  "ENCRYPTED PRIVATE KEY": "encrypted-private-key",
  "PUBLIC KEY": "public-key",
  "RSA PUBLIC KEY": "public-key",
  "CERTIFICATE REQUEST": "csr",
  "NEW CERTIFICATE REQUEST": "csr",
  "X509 CRL": "crl",
  PKCS7: "pkcs7",
  CMS: "pkcs7",
  PKCS12: "pkcs12",
  "EC PARAMETERS": "ec-parameters",
};

/**
 * Reads a whole file. Synchronous on purpose: a fleet check reads thousands of small files, and an
 * async read costs a thread-pool round trip each.
 */
export function readBytes(file: string): Uint8Array {
  let info;
  try {
    info = statSync(file);
  } catch (err) {
    throw new InputError(`${file}: ${describeFsError(err)}: check the path`);
  }
  if (info.isDirectory()) throw new InputError(`${file}: is a directory, not a file: name a file inside it`);
  if (info.size > MAX_FILE_BYTES) {
    throw new InputError(`${file}: too large (${Math.round(info.size / 1048576)} MB; at most ${MAX_FILE_BYTES / 1048576} MB): split it into smaller files`);
  }
  try {
    // A pipe or device (<(…), /dev/stdin) has no size to check up front: read it up to the cap.
    return info.isFile() ? new Uint8Array(readFileSync(file)) : readCapped(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read: ${describeFsError(err)}`);
  }
}

function readCapped(file: string): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(1 << 16);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return new Uint8Array(Buffer.concat(chunks, total));
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw new InputError(`${file}: more than ${MAX_FILE_BYTES / 1048576} MB: give a regular file of at most that size`);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Splits a file into its items: PEM blocks, or one DER structure.
 * @param expected what the caller wants, for messages ("a certificate", "a private key").
 */
export function readMaterial(bytes: Uint8Array, file: string, expected = "a certificate"): Material[] {
  const text = Buffer.from(bytes).toString("latin1");
  if (text.trim() === "") throw new InputError(`${file}: the file is empty: expected ${expected} (PEM or DER)`);
  if (text.includes("-----BEGIN ")) return readPem(text, file);
  if (bytes[0] === 0x30) return [classifyDer(bytes, file)];
  throw new InputError(`${file}: neither PEM nor DER (${sniff(bytes)}): expected ${expected}; give a PEM or DER file`);
}

function readPem(text: string, file: string): Material[] {
  const items: Material[] = [];
  const begin = /-----BEGIN ([A-Z0-9 #]+)-----/g;
  let match: RegExpExecArray | null;
  while ((match = begin.exec(text))) {
    const label = match[1] ?? "";
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, begin.lastIndex);
    const index = items.length + 1;
    if (end < 0) throw new InputError(`${file}: PEM block ${index} (${label}) has no "${endMarker}" line: the file is truncated`);
    const kind = PEM_LABELS[label];
    if (!kind) throw new InputError(`${file}: PEM block ${index} is "${label}", which pkilab does not read: expected CERTIFICATE`);
    const body = text.slice(begin.lastIndex, end);
    // RFC 1421 headers (Proc-Type, DEK-Info) of legacy encrypted keys end at the first blank line.
    const encrypted = /Proc-Type:\s*4,ENCRYPTED/.test(body);
    const base64 = (encrypted || /^\s*[A-Za-z-]+:/.test(body) ? body.slice(body.search(/\r?\n\s*\r?\n/) + 1) : body).replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0 || base64.length === 0) {
      throw new InputError(`${file}: PEM block ${index} (${label}) is not valid base64: the file is corrupted`);
    }
    const der = new Uint8Array(Buffer.from(base64, "base64"));
    const pem = text.slice(match.index, end + endMarker.length);
    items.push({ kind: encrypted && kind === "private-key" ? "encrypted-private-key" : kind, der, format: label, index, pem });
    begin.lastIndex = end + endMarker.length;
  }
  if (items.length === 0) {
    // "-----BEGIN " with no block after it (a lower-case or cut label): say so rather than return nothing.
    const at = text.indexOf("-----BEGIN ");
    const found = (text.slice(at, at + 64).split(/[\r\n]/)[0] ?? "").replace(/[^\x20-\x7e]/g, "?");
    throw new InputError(
      `${file}: no complete PEM block (found "${found}"; a block runs from a "-----BEGIN LABEL-----" line to its "-----END LABEL-----" line, LABEL in capitals): the file is truncated or corrupted`,
    );
  }
  return items;
}

/** Tells DER structures apart by their shape (RFC 5280, 5208, 5915, 8017, 2986, 7292, 2315). */
function classifyDer(der: Uint8Array, file: string): Material {
  let top: DerNode;
  let parts: DerNode[];
  try {
    top = readNode(der, 0);
    parts = children(der, top);
  } catch (err) {
    throw new InputError(`${file}: not valid DER (${err instanceof DerError ? err.message : String(err)}): the file is truncated or corrupted`);
  }
  const material = (kind: MaterialKind, format: string): Material => {
    if (top.end !== der.length) {
      throw new InputError(`${file}: ${der.length - top.end} bytes of unexpected data after the ${format}: the file is corrupted or two files were joined (use PEM for several certificates)`);
    }
    return { kind, der, format, index: 1 };
  };
  const [first, second, third] = parts;
  const tags = parts.map((p) => p.tag);
  if (first?.tag === Tag.sequence && second?.tag === Tag.sequence && third?.tag === Tag.bitString) {
    const signed = signedKind(safeChildren(der, first));
    if (!signed) {
      throw new InputError(`${file}: signed DER data that is neither a certificate, a CSR nor a CRL (its fields match none of them): the file is corrupted`);
    }
    return material(signed.kind, signed.format);
  }
  if (tags.length === 2 && first?.tag === Tag.sequence && second?.tag === Tag.bitString) return material("public-key", "DER public key");
  if (first?.tag === Tag.oid && second?.tag === 0xa0) return material("pkcs7", "DER PKCS#7");
  if (first?.tag === Tag.integer && second?.tag === Tag.sequence && third?.tag === Tag.octetString) return material("private-key", "DER PKCS#8 private key");
  if (first?.tag === Tag.integer && second?.tag === Tag.sequence) return material("pkcs12", "DER PKCS#12");
  if (first?.tag === Tag.integer && second?.tag === Tag.octetString) return material("private-key", "DER SEC1 EC private key");
  if (tags.length >= 9 && tags.every((t) => t === Tag.integer)) return material("private-key", "DER PKCS#1 RSA private key");
  if (first?.tag === Tag.sequence && second?.tag === Tag.octetString && tags.length === 2) return material("encrypted-private-key", "DER encrypted PKCS#8 private key");
  throw new InputError(`${file}: DER data that is not a certificate, key, CSR or bundle pkilab knows: expected a certificate`);
}

/**
 * Which signed structure (SEQUENCE { tbs, signatureAlgorithm, signature }) a DER file is, from the
 * fields of its to-be-signed part that tell them apart:
 * - certificate (RFC 5280 4.1): [0] version, or serial INTEGER, signature, issuer, validity SEQUENCE, subject, SPKI;
 * - CRL (RFC 5280 5.1): version INTEGER (v2 only), signature, issuer, then the thisUpdate time;
 * - CSR (RFC 2986 4.1): version INTEGER, subject, SPKI SEQUENCE, [0] attributes.
 * A v2 CRL and a CSR both start INTEGER, SEQUENCE, SEQUENCE: the fourth field decides.
 */
function signedKind(tbs: DerNode[]): { kind: MaterialKind; format: string } | undefined {
  const tag = (i: number): number | undefined => tbs[i]?.tag;
  const isTime = (i: number): boolean => tag(i) === Tag.utcTime || tag(i) === Tag.generalizedTime;
  if (tag(0) === 0xa0 || (tag(0) === Tag.integer && tag(1) === Tag.sequence && tag(3) === Tag.sequence && tbs.length >= 6)) {
    return { kind: "certificate", format: "DER certificate" };
  }
  const afterVersion = tag(0) === Tag.integer ? 1 : 0;
  if (tag(afterVersion) === Tag.sequence && tag(afterVersion + 1) === Tag.sequence && isTime(afterVersion + 2)) return { kind: "crl", format: "DER CRL" };
  if (tag(0) === Tag.integer && tag(1) === Tag.sequence && tag(2) === Tag.sequence && (tbs.length === 3 || tag(3) === 0xa0)) return { kind: "csr", format: "DER CSR" };
  return undefined;
}

function safeChildren(der: Uint8Array, node: DerNode): DerNode[] {
  try {
    return children(der, node);
  } catch {
    return [];
  }
}

/** A few words on what unknown bytes look like, so the message says what was found. */
function sniff(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) return "found a PNG image";
  if (head[0] === 0x1f && head[1] === 0x8b) return "found gzip data";
  if (head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return "found an ELF executable";
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return "found UTF-16 text";
  const sample = Buffer.from(bytes.subarray(0, 512)).toString("latin1");
  if (/^[\x09\x0a\x0d\x20-\x7e\u00a0-\u00ff]*$/.test(sample)) {
    const firstLine = sample.replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, "").trim().split(/\r?\n/)[0]?.slice(0, 40);
    return `found text starting "${firstLine}" and no PEM block`;
  }
  return "found binary data";
}

export interface ReadOptions {
  /** What the caller wants, for messages: "a certificate", "the CA certificates". */
  role?: string;
  /** PKCS#12 password (undefined: try the empty password, as OpenSSL does). */
  password?: string;
}

/**
 * The certificates in a file. Anything else (a key, a CSR) is an InputError that says what the
 * file is instead. PKCS#7 bundles and PKCS#12 files (with options.password) are opened.
 */
export async function readCertificateFile(file: string, options: ReadOptions = {}): Promise<CertFacts[]> {
  const bytes = readBytes(file);
  return certificatesFromMaterial(readMaterial(bytes, file, options.role), file, options);
}

export async function certificatesFromMaterial(items: Material[], file: string, options: ReadOptions = {}): Promise<CertFacts[]> {
  const role = options.role ?? "a certificate";
  const certs: CertFacts[] = [];
  for (const item of items) {
    if (item.kind === "certificate") {
      certs.push(parseCertificateItem(item.der, file, item.index, item.format === "TRUSTED CERTIFICATE"));
    } else if (item.kind === "pkcs7") {
      const { readPkcs7Certificates } = await import("./pkcs7.js");
      const ders = await readPkcs7Certificates(item.der, file);
      ders.forEach((der, i) => certs.push(parseCertificateItem(der, file, i + 1, false)));
    } else if (item.kind === "pkcs12") {
      const { readPkcs12 } = await import("./pkcs12.js");
      const contents = await readPkcs12(item.der, file, options.password);
      contents.certificates.forEach((der, i) => certs.push(parseCertificateItem(der, file, i + 1, false)));
    } else if (item.kind === "ec-parameters") {
      continue; // `openssl ecparam -genkey` writes these before the key; they hold nothing to check
    }
  }
  if (certs.length === 0) {
    const found = items.find((item) => item.kind !== "ec-parameters");
    if (!found) throw new InputError(`${file}: holds no certificate: expected ${role}`);
    throw new InputError(`${file}: this is ${KIND_WORDS[found.kind]} (${found.format}), not a certificate: expected ${role}`);
  }
  return certs;
}

/** Parses one certificate of a file; a broken one is an InputError naming the file and position. */
export function parseCertificateItem(der: Uint8Array, file: string, index: number, trustedForm = false): CertFacts {
  // OpenSSL's "TRUSTED CERTIFICATE" is a certificate followed by trust settings: read the certificate.
  const body = trustedForm ? der.subarray(0, safeEnd(der)) : der;
  try {
    return parseCertificate(body, `${file}#${index}`);
  } catch (err) {
    if (err instanceof CertificateParseError) {
      throw new InputError(`${file}: certificate ${index} is not a valid certificate (${err.message}): the file is corrupted or truncated`);
    }
    throw err;
  }
}

function safeEnd(der: Uint8Array): number {
  try {
    return readNode(der, 0).end;
  } catch {
    return der.length;
  }
}

export { KIND_WORDS };
