/**
 * A minimal, bounds-checked DER reader: enough to take certificates, keys and CSRs apart in one
 * pass without an ASN.1 schema library (asn1js `fromBER` costs ~0.25 ms per certificate; this
 * walks only the nodes asked for). Malformed input throws DerError, never reads out of bounds.
 *
 * A value a structure requires may be absent in hostile input (an empty `[3]`, an empty
 * AlgorithmIdentifier): every reader below takes `DerNode | undefined` and turns an absent node
 * into a DerError naming what is missing, and `expectChildren` names a missing field by position,
 * so no caller can dereference a node that is not there.
 */

/** The bounds on what one DER input may cost. Each DerError that enforces one names it. */
export const DER_LIMITS = {
  /**
   * Most values one constructed value (SEQUENCE, SET, [n]) may hold: the SANs of a certificate,
   * its extensions, name-constraint subtrees, the RDNs of a name. Each becomes an object pkilab
   * keeps and later compares (hosts against SANs, names against constraints), so this bounds that
   * work too. Real certificates carry at most a few hundred SANs (Let's Encrypt issues at most 100
   * names per certificate, https://letsencrypt.org/docs/rate-limits/), and 10,000 dNSNames are
   * ~250 KB of DER, more than OpenSSL accepts for a peer's whole chain by default
   * (SSL_MAX_CERT_LIST_DEFAULT, 100 KB, include/openssl/ssl.h): no TLS peer receives such a
   * certificate. A CRL's revoked list is counted without this bound (countChildren): large CAs
   * publish CRLs with more entries.
   */
  maxChildren: 10_000,
  /**
   * Longest encoding of one distinguished name (subject, issuer, directoryName), in bytes. OpenSSL
   * refuses longer ones ("much larger than anything we should ever see in practice": X509_NAME_MAX,
   * crypto/x509/x_name.c); each byte of a name costs pkilab ~20 in attributes, display text and
   * comparison key, which this keeps to ~20 MB a name.
   */
  maxNameBytes: 1024 * 1024,
} as const;

export class DerError extends Error {
  constructor(
    message: string,
    /** Set when the input is well-formed but past one of DER_LIMITS: the file is too big, not corrupted. */
    readonly limit?: keyof typeof DER_LIMITS,
  ) {
    super(message);
    this.name = "DerError";
  }
}

export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  teletexString: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  visibleString: 0x1a,
  universalString: 0x1c,
  bmpString: 0x1e,
  sequence: 0x30,
  set: 0x31,
} as const;

/**
 * A DER rule (X.690 clause 10 and 11) that an input breaks in a way BER allows, so the value still
 * reads the same; the reader records it (recordDeviations) instead of refusing or smoothing it over.
 * - non-minimal-length: long form where the short form would do, or leading zero length octets (X.690 10.1).
 * - non-minimal-integer: an INTEGER whose first 9 bits are all 0 or all 1 (X.690 8.3.2, a BER rule too).
 * - boolean-not-00-ff: TRUE as a byte other than FF (X.690 11.1).
 * - bit-string-padding-not-zero: a set bit among a BIT STRING's unused bits (X.690 11.2.1).
 */
export type DerDeviationKind = "non-minimal-length" | "non-minimal-integer" | "boolean-not-00-ff" | "bit-string-padding-not-zero";

export interface DerDeviation {
  kind: DerDeviationKind;
  /** Offset of the tag byte of the value that breaks it, in the input given to recordDeviations (-1: not inside it). */
  offset: number;
}

/** Where deviations go while recordDeviations runs; undefined otherwise (then they are not kept). */
let deviationLog: { input: Uint8Array; list: DerDeviation[] } | undefined;

/**
 * Runs `read` over `input` and returns what it returns with the non-DER encodings the readers
 * met on the way, each once, in the order met. Readers of values inside `input` (an extension's
 * value is a subarray of the certificate) report offsets in `input`. Synchronous: the log is
 * module state for the duration of `read` only, so the readers keep their signatures and the
 * common case (no deviation) costs a comparison, not an allocation.
 */
export function recordDeviations<T>(input: Uint8Array, read: () => T): { value: T; deviations: DerDeviation[] } {
  const outer = deviationLog;
  const log = { input, list: [] as DerDeviation[] };
  deviationLog = log;
  try {
    return { value: read(), deviations: log.list };
  } finally {
    deviationLog = outer;
  }
}

/** Records that the value whose tag byte is at `buf[start]` breaks a DER rule (when recording). */
function deviation(kind: DerDeviationKind, buf: Uint8Array, start: number): void {
  const log = deviationLog;
  if (log === undefined) return;
  const at = buf.buffer === log.input.buffer ? buf.byteOffset + start - log.input.byteOffset : -1;
  const offset = at >= 0 && at < log.input.length ? at : -1;
  // A value may be read twice (a list walked for its length, then for its items): keep it once.
  if (log.list.some((d) => d.kind === kind && d.offset === offset)) return;
  log.list.push({ kind, offset });
}

