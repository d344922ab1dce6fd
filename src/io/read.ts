import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { children, content, DerError, oidString, readNode, Tag, type DerNode } from "../asn1/der-reader.js";
import { parseAuxTrust } from "../model/aux-trust.js";
import { CertificateParseError, parseCertificate, type CertFacts } from "../model/certificate.js";
import { describeFsError, InputError } from "./input-error.js";

/**
 * Reading certificate material by content, not by file name: PEM (any number of blocks, text
 * around them as `openssl x509 -text` writes, CRLF, a BOM), DER, PKCS#7 bundles, PKCS#12 files,
 * private keys, CSRs. Every problem is an InputError of one line: the file, what was expected,
 * what was found. What reading may cost (file size, key-derivation work) is bounded by IO_LIMITS.
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

/**
 * The bounds on what one input file may cost to read. Each error that enforces one names it
 * ("IO_LIMITS.maxPbkdf2Iterations"). Key-derivation costs are checked before the derivation runs.
 */
export const IO_LIMITS = {
  /** Longest file read, in bytes: a 10,000-certificate PEM bundle is ~15 MB. */
  maxFileBytes: 64 * 1024 * 1024,
  /**
   * Most iterations one key derivation of an encrypted private key (PKCS#8 PBES2/PBKDF2, RFC 8018
   * A.2; the older PBES1 and PKCS#12 PBE schemes) or of a PKCS#12 bag may ask for: about 1.2 s of
   * PBKDF2-HMAC-SHA-256 (3.5 s with SHA-512) on the machine the figures here were measured on (one
   * core, Node 20's OpenSSL 3). The JDK refuses above the same
   * 5,000,000 (MAX_ITERATION_COUNT in sun/security/pkcs12/PKCS12KeyStore.java), BoringSSL (Chrome)
   * above 100,000,000 (pkcs12_iterations_acceptable() in crypto/pkcs8/pkcs8_x509.cc), .NET's PKCS#12
   * loader above 300,000 by default (Pkcs12LoaderLimits). OpenSSL 3 has no cap:
   * PKCS5_v2_PBKDF2_keyivgen_ex() in crypto/evp/p5_crpt2.c runs whatever count the file holds
   * (2^31 takes many minutes). What real tools write is far below: OpenSSL 2048, the JDK 10,000,
   * OWASP's password-storage advice 600,000 (SHA-256) to 1,300,000 (SHA-1)
   * (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html).
   */
  maxPbkdf2Iterations: 5_000_000,
  /**
   * Most iterations of a PKCS#12 MAC key derivation (RFC 7292 appendix B). pkijs runs it in
   * JavaScript, ~2.4 us an iteration here, so this is ~2.4 s. .NET refuses above 300,000 by default
   * (600,000 in its legacy loader), the JDK above 5,000,000; OpenSSL has no cap. OpenSSL writes
   * 2048, the JDK 10,000 (100,000 in its legacy mode).
   */
  maxPkcs12MacIterations: 1_000_000,
  /**
   * Most scrypt work (N * r * p, RFC 7914) an encrypted PKCS#8 key may ask for: time grows with it,
   * ~0.5 us a unit here, so ~2 s. OpenSSL writes N=16384, r=8, p=1 (131,072: 32 times less); its
   * memory ceiling (below) keeps N * r under 262,144, but nothing bounds p.
   */
  maxScryptWork: 4_194_304,
  /**
   * Most scrypt memory (128 * r * (N + p + 2) bytes) an encrypted PKCS#8 key may ask for: OpenSSL's
   * own default ceiling (SCRYPT_MAX_MEM, "memory limit exceeded" from scrypt_alg() in
   * providers/implementations/kdfs/scrypt.c), which Node's key parser uses. Checked here so the
   * message says so instead of OpenSSL's "unsupported".
   */
  maxScryptMemoryBytes: 32 * 1024 * 1024,
  /**
   * Most key-derivation work one file may ask for in total: the PKCS#12 MAC iterations plus every
   * bag's or key's iterations (scrypt: N * r * p), summed. Without it, a file of many keys each
   * under the per-key cap costs minutes. Two derivations at the per-key cap fit; no real tool comes
   * near (a PKCS#12 file from OpenSSL asks for 3 * 2048).
   */
  maxKdfWorkPerFile: 10_000_000,
  /**
   * Bytes of one PKCS#7 bundle (DER). pkijs parses it in about 2.3 s per MB here (the fuzz harness
   * found a 2.7 MB bundle of 2,000 certificates taking over 6 s); a whole public root store is
   * about 250 KB as a .p7b, a CA chain a few KB.
   */
  maxPkcs7Bytes: 512 * 1024,
  /**
   * Most PKCS#7 bytes one file may hold across all its bundles: the per-bundle bound alone lets a
   * 64 MB PEM file of many bundles cost minutes (the fuzz harness found 1,000 small bundles taking
   * 4.8 s). A file with several .p7b blocks is rare; their sum is held to one bundle's bound.
   */
  maxPkcs7BytesPerFile: 512 * 1024,
  /**
   * Most private keys (plain or encrypted) one file may hold. Node's OpenSSL decoder takes ~0.5 ms
   * a key here, so 8,000 keys in one PEM took 4.3 s to inspect (found by the fuzz harness). A key
   * file holds one key; a few hundred is already a mistake. Certificates are not counted: pkilab
   * reads them itself, ~50 us each.
   */
  maxPrivateKeysPerFile: 256,
} as const;

