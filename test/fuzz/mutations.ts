// Structure-aware mutations of valid seeds, as fast-check arbitraries. A case is a seed and a short
// list of edits; every edit is plain data (positions are naturals taken modulo what is there), so
// fast-check can shrink a failing case to fewer and smaller edits, and a case can be printed and
// replayed. Edits apply in three layers, each on what the previous one wrote:
//   1. structure: DER values (inside PEM blocks for PEM seeds) or ClientHello fields and records;
//   2. text: lines, tokens, nesting, long lines, unicode (text formats, PEM, hex dumps);
//   3. bytes: flips, inserts, deletions, truncation, duplicated and spliced chunks.
import fc from "fast-check";
import { BAD_LENGTHS, header, parseDer, parseDerList, positions, siblingsOf, touch, writeDer, type DerPosition, type DerTree } from "./der.js";
import { frame, LENGTH_FIELDS, parseHello, patchLength, RENDERS, writeHello, type HelloFields, type RenderName } from "./tls.js";

/** No mutated input grows past this: big enough for the 140,000-element inputs of issue 11, small enough to stay fast. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

/** A hex dump takes up to ~5 characters per byte (mbedTLS: "  16" plus the ASCII column). */
const TEXT_GROWTH = 5;

export type Structure =
  | { kind: "der" }
  | { kind: "pem" }
  | { kind: "tls"; framing: "records" | "handshake"; render: RenderName }
  | { kind: "text" }
  /** Bytes with a layout of their own the edits do not model (a pcap capture): byte edits only. */
  | { kind: "binary" };

export interface Seed {
  /** Where the seed came from ("fixtures/logs/seed-003-nginx-info.log", "lab: clients/client/cert.pem"). */
  name: string;
  /** Why pkilab refuses this valid input with an InputError on purpose (a documented limitation); otherwise every entry point must accept it. */
  refusedBecause?: string;
  /** The input exactly as the target gets it. */
  bytes: Uint8Array;
  structure: Structure;
  /** For a "tls" seed: the handshake message the bytes hold. */
  hello?: Uint8Array;
}

/** How a text format nests: `open`/`close` around a line (inline) or as lines of their own. */
export interface NestPair {
  open: string;
  close: string;
  inline: boolean;
}

/** What the text edits of one target draw from. */
export interface TextKnowledge {
  /** Tokens of the format: directives, keywords, markers a parser keys on. */
  dictionary: readonly string[];
  nesting: readonly NestPair[];
}

// ---------------------------------------------------------------------------------------------
// Edits as data

const INTERESTING_TAGS = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x1c, 0x1e, 0x1f, 0x30, 0x31, 0x80, 0x81, 0x82, 0x86, 0x87, 0xa0, 0xa1, 0xa3, 0xff] as const;

/** Contents that break naive readers: empty, sign bits, huge integers, bad times, code points past U+10FFFF, bad UTF-8, bad OIDs. */
const INTERESTING_CONTENTS: readonly number[][] = [
  [],
  [0x00],
  [0xff],
  [0x80],
  [0x00, 0x00],
  [0x00, 0x80],
  // Counts an attacker sets (PBKDF2 and PKCS#12 MAC iterations, path lengths): 2^23 - 1, 2^31 - 1, 2^32 - 1.
  [0x7f, 0xff, 0xff],
  [0x7f, 0xff, 0xff, 0xff],
  [0x00, 0xff, 0xff, 0xff, 0xff],
  Array(9).fill(0xff),
  [0x7f, ...Array(600).fill(0xff)],
  [...Buffer.from("991231235960Z")],
  [...Buffer.from("20501301000000Z")],
  [...Buffer.from("0000000000Z")],
  [0x00, 0x11, 0x00, 0x00],
  [0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x41],
  [0xd8, 0x00],
  [0xc3, 0x28, 0xe2, 0x82],
  [0x80, 0x01],
  [0x2a, 0x86],
  [0x2a, ...Array(24).fill(0xff), 0x01],
  [0x06, 0x00],
];

