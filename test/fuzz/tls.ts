// The fuzz harness's own view of a TLS ClientHello (RFC 8446 4.1.2, RFC 5246 7.4.1.2), independent
// of src/peers/parse/client-hello.ts: a hello is split into its fields so a mutation can duplicate an
// extension or empty the suite list and still send a message whose lengths agree (or, on purpose,
// one length that lies), then framed into records (RFC 8446 5.1) and written in one of the forms
// users paste: binary, plain hex, or a hex dump.

export interface HelloFields {
  /** Handshake type: 1 = client_hello. */
  type: number;
  version: Uint8Array;
  random: Uint8Array;
  sessionId: Uint8Array;
  /** The cipher_suites vector's content (2 bytes per suite). */
  suites: Uint8Array;
  compression: Uint8Array;
  /** Absent when the hello ends after compression_methods (no extensions block at all). */
  extensions?: { type: number; data: Uint8Array }[];
}

/** Splits a handshake message (type, 3-byte length, body) into fields; undefined if it is not one. */
export function parseHello(message: Uint8Array): HelloFields | undefined {
  const b = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  if (b.length < 4 + 35) return undefined;
  const end = 4 + b.readUIntBE(1, 3);
  if (end > b.length) return undefined;
  let at = 4;
  const take = (n: number): Uint8Array | undefined => {
    if (at + n > end) return undefined;
    const out = b.subarray(at, at + n);
    at += n;
    return out;
  };
  const vector = (lengthBytes: number): Uint8Array | undefined => {
    const size = take(lengthBytes);
    return size && take(Buffer.from(size).readUIntBE(0, lengthBytes));
  };
  const version = take(2);
  const random = take(32);
  const sessionId = vector(1);
  const suites = vector(2);
  const compression = vector(1);
  if (!version || !random || !sessionId || !suites || !compression) return undefined;
  const fields: HelloFields = { type: b[0]!, version, random, sessionId, suites, compression };
  if (at === end) return fields;
  const block = vector(2);
  if (!block) return undefined;
  fields.extensions = [];
  for (let i = 0; i + 4 <= block.length; ) {
    const type = (block[i]! << 8) | block[i + 1]!;
    const length = (block[i + 2]! << 8) | block[i + 3]!;
    fields.extensions.push({ type, data: block.subarray(i + 4, i + 4 + length) });
    i += 4 + length;
  }
  return fields;
}

/** The length fields a mutation may make lie, as offsets into the message writeHello() returns. */
export const LENGTH_FIELDS = ["handshake", "session", "suites", "compression", "extensions", "first-extension"] as const;
export type LengthField = (typeof LENGTH_FIELDS)[number];

export interface WrittenHello {
  message: Uint8Array;
  /** Offset and size of each length field present. */
  lengths: Partial<Record<LengthField, { at: number; size: number }>>;
}

function uint(value: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1, v = value; i >= 0; i--, v = Math.floor(v / 256)) out[i] = v & 0xff;
  return out;
}

/** Writes the fields back as one handshake message with every length true. */
export function writeHello(fields: HelloFields): WrittenHello {
  const parts: Uint8Array[] = [];
  const lengths: WrittenHello["lengths"] = {};
  let size = 4;
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes);
    size += bytes.length;
  };
  const vector = (field: LengthField | undefined, lengthBytes: number, content: Uint8Array): void => {
    if (field) lengths[field] = { at: size, size: lengthBytes };
    push(uint(content.length, lengthBytes));
    push(content);
  };
  push(fields.version);
  push(fields.random);
  vector("session", 1, fields.sessionId);
  vector("suites", 2, fields.suites);
  vector("compression", 1, fields.compression);
  if (fields.extensions) {
    const block: Uint8Array[] = [];
    for (const ext of fields.extensions) block.push(uint(ext.type, 2), uint(ext.data.length, 2), ext.data);
    const content = Buffer.concat(block);
    if (fields.extensions.length > 0) lengths["first-extension"] = { at: size + 2 + 2, size: 2 };
    vector("extensions", 2, content);
  }
  lengths.handshake = { at: 1, size: 3 };
  const message = Buffer.concat([Uint8Array.of(fields.type), uint(size - 4, 3), ...parts]);
  return { message, lengths };
}

/** Sets a length field to its true value plus `delta` (wrapping as the field's width does). */
export function patchLength(written: WrittenHello, field: LengthField, delta: number): Uint8Array {
  const place = written.lengths[field];
  if (!place) return written.message;
  const out = Buffer.from(written.message);
  const modulus = 2 ** (8 * place.size);
  const value = (((out.readUIntBE(place.at, place.size) + delta) % modulus) + modulus) % modulus;
  out.set(uint(value, place.size), place.at);
  return out;
}

