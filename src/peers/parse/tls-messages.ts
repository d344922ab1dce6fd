/**
 * Decodes the plaintext part of a TLS handshake as it crosses the wire: records (RFC 8446 §5.1,
 * RFC 5246 §6.2.1) into handshake messages (RFC 8446 §4, RFC 5246 §7.4), and the messages `probe`
 * and `serve` judge: ServerHello, Certificate, ServerKeyExchange (ECDHE), CertificateRequest and
 * alerts. In TLS 1.2 every one of them is plaintext, so the chain is seen exactly as it was sent
 * (order, extra and missing certificates) and so are the CA names a server asks clients for; in
 * TLS 1.3 everything after the ServerHello is encrypted.
 *
 * Pure: bytes in, facts out. Every count or size the peer controls is bounded by TLS_WIRE_LIMITS.
 */
import { InputError } from "../../io/input-error.js";
import { cipherSuiteName, groupName, signatureSchemeName, versionName } from "../../knowledge/tls-registry.js";
import { MAX_RECORD_PLAINTEXT } from "../tls-sizes.js";

export const TLS_WIRE_LIMITS = {
  /**
   * Longest handshake message accepted, in bytes after its header. OpenSSL's client refuses a
   * server Certificate message longer than its max_cert_list, 100 KiB by default
   * (SSL_CTX_set_max_cert_list(3)); a peer that sends more fails with OpenSSL clients anyway.
   */
  maxMessageBytes: 102_400,
  /** Most certificates read from one Certificate message (real chains have 1–5). */
  maxCertificates: 64,
  /** Most CA names read from one CertificateRequest (a CA bundle of the whole web has ~150). */
  maxCaNames: 1_000,
  /** Most handshake messages read from one flight (a TLS 1.2 server flight has five). */
  maxMessages: 64,
} as const;

/** A peer broke the wire format: the caller says which peer and what to do. */
export class TlsWireError extends InputError {}

export interface HandshakeMessage {
  type: number;
  body: Uint8Array;
}

export interface AlertRecord {
  level: "warning" | "fatal";
  code: number;
}