/** String types (UTF8String, PrintableString, TeletexString, IA5String, UniversalString, BMPString) and contents each one forbids. */
const STRING_TAGS = [0x0c, 0x13, 0x14, 0x16, 0x1c, 0x1e] as const;
const STRING_CONTENTS: readonly number[][] = [
  [0x00, 0x11, 0x00, 0x00], // UCS-4 past U+10FFFF
  [0xff, 0xff, 0xff, 0xff],
  [0x00, 0x00, 0xd8, 0x00], // UCS-4 surrogate
  [0xd8, 0x00], // UCS-2 lone surrogate
  [0x41], // odd length for BMPString, not a multiple of 4 for UniversalString
  [0xc3, 0x28], // invalid UTF-8
  [0xe2, 0x80, 0xae, 0x41], // RIGHT-TO-LEFT OVERRIDE
  [0x61, 0x00, 0x62], // NUL inside a name
  [],
];

const countArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 3, arbitrary: fc.integer({ min: 9, max: 5000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 5001, max: 300_000 }) },
);
const position = fc.nat();

export type DerEdit =
  | { kind: "der-tag"; block: number; node: number; tag: number }
  | { kind: "der-empty"; block: number; node: number }
  | { kind: "der-remove"; block: number; node: number }
  | { kind: "der-duplicate"; block: number; node: number; count: number }
  | { kind: "der-nest"; block: number; node: number; depth: number; tag: number }
  | { kind: "der-content"; block: number; node: number; content: number[] }
  | { kind: "der-length"; block: number; node: number; form: (typeof BAD_LENGTHS)[number] }
  | { kind: "der-string"; block: number; node: number; tag: number; content: number[] }
  | { kind: "der-splice"; block: number; node: number; donor: number; donorNode: number };

export type TlsEdit =
  | { kind: "tls-ext-duplicate"; ext: number; count: number }
  | { kind: "tls-ext-remove"; ext: number }
  | { kind: "tls-ext-data"; ext: number; data: number[] }
  | { kind: "tls-ext-type"; ext: number; type: number }
  | { kind: "tls-vector"; field: "session" | "suites" | "compression" | "extensions"; change: "empty" | "odd" | "grow"; count: number }
  | { kind: "tls-length"; field: (typeof LENGTH_FIELDS)[number]; delta: number }
  | { kind: "tls-records"; size: number }
  | { kind: "tls-type"; handshakeType: number; recordType: number; recordVersion: number };

export type TextEdit =
  | { kind: "repeat-line"; line: number; count: number }
  | { kind: "delete-lines"; line: number; count: number }
  | { kind: "duplicate-lines"; line: number; lines: number; count: number }
  | { kind: "swap-lines"; a: number; b: number }
  | { kind: "insert-token"; at: number; token: number; count: number }
  | { kind: "long-line"; line: number; chunk: number; count: number }
  | { kind: "nest"; line: number; pair: number; depth: number }
  | { kind: "unicode"; at: number; text: number; count: number }
  | { kind: "join-lines" }
  | { kind: "crlf" };

export type ByteEdit =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "set-byte"; at: number; value: number }
  | { kind: "insert-bytes"; at: number; bytes: number[] }
  | { kind: "delete-bytes"; at: number; length: number }
  | { kind: "truncate"; at: number }
  | { kind: "duplicate-chunk"; at: number; length: number; count: number }
  | { kind: "splice"; at: number; donor: number; from: number; length: number };

export type Edit = DerEdit | TlsEdit | TextEdit | ByteEdit;

export interface Case {
  seed: number;
  edits: Edit[];
}

