// The fuzz harness's own view of DER (X.690), independent of src/asn1/der-reader.ts so that a bug
// there cannot hide itself: a value is parsed into a tree once, a structure-aware mutation edits the
// tree (a tag, a content, an element duplicated), and the tree is written back with the lengths of
// every enclosing value recomputed, so the edit reaches the parser past the outer layers.

/** One TLV. Values nobody edited keep their original bytes, so a seed writes back byte for byte. */
export interface DerTree {
  tag: number;
  /** The content of a primitive value (for a constructed one, see `children`). */
  content: Uint8Array;
  /** Parsed children: of a constructed value, or DER wrapped in an OCTET STRING or BIT STRING. */
  children?: DerTree[];
  /** "bit": the content is one unused-bits octet (0) then the wrapped DER (a BIT STRING). */
  wrapped?: "octet" | "bit";
  /** The original encoding, cleared by an edit to this value or to anything inside it. */
  original?: Uint8Array;
  /** A length field that lies about the content (the values around it still get true lengths). */
  badLength?: BadLength;
  /** The root of parseDerList(): written as its children only. */
  headerless?: boolean;
}

/** Ways a length field can be wrong, each a classic parser trap. */
export const BAD_LENGTHS = ["minus-one", "plus-one", "zero", "indefinite", "max-4-byte", "5-byte", "non-minimal"] as const;
export type BadLength = (typeof BAD_LENGTHS)[number];

/** Deepest nesting the parser follows; deeper values stay primitive (mutations can still reach them as bytes). */
const MAX_PARSE_DEPTH = 64;

interface Header {
  tag: number;
  contentStart: number;
  end: number;
}

/** Reads one TLV header with a definite length that fits in `limit`; undefined when it does not. */
function readHeader(buf: Uint8Array, offset: number, limit: number): Header | undefined {
  if (offset + 2 > limit) return undefined;
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) return undefined;
  const first = buf[offset + 1]!;
  let length = first;
  let contentStart = offset + 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[offset + 2 + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  return end <= limit ? { tag, contentStart, end } : undefined;
}

/** Parses a run of TLVs that exactly fills [start, end); undefined if it does not. */
function parseList(buf: Uint8Array, start: number, end: number, depth: number): DerTree[] | undefined {
  const out: DerTree[] = [];
  for (let offset = start; offset < end; ) {
    const node = parseAt(buf, offset, end, depth);
    if (!node) return undefined;
    out.push(node.tree);
    offset = node.end;
  }
  return out;
}

function parseAt(buf: Uint8Array, offset: number, limit: number, depth: number): { tree: DerTree; end: number } | undefined {
  const header = readHeader(buf, offset, limit);
  if (!header) return undefined;
  const { tag, contentStart, end } = header;
  const tree: DerTree = { tag, content: buf.subarray(contentStart, end), original: buf.subarray(offset, end) };
  if (depth < MAX_PARSE_DEPTH) {
    if (tag & 0x20) {
      tree.children = parseList(buf, contentStart, end, depth + 1);
    } else if (tag === 0x04 && end > contentStart && isConstructedTag(buf[contentStart]!)) {
      // extnValue, a PKCS#8 privateKey, a PKCS#12 bag: DER inside an OCTET STRING.
      const inner = parseList(buf, contentStart, end, depth + 1);
      if (inner) Object.assign(tree, { children: inner, wrapped: "octet" });
    } else if (tag === 0x03 && end > contentStart + 1 && buf[contentStart] === 0 && isConstructedTag(buf[contentStart + 1]!)) {
      // An RSA subjectPublicKey, an ECDSA signature: DER inside a BIT STRING.
      const inner = parseList(buf, contentStart + 1, end, depth + 1);
      if (inner) Object.assign(tree, { children: inner, wrapped: "bit" });
    }
  }
  return { tree, end };
}

/** Only SEQUENCE/SET-like values are taken for wrapped DER: random key bytes rarely parse as those. */
const isConstructedTag = (tag: number): boolean => (tag & 0x20) !== 0 && (tag & 0x1f) !== 0x1f;

