/**
 * Decodes a TLS ClientHello the way a server sees it, from whatever a user has at hand: the raw
 * bytes, plain hex, a hex dump (mbedTLS debug output, Wireshark "Copy as Hex Dump", `openssl
 * s_client -debug` / `-msg`, xxd, hexdump -C), a whole log holding one or more of those, or a packet
 * capture (pcap/pcapng, `tshark -x` frames: pcap.ts finds the client's TCP stream).
 *
 * What a ClientHello offers decides which server certificates can work: the cipher suites name the
 * key type of the certificate (ECDSA or RSA) in TLS 1.2, supported_groups limits the curves of
 * ECDHE and, in TLS 1.2, of an ECDSA certificate's key (RFC 8422 §5.1), and signature_algorithms
 * limits how the chain may be signed (RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1). Seed 000 (fixtures/client-hello/seed-000-*) is a device
 * that offered one suite (ECDHE-ECDSA) and one curve (secp224r1); seed 001
 * (fixtures/client-hello/seed-001-*) a mail client that
 * offered only secp256r1 to a server with a P-384 certificate.
 *
 * Wire formats: record layer RFC 8446 §5.1 / RFC 5246 §6.2.1, handshake header RFC 8446 §4,
 * ClientHello RFC 8446 §4.1.2 / RFC 5246 §7.4.1.2, extensions RFC 8446 §4.2, RFC 6066 (server_name,
 * max_fragment_length), RFC 8422 §5.1 (supported_groups, ec_point_formats), RFC 8449
 * (record_size_limit), RFC 7301 (ALPN). Names come from the IANA TLS registries
 * (https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml and
 * https://www.iana.org/assignments/tls-extensiontype-values/tls-extensiontype-values.xhtml).
 */
import { concat } from "../../asn1/der-writer.js";
import { InputError } from "../../io/input-error.js";
import { MAX_RECORD_PLAINTEXT } from "../tls-sizes.js";

export interface ClientHello {
  /** legacy_version of the ClientHello body, e.g. "TLS 1.2". */
  legacyVersion: string;
  /** supported_versions extension (TLS 1.3 clients), names like "TLS 1.3". */
  supportedVersions: string[];
  /** IANA names, e.g. 0xc02b "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"; SCSVs are kept and end in "_SCSV"; GREASE is "GREASE". */
  cipherSuites: { id: number; name: string }[];
  /** supported_groups (ext 10): names like "secp256r1", "secp224r1", "x25519", "ffdhe2048"; unknown as "0x001d"-style hex. */
  groups: { id: number; name: string }[];
  /** signature_algorithms (ext 13): names like "ecdsa_secp256r1_sha256", "rsa_pkcs1_sha256", "rsa_pss_rsae_sha256"; TLS 1.2 hash/sig pairs decoded the same way (e.g. 0x0401 rsa_pkcs1_sha256, 0x0303 ecdsa_sha224). */
  signatureAlgorithms: { id: number; name: string }[];
  /** signature_algorithms_cert (ext 50, RFC 8446 §4.2.3), when the client sends it; else the chain is judged by signatureAlgorithms. */
  signatureAlgorithmsCert?: { id: number; name: string }[];
  /** host_name of server_name (ext 0, RFC 6066 §3). */
  serverName?: string;
  /** ec_point_formats (ext 11): "uncompressed", "ansiX962_compressed_prime", "ansiX962_compressed_char2". */
  pointFormats: string[];
  /** The groups of the key_share entries (ext 51), in order. */
  keyShareGroups: string[];
  /** max_fragment_length (ext 1, RFC 6066 §4) in bytes: 512, 1024, 2048 or 4096. */
  maxFragmentLength?: number;
  /** record_size_limit (ext 28, RFC 8449) in bytes. */
  recordSizeLimit?: number;
  /** application_layer_protocol_negotiation (ext 16, RFC 7301), e.g. ["h2", "http/1.1"]. */
  alpn?: string[];
  /** Every extension in the order sent; `length` is the extension_data length. */
  extensions: { id: number; name: string; length: number }[];
  /**
   * Set when the input stopped before the end of the ClientHello (a log excerpt cut short). Such a
   * hello is decoded only when its cipher suites, supported_groups and signature_algorithms are
   * complete; `extensions` then lists only the extensions that were complete.
   */
  truncated?: { declaredLength: number; presentLength: number };
  /** findClientHellos: the 1-based line of the log where the dump holding this hello starts. */
  line?: number;
}

import {
  CONTENT_TYPES,
  HANDSHAKE_TYPES,
  POINT_FORMATS,
  cipherSuiteKeyType,
  cipherSuiteName,
  extensionName,
  groupName,
  hex4,
  isGrease,
  isScsv,
  signatureSchemeName,
  versionName,
  type CertKeyType,
} from "../../knowledge/tls-registry.js";

import { mayBeWiresharkClientHello, parseWiresharkClientHello, wiresharkClientHelloStart } from "./client-hello-details.js";
import { captureFormat, helloFromCapture, helloFromFrames } from "./pcap.js";

// Names by code point, for callers that read a decoded hello (the registry itself: src/knowledge/tls-registry.ts).
export { cipherSuiteKeyType, cipherSuiteName, extensionName, groupName, isGrease, isScsv, signatureSchemeName, versionName, type CertKeyType };

/**
 * The bounds on what one input may cost; each error that enforces one names it. Work is otherwise
 * linear in the input (records are joined once, hex is read line by line), and the input itself is
 * bounded by what src/io/read.ts reads.
 */