const derEdit: fc.Arbitrary<DerEdit> = fc.oneof(
  fc.record({ kind: fc.constant("der-tag" as const), block: position, node: position, tag: fc.constantFrom(...INTERESTING_TAGS) }),
  fc.record({ kind: fc.constant("der-empty" as const), block: position, node: position }),
  fc.record({ kind: fc.constant("der-remove" as const), block: position, node: position }),
  fc.record({ kind: fc.constant("der-duplicate" as const), block: position, node: position, count: countArb }),
  fc.record({ kind: fc.constant("der-nest" as const), block: position, node: position, depth: countArb, tag: fc.constantFrom(0x30, 0x31, 0xa0, 0xa3, 0x04) }),
  fc.record({
    kind: fc.constant("der-content" as const),
    block: position,
    node: position,
    content: fc.oneof(fc.constantFrom(...INTERESTING_CONTENTS), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 })),
  }),
  fc.record({ kind: fc.constant("der-length" as const), block: position, node: position, form: fc.constantFrom(...BAD_LENGTHS) }),
  fc.record({ kind: fc.constant("der-string" as const), block: position, node: position, tag: fc.constantFrom(...STRING_TAGS), content: fc.constantFrom(...STRING_CONTENTS) }),
  fc.record({ kind: fc.constant("der-splice" as const), block: position, node: position, donor: position, donorNode: position }),
);

const tlsEdit: fc.Arbitrary<TlsEdit> = fc.oneof(
  fc.record({ kind: fc.constant("tls-ext-duplicate" as const), ext: position, count: countArb }),
  fc.record({ kind: fc.constant("tls-ext-remove" as const), ext: position }),
  fc.record({
    kind: fc.constant("tls-ext-data" as const),
    ext: position,
    data: fc.oneof(fc.constantFrom<number[]>([], [0], [0xff, 0xff], [0, 0xff, 0]), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 })),
  }),
  fc.record({ kind: fc.constant("tls-ext-type" as const), ext: position, type: fc.constantFrom(0, 1, 10, 11, 13, 16, 43, 50, 51, 0x0a0a, 0xff01, 0xffff) }),
  fc.record({
    kind: fc.constant("tls-vector" as const),
    field: fc.constantFrom("session" as const, "suites" as const, "compression" as const, "extensions" as const),
    change: fc.constantFrom("empty" as const, "odd" as const, "grow" as const),
    count: countArb,
  }),
  fc.record({ kind: fc.constant("tls-length" as const), field: fc.constantFrom(...LENGTH_FIELDS), delta: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(0x7fff, 0xffff, 0xffffff)) }),
  fc.record({ kind: fc.constant("tls-records" as const), size: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 20000 })) }),
  fc.record({
    kind: fc.constant("tls-type" as const),
    handshakeType: fc.constantFrom(1, 1, 2, 0, 11, 0xff),
    recordType: fc.constantFrom(22, 22, 21, 23, 0x80),
    recordVersion: fc.constantFrom(0x0301, 0x0303, 0x0300, 0x0304, 0xfeff, 0x0002),
  }),
);