/** The tree of one DER value filling `der`; undefined when `der` is not one well-formed TLV. */
export function parseDer(der: Uint8Array): DerTree | undefined {
  const node = parseAt(der, 0, der.length, 0);
  return node && node.end === der.length ? node.tree : undefined;
}

/**
 * Several DER values one after the other (OpenSSL's TRUSTED CERTIFICATE: the certificate, then its
 * trust settings) as one tree whose root has no header of its own.
 */
export function parseDerList(der: Uint8Array): DerTree | undefined {
  const children = parseList(der, 0, der.length, 0);
  return children && children.length > 1 ? { tag: 0, content: der, children, headerless: true, original: der } : undefined;
}

/** Minimal definite-length header (X.690 8.1.3). */
export function header(tag: number, length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(tag, length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(tag, 0x80 | bytes.length, ...bytes);
}

/** The content octets of `tree` as written now. */
function contentOf(tree: DerTree): Uint8Array {
  if (!tree.children) return tree.content;
  const parts = tree.children.map(writeDer);
  if (tree.wrapped === "bit") parts.unshift(Uint8Array.of(0));
  return Buffer.concat(parts);
}

/** A header whose length field is wrong in the way `bad` says. */
function badHeader(tag: number, length: number, bad: BadLength): Uint8Array {
  switch (bad) {
    case "minus-one":
      return header(tag, Math.max(0, length - 1));
    case "plus-one":
      return header(tag, length + 1);
    case "zero":
      return header(tag, 0);
    case "indefinite": // BER only (X.690 8.1.3.6); DER forbids it
      return Uint8Array.of(tag, 0x80);
    case "max-4-byte":
      return Uint8Array.of(tag, 0x84, 0xff, 0xff, 0xff, 0xff);
    case "5-byte":
      return Uint8Array.of(tag, 0x85, 0, 0, 0, (length >> 8) & 0xff, length & 0xff);
    case "non-minimal": // the right length in a longer form than DER allows (X.690 10.1)
      return Uint8Array.of(tag, 0x82, (length >> 8) & 0xff, length & 0xff);
  }
}

/** Writes `tree` back: the original bytes where nothing changed, fresh lengths around every edit. */
export function writeDer(tree: DerTree): Uint8Array {
  if (tree.original) return tree.original;
  const body = contentOf(tree);
  if (tree.headerless) return body;
  const head = tree.badLength ? badHeader(tree.tag, body.length, tree.badLength) : header(tree.tag, body.length);
  return Buffer.concat([head, body]);
}

/** One value of a tree and the position of the value that holds it, for edits that must mark them changed. */
export interface DerPosition {
  node: DerTree;
  parent?: DerPosition;
}

/**
 * The values of the tree in document order (pre-order), the root first, at most `limit` of them:
 * after an element is duplicated 100,000 times, listing every copy's descendants would cost
 * gigabytes, and an edit needs only a position to land on.
 */
export function positions(root: DerTree, limit = 10_000): DerPosition[] {
  const out: DerPosition[] = [];
  const stack: DerPosition[] = [{ node: root }];
  while (stack.length > 0 && out.length < limit) {
    const at = stack.pop()!;
    out.push(at);
    const kids = at.node.children ?? [];
    // Only as many children as can still be listed (the last ones pushed are visited first).
    for (let i = Math.min(kids.length, limit) - 1; i >= 0; i--) stack.push({ node: kids[i]!, parent: at });
  }
  return out;
}

/** Marks a value and everything around it as edited, so they are written with new lengths. */
export function touch(at: DerPosition): void {
  for (let p: DerPosition | undefined = at; p; p = p.parent) delete p.node.original;
}

/** Where `at.node` sits in its parent's children, or undefined for the root. */
export function siblingsOf(at: DerPosition): { list: DerTree[]; index: number } | undefined {
  const list = at.parent?.node.children;
  return list ? { list, index: list.indexOf(at.node) } : undefined;
}