/** The message in records of at most `size` bytes of content (the last may be shorter). */
export function frame(message: Uint8Array, size: number, contentType = 22, version = 0x0301): Uint8Array {
  const step = Math.max(1, Math.min(size, 0xffff));
  const parts: Uint8Array[] = [];
  let at = 0;
  do {
    const chunk = message.subarray(at, at + step);
    parts.push(Uint8Array.of(contentType, version >> 8, version & 0xff, chunk.length >> 8, chunk.length & 0xff), chunk);
    at += step;
  } while (at < message.length);
  return Buffer.concat(parts);
}

/** The handshake message inside one or more records starting at 0 (undefined if `bytes` is not records). */
export function unframe(bytes: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    if (at + 5 > bytes.length || bytes[at] !== 22) return undefined;
    const length = (bytes[at + 3]! << 8) | bytes[at + 4]!;
    parts.push(bytes.subarray(at + 5, at + 5 + length));
    at += 5 + length;
  }
  return parts.length ? Buffer.concat(parts) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The forms a user pastes (the layouts test/peers/client-hello.test.ts checks against real output)

const hex = (b: Uint8Array, sep = ""): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(sep);
const printable = (b: number): string => (b > 31 && b < 127 ? String.fromCharCode(b) : ".");
const rows = (b: Uint8Array, render: (row: Uint8Array, offset: number) => string): string => {
  let out = "";
  for (let i = 0; i < b.length; i += 16) out += render(b.subarray(i, i + 16), i);
  return out;
};

export const RENDERS = {
  binary: (b: Uint8Array): Uint8Array => b,
  /** mbedTLS debug_print_buf() (library/debug.c). */
  mbedtls: (b: Uint8Array): Uint8Array =>
    text(
      `dumping 'output record sent to network' (${b.length} bytes)\n` +
        rows(b, (row, i) => `${i.toString(16).padStart(4, "0")}: ${Array.from(row, (x) => ` ${x.toString(16).padStart(2, "0")}`).join("")}${"   ".repeat(16 - row.length)}  ${Array.from(row, printable).join("")}\n`),
    ),
  /** Wireshark "Copy > as Hex Dump". */
  wireshark: (b: Uint8Array): Uint8Array => text(rows(b, (row, i) => `${i.toString(16).padStart(4, "0")}   ${hex(row, " ").padEnd(47)}   ${Array.from(row, printable).join("")}\n`)),
  /** xxd's default layout. */
  xxd: (b: Uint8Array): Uint8Array =>
    text(rows(b, (row, i) => `${i.toString(16).padStart(8, "0")}: ${(hex(row).match(/.{1,4}/g) ?? []).join(" ").padEnd(39)}  ${Array.from(row, printable).join("")}\n`)),
  /** hexdump -C. */
  hexdump: (b: Uint8Array): Uint8Array =>
    text(rows(b, (row, i) => `${i.toString(16).padStart(8, "0")}  ${`${hex(row.subarray(0, 8), " ")}  ${hex(row.subarray(8), " ")}`.padEnd(48)}  |${Array.from(row, printable).join("")}|\n`) + `${b.length.toString(16).padStart(8, "0")}\n`),
  /** The layout of openssl s_client -debug (BIO_dump(): "0000 - 16 03 01 ...-... "); real -debug output is a seed of its own. */
  "openssl-debug": (b: Uint8Array): Uint8Array =>
    text(
      `write to 0x55d0c0a0 [0x55d0c0b0] (${b.length} bytes => ${b.length} (0x${b.length.toString(16).toUpperCase()}))\n` +
        rows(b, (row, i) => `${i.toString(16).padStart(4, "0")} - ${`${hex(row.subarray(0, 8), " ")}${row.length > 8 ? `-${hex(row.subarray(8), " ")}` : ""}`.padEnd(47)}   ${Array.from(row, printable).join("")}\n`),
    ),
  "plain-hex": (b: Uint8Array): Uint8Array => text(`${hex(b)}\n`),
  "hex-upper-wrapped": (b: Uint8Array): Uint8Array => text(`${hex(b).toUpperCase().replace(/(.{60})/g, "$1\n")}\n`),
  "hex-spaces": (b: Uint8Array): Uint8Array => text(`${hex(b, " ")}\n`),
  "hex-colons": (b: Uint8Array): Uint8Array => text(`${hex(b, ":")}\n`),
  "c-array": (b: Uint8Array): Uint8Array => text(`${Array.from(b, (x) => `0x${x.toString(16).padStart(2, "0")},`).join(" ")}\n`),
} as const;
export type RenderName = keyof typeof RENDERS;

function text(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "latin1"));
}