export const CLIENT_HELLO_LIMITS = {
  /**
   * Longest handshake message decoded, in bytes after its 4-byte header: the most a ClientHello's
   * fields can add up to, which is why OpenSSL's server refuses anything longer
   * (CLIENT_HELLO_MAX_LENGTH = 131396 in ssl/statem/statem_srvr.c,
   * ossl_statem_server_max_message_size()). Real hellos are under 2 KB. It also bounds the records
   * one hello is reassembled from (each carries at least one of its bytes), and a longer message in
   * a log is taken as noise.
   */
  maxMessageBytes: 131_396,
  /**
   * Most bytes of distinct ClientHellos decoded from one input: a decoded hello holds an object per
   * suite, group and algorithm (about 30 times its size in memory). 1 MiB is hundreds of real
   * hellos, or eight of the largest OpenSSL accepts.
   */
  maxTotalHelloBytes: 1 << 20,
  /**
   * Longest text searched for hex (a dump, a log holding one), in characters. Reading hex costs
   * about 0.1 s per MB; the hex of the largest ClientHello in any layout is under 1 MB. The same
   * as LOG_LIMITS.maxLogBytes (src/explain/log.ts), which bounds the logs explain reads first.
   */
  maxTextChars: 16 * 1024 * 1024,
  /** Most lines of such a text: each costs about half a microsecond, however short. As LOG_LIMITS.maxLines. */
  maxTextLines: 500_000,
} as const;

const LIMITS_NAME = "CLIENT_HELLO_LIMITS";

/** "… (CLIENT_HELLO_LIMITS.maxMessageBytes = 131396)": a message names the limit it enforces. */
function limitNamed(limit: keyof typeof CLIENT_HELLO_LIMITS): string {
  return `${LIMITS_NAME}.${limit} = ${CLIENT_HELLO_LIMITS[limit]}`;
}

// ---------------------------------------------------------------------------------------------
// Decoding the bytes

const FIX_CAPTURE =
  "give the ClientHello the client sends: the mbedTLS 'output record sent to network' dump after 'write client hello', the Client Hello record in Wireshark, openssl s_client -msg output, or a capture of the connection (tcpdump -w hello.pcap)";
const FIX_MALFORMED = "the capture is damaged or is not a ClientHello; capture it again";
const FIX_CUT = "copy the whole dump from the log, every line up to the byte count it announces";

/** The input ended inside the ClientHello, at `where` (only thrown when the input was cut short). */
class Cut {
  constructor(readonly where: string) {}
}

const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u24 = (b: Uint8Array, at: number): number => (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;


/** "16 03 01": bytes for messages (callers pass a few). */
function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** A sequential reader; `short(what)` decides what running out of bytes means. */
class Reader {
  pos = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly short: (what: string) => never,
  ) {}
  get left(): number {
    return this.bytes.length - this.pos;
  }
  private need(n: number, what: string): void {
    if (this.pos + n > this.bytes.length) this.short(what);
  }
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }
  u16(what: string): number {
    this.need(2, what);
    const v = u16(this.bytes, this.pos);
    this.pos += 2;
    return v;
  }
  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}

const extLabel = (id: number): string => `${id} (${extensionName(id)})`;

/**
 * Decodes a ClientHello body (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2 for TLS 1.2 and earlier).
 * `body` may be shorter than `declaredLength` when the input was cut; see ClientHello.truncated.
 */
function decodeBody(body: Uint8Array, declaredLength: number, source: string): ClientHello {
  const truncated = body.length < declaredLength;
  const malformed = (problem: string): never => {
    throw new InputError(`${source}: the ClientHello is malformed: ${problem}: ${FIX_MALFORMED}`);
  };
  const r = new Reader(body, (what) => {
    if (truncated) throw new Cut(what);
    return malformed(`${what} runs past the end of the message (${declaredLength} bytes)`);
  });
  const hello: ClientHello = {
    legacyVersion: "",
    supportedVersions: [],
    cipherSuites: [],
    groups: [],
    signatureAlgorithms: [],
    pointFormats: [],
    keyShareGroups: [],
    extensions: [],
  };
  let suitesComplete = false;
  try {
    hello.legacyVersion = versionName(r.u16("the version"));
    r.take(32, "the random");
    const sessionIdLength = r.u8("the session id length");
    if (sessionIdLength > 32) malformed(`the session id is ${sessionIdLength} bytes (at most 32, RFC 8446 §4.1.2)`);
    r.take(sessionIdLength, "the session id");
    const suitesLength = r.u16("the cipher suites length");
    if (suitesLength === 0 || suitesLength % 2 !== 0) malformed(`the cipher suites length is ${suitesLength} (it must be even and at least 2)`);
    const suites = r.take(suitesLength, "the cipher suites");
    for (let i = 0; i < suites.length; i += 2) {
      const id = u16(suites, i);
      hello.cipherSuites.push({ id, name: cipherSuiteName(id) });
    }
    suitesComplete = true;
    const compressionLength = r.u8("the compression methods length");
    if (compressionLength === 0) malformed("it lists no compression method (null is required)");
    r.take(compressionLength, "the compression methods");
    // Extensions are optional before TLS 1.3 (RFC 5246 §7.4.1.2: "the presence of extensions can
    // be detected by determining whether there are bytes following the compression_methods").
    if (r.left === 0 && !truncated) return hello;
    const extensionsLength = r.u16("the extensions length");
    const extensionsEnd = r.pos + extensionsLength;
    if (!truncated && extensionsEnd !== body.length) {
      malformed(`the extensions length is ${extensionsLength} but ${body.length - r.pos} bytes follow`);
    }
    const seen = new Set<number>();
    while (r.pos < extensionsEnd) {
      const id = r.u16("an extension type");
      const length = r.u16(`the length of extension ${extLabel(id)}`);
      if (r.pos + length > extensionsEnd) {
        malformed(`extension ${extLabel(id)} says ${length} bytes but only ${extensionsEnd - r.pos} are left in the extensions`);
      }
      const data = r.take(length, `extension ${extLabel(id)}`);
      // RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a given extension block."
      if (seen.has(id)) malformed(`extension ${extLabel(id)} appears twice (RFC 8446 §4.2)`);
      seen.add(id);
      hello.extensions.push({ id, name: extensionName(id), length });
      decodeExtension(hello, id, data, malformed);
    }
    if (truncated) malformed(`it declares ${declaredLength} bytes but its extensions end after ${extensionsEnd}`);
    return hello;
  } catch (err) {
    if (!(err instanceof Cut)) throw err;
    const has = (id: number): boolean => hello.extensions.some((e) => e.id === id);
    if (suitesComplete && has(10) && has(13)) {
      hello.truncated = { declaredLength, presentLength: body.length };
      return hello;
    }
    const missing = suitesComplete ? [10, 13].filter((id) => !has(id)).map(extensionName) : [];
    const lost = missing.length > 0 ? ` (so ${missing.join(" and ")} cannot be read)` : "";
    throw new InputError(
      `${source}: the ClientHello is cut off: it declares ${declaredLength} bytes but only ${body.length} are present, and the input ends in ${err.where}${lost}: ${FIX_CUT}`,
    );
  }
}