/** What arrived, in order. `change_cipher_spec` and `application_data` mark where plaintext ends. */
export type WireEvent =
  | { kind: "handshake"; message: HandshakeMessage }
  | { kind: "alert"; alert: AlertRecord }
  | { kind: "change_cipher_spec" }
  | { kind: "application_data"; length: number };

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u24(b: Uint8Array, at: number): number {
  return (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
}

/**
 * Turns a byte stream into records and handshake messages, incrementally (`push` as bytes arrive).
 * Handshake messages are reassembled across records; once encryption starts (a ChangeCipherSpec in
 * TLS 1.2, anything after the ServerHello in TLS 1.3) the caller stops reading: what follows is
 * ciphertext and is reported only by its record type.
 */
export class HandshakeStream {
  private pending: Uint8Array = new Uint8Array(0);
  private parts: Uint8Array[] = [];
  private partsLength = 0;
  private messages = 0;
  /** Set after a ChangeCipherSpec: handshake records that follow are encrypted (their Finished). */
  private encrypted = false;

  constructor(private readonly peer: string) {}

  /** The events completed by `bytes`. Throws TlsWireError when the bytes are not TLS or break a limit. */
  push(bytes: Uint8Array): WireEvent[] {
    // What is buffered stays bounded by the format: after each push, less than one record (5 + 16640
    // bytes) of `pending`, and less than one message (TLS_WIRE_LIMITS.maxMessageBytes) of `handshake`.
    this.pending = joined(this.pending, bytes);
    const events: WireEvent[] = [];
    while (this.pending.length >= 5) {
      const type = this.pending[0]!;
      if (type < 20 || type > 24 || this.pending[1] !== 3) throw this.notTls();
      const length = u16(this.pending, 3);
      // RFC 8446 §5.2: ciphertext may exceed the plaintext limit by 256 bytes.
      if (length > MAX_RECORD_PLAINTEXT + 256) {
        throw new TlsWireError(`${this.peer}: a TLS record declares ${length} bytes, more than TLS allows (RFC 8446 §5.1)`);
      }
      if (this.pending.length < 5 + length) break;
      const fragment = this.pending.slice(5, 5 + length);
      this.pending = this.pending.slice(5 + length);
      if (type === 22 && !this.encrypted) events.push(...this.handshakeFragment(fragment));
      else if (type === 21 && !this.encrypted) events.push({ kind: "alert", alert: decodeAlert(fragment, this.peer) });
      else if (type === 20) {
        this.encrypted = true;
        events.push({ kind: "change_cipher_spec" });
      } else events.push({ kind: "application_data", length });
    }
    return events;
  }

  private handshakeFragment(fragment: Uint8Array): WireEvent[] {
    // Fragments are kept as a list and joined once a message is complete: a message sent as
    // one-byte records costs its length, not its square.
    this.parts.push(fragment);
    this.partsLength += fragment.length;
    const events: WireEvent[] = [];
    while (this.partsLength >= 4) {
      const header = this.peek(4);
      const length = u24(header, 1);
      if (length > TLS_WIRE_LIMITS.maxMessageBytes) {
        throw new TlsWireError(`${this.peer}: a handshake message declares ${length} bytes, more than TLS_WIRE_LIMITS.maxMessageBytes (${TLS_WIRE_LIMITS.maxMessageBytes})`);
      }
      if (this.partsLength < 4 + length) break;
      if (++this.messages > TLS_WIRE_LIMITS.maxMessages) {
        throw new TlsWireError(`${this.peer}: more than ${TLS_WIRE_LIMITS.maxMessages} handshake messages (TLS_WIRE_LIMITS.maxMessages)`);
      }
      const all = this.peek(this.partsLength);
      events.push({ kind: "handshake", message: { type: header[0]!, body: all.slice(4, 4 + length) } });
      const rest = all.slice(4 + length);
      this.parts = rest.length > 0 ? [rest] : [];
      this.partsLength = rest.length;
    }
    return events;
  }

  /** The first `n` buffered handshake bytes (joining only the parts needed). */
  private peek(n: number): Uint8Array {
    if (this.parts[0]!.length >= n) return this.parts[0]!;
    const joinedParts = new Uint8Array(this.partsLength);
    let at = 0;
    for (const part of this.parts) {
      joinedParts.set(part, at);
      at += part.length;
    }
    this.parts = [joinedParts];
    return joinedParts;
  }

  private notTls(): TlsWireError {
    const head = this.pending.subarray(0, 24);
    const text = Buffer.from(head).toString("latin1");
    const printable = head.every((c) => (c >= 0x20 && c < 0x7f) || c === 0x0d || c === 0x0a);
    const shown = printable ? `"${text.replace(/[\r\n]+/g, " ").trim()}"` : Buffer.from(head).toString("hex").replace(/(..)/g, "$1 ").trim();
    return new TlsWireError(`${this.peer}: not TLS: it sent ${shown}, not a TLS record`);
  }
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function decodeAlert(fragment: Uint8Array, peer: string): AlertRecord {
  if (fragment.length !== 2) throw new TlsWireError(`${peer}: a TLS alert of ${fragment.length} bytes (an alert is 2 bytes, RFC 8446 §6)`);
  return { level: fragment[0] === 1 ? "warning" : "fatal", code: fragment[1]! };
}

/** A field reader that throws a TlsWireError naming the message when the bytes run out. */
class Reader {
  at = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly what: string,
    private readonly peer: string,
  ) {}
  get left(): number {
    return this.b.length - this.at;
  }
  private need(n: number): void {
    if (this.left < n) throw new TlsWireError(`${this.peer}: the ${this.what} is malformed: it ends ${n - this.left} bytes early`);
  }
  u8(): number {
    this.need(1);
    return this.b[this.at++]!;
  }
  u16(): number {
    this.need(2);
    const v = u16(this.b, this.at);
    this.at += 2;
    return v;
  }
  u24(): number {
    this.need(3);
    const v = u24(this.b, this.at);
    this.at += 3;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const v = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
}

export interface Named {
  id: number;
  name: string;
}

export interface ServerHello {
  /** The version the server chose: supported_versions (TLS 1.3) or legacy_version. */
  version: string;
  cipherSuite: Named;
  /** TLS 1.3: the key_share group the server picked. */
  keyShareGroup?: Named;
  /** A TLS 1.3 HelloRetryRequest (RFC 8446 §4.1.3) rather than a ServerHello. */
  helloRetryRequest: boolean;
  extensions: number[];
}

// RFC 8446 §4.1.3: the random value that marks a HelloRetryRequest.
const HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

export function decodeServerHello(body: Uint8Array, peer: string): ServerHello {
  const r = new Reader(body, "ServerHello", peer);
  let version = r.u16();
  const random = Buffer.from(r.bytes(32)).toString("hex");
  r.bytes(r.u8()); // legacy_session_id_echo
  const suite = r.u16();
  r.u8(); // compression
  const extensions: number[] = [];
  let keyShareGroup: Named | undefined;
  if (r.left > 0) {
    const ext = new Reader(r.bytes(r.u16()), "ServerHello extensions", peer);
    while (ext.left > 0) {
      const id = ext.u16();
      const data = ext.bytes(ext.u16());
      extensions.push(id);
      if (id === 43 && data.length === 2) version = u16(data, 0);
      if (id === 51 && data.length >= 2) keyShareGroup = named(u16(data, 0), groupName);
    }
  }
  return { version: versionName(version), cipherSuite: named(suite, cipherSuiteName), keyShareGroup, helloRetryRequest: random === HRR_RANDOM, extensions };
}

function named(id: number, nameOf: (id: number) => string): Named {
  return { id, name: nameOf(id) };
}

/** The DER certificates of a Certificate message (RFC 5246 §7.4.2, the same in TLS 1.0 and 1.1; RFC 8446 §4.4.2), in the order sent. */
export function decodeCertificateMessage(body: Uint8Array, tls: "1.2" | "1.3", peer: string): Uint8Array[] {
  const r = new Reader(body, "Certificate message", peer);
  if (tls === "1.3") r.bytes(r.u8()); // certificate_request_context
  const list = new Reader(r.bytes(r.u24()), "certificate list", peer);
  const certificates: Uint8Array[] = [];
  while (list.left > 0) {
    if (certificates.length === TLS_WIRE_LIMITS.maxCertificates) {
      throw new TlsWireError(`${peer}: the Certificate message holds more than ${TLS_WIRE_LIMITS.maxCertificates} certificates (TLS_WIRE_LIMITS.maxCertificates)`);
    }
    certificates.push(list.bytes(list.u24()).slice());
    if (tls === "1.3") list.bytes(list.u16()); // per-certificate extensions
  }
  return certificates;
}

export interface CertificateRequest {
  /** TLS 1.2 certificate_types: "rsa_sign", "ecdsa_sign", … (RFC 5246 §7.4.4, RFC 8422 §5.5). */
  certificateTypes: string[];
  signatureAlgorithms: Named[];
  /** certificate_authorities: DER-encoded distinguished names, in the order sent. */
  caNames: Uint8Array[];
}

const CLIENT_CERTIFICATE_TYPES: Readonly<Record<number, string>> = { 1: "rsa_sign", 2: "dss_sign", 3: "rsa_fixed_dh", 4: "dss_fixed_dh", 64: "ecdsa_sign", 65: "rsa_fixed_ecdh", 66: "ecdsa_fixed_ecdh" };

/**
 * A CertificateRequest: TLS 1.0/1.1 (RFC 4346 §7.4.4: types, then CA names), TLS 1.2 (RFC 5246
 * §7.4.4: types, signature algorithms, CA names) or TLS 1.3, whose fields are extensions (RFC 8446
 * §4.3.2).
 */
export function decodeCertificateRequest(body: Uint8Array, tls: "1.0" | "1.1" | "1.2" | "1.3", peer: string): CertificateRequest {
  const r = new Reader(body, "CertificateRequest", peer);
  const request: CertificateRequest = { certificateTypes: [], signatureAlgorithms: [], caNames: [] };
  if (tls !== "1.3") {
    for (const type of r.bytes(r.u8())) request.certificateTypes.push(CLIENT_CERTIFICATE_TYPES[type] ?? `type ${type}`);
    if (tls === "1.2") request.signatureAlgorithms = schemes(r.bytes(r.u16()), peer);
    request.caNames = distinguishedNames(r.bytes(r.u16()), peer);
    return request;
  }
  r.bytes(r.u8()); // certificate_request_context
  const ext = new Reader(r.bytes(r.u16()), "CertificateRequest extensions", peer);
  while (ext.left > 0) {
    const id = ext.u16();
    const data = new Reader(ext.bytes(ext.u16()), "CertificateRequest extension", peer);
    if (id === 13) request.signatureAlgorithms = schemes(data.bytes(data.u16()), peer);
    if (id === 47) request.caNames = distinguishedNames(data.bytes(data.u16()), peer);
  }
  return request;
}

function schemes(list: Uint8Array, peer: string): Named[] {
  const r = new Reader(list, "signature algorithm list", peer);
  const out: Named[] = [];
  while (r.left >= 2) out.push(named(r.u16(), signatureSchemeName));
  return out;
}

function distinguishedNames(list: Uint8Array, peer: string): Uint8Array[] {
  const r = new Reader(list, "certificate_authorities list", peer);
  const names: Uint8Array[] = [];
  while (r.left > 0) {
    if (names.length === TLS_WIRE_LIMITS.maxCaNames) {
      throw new TlsWireError(`${peer}: the CertificateRequest names more than ${TLS_WIRE_LIMITS.maxCaNames} CAs (TLS_WIRE_LIMITS.maxCaNames)`);
    }
    names.push(r.bytes(r.u16()).slice());
  }
  return names;
}

export interface ServerKeyExchange {
  /** ECDHE named_curve (RFC 8422 §5.4); a finite-field group for DHE is not named on the wire. */
  group?: Named;
  /** The scheme that signed the parameters (TLS 1.2's SignatureAndHashAlgorithm; absent before TLS 1.2). */
  signatureScheme?: Named;
}

/**
 * A ServerKeyExchange, laid out by the suite's key exchange (the message itself does not say):
 * ECDHE (RFC 8422 §5.4: curve_type 3, named_curve, point) or DHE (RFC 5246 §7.4.3: p, g, Ys),
 * then, from TLS 1.2 on, the signature's SignatureAndHashAlgorithm. Other key exchanges: {}.
 */
export function decodeServerKeyExchange(body: Uint8Array, suiteName: string, tls: "1.0" | "1.1" | "1.2", peer: string): ServerKeyExchange {
  const r = new Reader(body, "ServerKeyExchange", peer);
  const exchange: ServerKeyExchange = {};
  if (/^TLS_ECDHE_/.test(suiteName)) {
    const curveType = r.u8();
    if (curveType !== 3) throw new TlsWireError(`${peer}: the ServerKeyExchange names curve type ${curveType}, not named_curve (3, RFC 8422 §5.4)`);
    exchange.group = named(r.u16(), groupName);
    r.bytes(r.u8()); // the ephemeral public point
  } else if (/^TLS_DHE_/.test(suiteName)) {
    for (let i = 0; i < 3; i++) r.bytes(r.u16()); // dh_p, dh_g, dh_Ys
  } else {
    return exchange;
  }
  if (tls === "1.2") exchange.signatureScheme = named(r.u16(), signatureSchemeName);
  return exchange;
}

/** "TLS 1.2" → "1.2", for the layouts that depend on the version; undefined for SSL 3.0, TLS 1.3, unknown. */
export function tlsLayout(version: string): "1.0" | "1.1" | "1.2" | undefined {
  return version === "TLS 1.0" ? "1.0" : version === "TLS 1.1" ? "1.1" : version === "TLS 1.2" ? "1.2" : undefined;
}

/**
 * A server's first flight before TLS 1.3 (RFC 5246 §7.3), message by message as they arrive:
 * ServerHello, Certificate (the chain in the order sent), ServerKeyExchange, CertificateRequest,
 * ServerHelloDone. Each message is read in the layout of the version and suite the ServerHello chose.
 */
export class ServerFlightReader {
  serverHello?: ServerHello;
  certificates?: Uint8Array[];
  keyExchange?: ServerKeyExchange;
  certificateRequest?: CertificateRequest;
  /** ServerHelloDone arrived: the flight is complete. */
  done = false;

  constructor(private readonly peer: string) {}

  /** Takes one handshake message; true once the flight is complete. Messages of a version it does not read are left alone. */
  take(message: HandshakeMessage): boolean {
    const { type, body } = message;
    if (type === HANDSHAKE.serverHello) {
      this.serverHello = decodeServerHello(body, this.peer);
      return false;
    }
    const layout = this.serverHello && tlsLayout(this.serverHello.version);
    if (!layout) return false;
    if (type === HANDSHAKE.certificate) this.certificates = decodeCertificateMessage(body, "1.2", this.peer);
    else if (type === HANDSHAKE.serverKeyExchange) this.keyExchange = decodeServerKeyExchange(body, this.serverHello!.cipherSuite.name, layout, this.peer);
    else if (type === HANDSHAKE.certificateRequest) this.certificateRequest = decodeCertificateRequest(body, layout, this.peer);
    else if (type === HANDSHAKE.serverHelloDone) this.done = true;
    return this.done;
  }
}

/** Handshake message names for messages: RFC 8446 §4 and RFC 5246 §7.4. */
export const HANDSHAKE = {
  clientHello: 1,
  serverHello: 2,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateVerify: 15,
  clientKeyExchange: 16,
  finished: 20,
} as const;