/** Strings that trip text handling: lone surrogates, BOMs, NUL, RTL marks, combining runs, astral characters. */
const UNICODE = ["\u0000", "\uFEFF", "\uD800", "\uDFFF", "\u202E", "e\u0301\u0301\u0301", "\u{1F600}", "\u00e9", "\u4e2d\u6587", "\uFFFD", "\u2028", "\r"];
/** Chunks for long lines, beside the target's own dictionary. */
const CHUNKS = ["A", "a", "*", "(", "{", " ", "0", "ab", "16 03 01 ", "a (1) ", "\t", "\\"];

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant("repeat-line" as const), line: position, count: countArb }),
  fc.record({ kind: fc.constant("delete-lines" as const), line: position, count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant("duplicate-lines" as const), line: position, lines: fc.integer({ min: 1, max: 50 }), count: countArb }),
  fc.record({ kind: fc.constant("swap-lines" as const), a: position, b: position }),
  fc.record({ kind: fc.constant("insert-token" as const), at: position, token: position, count: countArb }),
  fc.record({ kind: fc.constant("long-line" as const), line: position, chunk: position, count: countArb }),
  fc.record({ kind: fc.constant("nest" as const), line: position, pair: position, depth: countArb }),
  fc.record({ kind: fc.constant("unicode" as const), at: position, text: position, count: fc.oneof(fc.integer({ min: 1, max: 4 }), countArb) }),
  fc.constant({ kind: "join-lines" as const }),
  fc.constant({ kind: "crlf" as const }),
);

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("set-byte" as const), at: position, value: fc.oneof(fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x30, 0x0a), fc.integer({ min: 0, max: 255 })) }),
  fc.record({ kind: fc.constant("insert-bytes" as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant("delete-bytes" as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: position }),
  fc.record({ kind: fc.constant("duplicate-chunk" as const), at: position, length: fc.integer({ min: 1, max: 256 }), count: countArb }),
  fc.record({ kind: fc.constant("splice" as const), at: position, donor: position, from: position, length: fc.integer({ min: 1, max: 512 }) }),
);

/** The edits that fit a structure, weighted toward the structure-aware ones. */
export function editArbitrary(structure: Structure): fc.Arbitrary<Edit> {
  const isText = structure.kind === "text" || structure.kind === "pem" || (structure.kind === "tls" && structure.render !== "binary");
  const choices: { weight: number; arbitrary: fc.Arbitrary<Edit> }[] = [{ weight: 2, arbitrary: byteEdit }];
  if (structure.kind === "der" || structure.kind === "pem") choices.push({ weight: 5, arbitrary: derEdit });
  if (structure.kind === "tls") choices.push({ weight: 5, arbitrary: tlsEdit });
  if (isText) choices.push({ weight: structure.kind === "text" ? 6 : 2, arbitrary: textEdit });
  return fc.oneof(...choices);
}

/** A seed index and one to four edits. */
export function caseArbitrary(seeds: readonly Seed[], structure: Structure): fc.Arbitrary<Case> {
  return fc.record({ seed: fc.nat({ max: seeds.length - 1 }), edits: fc.array(editArbitrary(structure), { minLength: 1, maxLength: 4 }) });
}

// ---------------------------------------------------------------------------------------------
// Applying edits

const isDerEdit = (e: Edit): e is DerEdit => e.kind.startsWith("der-");
const isTlsEdit = (e: Edit): e is TlsEdit => e.kind.startsWith("tls-");
const BYTE_KINDS = new Set(["flip", "set-byte", "insert-bytes", "delete-bytes", "truncate", "duplicate-chunk", "splice"]);
const isByteEdit = (e: Edit): e is ByteEdit => BYTE_KINDS.has(e.kind);
const isTextEdit = (e: Edit): e is TextEdit => !isDerEdit(e) && !isTlsEdit(e) && !isByteEdit(e);

/** The size limit of the applyCase() call running now (applyCase is synchronous, so there is one at a time). */
let maxBytes = MAX_INPUT_BYTES;

/** How many copies of `unit` bytes still fit under the size limit next to `current` bytes. */
function fit(count: number, unit: number, current: number): number {
  return Math.max(0, Math.min(count, Math.floor((maxBytes - current) / Math.max(1, unit))));
}

/**
 * The input a case describes. `seeds` are the target's seeds (donors for splices); no edit grows
 * the input past `limit` bytes.
 */
export function applyCase(testCase: Case, seeds: readonly Seed[], text: TextKnowledge, limit = MAX_INPUT_BYTES): Uint8Array {
  maxBytes = limit;
  try {
    return applyEdits(testCase, seeds, text);
  } finally {
    maxBytes = MAX_INPUT_BYTES;
  }
}

function applyEdits(testCase: Case, seeds: readonly Seed[], text: TextKnowledge): Uint8Array {
  const seed = seeds[testCase.seed % seeds.length]!;
  let bytes = seed.bytes;
  const structural = testCase.edits.filter((e) => isDerEdit(e) || isTlsEdit(e));
  if (structural.length > 0) {
    if (seed.structure.kind === "der") bytes = applyDerToDer(bytes, structural.filter(isDerEdit), seeds);
    else if (seed.structure.kind === "pem") bytes = applyDerToPem(bytes, structural.filter(isDerEdit), seeds);
    else if (seed.structure.kind === "tls" && seed.hello) bytes = applyTls(seed.hello, seed.structure, bytes, structural.filter(isTlsEdit));
  }
  const textEdits = testCase.edits.filter(isTextEdit);
  if (textEdits.length > 0) {
    let s = Buffer.from(bytes).toString("latin1");
    for (const edit of textEdits) s = applyText(s, edit, text);
    bytes = new Uint8Array(Buffer.from(s, "latin1"));
  }
  for (const edit of testCase.edits.filter(isByteEdit)) bytes = applyBytes(bytes, edit, seeds);
  // Each edit keeps within the limit on its own; a hex dump of a grown ClientHello may still pass it.
  return bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
}

// --- DER ---

function applyDerToDer(der: Uint8Array, edits: DerEdit[], seeds: readonly Seed[]): Uint8Array {
  const tree = parseDer(der);
  if (!tree) return der;
  let root = tree;
  for (const edit of edits) root = applyDer(root, edit, seeds);
  return writeDer(root);
}

interface PemPart {
  text: string;
  /** For a block: its label and DER tree (undefined when the body is not DER). */
  block?: { label: string; tree?: DerTree; edited: boolean };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 #]+)-----\r?\n([A-Za-z0-9+/=\r\n]*?)-----END \1-----/g;

/** PEM text cut into blocks and the text around them, so an untouched part is written back as it was. */
export function splitPem(text: string): PemPart[] {
  const parts: PemPart[] = [];
  let last = 0;
  for (const m of text.matchAll(PEM_BLOCK)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index) });
    const der = new Uint8Array(Buffer.from(m[2]!.replace(/\s+/g, ""), "base64"));
    parts.push({ text: m[0], block: { label: m[1]!, tree: parseDer(der) ?? parseDerList(der), edited: false } });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function pemBlock(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----`;
}

function applyDerToPem(bytes: Uint8Array, edits: DerEdit[], seeds: readonly Seed[]): Uint8Array {
  const parts = splitPem(Buffer.from(bytes).toString("latin1"));
  const blocks = parts.flatMap((p) => (p.block?.tree ? [p.block] : []));
  if (blocks.length === 0) return bytes;
  for (const edit of edits) {
    const block = blocks[edit.block % blocks.length]!;
    block.tree = applyDer(block.tree!, edit, seeds);
    block.edited = true;
  }
  const text = parts.map((p) => (p.block?.edited && p.block.tree ? pemBlock(p.block.label, writeDer(p.block.tree)) : p.text)).join("");
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** The DER trees a seed holds: itself, or each block of a PEM seed. */
function donorTrees(seed: Seed): DerTree[] {
  if (seed.structure.kind === "der") {
    const tree = parseDer(seed.bytes);
    return tree ? [tree] : [];
  }
  if (seed.structure.kind === "pem") return splitPem(Buffer.from(seed.bytes).toString("latin1")).flatMap((p) => (p.block?.tree ? [p.block.tree] : []));
  return [];
}

/** Applies one edit; returns the (possibly new) root. */
function applyDer(root: DerTree, edit: DerEdit, seeds: readonly Seed[]): DerTree {
  const all = positions(root);
  // A string edit lands on a string value (a name attribute, a SAN) when there is one: those are what string readers see.
  const strings = edit.kind === "der-string" ? all.filter((p) => STRING_TAGS.some((tag) => tag === p.node.tag)) : [];
  const candidates = strings.length > 0 ? strings : all;
  const at = candidates[edit.node % candidates.length]!;
  const replace = (node: DerTree): DerTree => {
    const place = siblingsOf(at);
    if (!place) return node;
    place.list[place.index] = node;
    touch(at.parent!);
    return root;
  };
  switch (edit.kind) {
    case "der-tag":
      at.node.tag = edit.tag;
      touch(at);
      return root;
    case "der-empty":
      at.node.content = new Uint8Array(0);
      if (at.node.children) at.node.children = [];
      touch(at);
      return root;
    case "der-remove": {
      const place = siblingsOf(at);
      if (!place) return root;
      place.list.splice(place.index, 1);
      touch(at.parent!);
      return root;
    }
    case "der-duplicate": {
      const place = siblingsOf(at);
      if (!place) return root;
      const bytes = writeDer(at.node);
      const copies = fit(edit.count, bytes.length, writeDer(root).length);
      // The copies are one leaf holding the element's bytes: sharing the element itself would let a
      // later edit inside it grow every copy at once (100,000 copies x 100,000 = the machine's memory).
      const copy: DerTree = { tag: at.node.tag, content: new Uint8Array(0), original: bytes };
      const list = place.list.slice(0, place.index + 1).concat(new Array<DerTree>(copies).fill(copy), place.list.slice(place.index + 1));
      at.parent!.node.children = list;
      touch(at.parent!);
      return root;
    }
    case "der-nest": {
      // Nested as bytes, not as tree values: a 100,000-deep tree would overflow the harness's own stack.
      let bytes = writeDer(at.node);
      const depth = fit(edit.depth, 6, writeDer(root).length);
      const chunks: Uint8Array[] = [];
      let length = bytes.length;
      for (let i = 0; i < depth; i++) {
        const head = header(edit.tag, length);
        chunks.push(head);
        length += head.length;
      }
      bytes = Buffer.concat([...chunks.reverse(), bytes]);
      const nested: DerTree = { tag: edit.tag, content: new Uint8Array(0), original: bytes };
      return at.parent ? replace(nested) : nested;
    }
    case "der-content":
      at.node.content = Uint8Array.from(edit.content);
      delete at.node.children;
      delete at.node.wrapped;
      touch(at);
      return root;
    case "der-length":
      at.node.badLength = edit.form;
      touch(at);
      return root;
    case "der-string":
      at.node.tag = edit.tag;
      at.node.content = Uint8Array.from(edit.content);
      delete at.node.children;
      delete at.node.wrapped;
      touch(at);
      return root;
    case "der-splice": {
      const donors = donorTrees(seeds[edit.donor % seeds.length]!);
      const donorTree = donors[edit.donorNode % Math.max(1, donors.length)];
      if (!donorTree) return root;
      const donorPositions = positions(donorTree);
      const piece = donorPositions[edit.donorNode % donorPositions.length]!.node;
      return at.parent ? replace(piece) : piece;
    }
  }
}

// --- TLS ---

function applyTls(hello: Uint8Array, structure: Extract<Structure, { kind: "tls" }>, original: Uint8Array, edits: TlsEdit[]): Uint8Array {
  const fields = parseHello(hello);
  if (!fields) return original;
  let recordSize = 16384; // RFC 8446 5.1: a record holds at most 2^14 bytes
  let framing = structure.framing;
  let types = { handshakeType: fields.type, recordType: 22, recordVersion: recordVersionOf(original) };
  const lengthEdits: Extract<TlsEdit, { kind: "tls-length" }>[] = [];
  for (const edit of edits) {
    const exts = fields.extensions ?? [];
    const pick = (n: number): number => (exts.length ? n % exts.length : -1);
    switch (edit.kind) {
      case "tls-ext-duplicate": {
        const i = pick(edit.ext);
        // concat, not splice(...copies): spreading 100,000 arguments overflows the stack.
        if (i >= 0) fields.extensions = exts.slice(0, i).concat(new Array(fit(edit.count, TEXT_GROWTH * (4 + exts[i]!.data.length), hello.length)).fill(exts[i]!), exts.slice(i));
        break;
      }
      case "tls-ext-remove": {
        const i = pick(edit.ext);
        if (i >= 0) exts.splice(i, 1);
        break;
      }
      case "tls-ext-data": {
        const i = pick(edit.ext);
        if (i >= 0) exts[i] = { type: exts[i]!.type, data: Uint8Array.from(edit.data) };
        break;
      }
      case "tls-ext-type": {
        const i = pick(edit.ext);
        if (i >= 0) exts[i] = { type: edit.type, data: exts[i]!.data };
        break;
      }
      case "tls-vector":
        changeVector(fields, edit, hello.length);
        break;
      case "tls-length":
        lengthEdits.push(edit);
        break;
      case "tls-records":
        recordSize = edit.size;
        framing = "records";
        break;
      case "tls-type":
        types = { handshakeType: edit.handshakeType, recordType: edit.recordType, recordVersion: edit.recordVersion };
        framing = "records";
        break;
    }
  }
  fields.type = types.handshakeType;
  const written = writeHello(fields);
  let message = written.message;
  for (const edit of lengthEdits) message = patchLength({ message, lengths: written.lengths }, edit.field, edit.delta);
  const framed = framing === "records" ? frame(message, recordSize, types.recordType, types.recordVersion) : message;
  return RENDERS[structure.render](framed);
}

function recordVersionOf(bytes: Uint8Array): number {
  return bytes[0] === 22 && bytes.length > 2 ? (bytes[1]! << 8) | bytes[2]! : 0x0301;
}

function changeVector(fields: HelloFields, edit: Extract<TlsEdit, { kind: "tls-vector" }>, size: number): void {
  if (edit.field === "extensions") {
    if (edit.change === "empty") fields.extensions = [];
    else if (edit.change === "odd") delete fields.extensions;
    else if (fields.extensions?.length) fields.extensions = fields.extensions.concat(new Array(fit(edit.count, TEXT_GROWTH * 4, size)).fill({ type: 0xfafa, data: new Uint8Array(0) }));
    return;
  }
  const key: "sessionId" | "suites" | "compression" = edit.field === "session" ? "sessionId" : edit.field;
  const current = fields[key];
  if (edit.change === "empty") fields[key] = new Uint8Array(0);
  else if (edit.change === "odd") fields[key] = Buffer.concat([current, Uint8Array.of(0x13)]);
  else fields[key] = Buffer.concat(new Array<Uint8Array>(Math.max(1, fit(edit.count, TEXT_GROWTH * current.length, size))).fill(current.length ? current : Uint8Array.of(0xc0, 0x2b)));
}

// --- text ---

function applyText(s: string, edit: TextEdit, knowledge: TextKnowledge): string {
  const lines = s.split("\n");
  const line = (n: number): number => n % lines.length;
  const tokens = [...knowledge.dictionary, ...CHUNKS];
  switch (edit.kind) {
    case "repeat-line": {
      const i = line(edit.line);
      return insertLines(lines, i, new Array<string>(fit(edit.count, lines[i]!.length + 1, s.length)).fill(lines[i]!));
    }
    case "delete-lines":
      lines.splice(line(edit.line), edit.count);
      return lines.join("\n");
    case "duplicate-lines": {
      const i = line(edit.line);
      const block = lines.slice(i, i + edit.lines);
      const size = block.join("\n").length + 1;
      const copies: string[] = [];
      for (let k = fit(edit.count, size, s.length); k > 0; k--) for (const l of block) copies.push(l);
      return insertLines(lines, i, copies);
    }
    case "swap-lines": {
      const a = line(edit.a);
      const b = line(edit.b);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "insert-token": {
      const token = latin1(tokens[edit.token % tokens.length]!);
      const at = edit.at % (s.length + 1);
      return s.slice(0, at) + token.repeat(fit(edit.count, token.length, s.length)) + s.slice(at);
    }
    case "long-line": {
      const chunk = latin1(tokens[edit.chunk % tokens.length]!);
      return insertLines(lines, line(edit.line) + 1, [chunk.repeat(fit(edit.count, chunk.length, s.length))]);
    }
    case "nest": {
      if (knowledge.nesting.length === 0) return s;
      const pair = knowledge.nesting[edit.pair % knowledge.nesting.length]!;
      const depth = fit(edit.depth, pair.open.length + pair.close.length + 2, s.length);
      const i = line(edit.line);
      if (pair.inline) {
        lines[i] = pair.open.repeat(depth) + lines[i] + pair.close.repeat(depth);
        return lines.join("\n");
      }
      return insertLines(lines, i + 1, new Array<string>(depth).fill(pair.close), i, new Array<string>(depth).fill(pair.open));
    }
    case "unicode": {
      const piece = latin1(UNICODE[edit.text % UNICODE.length]!);
      const at = edit.at % (s.length + 1);
      return s.slice(0, at) + piece.repeat(fit(edit.count, piece.length, s.length)) + s.slice(at);
    }
    case "join-lines":
      return s.replace(/\r?\n/g, " ");
    case "crlf":
      return s.replace(/\r?\n/g, "\r\n");
  }
}

/**
 * `lines` with `added` inserted before line `at` (and `before` before line `beforeAt`, which must
 * not be after `at`), joined. Built with concat: splice(...added) would pass each line as an
 * argument and overflow the stack past ~100,000 of them.
 */
function insertLines(lines: string[], at: number, added: string[], beforeAt = at, before: string[] = []): string {
  return lines.slice(0, beforeAt).concat(before, lines.slice(beforeAt, at), added, lines.slice(at)).join("\n");
}

/** A string as the latin1 text of its UTF-8 bytes (the text edits work on bytes as latin1 characters). */
const latin1 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

// --- bytes ---

function applyBytes(b: Uint8Array, edit: ByteEdit, seeds: readonly Seed[]): Uint8Array {
  const at = (n: number): number => (b.length === 0 ? 0 : n % b.length);
  const out = Buffer.from(b);
  switch (edit.kind) {
    case "flip":
      if (b.length) out[at(edit.at)]! ^= 1 << edit.bit;
      return out;
    case "set-byte":
      if (b.length) out[at(edit.at)] = edit.value;
      return out;
    case "insert-bytes": {
      const i = edit.at % (b.length + 1);
      return Buffer.concat([out.subarray(0, i), Uint8Array.from(edit.bytes), out.subarray(i)]);
    }
    case "delete-bytes": {
      const i = at(edit.at);
      return Buffer.concat([out.subarray(0, i), out.subarray(i + edit.length)]);
    }
    case "truncate":
      return out.subarray(0, edit.at % (b.length + 1));
    case "duplicate-chunk": {
      const i = at(edit.at);
      const chunk = out.subarray(i, i + edit.length);
      const copies = new Array<Uint8Array>(fit(edit.count, chunk.length, b.length)).fill(chunk);
      return Buffer.concat([out.subarray(0, i), ...copies, out.subarray(i)]);
    }
    case "splice": {
      const donor = seeds[edit.donor % seeds.length]!.bytes;
      const from = donor.length ? edit.from % donor.length : 0;
      const i = at(edit.at);
      return Buffer.concat([out.subarray(0, i), donor.subarray(from, from + edit.length), out.subarray(i + edit.length)]);
    }
  }
}

/** A case as JSON (number arrays stay arrays): for reports and replay. */
export function caseToJson(testCase: Case): string {
  return JSON.stringify(testCase);
}