/** Fills `hello` from one extension's data; list lengths must match exactly, as real peers require. */
function decodeExtension(hello: ClientHello, id: number, data: Uint8Array, malformed: (problem: string) => never): void {
  const label = `extension ${extLabel(id)}`;
  const r = new Reader(data, (what) => malformed(`${label}: ${what} runs past the extension's ${data.length} bytes`));
  /** A vector<2..2^16-2> of uint16 code points filling the rest of the extension. */
  const u16List = (what: string): number[] => {
    const length = r.u16(`the ${what} length`);
    if (length % 2 !== 0 || length !== r.left) malformed(`${label}: the ${what} length ${length} does not match the ${r.left} bytes that follow`);
    const list = r.take(length, `the ${what}`);
    const ids: number[] = [];
    for (let i = 0; i < list.length; i += 2) ids.push(u16(list, i));
    return ids;
  };
  const named = (ids: number[], name: (id: number) => string) => ids.map((i) => ({ id: i, name: name(i) }));
  switch (id) {
    case 0: {
      // RFC 6066 §3: ServerNameList; only host_name (0) is defined.
      const length = r.u16("the server name list length");
      if (length !== r.left) malformed(`${label}: the server name list length ${length} does not match the ${r.left} bytes that follow`);
      while (r.left > 0) {
        const type = r.u8("the name type");
        const name = r.take(r.u16("the name length"), "the host name");
        if (type === 0 && hello.serverName === undefined) hello.serverName = Buffer.from(name).toString("latin1");
      }
      break;
    }
    case 1: {
      // RFC 6066 §4: 1 = 2^9, 2 = 2^10, 3 = 2^11, 4 = 2^12 bytes.
      const code = r.u8("the max fragment length");
      if (code >= 1 && code <= 4) hello.maxFragmentLength = 1 << (8 + code);
      break;
    }
    case 10:
      hello.groups = named(u16List("group list"), groupName);
      break;
    case 11: {
      const formats = r.take(r.u8("the point format list length"), "the point formats");
      hello.pointFormats = Array.from(formats, (f) => POINT_FORMATS[f] ?? `0x${f.toString(16).padStart(2, "0")}`);
      break;
    }
    case 13:
      hello.signatureAlgorithms = named(u16List("signature algorithm list"), signatureSchemeName);
      break;
    case 16: {
      // RFC 7301 §3.1: ProtocolNameList.
      const length = r.u16("the protocol name list length");
      if (length !== r.left) malformed(`${label}: the protocol name list length ${length} does not match the ${r.left} bytes that follow`);
      const protocols: string[] = [];
      while (r.left > 0) protocols.push(Buffer.from(r.take(r.u8("a protocol name length"), "a protocol name")).toString("latin1"));
      hello.alpn = protocols;
      break;
    }
    case 28:
      hello.recordSizeLimit = r.u16("the record size limit");
      break;
    case 43: {
      // RFC 8446 §4.2.1: ProtocolVersion versions<2..254> in a ClientHello.
      const versions = r.take(r.u8("the version list length"), "the versions");
      if (versions.length % 2 !== 0) malformed(`${label}: the version list length ${versions.length} is odd`);
      for (let i = 0; i < versions.length; i += 2) hello.supportedVersions.push(versionName(u16(versions, i)));
      break;
    }
    case 50:
      hello.signatureAlgorithmsCert = named(u16List("signature algorithm list"), signatureSchemeName);
      break;
    case 51: {
      // RFC 8446 §4.2.8: KeyShareEntry client_shares<0..2^16-1>.
      const length = r.u16("the key share list length");
      if (length !== r.left) malformed(`${label}: the key share list length ${length} does not match the ${r.left} bytes that follow`);
      while (r.left > 0) {
        const group = r.u16("a key share group");
        r.take(r.u16("a key share length"), "a key share");
        hello.keyShareGroups.push(groupName(group));
      }
      break;
    }
    default:
      return;
  }
  if (r.left !== 0) malformed(`${label}: ${r.left} bytes are left over after its contents`);
}

/** A handshake message (type, uint24 length, body), possibly cut short. */
function decodeHandshake(message: Uint8Array, source: string): ClientHello {
  if (message.length < 4) {
    throw new InputError(`${source}: the input ends inside the handshake header (${message.length} of 4 bytes): ${FIX_CUT}`);
  }
  if (message[0] !== 1) throw notClientHello(source, message[0]!);
  const declared = u24(message, 1);
  if (declared > CLIENT_HELLO_LIMITS.maxMessageBytes) throw tooLong(declared, source);
  return decodeBody(message.subarray(4, 4 + declared), declared, source);
}

function tooLong(declared: number, source: string): InputError {
  return new InputError(
    `${source}: the ClientHello is malformed: it declares ${declared} bytes, more than any ClientHello can hold (${limitNamed("maxMessageBytes")}, as OpenSSL's server): ${FIX_MALFORMED}`,
  );
}

function notClientHello(source: string, type: number): InputError {
  const name = HANDSHAKE_TYPES[type] ?? "unknown handshake message";
  return new InputError(`${source}: this is a TLS ${name} (handshake type ${type}), not a ClientHello: ${FIX_CAPTURE}`);
}

/** A TLS record header at `at`: content type 20–24, version 3.x (SSL 3.0 … TLS 1.3). */
function isRecordHeader(b: Uint8Array, at: number): boolean {
  return b.length >= at + 3 && b[at]! >= 20 && b[at]! <= 24 && b[at + 1] === 3 && b[at + 2]! <= 4;
}

