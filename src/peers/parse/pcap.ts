/**
 * The ClientHello of a packet capture: a pcap or pcapng file (tcpdump -w, tshark/dumpcap -w,
 * Wireshark "Save As"), or the frames of `tshark -x` / Wireshark "Copy as Hex Dump" once read back
 * as bytes (src/peers/parse/client-hello.ts reads the hex). The client's TCP stream is put back in
 * sequence order from the segment that starts the hello record, so a hello sent in several segments
 * (a large one, a device with a small MSS, frames out of order or sent twice) is whole again. The
 * bytes go to the ClientHello decoder as they came off the wire; nothing else of the capture is read.
 *
 * Formats: pcap (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html §4, §5: magic
 * a1b2c3d4 microseconds, a1b23c4d nanoseconds, either byte order), pcapng
 * (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html §4.1 Section Header Block, §4.2
 * Interface Description Block, §4.3 Enhanced Packet Block, §4.4 Simple Packet Block, §4.5 the
 * obsolete Packet Block), link types from https://www.tcpdump.org/linktypes.html: NULL/loopback (0, 108),
 * Ethernet (1; what Linux captures on `lo` are), raw IP (101, 228, 229), Linux cooked SLL (113,
 * tcpdump -i any) and SLL2 (276); IPv4 (RFC 791), IPv6 (RFC 8200 §4: extension headers skipped),
 * TCP (RFC 9293 §3.1). The hello's first bytes are a TLS handshake record (RFC 8446 §5.1):
 * 16 03 0x, then handshake type 1.
 */
import { InputError } from "../../io/input-error.js";

/** The bounds on what one capture may cost; each error that enforces one names it. */
export const PCAP_LIMITS = {
  /** Largest capture read, in bytes: as IO_LIMITS.maxFileBytes (src/io/read.ts). One handshake is a few KB. */
  maxCaptureBytes: 64 * 1024 * 1024,
  /** Most packets read: each TCP segment with data is held (as a view, not a copy) until the stream is reassembled. */
  maxPackets: 200_000,
  /** Most TCP directions (address:port → address:port) told apart; a capture of one connection has two. */
  maxStreams: 10_000,
  /**
   * Most bytes of the client's stream put back together: the largest ClientHello OpenSSL's server
   * takes (CLIENT_HELLO_LIMITS.maxMessageBytes = 131396) plus a record header per 16 KB record and then some.
   */
  maxReassembledBytes: 256 * 1024,
  /** Largest packet, in bytes: pcapng's and libpcap's own cap (MAXIMUM_SNAPLEN = 262144 in pcap-int.h). */
  maxPacketBytes: 262_144,
  /** Most IPv6 extension headers skipped before the TCP header. */
  maxIpv6ExtensionHeaders: 8,
} as const;

function limitNamed(limit: keyof typeof PCAP_LIMITS): string {
  return `PCAP_LIMITS.${limit} = ${PCAP_LIMITS[limit]}`;
}

/** What to do when the capture does not hold a usable hello. */
export const FIX_PCAP =
  "capture the client's connection, starting before it connects, with `tcpdump -i any -w hello.pcap 'tcp port 443'` or `tshark -i any -f 'tcp port 443' -w hello.pcapng` (the server's port)";

export type CaptureFormat = "pcap" | "pcapng";

/** "pcap" or "pcapng" when the bytes start with either's magic number, else undefined. */
export function captureFormat(b: Uint8Array): CaptureFormat | undefined {
  if (b.length < 4) return undefined;
  const be = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const le = ((b[3]! << 24) | (b[2]! << 16) | (b[1]! << 8) | b[0]!) >>> 0;
  if (be === PCAP_MICRO || be === PCAP_NANO || le === PCAP_MICRO || le === PCAP_NANO) return "pcap";
  if (be === PCAPNG_SHB) return "pcapng"; // a palindrome: the same in both byte orders
  return undefined;
}

const PCAP_MICRO = 0xa1b2c3d4;
const PCAP_NANO = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER = 0x1a2b3c4d;

/** A packet as captured: its link type, the bytes kept and how long it was on the wire. */
interface Packet {
  linkType: number;
  data: Uint8Array;
  originalLength: number;
}

