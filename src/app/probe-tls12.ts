import { randomBytes } from "node:crypto";
import type net from "node:net";
import { HandshakeStream, HANDSHAKE, ServerFlightReader, tlsLayout, type AlertRecord } from "../peers/parse/tls-messages.js";

/**
 * `probe`'s first look at a server: a TLS 1.2 ClientHello of its own, and the server's first flight
 * read in plaintext (RFC 5246 §7.3: ServerHello, Certificate, ServerKeyExchange,
 * CertificateRequest, ServerHelloDone). TLS 1.2 is asked for because in TLS 1.3 all of this but
 * the ServerHello is encrypted (RFC 8446 §2): only here is the chain seen exactly as the server
 * sends it, with the CA names it asks clients for. The connection is closed after the flight; no
 * key is ever exchanged.
 */

/**
 * Offered suites, ECDHE first, then DHE and RSA: at least every suite of Node's (OpenSSL's) default
 * list, so that no server the second, OpenSSL connection reaches refuses this first look (RFC 8422,
 * RFC 5288, RFC 7905, RFC 5246).
 */
const SUITES = [
  0xc02b, 0xc02c, 0xc02f, 0xc030, 0xcca9, 0xcca8, 0xc023, 0xc024, 0xc027, 0xc028, 0xc009, 0xc00a, 0xc013, 0xc014,
  0x009e, 0x009f, 0xccaa, 0x0067, 0x006b, 0x0033, 0x0039, 0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035,
];
/** x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048, ffdhe3072 (RFC 8422 §5.1.1, RFC 7919). */
const GROUPS = [0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101];
/** ECDSA, RSA-PSS, EdDSA, RSA PKCS#1, then SHA-1 forms, so that any chain the server has can be chosen (RFC 8446 §4.2.3). */
const SIGNATURE_SCHEMES = [
  0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0203, 0x0201,
];

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function vector16(bytes: number[]): number[] {
  return [...u16(bytes.length), ...bytes];
}

function extension(id: number, data: number[]): number[] {
  return [...u16(id), ...vector16(data)];
}

/** The ClientHello record (RFC 5246 §7.4.1.2). server_name is sent only for a DNS name (RFC 6066 §3: no IP literals). */
export function tls12ClientHello(serverName: string | undefined): Uint8Array {
  const extensions: number[] = [];
  if (serverName) {
    const name = [...Buffer.from(serverName, "ascii")];
    extensions.push(...extension(0, vector16([0, ...vector16(name)])));
  }
  extensions.push(...extension(10, vector16(GROUPS.flatMap(u16))));
  extensions.push(...extension(11, [1, 0]));
  extensions.push(...extension(13, vector16(SIGNATURE_SCHEMES.flatMap(u16))));
  extensions.push(...extension(23, [])); // extended_master_secret (RFC 7627)
  extensions.push(...extension(0xff01, [0])); // renegotiation_info, initial handshake (RFC 5746 §3.4)
  const body = [0x03, 0x03, ...randomBytes(32), 0, ...vector16(SUITES.flatMap(u16)), 1, 0, ...vector16(extensions)];
  const handshake = [HANDSHAKE.clientHello, (body.length >> 16) & 0xff, ...u16(body.length & 0xffff), ...body];
  return Uint8Array.from([22, 0x03, 0x01, ...u16(handshake.length), ...handshake]);
}

export interface Tls12Flight {
  /** The flight as read (ServerHello, chain as sent, key exchange, CertificateRequest, done). */
  reader: ServerFlightReader;
  /** The server refused our hello with this fatal alert. */
  alert?: AlertRecord;
  /** The server closed the connection (or stopped answering) before its flight was complete. */
  incomplete?: "closed" | "timeout";
}

/** Sends the hello on a connected socket (after STARTTLS, if any) and reads the server's flight. */
export function readTls12Flight(socket: net.Socket, serverName: string | undefined, where: string, timeoutMs: number): Promise<Tls12Flight> {
  return new Promise((resolve, reject) => {
    const stream = new HandshakeStream(where);
    const flight: Tls12Flight = { reader: new ServerFlightReader(where) };
    let done = false;
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeAllListeners("data");
      socket.destroy();
      if (err) reject(err);
      else resolve(flight);
    };
    const timer = setTimeout(() => {
      flight.incomplete = "timeout";
      finish();
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      try {
        for (const event of stream.push(chunk)) {
          // A warning (unrecognized_name for an SNI the server does not know, RFC 6066 §3) lets the
          // handshake go on; only a fatal alert, or close_notify, ends it.
          if (event.kind === "alert" && (event.alert.level === "fatal" || event.alert.code === 0)) {
            flight.alert = event.alert;
            return finish();
          }
          if (event.kind === "handshake" && flight.reader.take(event.message)) return finish();
          // A version this reader does not lay out (below TLS 1.0, or 1.3): the ServerHello says which.
          if (flight.reader.serverHello && !tlsLayout(flight.reader.serverHello.version)) return finish();
        }
      } catch (err) {
        finish(err);
      }
    });
    const closed = () => {
      if (!done) flight.incomplete = "closed";
      finish();
    };
    socket.once("close", closed);
    socket.once("error", closed);
    socket.write(tls12ClientHello(serverName));
  });
}