/**
 * Where a ClientHello record starts inside other bytes (an Ethernet/IP/TCP frame from Wireshark or
 * tcpdump -X): 16 03 0x LL LL 01 LL LL LL 03 0x, with the handshake length consistent with the record.
 */
function findEmbeddedRecord(b: Uint8Array): number {
  for (let i = 1; i + 11 <= b.length; i++) {
    if (b[i] !== 0x16 || b[i + 1] !== 3 || b[i + 2]! > 4 || b[i + 5] !== 1 || b[i + 9] !== 3 || b[i + 10]! > 4) continue;
    const recordLength = u16(b, i + 3);
    if (recordLength >= 4 && recordLength <= MAX_RECORD_PLAINTEXT && u24(b, i + 6) + 4 >= recordLength) return i;
  }
  return -1;
}

/**
 * Reassembles the first handshake message from consecutive handshake records (RFC 8446 §5.1). The
 * fragments are joined once at the end: a hello sent as one-byte records costs its length, not its
 * square. It ends at the length its header declares, at most CLIENT_HELLO_LIMITS.maxMessageBytes.
 */
function handshakeFromRecords(b: Uint8Array, start: number, source: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  /** The whole message's length (header included), once its 4-byte header has arrived. */
  let messageLength: number | undefined;
  let at = start;
  for (let n = 1; at < b.length; n++) {
    if (b.length - at < 5) {
      if (total === 0) throw new InputError(`${source}: the input ends inside a TLS record header: ${FIX_CUT}`);
      break;
    }
    const type = b[at]!;
    const length = u16(b, at + 3);
    if (!isRecordHeader(b, at)) {
      if (total === 0) throw notTls(b, source);
      throw new InputError(`${source}: the ClientHello is malformed: record ${n} starts with ${hexOf(b.subarray(at, at + 3))}, not a TLS record header: ${FIX_MALFORMED}`);
    }
    if (type !== 22) {
      if (total === 0) {
        throw new InputError(
          `${source}: this is a TLS ${CONTENT_TYPES[type]} record (content type ${type}), not a handshake record with a ClientHello: ${FIX_CAPTURE}`,
        );
      }
      throw new InputError(`${source}: the ClientHello is malformed: a ${CONTENT_TYPES[type]} record (record ${n}) interrupts it: ${FIX_MALFORMED}`);
    }
    if (length > MAX_RECORD_PLAINTEXT) {
      throw new InputError(`${source}: the ClientHello is malformed: record ${n} declares ${length} bytes, more than the 16384 TLS allows (RFC 8446 §5.1): ${FIX_MALFORMED}`);
    }
    const fragment = b.subarray(at + 5, Math.min(at + 5 + length, b.length));
    parts.push(fragment);
    total += fragment.length;
    at += 5 + length;
    if (fragment.length < length) break; // the input was cut inside this record
    if (messageLength === undefined && total >= 4) {
      // The header arrives once; the parts before this fragment hold at most 3 bytes.
      const header = concat(parts).subarray(0, 4);
      if (header[0] !== 1) throw notClientHello(source, header[0]!);
      const declared = u24(header, 1);
      if (declared > CLIENT_HELLO_LIMITS.maxMessageBytes) throw tooLong(declared, source);
      messageLength = 4 + declared;
    }
    if (messageLength !== undefined && total >= messageLength) break;
  }
  return concat(parts);
}

/** "47 45 54 20 2f 20 48 54 ("GET / HT")": the start of unrecognised bytes, for messages. */
function preview(b: Uint8Array): string {
  const head = b.subarray(0, 8);
  const printable = head.every((c) => c >= 0x20 && c < 0x7f);
  return `${hexOf(head)}${printable ? ` ("${Buffer.from(head).toString("latin1")}")` : ""}`;
}

function notTls(b: Uint8Array, source: string): InputError {
  return new InputError(
    `${source}: not a TLS ClientHello: the bytes start with ${preview(b)}, not a TLS handshake record (16 03 0x …) or a ClientHello message (01 …): ${FIX_CAPTURE}`,
  );
}

/** Decodes one byte string that should hold a ClientHello, with or without its record header(s). */
function decodeBytes(b: Uint8Array, source: string): ClientHello {
  if (b.length === 0) throw new InputError(`${source}: no bytes: ${FIX_CAPTURE}`);
  if (isRecordHeader(b, 0)) return decodeHandshake(handshakeFromRecords(b, 0, source), source);
  if (b[0] === 0x16 && b[1] === 0xfe) {
    throw new InputError(`${source}: this is a DTLS record (version ${versionName(u16(b, 1))}), which pkilab does not decode: capture the client over TLS (TCP)`);
  }
  if (b[0] === 1) return decodeHandshake(b, source);
  if (HANDSHAKE_TYPES[b[0]!] && b.length >= 4 && u24(b, 1) <= CLIENT_HELLO_LIMITS.maxMessageBytes) throw notClientHello(source, b[0]!);
  // RFC 5246 App. E.2: a 2-byte length with the top bit set, then msg_type 1.
  if (b.length >= 5 && (b[0]! & 0x80) !== 0 && b[2] === 1 && (b[3] === 0 || b[3] === 3)) {
    throw new InputError(`${source}: this is an SSL 2.0-format ClientHello (RFC 5246 App. E.2), which carries no TLS extensions: capture a client that sends a TLS ClientHello`);
  }
  const embedded = findEmbeddedRecord(b);
  if (embedded > 0) return decodeHandshake(handshakeFromRecords(b, embedded, source), source);
  throw notTls(b, source);
}

// ---------------------------------------------------------------------------------------------
// Finding the bytes in text

type Direction = "out" | "in" | "unknown";