/** One TCP segment with data, from packet `packet` (1-based). */
interface Segment {
  stream: string;
  seq: number;
  payload: Uint8Array;
  packet: number;
  /** The capture kept fewer bytes than the packet had (its snap length). */
  snapped: boolean;
}

/** The client's bytes from the start of its ClientHello record, and where they came from. */
export interface CaptureHello {
  /** The client→server TCP stream from the first byte of the hello's record, in order. */
  bytes: Uint8Array;
  /** "10.0.0.5:52578 → 10.0.0.1:443" */
  stream: string;
  /** 1-based packet (or frame) number of the hello's first segment. */
  packet: number;
}

const readU16 = (b: Uint8Array, at: number, le: boolean): number => (le ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
const readU32 = (b: Uint8Array, at: number, le: boolean): number =>
  (le ? b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24) : (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

// ---------------------------------------------------------------------------------------------
// Files

/** What reading the file found besides packets: said when no hello is found. */
interface FileNotes {
  /** The file ends inside a packet or block: the capture was stopped while writing. */
  endsEarly?: string;
}

function malformed(source: string, format: CaptureFormat, problem: string): InputError {
  return new InputError(`${source}: the ${format} file is malformed: ${problem}: the file is damaged; ${FIX_PCAP}`);
}

function tooManyPackets(source: string): InputError {
  return new InputError(`${source}: more than ${PCAP_LIMITS.maxPackets} packets (${limitNamed("maxPackets")}): capture only the client's connection, e.g. with a port filter: ${FIX_PCAP}`);
}

/** Every packet of a classic pcap file (pcap §4, §5). */
function pcapPackets(b: Uint8Array, source: string, notes: FileNotes): Packet[] {
  if (b.length < 24) throw malformed(source, "pcap", `the file header is ${b.length} of 24 bytes`);
  const magic = readU32(b, 0, false);
  const le = magic !== PCAP_MICRO && magic !== PCAP_NANO;
  // The link type is the low 16 bits; the bits above may carry an FCS length (pcap §4 LinkType and additional information).
  const linkType = readU32(b, 20, le) & 0xffff;
  const packets: Packet[] = [];
  for (let at = 24; at < b.length; ) {
    if (packets.length >= PCAP_LIMITS.maxPackets) throw tooManyPackets(source);
    const n = packets.length + 1;
    if (b.length - at < 16) {
      notes.endsEarly = `the file ends inside the header of packet ${n}`;
      break;
    }
    const captured = readU32(b, at + 8, le);
    const original = readU32(b, at + 12, le);
    if (captured > PCAP_LIMITS.maxPacketBytes) {
      throw malformed(source, "pcap", `packet ${n} says it holds ${captured} bytes, more than any capture keeps (${limitNamed("maxPacketBytes")})`);
    }
    if (at + 16 + captured > b.length) {
      notes.endsEarly = `the file ends inside packet ${n} (${b.length - at - 16} of its ${captured} bytes)`;
      break;
    }
    packets.push({ linkType, data: b.subarray(at + 16, at + 16 + captured), originalLength: Math.max(original, captured) });
    at += 16 + captured;
  }
  return packets;
}

/** Every packet of a pcapng file: the sections' interfaces give each packet its link type (pcapng §4). */
function pcapngPackets(b: Uint8Array, source: string, notes: FileNotes): Packet[] {
  const packets: Packet[] = [];
  let le = false;
  let interfaces: number[] = [];
  let sectionSeen = false;
  let blocks = 0;
  for (let at = 0; at < b.length; ) {
    blocks++;
    if (b.length - at < 12) {
      notes.endsEarly = `the file ends inside block ${blocks}`;
      break;
    }
    // A Section Header Block says the byte order of the blocks after it, itself included.
    if (readU32(b, at, false) === PCAPNG_SHB) {
      if (readU32(b, at + 8, false) === PCAPNG_BYTE_ORDER) le = false;
      else if (readU32(b, at + 8, true) === PCAPNG_BYTE_ORDER) le = true;
      else throw malformed(source, "pcapng", `block ${blocks} is a section header without the byte-order magic 1a2b3c4d`);
      sectionSeen = true;
      interfaces = [];
    } else if (!sectionSeen) {
      throw malformed(source, "pcapng", "it does not start with a section header block");
    }
    const type = readU32(b, at, le);
    const length = readU32(b, at + 4, le);
    if (length < 12 || length % 4 !== 0) throw malformed(source, "pcapng", `block ${blocks} says it is ${length} bytes long (a multiple of 4, at least 12)`);
    if (length > b.length - at) {
      notes.endsEarly = `the file ends inside block ${blocks} (${b.length - at} of its ${length} bytes)`;
      break;
    }
    const block = b.subarray(at, at + length);
    const packet = (interfaceId: number, captured: number, original: number, dataAt: number): void => {
      const linkType = interfaces[interfaceId];
      if (linkType === undefined) throw malformed(source, "pcapng", `block ${blocks} is a packet of interface ${interfaceId}, which no interface description block declared`);
      if (captured > length - dataAt - 4) throw malformed(source, "pcapng", `block ${blocks} says its packet holds ${captured} bytes, more than the block's ${length}`);
      if (packets.length >= PCAP_LIMITS.maxPackets) throw tooManyPackets(source);
      packets.push({ linkType, data: block.subarray(dataAt, dataAt + captured), originalLength: Math.max(original, captured) });
    };
    if (type === 1) {
      if (length < 20) throw malformed(source, "pcapng", `block ${blocks} is an interface description of ${length} bytes (at least 20)`);
      interfaces.push(readU16(block, 8, le));
    } else if (type === 6 && length >= 32) {
      packet(readU32(block, 8, le), readU32(block, 20, le), readU32(block, 24, le), 28);
    } else if (type === 2 && length >= 32) {
      packet(readU16(block, 8, le), readU32(block, 20, le), readU32(block, 24, le), 28);
    } else if (type === 3 && length >= 16) {
      // A Simple Packet Block keeps min(original length, the interface's snap length) bytes: what the block holds.
      const original = readU32(block, 8, le);
      packet(0, Math.min(original, length - 16), original, 12);
    }
    at += length;
  }
  return packets;
}

// ---------------------------------------------------------------------------------------------
// Frames: link layer, IP, TCP

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8, 0x9100];

/** Where the IP packet starts in a frame of `linkType`, or -1 (not IP, or a link type pkilab does not read). */
function ipOffset(frame: Uint8Array, linkType: number): number {
  switch (linkType) {
    case 0:
    case 108: {
      // BSD loopback (108: OpenBSD's, in network byte order): the address family in the capturing host's byte order; IPv6 is 24, 28 or 30 by OS.
      if (frame.length < 4) return -1;
      const family = frame[0] === 0 ? frame[3]! : frame[0]!;
      return family === 2 || family === 24 || family === 28 || family === 30 ? 4 : -1;
    }
    case 1: {
      let at = 12;
      for (let tags = 0; at + 2 <= frame.length && tags <= 2; tags++) {
        const type = (frame[at]! << 8) | frame[at + 1]!;
        if (type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6) return at + 2;
        if (!ETHERTYPE_VLAN.includes(type)) return -1;
        at += 4; // an 802.1Q / 802.1ad tag
      }
      return -1;
    }
    case 101:
    case 228:
    case 229:
      return 0;
    case 113: {
      if (frame.length < 16) return -1;
      const type = (frame[14]! << 8) | frame[15]!;
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? 16 : -1;
    }
    case 276: {
      if (frame.length < 20) return -1;
      const type = (frame[0]! << 8) | frame[1]!;
      return type === ETHERTYPE_IPV4 || type === ETHERTYPE_IPV6 ? 20 : -1;
    }
    default:
      return -1;
  }
}

/** Link types read, for messages. */
const LINK_TYPES: Record<number, string> = { 0: "loopback", 108: "OpenBSD loopback", 1: "Ethernet", 101: "raw IP", 228: "raw IPv4", 229: "raw IPv6", 113: "Linux cooked (SLL)", 276: "Linux cooked v2 (SLL2)" };

function ipv6Text(b: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  // The longest run of zero groups as "::" (RFC 5952 §4.2), enough for "::1" and "fe80::…".
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLength).join(":")}`;
}

/** Why a packet did not yield a TCP segment, counted for the message when no hello is found. */
type Skip = "not IP" | "not TCP" | "an IP fragment" | "damaged";

/**
 * The TCP segment of one frame, or why there is none. The payload ends where the IP packet says it
 * ends (Ethernet pads short frames); it is cut when the capture kept fewer bytes (its snap length).
 */
function tcpSegment(frame: Uint8Array, linkType: number, packet: number, originalLength: number): Segment | Skip {
  const ip = ipOffset(frame, linkType);
  if (ip < 0 || ip >= frame.length) return "not IP";
  const version = frame[ip]! >> 4;
  let tcp: number;
  let end: number;
  let from: string;
  let to: string;
  if (version === 4) {
    const headerLength = (frame[ip]! & 0x0f) * 4;
    if (headerLength < 20 || ip + headerLength > frame.length) return "damaged";
    // A total length of 0 is what Linux captures of a segmentation-offloaded packet show: the frame holds it all.
    const declared = (frame[ip + 2]! << 8) | frame[ip + 3]!;
    const totalLength = declared === 0 ? frame.length - ip : declared;
    if (totalLength < headerLength) return "damaged";
    const fragment = (frame[ip + 6]! << 8) | frame[ip + 7]!;
    if ((fragment & 0x3fff) !== 0) return "an IP fragment"; // more-fragments set or an offset: not reassembled
    if (frame[ip + 9] !== 6) return "not TCP";
    tcp = ip + headerLength;
    end = ip + totalLength;
    const addr = (at: number) => Array.from(frame.subarray(at, at + 4)).join(".");
    from = addr(ip + 12);
    to = addr(ip + 16);
  } else if (version === 6) {
    if (ip + 40 > frame.length) return "damaged";
    const payloadLength = (frame[ip + 4]! << 8) | frame[ip + 5]!;
    end = payloadLength === 0 ? frame.length : ip + 40 + payloadLength; // 0: offloaded, as for IPv4 (or a jumbogram)
    let next = frame[ip + 6]!;
    tcp = ip + 40;
    for (let n = 0; next !== 6; n++) {
      if (next === 44) return "an IP fragment";
      // Hop-by-hop (0), routing (43), destination options (60): length in 8-byte units after the first 8; AH (51) in 4-byte units after the first 8.
      if ((next !== 0 && next !== 43 && next !== 60 && next !== 51) || n >= PCAP_LIMITS.maxIpv6ExtensionHeaders) return "not TCP";
      if (tcp + 2 > frame.length) return "damaged";
      const length = next === 51 ? (frame[tcp + 1]! + 2) * 4 : (frame[tcp + 1]! + 1) * 8;
      next = frame[tcp]!;
      tcp += length;
    }
    from = `[${ipv6Text(frame.subarray(ip + 8, ip + 24))}]`;
    to = `[${ipv6Text(frame.subarray(ip + 24, ip + 40))}]`;
  } else {
    return "not IP";
  }
  if (tcp + 20 > frame.length) return "damaged";
  const dataOffset = (frame[tcp + 12]! >> 4) * 4;
  if (dataOffset < 20 || tcp + dataOffset > end) return "damaged";
  const snapped = end > frame.length || originalLength > frame.length;
  const payload = frame.subarray(tcp + dataOffset, Math.min(end, frame.length));
  const port = (at: number) => (frame[at]! << 8) | frame[at + 1]!;
  const seq = ((frame[tcp + 4]! << 24) | (frame[tcp + 5]! << 16) | (frame[tcp + 6]! << 8) | frame[tcp + 7]!) >>> 0;
  return { stream: `${from}:${port(tcp)} → ${to}:${port(tcp + 2)}`, seq, payload, packet, snapped };
}

// ---------------------------------------------------------------------------------------------
// The client's stream

/** A handshake record carrying a ClientHello starts here: 16 03 0x LL LL 01. */
function startsClientHello(b: Uint8Array): boolean {
  return b.length >= 6 && b[0] === 0x16 && b[1] === 3 && b[2]! <= 4 && b[5] === 1;
}

/**
 * How many bytes of `stream` the first handshake message needs with its records, as far as the bytes
 * there tell: the end of the record that completes it, the end of a record cut short, or one more
 * record header when the records so far do not finish it. Undefined while its length is unknown or
 * when the records are not handshake records (the decoder says what is wrong with those).
 */
function helloRecordsLength(stream: Uint8Array): number | undefined {
  let at = 0;
  let handshake = 0;
  let needed: number | undefined;
  const header: number[] = [];
  while (at + 5 <= stream.length && stream[at] === 0x16) {
    const length = (stream[at + 3]! << 8) | stream[at + 4]!;
    if (length === 0) return undefined;
    for (let i = 0; i < length && header.length < 4 && at + 5 + i < stream.length; i++) header.push(stream[at + 5 + i]!);
    if (needed === undefined && header.length === 4) needed = 4 + ((header[1]! << 16) | (header[2]! << 8) | header[3]!);
    handshake += length;
    at += 5 + length;
    if (needed !== undefined && handshake >= needed) return at;
  }
  if (at > stream.length) return at;
  return needed === undefined ? undefined : at + 5;
}

/**
 * The client's bytes in sequence order from `start` (the hello's first segment): segments sent
 * twice, overlapping or out of order are put in place; the first copy of a byte wins. Stops at a
 * gap or at PCAP_LIMITS.maxReassembledBytes.
 */
function reassemble(start: Segment, segments: readonly Segment[]): { bytes: Uint8Array; snapped: boolean } {
  const ours = segments
    .filter((s) => s.stream === start.stream)
    .map((s) => ({ s, at: (s.seq - start.seq) | 0 })) // relative, across the 2^32 wrap
    .filter(({ s, at }) => at + s.payload.length > 0 && at < PCAP_LIMITS.maxReassembledBytes)
    .sort((a, b) => a.at - b.at || a.s.packet - b.s.packet);
  const out = new Uint8Array(PCAP_LIMITS.maxReassembledBytes);
  let end = 0;
  let snapped = false;
  for (const { s, at } of ours) {
    if (at > end) break; // a gap: a segment the capture does not have
    const from = end - at;
    if (from >= s.payload.length) continue;
    const chunk = s.payload.subarray(from, from + PCAP_LIMITS.maxReassembledBytes - end);
    out.set(chunk, end);
    end += chunk.length;
    snapped ||= s.snapped;
    if (end >= PCAP_LIMITS.maxReassembledBytes) break;
  }
  return { bytes: out.slice(0, end), snapped };
}

/** Packets read into TCP segments, with a tally of what was not TCP. */
function segmentsOf(packets: readonly { data: Uint8Array; linkType: number; originalLength: number }[], source: string): { segments: Segment[]; skipped: Map<string, number>; streams: Set<string> } {
  const segments: Segment[] = [];
  const skipped = new Map<string, number>();
  const streams = new Set<string>();
  packets.forEach((p, i) => {
    const result = tcpSegment(p.data, p.linkType, i + 1, p.originalLength);
    if (typeof result === "string") {
      const reason = result === "not IP" && LINK_TYPES[p.linkType] === undefined ? `of link type ${p.linkType}, which pkilab does not read` : result;
      skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
      return;
    }
    if (!streams.has(result.stream)) {
      if (streams.size >= PCAP_LIMITS.maxStreams) {
        throw new InputError(`${source}: more than ${PCAP_LIMITS.maxStreams} TCP streams (${limitNamed("maxStreams")}): capture only the client's connection: ${FIX_PCAP}`);
      }
      streams.add(result.stream);
    }
    if (result.payload.length > 0) segments.push(result);
  });
  return { segments, skipped, streams };
}