const megabytes = (bytes: number): string => `${bytes / 1048576} MB`;

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
 * async read costs a thread-pool round trip each. One open, fstat and read: a stat by path, then
 * readFileSync (which opens and fstats again) and a copy cost ~25 ms more in 2,000 files (measured).
 */
export function readBytes(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    throw unopenable(file, err);
  }
  try {
    const info = fstatSync(fd);
    checkReadable(file, info);
    // A pipe or device (<(…), /dev/stdin), or a file that says it is empty (/proc, some FUSE
    // mounts), has no size to trust up front: read it up to the cap.
    return info.isFile() && info.size > 0 ? readSized(fd, info.size) : readCapped(fd, file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read: ${describeFsError(err)}`);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // What was read is read; a close that fails changes nothing for the caller.
    }
  }
}

function checkReadable(file: string, info: Stats): void {
  if (info.isDirectory()) throw new InputError(`${file}: is a directory, not a file: name a file inside it`);
  if (info.size > IO_LIMITS.maxFileBytes) {
    throw new InputError(`${file}: too large (${Math.round(info.size / 1048576)} MB; at most ${megabytes(IO_LIMITS.maxFileBytes)}, IO_LIMITS.maxFileBytes): split it into smaller files`);
  }
}

/**
 * Why a file could not be opened, in the words readBytes used when it stat'ed the path first: a
 * path that leads nowhere is the path's fault; a file that is there (a directory, too large, or
 * refused) is the file's.
 */
function unopenable(file: string, err: unknown): InputError {
  let info: Stats;
  try {
    info = statSync(file);
  } catch (statError) {
    return new InputError(`${file}: ${describeFsError(statError)}: check the path`);
  }
  try {
    checkReadable(file, info);
  } catch (refused) {
    if (refused instanceof InputError) return refused;
  }
  return new InputError(`${file}: cannot read: ${describeFsError(err)}`);
}

/** A regular file of `size` bytes (fewer if it shrank since fstat; what it grew by is not read). */
function readSized(fd: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let done = 0;
  while (done < size) {
    const n = readSync(fd, bytes, done, size - done, null);
    if (n === 0) return bytes.subarray(0, done);
    done += n;
  }
  return bytes;
}

function readCapped(fd: number, file: string): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(1 << 16);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return new Uint8Array(Buffer.concat(chunks, total));
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > IO_LIMITS.maxFileBytes) {
      throw new InputError(`${file}: more than ${megabytes(IO_LIMITS.maxFileBytes)} (IO_LIMITS.maxFileBytes): give a regular file of at most that size`);
    }
  }
}

/**
 * Splits a file into its items: PEM blocks, or one DER structure. Encrypted private keys are
 * checked against IO_LIMITS' key-derivation bounds here, so no caller can run an absurd derivation.
 * @param expected what the caller wants, for messages ("a certificate", "a private key").
 */
export function readMaterial(bytes: Uint8Array, file: string, expected = "a certificate"): Material[] {
  const text = Buffer.from(bytes).toString("latin1");
  if (text.trim() === "") throw new InputError(`${file}: the file is empty: expected ${expected} (PEM or DER)`);
  let items: Material[];
  if (text.includes("-----BEGIN ")) items = readPem(text, file);
  else if (bytes[0] === 0x30) items = [classifyDer(bytes, file)];
  else throw new InputError(`${file}: neither PEM nor DER (${sniff(bytes)}): expected ${expected}; give a PEM or DER file`);
  checkItemCounts(items, file);
  checkKeyDerivation(items, file);
  return items;
}

/** The per-file bounds on items whose decoding is not pkilab's own (OpenSSL, pkijs): checked before any is decoded. */
function checkItemCounts(items: Material[], file: string): void {
  let keys = 0;
  let pkcs7Bytes = 0;
  for (const item of items) {
    if (item.kind === "private-key" || item.kind === "encrypted-private-key") keys++;
    if (item.kind === "pkcs7") pkcs7Bytes += item.der.length;
  }
  if (keys > IO_LIMITS.maxPrivateKeysPerFile) {
    throw new InputError(
      `${file}: holds ${keys} private keys, more than pkilab reads from one file (IO_LIMITS.maxPrivateKeysPerFile = ${IO_LIMITS.maxPrivateKeysPerFile}): give one key per file`,
    );
  }
  if (pkcs7Bytes > IO_LIMITS.maxPkcs7BytesPerFile) {
    throw new InputError(
      `${file}: its PKCS#7 bundles hold ${pkcs7Bytes} bytes together, more than pkilab reads from one file (IO_LIMITS.maxPkcs7BytesPerFile = ${IO_LIMITS.maxPkcs7BytesPerFile}): give the certificates as PEM instead (openssl pkcs7 -print_certs -in ${file} -out certs.pem)`,
    );
  }
}