/** Bytes from one hex dump (or run of plain hex lines) in a text, with what the line before it said. */
interface HexBlock {
  bytes: Uint8Array;
  /** 1-based line where the hex starts. */
  line: number;
  /** Sent or received, when the label line says so (mbedTLS, openssl -debug / -msg). */
  direction: Direction;
  /** The label announced more bytes than the dump holds: the excerpt was cut. */
  cut: boolean;
}

interface Token {
  /** Hex digits of one token: 2 (a byte) or 4/8 (xxd/tcpdump groups). */
  text: string;
  /** Column of the token's first character and one past its last, relative to the offset column. */
  col: number;
  end: number;
}

interface DumpLine {
  offset: number;
  tokens: Token[];
  line: number;
  /** The text after the offset column, to measure an ASCII column. */
  rest: string;
}

/**
 * An offset column as hex dumpers print it, anywhere on the line (mbedTLS prefixes
 * "file.c:1234: |4| " when a debug callback adds them):
 *   mbedTLS    `0000:  16 03 03 00 6f 01 00 00 6b 03 03 e2 13 bf 6d 61  ....o...k.....ma`
 *   Wireshark  `0000   16 03 01 00 8c 01 00 00 88 03 03 85 6e 1c 41 c2   ............n.A.`
 *   openssl    `0000 - 16 03 01 00 8c 01 00 00-88 03 03 85 6e 1c 41 c2   ............n.A.`
 *   xxd        `00000000: 1603 0100 8c01 0000 8803 0385 6e1c 41c2  ............n.A.`
 *   hexdump -C `00000000  16 03 01 00 8c 01 00 00  88 03 03 85 6e 1c 41 c2  |............n.A.|`
 *   tcpdump -X `	0x0000:  4500 00c0 ...`
 */
const OFFSET = /(?:0x)?([0-9A-Fa-f]{4,8})(?::|[ \t]+-)?[ \t]+/g;
const HEX_RUN = /[0-9A-Fa-f]+/y;
const SEPARATOR = /[ \t]*(?:-[ \t]*)?/y;

/** Hex tokens from `from` on: runs of 2, 4 or 8 hex digits separated by blanks or one "-". */
function tokenize(text: string, from: number, origin: number): Token[] {
  const tokens: Token[] = [];
  let at = from;
  while (at < text.length) {
    HEX_RUN.lastIndex = at;
    const run = HEX_RUN.exec(text)?.[0];
    if (!run || (run.length !== 2 && run.length !== 4 && run.length !== 8)) break;
    const after = text[at + run.length];
    if (after !== undefined && after !== " " && after !== "\t" && after !== "-") break;
    tokens.push({ text: run, col: at - origin, end: at + run.length - origin });
    at += run.length;
    SEPARATOR.lastIndex = at;
    SEPARATOR.exec(text);
    if (SEPARATOR.lastIndex === at) break;
    at = SEPARATOR.lastIndex;
  }
  return tokens;
}

function parseDumpLine(text: string, line: number): DumpLine | undefined {
  for (const m of text.matchAll(OFFSET)) {
    const at = m.index;
    if (at > 0 && !/[\s|]/.test(text[at - 1]!)) continue;
    const tokens = tokenize(text, at + m[0].length, at);
    if (tokens.length > 0) return { offset: parseInt(m[1]!, 16), tokens, line, rest: text.slice(at) };
  }
  return undefined;
}

const tokenBytes = (t: Token): number => t.text.length / 2;

/** Bytes appended as they are read, in one buffer that doubles as it fills (no array of numbers). */
class ByteSink {
  private buffer = new Uint8Array(256);
  length = 0;