/**
 * The ClientHello's bytes from a list of frames: the first segment that starts a ClientHello
 * record, and its stream reassembled from there. `unit` ("packet", "frame") counts them in
 * messages and `name` names one (its 1-based index) there.
 * Returns what was found, or the words that say why not.
 */
function helloFromSegments(
  packets: readonly { data: Uint8Array; linkType: number; originalLength: number }[],
  source: string,
  unit: "packet" | "frame",
  name: (packet: number) => string,
): CaptureHello | { missing: string } {
  const { segments, skipped, streams } = segmentsOf(packets, source);
  const first = segments.find((s) => startsClientHello(s.payload));
  if (!first) {
    const parts: string[] = [];
    const listed = [...streams].slice(0, 4).join(", ");
    if (streams.size > 0) parts.push(`TCP streams seen: ${listed}${streams.size > 4 ? ` and ${streams.size - 4} more` : ""}; ${segments.length} segments with data`);
    for (const [reason, count] of skipped) parts.push(`${count} ${unit}${count === 1 ? "" : "s"} ${reason}`);
    // A hello that does not start a segment: the capture began inside it, or the client is not TLS.
    return { missing: `no TLS ClientHello in ${packets.length} ${unit}${packets.length === 1 ? "" : "s"}${parts.length > 0 ? ` (${parts.join("; ")})` : ""}` };
  }
  const { bytes, snapped } = reassemble(first, segments);
  const needed = helloRecordsLength(bytes);
  // A length past what can be reassembled is the decoder's to refuse (CLIENT_HELLO_LIMITS.maxMessageBytes).
  if (needed !== undefined && bytes.length < needed && bytes.length < PCAP_LIMITS.maxReassembledBytes) {
    const where = `${source}: ${name(first.packet)} (${first.stream}) starts a ClientHello of ${needed} bytes (records included), but the capture holds only its first ${bytes.length}`;
    if (snapped) {
      throw new InputError(`${where}: the capture kept only the start of each packet (its snap length): capture again without a snap length (tcpdump -s 0, tshark -s 0)`);
    }
    return { missing: `${where.slice(source.length + 2)}: a TCP segment of the hello is not in the ${unit === "packet" ? "capture" : "text"}` };
  }
  return { bytes, stream: first.stream, packet: first.packet };
}