/** A PEM label as a message shows it: RFC 7468 labels are a few words; a longer one is cut. */
function shortLabel(label: string): string {
  const collapsed = label.replace(/ {2,}/g, " ").trim();
  return collapsed.length > 40 ? `${collapsed.slice(0, 40)}…` : collapsed;
}

function readPem(text: string, file: string): Material[] {
  const items: Material[] = [];
  const begin = /-----BEGIN ([A-Z0-9 #]+)-----/g;
  let match: RegExpExecArray | null;
  while ((match = begin.exec(text))) {
    const label = match[1] ?? "";
    const endMarker = `-----END ${label}-----`;
    // The label comes from the file: messages show it with spaces collapsed and cut (they are one line).
    const shown = shortLabel(label);
    const end = text.indexOf(endMarker, begin.lastIndex);
    const index = items.length + 1;
    if (end < 0) throw new InputError(`${file}: PEM block ${index} (${shown}) has no "-----END ${shown}-----" line: the file is truncated`);
    const kind = PEM_LABELS[label];
    if (!kind) throw new InputError(`${file}: PEM block ${index} is "${shown}", which pkilab does not read: expected CERTIFICATE`);
    const body = text.slice(begin.lastIndex, end);
    // RFC 1421 headers (Proc-Type, DEK-Info) of legacy encrypted keys end at the first blank line.
    const encrypted = /Proc-Type:\s*4,ENCRYPTED/.test(body);
    const base64 = (encrypted || /^\s*[A-Za-z-]+:/.test(body) ? body.slice(body.search(/\r?\n\s*\r?\n/) + 1) : body).replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0 || base64.length === 0) {
      throw new InputError(`${file}: PEM block ${index} (${shown}) is not valid base64: the file is corrupted`);
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
    if (err instanceof DerError && err.limit) throw new InputError(`${file}: ${err.message}: ${PAST_DER_LIMIT}`);
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

/** The limits a key derivation is checked against. */
type KdfLimit = "maxPbkdf2Iterations" | "maxPkcs12MacIterations" | "maxScryptWork";

/** What one key derivation (decrypting a key or bag, checking a MAC) asks for, read before it runs. */
export interface KdfCost {
  /** Whose derivation, for messages: "private key 2 (ENCRYPTED PRIVATE KEY)", "the PKCS#12 MAC". */
  what: string;
  /** What `amount` counts: "PBKDF2 iterations", "scrypt work (N*r*p)". */
  unit: string;
  /** -1 for a negative count, Infinity past 2^53 (see derCount). */
  amount: number;
  limit: KdfLimit;
  /** What real tools write, for messages: "OpenSSL writes 2048". */
  usual: string;
  /** scrypt only: the memory it needs, 128 * r * (N + p + 2) bytes. */
  memoryBytes?: number;
}

/** An IO_LIMITS bound was crossed: pkilab refuses the work whatever else is wrong with the input. */
export class LimitExceeded extends InputError {}

/**
 * The key-derivation work one file may cost (IO_LIMITS): each derivation is checked against its own
 * cap and the file's running total before it runs, so the refusal costs nothing.
 */
export class KdfBudget {
  private spent = 0;

  /** @param fix what to do when a limit is crossed (the end of the message). */
  constructor(
    private readonly file: string,
    private readonly fix: string,
  ) {}

  spend(cost: KdfCost): void {
    const { what, unit, amount, limit, usual } = cost;
    if (!(amount >= 1)) {
      throw new InputError(`${this.file}: ${what} has ${amount < 0 ? "a negative" : "a zero"} count of ${unit} (at least 1 is valid): the file is corrupted`);
    }
    const cap = IO_LIMITS[limit];
    if (amount > cap) {
      throw new LimitExceeded(`${this.file}: ${what} asks for ${countWords(amount)} ${unit}, more than IO_LIMITS.${limit} (${cap}; ${usual}): ${this.fix}`);
    }
    if (cost.memoryBytes !== undefined && cost.memoryBytes > IO_LIMITS.maxScryptMemoryBytes) {
      throw new LimitExceeded(
        `${this.file}: ${what} asks scrypt for ${Math.ceil(cost.memoryBytes / 1048576)} MB of memory, more than IO_LIMITS.maxScryptMemoryBytes (${megabytes(IO_LIMITS.maxScryptMemoryBytes)}, OpenSSL's own ceiling): ${this.fix}`,
      );
    }
    this.spent += amount;
    if (this.spent > IO_LIMITS.maxKdfWorkPerFile) {
      throw new LimitExceeded(
        `${this.file}: its encrypted contents together ask for ${countWords(this.spent)} key-derivation iterations, more than IO_LIMITS.maxKdfWorkPerFile (${IO_LIMITS.maxKdfWorkPerFile} for one file): ${this.fix}`,
      );
    }
  }
}

const countWords = (n: number): string => (Number.isFinite(n) ? String(n) : "more than 2^53");

/**
 * A DER INTEGER's content octets (two's complement, big-endian) as a count: -1 when negative,
 * Infinity past 2^53. Read from the bytes, so a 4-byte count is not misread (asn1js gives 0 for
 * integers of 4 bytes or more).
 */
export function derCount(octets: Uint8Array): number {
  if (octets.length === 0 || ((octets[0] ?? 0) & 0x80) !== 0) return -1;
  let value = 0;
  for (const octet of octets) {
    value = value * 256 + octet;
    if (value > Number.MAX_SAFE_INTEGER) return Number.POSITIVE_INFINITY;
  }
  return value;
}

const OID = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  scrypt: "1.3.6.1.4.1.11591.4.11",
};

/** Every encrypted PKCS#8 key of a file is checked before anyone decrypts it (legacy PEM encryption runs one MD5: nothing to bound). */
function checkKeyDerivation(items: Material[], file: string): void {
  const budget = new KdfBudget(file, `if the key is trusted, re-encrypt it with a usual count: openssl pkcs8 -topk8 -in ${file} -out new-key.pem`);
  for (const item of items) {
    if (item.kind !== "encrypted-private-key" || !(item.format === "ENCRYPTED PRIVATE KEY" || item.format.startsWith("DER"))) continue;
    const what = `private key ${item.index} (${item.format})`;
    let cost: KdfCost | undefined;
    try {
      cost = pkcs8KeyDerivation(item.der, what);
    } catch (err) {
      if (!(err instanceof DerError)) throw err;
      throw new InputError(`${file}: ${what} is not a valid encrypted PKCS#8 key (${err.message}): the file is corrupted or truncated`);
    }
    if (cost) budget.spend(cost);
  }
}

/**
 * What decrypting an EncryptedPrivateKeyInfo (RFC 5208 section 6) costs, from its algorithm
 * parameters: PBES2 with PBKDF2 or scrypt (RFC 8018 A.2 and A.4, RFC 7914 section 7), PBES1 and
 * PKCS#12 PBE (RFC 8018 A.3, RFC 7292 appendix C: SEQUENCE { salt, iterationCount }). Undefined for
 * a scheme Node cannot run either (it refuses it). Throws DerError when the parameters are damaged.
 */
function pkcs8KeyDerivation(der: Uint8Array, what: string): KdfCost | undefined {
  const algorithm = field(der, readNode(der, 0), 0, Tag.sequence, "encryptionAlgorithm");
  const scheme = oidString(der, field(der, algorithm, 0, Tag.oid, "encryption scheme"));
  const count = (node: DerNode, i: number, name: string): number => derCount(content(der, field(der, node, i, Tag.integer, name)));
  if (scheme === OID.pbes2) {
    const kdf = field(der, field(der, algorithm, 1, Tag.sequence, "PBES2 parameters"), 0, Tag.sequence, "keyDerivationFunc");
    const kdfOid = oidString(der, field(der, kdf, 0, Tag.oid, "key derivation function"));
    const kdfParams = field(der, kdf, 1, Tag.sequence, "key derivation parameters");
    if (kdfOid === OID.pbkdf2) {
      return { what, unit: "PBKDF2 iterations", amount: count(kdfParams, 1, "iterationCount"), limit: "maxPbkdf2Iterations", usual: "OpenSSL writes 2048" };
    }
    if (kdfOid === OID.scrypt) {
      const [n, r, p] = [count(kdfParams, 1, "scrypt N"), count(kdfParams, 2, "scrypt r"), count(kdfParams, 3, "scrypt p")];
      const invalid = [n, r, p].find((value) => !(value >= 1));
      return {
        what,
        unit: "scrypt work (N*r*p)",
        amount: invalid ?? n * r * p,
        limit: "maxScryptWork",
        usual: "OpenSSL writes N=16384, r=8, p=1",
        memoryBytes: 128 * r * (n + p + 2),
      };
    }
    return undefined;
  }
  const params = children(der, algorithm)[1];
  const pbe = params?.tag === Tag.sequence ? children(der, params) : [];
  if (pbe[0]?.tag === Tag.octetString && pbe[1]?.tag === Tag.integer) {
    return { what, unit: "PBE iterations", amount: derCount(content(der, pbe[1])), limit: "maxPbkdf2Iterations", usual: "OpenSSL writes 2048" };
  }
  return undefined;
}

/** Child `i` of `node`, which must be there with `tag`. */
function field(der: Uint8Array, node: DerNode, i: number, tag: number, name: string): DerNode {
  const found = children(der, node)[i];
  if (found?.tag !== tag) throw new DerError(`${name} is missing or malformed`);
  return found;
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
 * The certificates in a file, at least one. Anything else (a key, a CSR) is an InputError that says
 * what the file is instead. PKCS#7 bundles and PKCS#12 files (with options.password) are opened.
 */
export async function readCertificateFile(file: string, options: ReadOptions = {}): Promise<[CertFacts, ...CertFacts[]]> {
  const bytes = readBytes(file);
  return certificatesFromMaterial(readMaterial(bytes, file, options.role), file, options);
}

export async function certificatesFromMaterial(items: Material[], file: string, options: ReadOptions = {}): Promise<[CertFacts, ...CertFacts[]]> {
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
  // Checked just above: there is at least one.
  return certs as [CertFacts, ...CertFacts[]];
}

/** What to do about well-formed DER past one of DER_LIMITS (src/asn1/der-reader.ts), which OpenSSL and TLS peers refuse too. */
const PAST_DER_LIMIT = "larger than any TLS peer accepts, not a damaged file: check where it came from";

/**
 * Parses one certificate of a file; a broken one is an InputError naming the file and position.
 * OpenSSL's "TRUSTED CERTIFICATE" (`trustedForm`) is a certificate followed by trust settings, which
 * OpenSSL applies when it is a trust anchor: they are read into CertFacts.auxTrust.
 */
export function parseCertificateItem(der: Uint8Array, file: string, index: number, trustedForm = false): CertFacts {
  const end = trustedForm ? safeEnd(der) : der.length;
  try {
    const facts = parseCertificate(der.subarray(0, end), `${file}#${index}`);
    if (trustedForm) facts.auxTrust = readAuxTrust(der, end, file, index);
    return facts;
  } catch (err) {
    if (err instanceof CertificateParseError) {
      // A well-formed certificate past DER_LIMITS is not corrupted: say what it is.
      throw new InputError(`${file}: certificate ${index} is not a valid certificate (${err.message}): ${err.limit ? PAST_DER_LIMIT : "the file is corrupted or truncated"}`);
    }
    throw err;
  }
}

function readAuxTrust(der: Uint8Array, end: number, file: string, index: number): CertFacts["auxTrust"] {
  try {
    return parseAuxTrust(der, end);
  } catch (err) {
    if (!(err instanceof DerError)) throw err;
    // d2i_X509_AUX() fails the same way: OpenSSL (and so nginx) refuses to load the file.
    throw new InputError(`${file}: certificate ${index} (TRUSTED CERTIFICATE) has damaged trust settings after the certificate (${err.message}): the file is corrupted; write it again with openssl x509 -addtrust/-addreject, or as a plain CERTIFICATE`);
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