  push(bytes: ArrayLike<number>): void {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** A character plain hex is never written with: most lines of a log have one, and are passed over at once. */
const NOT_PLAIN_HEX = /[^0-9A-Fa-fx\\\s,:;{}-]/;

/** Plain hex: "16 03 03", "160303", "16:03:03", "0x16, 0x03," (C arrays), "\x16\x03" (escaped strings). */
function parsePlainHexLine(text: string): Uint8Array | undefined {
  if (NOT_PLAIN_HEX.test(text)) return undefined;
  // Two passes over the characters (check and count, then write the bytes), nothing made per
  // byte: splitting a 16 MB line into its 5 million bytes took 700 MB.
  const digits = walkPlainHex(text, () => undefined);
  if (digits <= 0) return undefined;
  const bytes = new Uint8Array(digits / 2);
  let nibbles = 0;
  walkPlainHex(text, (value) => {
    bytes[nibbles >> 1] = nibbles % 2 === 0 ? value << 4 : bytes[nibbles >> 1]! | value;
    nibbles++;
  });
  return bytes;
}

/**
 * Reads plain hex, giving `digit` each hex digit's value in order, and returns how many there are,
 * or -1 when the text is not plain hex: runs of digits between separators, each a whole number of
 * bytes, where "0x" or "\x" before two digits is a prefix and ends the run after them ("0x1603" is
 * 16 03, as the /(?:0x|\\x)([0-9A-Fa-f]{2})/g replacement this replaces read it); an "x" or "\" that
 * is not a prefix is not hex. The other characters are separators (NOT_PLAIN_HEX let only those by).
 */
function walkPlainHex(text: string, digit: (value: number) => void): number {
  let run = 0;
  let digits = 0;
  /** Closes the current run; false when it holds half a byte. */
  const endRun = (): boolean => {
    if (run % 2 !== 0) return false;
    digits += run;
    run = 0;
    return true;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    const prefix = (code === 0x30 || code === 0x5c) && text.charCodeAt(i + 1) === 0x78; // "0x", "\x"
    const high = hexValue(text.charCodeAt(i + 2));
    const low = hexValue(text.charCodeAt(i + 3));
    if (prefix && high >= 0 && low >= 0) {
      digit(high);
      digit(low);
      run += 2;
      i += 4;
      if (!endRun()) return -1;
      continue;
    }
    const value = hexValue(code);
    if (value >= 0) {
      digit(value);
      run++;
    } else if (code === 0x78 || code === 0x5c || !endRun()) {
      return -1;
    }
    i++;
  }
  return endRun() ? digits : -1;
}

/** 0 to 15 for a hex digit's character code, -1 for any other. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

interface Label {
  direction: Direction;
  declared?: number;
}

/** openssl -msg's "[length 0104]"; searched from a position, so `g`. */
const MSG_LENGTH = /\[length ([0-9a-fA-F]+)\]/g;

/** What the line before a dump says about it: direction and announced size. */
function readLabel(text: string): Label {
  const direction = (words: string): Direction =>
    /\b(output|sent|send|write|written)\b/i.test(words) ? "out" : /\b(input|received|receive|read|fetch)\b/i.test(words) ? "in" : "unknown";
  // mbedTLS debug_print_buf(): "dumping 'output record sent to network' (116 bytes)"
  const mbed = /dumping '([^']*)' \((\d+) bytes\)/.exec(text);
  if (mbed) return { direction: direction(mbed[1]!), declared: Number(mbed[2]) };
  // openssl -debug (BIO_debug_callback): "write to 0x55d… [0x55d…] (145 bytes => 145 (0x91))"
  const bio = /\b(write to|read from) 0x[0-9a-f]+ \[0x[0-9a-f]+\] \(\d+ bytes => (-?\d+)/.exec(text);
  if (bio) return { direction: bio[1] === "write to" ? "out" : "in", declared: Math.max(0, Number(bio[2])) };
  // openssl -msg (SSL_trace-less msg_cb): ">>> TLS 1.3, Handshake [length 0104], ClientHello": the
  // first arrow, then the first "[length …]" after it. Found in two steps: one regex with `.*?`
  // between them re-scanned the rest of the line from every arrow of a line full of them.
  const arrow = [text.indexOf(">>> "), text.indexOf("<<< ")].filter((at) => at >= 0);
  if (arrow.length > 0) {
    const at = Math.min(arrow[0]!, arrow[1] ?? Infinity);
    MSG_LENGTH.lastIndex = at + 4;
    const length = MSG_LENGTH.exec(text);
    if (length) return { direction: text.startsWith(">>>", at) ? "out" : "in", declared: parseInt(length[1]!, 16) };
  }
  return { direction: direction(text) };
}

function pushToken(sink: number[], t: Token): void {
  for (let i = 0; i < t.text.length; i += 2) sink.push(parseInt(t.text.slice(i, i + 2), 16));
}

const byteCount = (tokens: readonly Token[]): number => tokens.reduce((n, t) => n + tokenBytes(t), 0);

/**
 * The bytes of one hex dump, without offsets and without an ASCII column that happens to look like
 * hex, read line by line: a line becomes bytes when the next one arrives (then it is not the last),
 * so one line's tokens are held at a time, whatever the dump's size.
 */
class DumpReader {
  private readonly sink = new ByteSink();
  private readonly firstOffset: number;
  /** Bytes per line: the offsets of the first two lines apart. */
  private width: number | undefined;
  /** The newest line, not read yet: it may be the last, which is read differently. */
  private pending: DumpLine;
  /** Column where a full line's hex area ends (after its width-th byte), the widest seen. */
  private hexEnd = 0;

  constructor(first: DumpLine) {
    this.firstOffset = first.offset;
    this.pending = first;
  }

  /** Whether `next` is the dump's next line: its offset follows the newest line's. */
  continues(next: DumpLine): boolean {
    const prev = this.pending;
    const prevBytes = byteCount(prev.tokens);
    return this.width === undefined
      ? next.offset > prev.offset && next.offset - prev.offset <= prevBytes && next.offset - prev.offset <= 64
      : next.offset === prev.offset + this.width && prevBytes >= this.width;
  }

  add(next: DumpLine): void {
    this.width ??= next.offset - this.firstOffset;
    this.read(this.pending, this.width, false);
    this.pending = next;
  }

  /** Every byte, the pending line read as the last. */
  finish(): Uint8Array {
    if (this.width === undefined) this.readOnlyLine(this.pending);
    else this.read(this.pending, this.width, true);
    return this.sink.bytes();
  }

  /**
   * A full line's hex area ends after `width` bytes; the last (short) line's hex tokens all start
   * before that column (dumpers pad the ASCII column).
   */
  private read(line: DumpLine, width: number, last: boolean): void {
    const bytes: number[] = [];
    for (const t of line.tokens) {
      if (bytes.length + tokenBytes(t) > width || (last && this.hexEnd > 0 && t.col >= this.hexEnd)) break;
      pushToken(bytes, t);
      if (!last && bytes.length === width) this.hexEnd = Math.max(this.hexEnd, t.end);
    }
    this.sink.push(bytes);
  }