/**
 * The client's bytes from the start of the first ClientHello in a pcap or pcapng file (the first
 * connection's; a capture holding several is read for its first, as a log is). Throws InputError
 * naming `source` when the file is damaged, past PCAP_LIMITS, or holds no whole ClientHello.
 */
export function helloFromCapture(b: Uint8Array, source: string): CaptureHello {
  const format = captureFormat(b);
  if (!format) throw new InputError(`${source}: not a pcap or pcapng file: ${FIX_PCAP}`);
  if (b.length > PCAP_LIMITS.maxCaptureBytes) {
    throw new InputError(`${source}: ${b.length} bytes, more than pkilab reads of a capture (${limitNamed("maxCaptureBytes")}): capture only the client's connection: ${FIX_PCAP}`);
  }
  const notes: FileNotes = {};
  const packets = format === "pcap" ? pcapPackets(b, source, notes) : pcapngPackets(b, source, notes);
  if (packets.length === 0) {
    throw new InputError(`${source}: the ${format} file holds no packets${notes.endsEarly ? ` (${notes.endsEarly})` : ""}: ${FIX_PCAP}`);
  }
  const found = helloFromSegments(packets, source, "packet", (n) => `packet ${n}`);
  if ("missing" in found) throw new InputError(`${source}: ${found.missing}${notes.endsEarly ? `; ${notes.endsEarly}` : ""}: ${FIX_PCAP}`);
  return found;
}