/** One TLV inside `buf`: offsets, never copies. */
export interface DerNode {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

/** Reads the TLV at `offset`, checking that it fits inside `limit` (default: the buffer). */
export function readNode(buf: Uint8Array, offset: number, limit = buf.length): DerNode {
  if (offset + 2 > limit) throw new DerError("truncated: a value starts at the end of the data");
  // offset + 1 < limit <= buf.length: both header bytes exist.
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError("unsupported multi-byte tag");
  const first = buf[offset + 1]!;
  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = offset + 2;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw new DerError("indefinite length is not DER");
    if (count > 4) throw new DerError("length too large");
    if (offset + 2 + count > limit) throw new DerError("truncated length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[offset + 2 + i]!;
    contentStart = offset + 2 + count;
    // DER (X.690 10.1): the short form below 128, else no leading zero octet.
    if (length < 0x80 || buf[offset + 2] === 0) deviation("non-minimal-length", buf, offset);
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError("truncated: a value is longer than the data that holds it");
  return { tag, start: offset, contentStart, end };
}

/** `node`, or a DerError saying that `what` is missing (hostile input leaves required values out). */
function present(node: DerNode | undefined, what: string): DerNode {
  if (node === undefined) throw new DerError(`${what}: missing`);
  return node;
}

/**
 * The children of a constructed node (SEQUENCE, SET, [n] EXPLICIT, OCTET STRING wrappers), at most
 * DER_LIMITS.maxChildren of them. `what` names the node in messages.
 */
export function children(buf: Uint8Array, node: DerNode | undefined, what = "value"): DerNode[] {
  const parent = present(node, what);
  const out: DerNode[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    if (out.length === DER_LIMITS.maxChildren) {
      throw new DerError(`${what}: more than ${DER_LIMITS.maxChildren} values in one list (DER_LIMITS.maxChildren)`, "maxChildren");
    }
    const child = readNode(buf, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** How many children a constructed node has, without keeping them (a CRL's revoked list may be long). */
export function countChildren(buf: Uint8Array, node: DerNode | undefined, what = "value"): number {
  const parent = present(node, what);
  let count = 0;
  for (let offset = parent.contentStart; offset < parent.end; count++) offset = readNode(buf, offset, parent.end).end;
  return count;
}

/** DerNode for each name of a tuple of field names. */
type NodesFor<Names extends readonly string[]> = { -readonly [K in keyof Names]: DerNode };

/**
 * The children of a constructed value with tag `tag` whose first fields are required: a missing
 * one is a DerError naming it ("extension: missing extnValue"). The named fields come back typed
 * as present; optional ones after them may be undefined.
 */
export function expectChildren<const Names extends readonly string[]>(
  buf: Uint8Array,
  node: DerNode | undefined,
  tag: number,
  what: string,
  names: Names,
): [...NodesFor<Names>, ...DerNode[]] {
  const list = children(buf, expectTag(node, tag, what), what);
  if (list.length < names.length) throw new DerError(`${what}: missing ${names[list.length]}`);
  // Checked just above: the first names.length entries exist.
  return list as [...NodesFor<Names>, ...DerNode[]];
}

/** Reads exactly one node spanning the whole buffer; trailing bytes are an error. */
export function readWhole(buf: Uint8Array): DerNode {
  const node = readNode(buf, 0);
  if (node.end !== buf.length) throw new DerError(`${buf.length - node.end} bytes of trailing data after the value`);
  return node;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  const found = present(node, what);
  if (found.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${found.tag.toString(16)}`);
  return found;
}

/** The content octets of a node (without tag and length). */
export function content(buf: Uint8Array, node: DerNode | undefined, what = "value"): Uint8Array {
  const found = present(node, what);
  return buf.subarray(found.contentStart, found.end);
}

/** The whole encoding of a node (tag, length and content). */
export function raw(buf: Uint8Array, node: DerNode | undefined, what = "value"): Uint8Array {
  const found = present(node, what);
  return buf.subarray(found.start, found.end);
}

/**
 * Dotted text of an OBJECT IDENTIFIER. Refused as OpenSSL refuses them (crypto/asn1/a_object.c
 * `ossl_c2i_ASN1_OBJECT()`, X.690 8.19.2): an empty one, a sub-identifier that starts with 0x80 (so
 * `2.5.29.19` has exactly one encoding and no look-alike can pass for basicConstraints), and a
 * last one that is cut short. Arcs past 2^53 are read exactly with BigInt.
 */
export function oidString(buf: Uint8Array, node: DerNode | undefined, what = "object identifier"): string {
  const bytes = content(buf, expectTag(node, Tag.oid, what));
  if (bytes.length === 0) throw new DerError(`${what}: empty`);
  if (bytes[bytes.length - 1]! & 0x80) throw new DerError(`${what}: the last sub-identifier is cut short`);
  const arcs: string[] = [];
  let value = 0;
  let arcStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (i === arcStart && byte === 0x80) throw new DerError(`${what}: a sub-identifier has a leading 0x80 (not DER)`);
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    // 7 bytes hold 49 bits: anything longer may be past 2^53, where a Number loses digits.
    const arc = i - arcStart < 7 ? value : bigArc(bytes.subarray(arcStart, i + 1));
    if (arcs.length > 0) arcs.push(String(arc));
    // The first sub-identifier packs two arcs, 40 * X + Y with X in 0..2 (X.690 8.19.4); a BigInt one is >= 80.
    else if (typeof arc === "bigint") arcs.push("2", String(arc - 80n));
    else if (arc < 80) arcs.push(String(Math.floor(arc / 40)), String(arc % 40));
    else arcs.push("2", String(arc - 80));
    value = 0;
    arcStart = i + 1;
  }
  return arcs.join(".");
}

function bigArc(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 7n) | BigInt(byte & 0x7f);
  return value;
}

/** A non-negative INTEGER as hex without leading zero octets ("00" for zero). */
export function integerHex(buf: Uint8Array, node: DerNode | undefined, what = "integer"): string {
  const found = expectTag(node, Tag.integer, what);
  const bytes = content(buf, found);
  // X.690 8.3.1: an INTEGER has at least one content octet (OpenSSL: ASN1_R_ILLEGAL_ZERO_CONTENT).
  if (bytes.length === 0) throw new DerError(`${what}: empty integer`);
  checkMinimalInteger(buf, found.start, bytes);
  return Buffer.from(bytes).toString("hex").replace(/^(00)+(?=.)/, "") || "00";
}

/** A small INTEGER (pathLen, version) as a number; large values become Infinity. */
export function smallInteger(buf: Uint8Array, node: DerNode | undefined, what = "integer"): number {
  const found = expectTag(node, Tag.integer, what);
  const bytes = content(buf, found);
  if (bytes.length === 0) throw new DerError(`${what}: empty integer`);
  checkMinimalInteger(buf, found.start, bytes);
  if (bytes[0]! & 0x80) return -1;
  if (bytes.length > 6) return Number.POSITIVE_INFINITY;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

/** X.690 8.3.2: the first 9 bits of an INTEGER of 2+ octets are not all 0 nor all 1 (a leading 00 or FF that says nothing). */
function checkMinimalInteger(buf: Uint8Array, start: number, bytes: Uint8Array): void {
  if (bytes.length < 2) return;
  const first = bytes[0]!;
  const second = bytes[1]!;
  if ((first === 0x00 && second < 0x80) || (first === 0xff && second >= 0x80)) deviation("non-minimal-integer", buf, start);
}

export function booleanValue(buf: Uint8Array, node: DerNode | undefined, what = "boolean"): boolean {
  const found = expectTag(node, Tag.boolean, what);
  const bytes = content(buf, found);
  // X.690 8.2.1: exactly one octet (OpenSSL: ASN1_R_BOOLEAN_IS_WRONG_LENGTH).
  if (bytes.length !== 1) throw new DerError(`${what}: a BOOLEAN has ${bytes.length} octets instead of 1`);
  const value = bytes[0]!;
  // X.690 11.1: DER's TRUE is FF; BER takes any non-zero octet as TRUE, and so does this.
  if (value !== 0x00 && value !== 0xff) deviation("boolean-not-00-ff", buf, found.start);
  return value !== 0;
}

/** BIT STRING content without the unused-bits octet. */
export function bitStringBytes(buf: Uint8Array, node: DerNode | undefined, what = "bit string"): Uint8Array {
  const found = expectTag(node, Tag.bitString, what);
  if (found.end === found.contentStart) throw new DerError(`${what}: empty bit string`);
  // X.690 8.6.2.2: 0..7 unused bits (OpenSSL: ASN1_R_INVALID_BIT_STRING_BITS_LEFT).
  const unused = buf[found.contentStart]!;
  if (unused > 7) throw new DerError(`${what}: ${unused} unused bits (at most 7)`);
  // X.690 11.2.1: the unused bits of the last octet are zero (BER leaves them to the sender). An
  // empty string with unused bits counts too: there is no octet to hold them (X.690 8.6.2.3).
  if (unused > 0 && (found.end === found.contentStart + 1 || (buf[found.end - 1]! & ((1 << unused) - 1)) !== 0)) {
    deviation("bit-string-padding-not-zero", buf, found.start);
  }
  return buf.subarray(found.contentStart + 1, found.end);
}

/** Which bits (0 = most significant of the first byte) are set in a named BIT STRING. */
export function setBits(buf: Uint8Array, node: DerNode | undefined, what = "bit string"): number[] {
  const bytes = bitStringBytes(buf, node, what);
  const bits: number[] = [];
  bytes.forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) bits.push(i * 8 + bit);
  });
  return bits;
}

/** Throws on bytes that are not UTF-8 instead of putting U+FFFD in their place. */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Decodes the ASN.1 string types found in names; other types come back as hex with a '#'.
 * Strings that hold no Unicode text are refused: a UTF8String that is not UTF-8, a BMPString (UCS-2)
 * or UniversalString (UCS-4) whose length is not a whole number of characters or that holds a
 * surrogate or a code point past U+10FFFF. OpenSSL refuses the whole certificate for these too,
 * because it converts every name string to UTF-8 to compare names
 * (crypto/x509/x_name.c `asn1_string_canon()` -> `ASN1_STRING_to_UTF8()`; crypto/asn1/a_utf8.c
 * `UTF8_putc()` rejects surrogates and values past U+10FFFF).
 */
export function stringValue(buf: Uint8Array, node: DerNode | undefined, what = "string"): string {
  const found = present(node, what);
  const bytes = content(buf, found);
  switch (found.tag) {
    case Tag.utf8String:
      try {
        return UTF8.decode(bytes);
      } catch {
        throw new DerError(`${what}: a UTF8String that is not valid UTF-8`);
      }
    case Tag.printableString:
    case Tag.ia5String:
    case Tag.visibleString:
    case Tag.teletexString:
      return Buffer.from(bytes).toString("latin1");
    case Tag.bmpString:
      return wideString(bytes, 2, what);
    case Tag.universalString:
      return wideString(bytes, 4, what);
    default:
      return "#" + Buffer.from(raw(buf, found)).toString("hex");
  }
}

/** Text of a BMPString (2 octets a character) or UniversalString (4), big-endian, validated. */
function wideString(bytes: Uint8Array, width: 2 | 4, what: string): string {
  const type = width === 2 ? "BMPString" : "UniversalString";
  if (bytes.length % width !== 0) throw new DerError(`${what}: a ${type} of ${bytes.length} octets (not a multiple of ${width})`);
  let text = "";
  for (let i = 0; i < bytes.length; i += width) {
    let code = 0;
    for (let j = 0; j < width; j++) code = code * 256 + bytes[i + j]!;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new DerError(`${what}: a ${type} holds U+${code.toString(16).toUpperCase()}, which is not a Unicode character`);
    }
    text += String.fromCodePoint(code);
  }
  return text;
}

/** At most 40 characters of `text`, quoted with escapes, so a message stays one short line. */
function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** UTCTime (YYMMDDHHMMSSZ, 50–99 = 19xx) or GeneralizedTime (YYYYMMDDHHMMSS[.f]Z), RFC 5280 4.1.2.5. */
export function timeValue(buf: Uint8Array, node: DerNode | undefined, what = "time"): Date {
  const found = present(node, what);
  const text = Buffer.from(content(buf, found)).toString("latin1");
  let match: RegExpExecArray | null;
  if (found.tag === Tag.utcTime) {
    match = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text);
    if (!match) throw new DerError(`${what}: bad UTCTime ${shown(text)}`);
    const yy = Number(match[1]);
    return utc(yy >= 50 ? 1900 + yy : 2000 + yy, match, 0, what);
  }
  if (found.tag === Tag.generalizedTime) {
    match = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\.\d+)?Z$/.exec(text);
    if (!match) throw new DerError(`${what}: bad GeneralizedTime ${shown(text)}`);
    return utc(Number(match[1]), match, match[7] ? Math.floor(Number(match[7]) * 1000) : 0, what);
  }
  throw new DerError(`${what}: expected a time, found tag 0x${found.tag.toString(16)}`);
}

/**
 * Date.UTC rolls fields over (minute 75 is the next hour, month 13 next January): a field out of
 * range is refused instead, as every peer pkilab models refuses it (OpenSSL crypto/asn1/a_time.c
 * `ossl_asn1_time_to_tm()` per-field min/max, at verify time: error 13/14; mbedTLS
 * library/x509.c `x509_date_is_valid()` at parse time: -0x2400; BoringSSL crypto/bytestring/cbs.c
 * `CBS_parse_utc_time()`/`CBS_parse_generalized_time()`).
 */
function utc(year: number, m: RegExpExecArray, ms: number, what: string): Date {
  const [month, hour, minute, second] = [Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) throw new DerError(`${what}: bad date ${shown(m[0])}`);
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m[3])) throw new DerError(`${what}: bad date ${shown(m[0])}`);
  return date;
}