  /**
   * No second offset to learn the width from: drop a last group of tokens after a wide gap when it
   * is as long as an ASCII column for the bytes before it would be ("61 62  ab").
   */
  private readOnlyLine(line: DumpLine): void {
    const tokens = line.tokens;
    let lastGroup = 0;
    for (let i = 1; i < tokens.length; i++) if (tokens[i]!.col - tokens[i - 1]!.end >= 2) lastGroup = i;
    let keep = tokens.length;
    if (lastGroup > 0) {
      const ascii = line.rest.slice(tokens[lastGroup]!.col).trim().replace(/^\|(.*)\|$/, "$1");
      if (ascii.length === byteCount(tokens.slice(0, lastGroup))) keep = lastGroup;
    }
    const bytes: number[] = [];
    for (const t of tokens.slice(0, keep)) pushToken(bytes, t);
    this.sink.push(bytes);
  }
}

/** Every hex dump and run of plain hex lines in `text`, in order; `source` names the text in errors. */
/** The lines of a text to search for a ClientHello, within CLIENT_HELLO_LIMITS' size and line count. */
function boundedLines(text: string, source: string): string[] {
  const fix = "give the dump of the ClientHello, or the part of the log around it";
  if (text.length > CLIENT_HELLO_LIMITS.maxTextChars) {
    throw new InputError(`${source}: ${text.length} characters, more than pkilab searches for a ClientHello (${limitNamed("maxTextChars")}): ${fix}`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > CLIENT_HELLO_LIMITS.maxTextLines) {
    throw new InputError(`${source}: ${lines.length} lines, more than pkilab searches for a ClientHello (${limitNamed("maxTextLines")}): ${fix}`);
  }
  return lines;
}

function extractHexBlocks(text: string, source: string): HexBlock[] {
  const lines = boundedLines(text, source);
  const blocks: HexBlock[] = [];
  let label = "";
  let dump: DumpReader | undefined;
  let plain: ByteSink | undefined;
  let start = 0;
  let startLabel = "";
  // Dumps in a row share the label line before them: it is read once, however long it is.
  let lastLabel: { text: string; read: Label } | undefined;
  const close = () => {
    const bytes = dump ? dump.finish() : plain?.bytes();
    if (bytes && bytes.length > 0) {
      if (lastLabel?.text !== startLabel) lastLabel = { text: startLabel, read: readLabel(startLabel) };
      const { direction, declared } = lastLabel.read;
      blocks.push({ bytes, line: start, direction, cut: declared !== undefined && bytes.length < declared });
    }
    dump = undefined;
    plain = undefined;
  };
  lines.forEach((lineText, index) => {
    const line = index + 1;
    if (lineText === "") {
      close(); // what an empty line does below, without trying to read it
      return;
    }
    const d = parseDumpLine(lineText, line);
    if (d) {
      if (dump?.continues(d)) {
        dump.add(d);
        return;
      }
      if (d.offset === 0) {
        close();
        dump = new DumpReader(d);
        start = line;
        startLabel = label;
        return;
      }
    }
    const p = parsePlainHexLine(lineText);
    if (p && !dump) {
      if (!plain) {
        plain = new ByteSink();
        start = line;
        startLabel = label;
      }
      plain.push(p);
      return;
    }
    close();
    if (p) {
      plain = new ByteSink();
      plain.push(p);
      start = line;
      startLabel = label;
      return;
    }
    if (lineText.trim() !== "") label = lineText;
  });
  close();
  return blocks;
}

/**
 * The handshake bytes of one direction as records bring them: appended fragment by fragment and
 * taken message by message, each byte copied once. (Joining everything held after each record made
 * a hello sent as 70,000 one-byte records cost the square of that.)
 */
class ByteQueue {
  private parts: Uint8Array[] = [];
  /** The first part still held, and how many of its bytes are taken already. */
  private head = 0;
  private headTaken = 0;
  length = 0;

  push(part: Uint8Array): void {
    if (part.length === 0) return;
    this.parts.push(part);
    this.length += part.length;
  }

  /** The byte at `index` (< length), without taking it: looks at index + 1 parts at most. */
  at(index: number): number {
    let i = index + this.headTaken;
    for (let p = this.head; ; p++) {
      const part = this.parts[p]!;
      if (i < part.length) return part[i]!;
      i -= part.length;
    }
  }

  /** The first `n` bytes (n <= length), copied into one array and removed. */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let filled = 0; filled < n; ) {
      const part = this.parts[this.head]!;
      const chunk = part.subarray(this.headTaken, Math.min(part.length, this.headTaken + n - filled));
      out.set(chunk, filled);
      filled += chunk.length;
      this.headTaken += chunk.length;
      if (this.headTaken === part.length) {
        this.head++;
        this.headTaken = 0;
      }
    }
    this.length -= n;
    if (this.length === 0) this.clear();
    else if (this.head > 1024) {
      // Drop the parts already taken now and then, not at each take (that would copy the list each time).
      this.parts = this.parts.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  clear(): void {
    this.parts = [];
    this.head = 0;
    this.headTaken = 0;
    this.length = 0;
  }
}

/**
 * Every ClientHello in the blocks: records are reassembled per direction (a hello may span several
 * records, each in its own dump), handshake messages without a record header are read directly.
 * Anything that does not decode is skipped. With `firstOnly`, stops at the first hello found.
 * Throws an InputError past CLIENT_HELLO_LIMITS.maxTotalHelloBytes of distinct hellos.
 */
function scanBlocks(blocks: readonly HexBlock[], source: string, firstOnly: boolean): ClientHello[] {
  const found: ClientHello[] = [];
  const seen = new Set<string>();
  let decodedBytes = 0;
  const emit = (message: Uint8Array, line: number) => {
    // The same message dumped twice (openssl -debug and -msg together) is one hello. One character
    // per byte: the key costs what the message does.
    const key = Buffer.from(message.buffer, message.byteOffset, message.length).toString("latin1");
    if (seen.has(key)) return;
    seen.add(key);
    let hello: ClientHello;
    try {
      hello = decodeHandshake(message, source);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return;
    }
    decodedBytes += message.length;
    if (decodedBytes > CLIENT_HELLO_LIMITS.maxTotalHelloBytes) {
      throw new InputError(
        `${source}: holds more than ${CLIENT_HELLO_LIMITS.maxTotalHelloBytes} bytes of ClientHellos (${found.length} decoded up to line ${line}; ${limitNamed("maxTotalHelloBytes")}): give the part of the log around the connection that failed`,
      );
    }
    hello.line = line;
    found.push(hello);
  };
  interface Stream {
    queue: ByteQueue;
    line: number;
    /** A record header dumped on its own (mbedTLS 'input record header', openssl -debug reads, -msg RecordHeader). */
    header?: { bytes: Uint8Array; type: number; length: number };
  }
  const streams = new Map<Direction, Stream>();
  const drain = (s: Stream, final: boolean) => {
    const q = s.queue;
    while (q.length >= 4) {
      const length = (q.at(1) << 16) | (q.at(2) << 8) | q.at(3);
      if (length > CLIENT_HELLO_LIMITS.maxMessageBytes) {
        q.clear(); // no handshake message this long: not a handshake stream
        break;
      }
      if (q.length < 4 + length) break;
      const message = q.take(4 + length);
      if (message[0] === 1) emit(message, s.line);
    }
    if (final) {
      if (q.length >= 4 && q.at(0) === 1) emit(q.take(q.length), s.line);
      q.clear();
    }
  };
  const fragment = (s: Stream, type: number, data: Uint8Array, line: number) => {
    if (type === 22 && data.length > 0) {
      if (s.queue.length === 0) s.line = line;
      s.queue.push(data);
      drain(s, false);
    } else if (type === 20) {
      s.queue.clear(); // after ChangeCipherSpec the handshake records are encrypted
    }
  };
  for (const block of blocks) {
    if (firstOnly && found.length > 0) break;
    const b = block.bytes;
    let s = streams.get(block.direction);
    if (!s) streams.set(block.direction, (s = { queue: new ByteQueue(), line: block.line }));
    const header = s.header;
    s.header = undefined;
    if (b.length === 5 && isRecordHeader(b, 0)) {
      s.header = { bytes: b, type: b[0]!, length: u16(b, 3) };
      continue;
    }
    // The body of a record whose header was dumped on its own just before.
    if (header && b.length <= header.length && !(b.length >= 5 && sameBytes(b.subarray(0, 5), header.bytes))) {
      fragment(s, header.type, b, block.line);
      if (b.length < header.length) drain(s, true);
      continue;
    }
    let at = isRecordHeader(b, 0) ? 0 : b[0] === 1 ? -1 : findEmbeddedRecord(b);
    if (at < 0 && b[0] === 1) {
      // Handshake messages without record headers (openssl -msg, Wireshark's "Handshake Protocol" bytes).
      for (let m = 0; m + 4 <= b.length; m += 4 + u24(b, m + 1)) if (b[m] === 1) emit(b.subarray(m, m + 4 + u24(b, m + 1)), block.line);
      continue;
    }
    if (at < 0) continue;
    let cut = block.cut;
    while (at + 5 <= b.length && isRecordHeader(b, at)) {
      const length = u16(b, at + 3);
      const data = b.subarray(at + 5, Math.min(at + 5 + length, b.length));
      fragment(s, b[at]!, data, block.line);
      if (data.length < length) {
        cut = cut || data.length > 0;
        break;
      }
      at += 5 + length;
    }
    if (cut) drain(s, true);
  }
  if (!(firstOnly && found.length > 0)) for (const s of streams.values()) drain(s, true);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Text, not bytes: no control characters other than tab, CR, LF, VT, FF (UTF-8 is allowed). */
function isText(b: Uint8Array): boolean {
  for (const c of b) if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) return false;
  return true;
}

function decodeText(text: string, source: string): ClientHello {
  // Wireshark's decoded packet details carry the hello's fields, not its bytes (seed 001).
  if (mayBeWiresharkClientHello(text)) {
    const lines = boundedLines(text, source);
    const start = wiresharkClientHelloStart(lines);
    if (start >= 0) return parseWiresharkClientHello(lines, start, source);
  }
  const blocks = extractHexBlocks(text, source);
  if (blocks.length === 0) {
    if (text.trim() === "") throw new InputError(`${source}: empty: ${FIX_CAPTURE}`);
    const pem = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
    if (pem) throw new InputError(`${source}: this is a PEM file (${pem[1]}), not a ClientHello: ${FIX_CAPTURE}`);
    throw new InputError(`${source}: no hex bytes found (neither hex text nor a hex dump): ${FIX_CAPTURE}`);
  }
  // Whole frames (tshark -x, Wireshark's hex dump of a packet): the client's TCP stream, put back in order.
  const framed = helloFromFrames(blocks.map((bl) => bl.bytes), source, (n) => `the frame at line ${blocks[n - 1]!.line}`);
  if (framed) return decodeBytes(framed.bytes, `${source} (the frame at line ${blocks[framed.packet - 1]!.line}, ${framed.stream})`);
  if (blocks.length === 1) return decodeBytes(blocks[0]!.bytes, source);
  const found = scanBlocks(blocks, source, true);
  if (found.length > 0) {
    const { line: _line, ...hello } = found[0]!;
    return hello;
  }
  // Nothing decoded: explain with the block that looks most like TLS, else the longest.
  const tls = blocks.find((bl) => bl.bytes.length >= 6 && (isRecordHeader(bl.bytes, 0) || HANDSHAKE_TYPES[bl.bytes[0]!] !== undefined));
  const best = tls ?? blocks.reduce((a, bl) => (bl.bytes.length > a.bytes.length ? bl : a));
  return decodeBytes(best.bytes, `${source} (line ${best.line})`);
}

/**
 * Decodes one ClientHello. `input` is the raw bytes (a record starting 16 03 0x, several records
 * holding one hello, or the handshake message starting 01), a pcap or pcapng capture (pcap.ts) or
 * text: hex with or without separators, a hex dump, `tshark -x` frames, or a log holding one (the
 * first ClientHello in it is returned).
 * Throws InputError (exit 2) naming `source` and what was found instead.
 */
export function parseClientHello(input: Uint8Array | string, source: string): ClientHello {
  if (typeof input === "string") return decodeText(input, source);
  if (input.length === 0) throw new InputError(`${source}: the file is empty: ${FIX_CAPTURE}`);
  if (captureFormat(input)) {
    const captured = helloFromCapture(input, source);
    return decodeBytes(captured.bytes, `${source} (packet ${captured.packet}, ${captured.stream})`);
  }
  if (isText(input)) return decodeText(new TextDecoder().decode(input), source);
  return decodeBytes(input, source);
}

/**
 * Pulls every ClientHello found in a log: mbedTLS debug dumps (fixtures/logs/seed-000-mbedtls-debug.log), Wireshark "Copy as Hex
 * Dump", openssl s_client/s_server -msg and -debug output, xxd/hexdump, plain hex. Hellos split over
 * several records are reassembled; the same message dumped twice is returned once. Each result
 * carries `line`, where its dump starts. Parts that do not decode are skipped; the only errors are
 * InputErrors naming `source` past CLIENT_HELLO_LIMITS (the text's size, the hellos' total).
 */
export function findClientHellos(logText: string, source = "log"): ClientHello[] {
  return scanBlocks(extractHexBlocks(logText, source), source, false);
}