/** Link types a frame copied as hex may have (tshark -x does not say): the ones seen most first. */
const FRAME_LINK_TYPES = [1, 276, 113, 101, 0];

/**
 * The ClientHello's bytes from frames read out of text (`tshark -x`, Wireshark "Copy as Hex Dump"
 * of whole frames, each frame one dump). Frames that are not IP/TCP under any link type are passed
 * over. Returns undefined when no frame starts a ClientHello (the text is something else: other
 * readers try it). Throws InputError when a frame starts one that the other frames do not finish.
 */
export function helloFromFrames(frames: readonly Uint8Array[], source: string, name: (frame: number) => string): CaptureHello | undefined {
  if (frames.length > PCAP_LIMITS.maxPackets) return undefined;
  const packets = frames.map((data) => {
    // The link type under which the frame is an IP packet carrying TCP.
    const linkType = FRAME_LINK_TYPES.find((type) => typeof tcpSegment(data, type, 0, data.length) !== "string") ?? -1;
    return { data, linkType, originalLength: data.length };
  });
  if (!packets.some((p) => p.linkType >= 0)) return undefined;
  let found: CaptureHello | { missing: string };
  try {
    found = helloFromSegments(packets, source, "frame", name);
  } catch (err) {
    if (err instanceof InputError && !err.message.includes("snap length")) return undefined;
    throw err;
  }
  if (!("missing" in found)) return found;
  if (found.missing.startsWith("no TLS ClientHello")) return undefined;
  throw new InputError(
    `${source}: ${found.missing}: the ClientHello continues in a frame the text does not hold: copy every frame of the connection (tshark -r FILE -x), or save the capture with -w and pass the .pcap`,
  );
}
