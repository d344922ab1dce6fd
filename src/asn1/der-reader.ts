/**
 * A minimal, bounds-checked DER reader: enough to take certificates, keys and CSRs apart in one
 * pass without an ASN.1 schema library (asn1js `fromBER` costs ~0.25 ms per certificate; this
 * walks only the nodes asked for). Malformed input throws DerError, never reads out of bounds.
 */

export class DerError extends Error {
  constructor(message: string) {
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
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("unsupported multi-byte tag");
  const first = buf[offset + 1];
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
    for (let i = 0; i < count; i++) length = length * 256 + buf[offset + 2 + i];
    contentStart = offset + 2 + count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError("truncated: a value is longer than the data that holds it");
  return { tag, start: offset, contentStart, end };
}

/** The children of a constructed node (SEQUENCE, SET, [n] EXPLICIT, OCTET STRING wrappers). */
export function children(buf: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = node.contentStart; offset < node.end; ) {
    const child = readNode(buf, offset, node.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** Reads exactly one node spanning the whole buffer; trailing bytes are an error. */
export function readWhole(buf: Uint8Array): DerNode {
  const node = readNode(buf, 0);
  if (node.end !== buf.length) throw new DerError(`${buf.length - node.end} bytes of trailing data after the value`);
  return node;
}

export function expectTag(node: DerNode, tag: number, what: string): DerNode {
  if (node.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

export const content = (buf: Uint8Array, node: DerNode): Uint8Array => buf.subarray(node.contentStart, node.end);
export const raw = (buf: Uint8Array, node: DerNode): Uint8Array => buf.subarray(node.start, node.end);

export function oidString(buf: Uint8Array, node: DerNode): string {
  expectTag(node, Tag.oid, "object identifier");
  const bytes = content(buf, node);
  if (bytes.length === 0) throw new DerError("empty object identifier");
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs[0] < 80 ? Math.floor(arcs[0] / 40) : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join(".");
}

/** A non-negative INTEGER as hex without leading zero octets ("00" for zero). */
export function integerHex(buf: Uint8Array, node: DerNode): string {
  expectTag(node, Tag.integer, "integer");
  const bytes = content(buf, node);
  return Buffer.from(bytes).toString("hex").replace(/^(00)+(?=.)/, "") || "00";
}

/** A small INTEGER (pathLen, version) as a number; large values become Infinity. */
export function smallInteger(buf: Uint8Array, node: DerNode): number {
  expectTag(node, Tag.integer, "integer");
  const bytes = content(buf, node);
  if (bytes.length === 0) throw new DerError("empty integer");
  if (bytes[0] & 0x80) return -1;
  if (bytes.length > 6) return Number.POSITIVE_INFINITY;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

export function booleanValue(buf: Uint8Array, node: DerNode): boolean {
  expectTag(node, Tag.boolean, "boolean");
  return content(buf, node)[0] !== 0;
}

/** BIT STRING content without the unused-bits octet. */
export function bitStringBytes(buf: Uint8Array, node: DerNode): Uint8Array {
  expectTag(node, Tag.bitString, "bit string");
  if (node.end === node.contentStart) throw new DerError("empty bit string");
  return buf.subarray(node.contentStart + 1, node.end);
}

/** Which bits (0 = most significant of the first byte) are set in a named BIT STRING. */
export function setBits(buf: Uint8Array, node: DerNode): number[] {
  const bytes = bitStringBytes(buf, node);
  const bits: number[] = [];
  bytes.forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) bits.push(i * 8 + bit);
  });
  return bits;
}

/** Decodes the ASN.1 string types found in names; other types come back as hex with a '#'. */
export function stringValue(buf: Uint8Array, node: DerNode): string {
  const bytes = content(buf, node);
  switch (node.tag) {
    case Tag.utf8String:
      return new TextDecoder("utf-8").decode(bytes);
    case Tag.printableString:
    case Tag.ia5String:
    case Tag.visibleString:
    case Tag.teletexString:
      return Buffer.from(bytes).toString("latin1");
    case Tag.bmpString:
      return new TextDecoder("utf-16be").decode(bytes);
    case Tag.universalString: {
      let text = "";
      for (let i = 0; i + 3 < bytes.length; i += 4) text += String.fromCodePoint(((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0);
      return text;
    }
    default:
      return "#" + Buffer.from(raw(buf, node)).toString("hex");
  }
}

/** UTCTime (YYMMDDHHMMSSZ, 50–99 = 19xx) or GeneralizedTime (YYYYMMDDHHMMSS[.f]Z), RFC 5280 4.1.2.5. */
export function timeValue(buf: Uint8Array, node: DerNode): Date {
  const text = Buffer.from(content(buf, node)).toString("latin1");
  let match: RegExpExecArray | null;
  if (node.tag === Tag.utcTime) {
    match = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text);
    if (!match) throw new DerError(`bad UTCTime "${text}"`);
    const yy = Number(match[1]);
    return utc(yy >= 50 ? 1900 + yy : 2000 + yy, match, 0);
  }
  if (node.tag === Tag.generalizedTime) {
    match = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\.\d+)?Z$/.exec(text);
    if (!match) throw new DerError(`bad GeneralizedTime "${text}"`);
    return utc(Number(match[1]), match, match[7] ? Math.floor(Number(match[7]) * 1000) : 0);
  }
  throw new DerError(`expected a time, found tag 0x${node.tag.toString(16)}`);
}

function utc(year: number, m: RegExpExecArray, ms: number): Date {
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m[3])) throw new DerError(`bad date "${m[0]}"`);
  return date;
}
