import net from "node:net";
import { Duplex } from "node:stream";
import tls from "node:tls";
import { signatureSchemeName } from "../knowledge/tls-registry.js";
import { decodeCertificateMessage, decodeCertificateRequest, HANDSHAKE, HandshakeStream, ServerFlightReader, type CertificateRequest } from "../peers/parse/tls-messages.js";
import { keylogSecret, openHandshakeRecords } from "../peers/parse/tls13-records.js";
import { opensslReason } from "./openssl-reason.js";
import { linkedPeerChain } from "./tls-peer.js";
import { PROBE_LIMITS, type Starttls } from "./probe-connect.js";

/**
 * `probe`'s full handshake, through Node's TLS (OpenSSL): what a current client negotiates (TLS 1.3
 * when the server has it), the server's flight read off the wire (plaintext in TLS 1.2; in TLS 1.3
 * opened with the handshake secret of this very connection), and — with a client certificate — how
 * the server answers it.
 *
 * When a server judges a client certificate: in TLS 1.2 before its Finished (a refusal is an alert
 * and the handshake fails); in TLS 1.3 after the client's Finished (RFC 8446 §4.4.2.4), so a refusal
 * arrives as an alert after `secureConnect`; an HTTP server such as nginx completes the handshake
 * and answers the request instead (400 "The SSL certificate error": nginx
 * src/http/ngx_http_request.c ngx_http_process_request()), so a request is sent and its answer read.
 */

export interface ClientCertificateAnswer {
  /** "undetermined": the handshake completed but the server's answer does not say (a TLS 1.3 close, an HTTP error that names no certificate). */
  outcome: "accepted" | "refused" | "undetermined";
  /** The alert the server sent (OpenSSL: "SSL alert number N"). */
  alert?: number;
  /** The first line of what the server answered: an HTTP status line, an SMTP reply. */
  answer?: string;
  /** nginx's words in an HTTP 400 page ("The SSL certificate error"), or the first line of the body. */
  detail?: string;
  /** Why the outcome is what it is, when the answer alone does not say. */
  reason?: string;
}

/** The server's flight as it crossed the wire (TLS 1.2 plaintext, or TLS 1.3 opened). */
export interface WireFlight {
  certificates?: Uint8Array[];
  certificateRequest?: CertificateRequest;
  /** TLS 1.3: the scheme of the server's CertificateVerify. */
  signatureScheme?: string;
}

export interface TlsSession {
  /** "TLSv1.3", as OpenSSL names it. */
  version: string;
  /** IANA name of the suite. */
  suite: string;
  /** The key exchange group ("X25519", "prime256v1"). */
  group?: string;
  /** The server chain as OpenSSL linked it (leaf first, each followed by its issuer among those sent). */
  chain: Uint8Array[];
  /** Absent when the flight could not be read (a TLS 1.3 suite not modelled, a flight past PROBE_LIMITS.maxHandshakeCaptureBytes). */
  wire?: WireFlight;
  clientCertificate?: ClientCertificateAnswer;
}

export interface TlsOptions {
  socket: net.Socket;
  serverName?: string;
  cert?: Buffer;
  key?: Buffer;
  starttls?: Starttls;
  host: string;
  timeoutMs: number;
  /** How long to wait for the server's answer after the handshake. */
  answerMs: number;
}

/** The alert number in an OpenSSL error message ("…:SSL alert number 48"). */
export function alertOf(err: unknown): number | undefined {
  const match = /alert number (\d+)/.exec(err instanceof Error ? err.message : String(err));
  return match ? Number(match[1]) : undefined;
}

export class HandshakeFailure extends Error {
  constructor(
    message: string,
    readonly alert?: number,
  ) {
    super(message);
  }
}

/** Handshakes over `options.socket`. A handshake the server refuses rejects with a HandshakeFailure. */
export function tlsHandshake(options: TlsOptions): Promise<TlsSession> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let session: TlsSession | undefined;
    let answer = "";
    let closedBeforeAnswer = false;
    let answerTimer: NodeJS.Timeout | undefined;
    // The server's bytes are tapped on their way into the TLS library, and its key log kept, so
    // that its flight can be read as sent (src/peers/parse/tls13-records.ts for TLS 1.3).
    const serverBytes: Buffer[] = [];
    let tapped = 0;
    let tapFull = false;
    const keylog: string[] = [];
    let socket: tls.TLSSocket;
    try {
      socket = tls.connect({
        socket: tap(options.socket, (chunk) => {
          if (session || tapFull) return;
          if (tapped + chunk.length > PROBE_LIMITS.maxHandshakeCaptureBytes) tapFull = true; // a gap would garble the rest: stop here
          else {
            serverBytes.push(chunk);
            tapped += chunk.length;
          }
        }),
        servername: options.serverName,
        rejectUnauthorized: false,
        minVersion: "TLSv1.2",
        cert: options.cert,
        key: options.key,
      });
    } catch (err) {
      options.socket.destroy();
      reject(new HandshakeFailure(err instanceof Error ? err.message : String(err)));
      return;
    }
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(handshakeTimer);
      clearTimeout(answerTimer);
      socket.destroy();
      if (!session) {
        const message = err instanceof Error ? opensslReason(err.message) : "the server closed the connection during the handshake";
        return reject(new HandshakeFailure(message, alertOf(err)));
      }
      if (options.cert) session.clientCertificate = judgeAnswer(session.version, answer, err, closedBeforeAnswer, options.starttls);
      resolve(session);
    };
    const handshakeTimer = setTimeout(() => settle(new Error(`no TLS handshake within ${options.timeoutMs} ms`)), options.timeoutMs);
    socket.on("keylog", (line: Buffer) => void (keylog.length < 8 && keylog.push(line.toString("latin1"))));
    socket.once("secureConnect", () => {
      clearTimeout(handshakeTimer);
      const cipher = socket.getCipher();
      const key = socket.getEphemeralKeyInfo();
      const version = socket.getProtocol() ?? "unknown";
      const suite = cipher.standardName ?? cipher.name;
      session = {
        version,
        suite,
        group: key && "name" in key ? (key.name as string) : undefined,
        chain: linkedPeerChain(socket),
        wire: tapFull ? undefined : readWire(Buffer.concat(serverBytes), version, suite, keylog, options.host),
      };
      if (!options.cert) return settle();
      // Ask for an answer the server's application gives only once it has judged the certificate.
      if (options.starttls === "smtp") socket.write("EHLO pkilab.probe\r\n");
      else if (options.starttls === undefined) socket.write(`GET / HTTP/1.1\r\nHost: ${hostHeader(options.serverName ?? options.host)}\r\nConnection: close\r\n\r\n`);
      answerTimer = setTimeout(() => settle(), options.answerMs);
    });
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      // One line says it for SMTP; for HTTP read the page too (nginx names the certificate error there).
      if (answer.length > PROBE_LIMITS.maxAnswerBytes || (/\n/.test(answer) && (options.starttls !== undefined || /<\/html>/i.test(answer)))) settle();
    });
    socket.once("error", (err) => settle(err));
    socket.once("close", () => {
      closedBeforeAnswer = answer === "";
      settle();
    });
  });
}

/** The Host header names an IPv6 literal in brackets (RFC 7230 §5.4, RFC 3986 §3.2.2). */
function hostHeader(host: string): string {
  return net.isIPv6(host) ? `[${host}]` : host;
}

/** What the server's answer after the handshake says about the client certificate. */
function judgeAnswer(version: string, answer: string, err: unknown, closedBeforeAnswer: boolean, starttls: Starttls | undefined): ClientCertificateAnswer {
  const alert = err === undefined ? undefined : alertOf(err);
  const firstLine = answer.split(/\r?\n/)[0]?.slice(0, 200) || undefined;
  const detail = httpDetail(answer);
  const base = { alert, answer: firstLine, detail };
  if (alert !== undefined) return { ...base, outcome: "refused" };
  // An HTTP error that talks about the certificate is the server's refusal (nginx: 400 "The SSL
  // certificate error", or the 403/495 of an error_page). Postfix with smtpd_tls_req_ccert answers
  // EHLO "421 4.7.1 … Client certificate not trusted" (test/peers/probe.test.ts).
  const httpError = /^HTTP\/\S+ [45]\d\d/.test(answer);
  if ((httpError && /certificate/i.test(detail ?? "")) || (starttls === "smtp" && /^[45]\d\d[ -][^\n]*certificate/i.test(answer))) return { ...base, outcome: "refused" };
  if (httpError) return { ...base, outcome: "undetermined", reason: "the server answered an HTTP error that does not name the certificate" };
  if (answer !== "") return { ...base, outcome: "accepted" };
  // No answer. In TLS 1.2 a server refuses a client certificate before its Finished, with an alert:
  // a completed handshake means it was accepted. In TLS 1.3 a silent close says nothing either way.
  if (version === "TLSv1.2") return { ...base, outcome: "accepted", reason: `the TLS 1.2 handshake completed (a refusal comes before the server's Finished); the server then ${closedBeforeAnswer ? "closed the connection" : "did not answer"}` };
  return { ...base, outcome: "undetermined", reason: `the TLS 1.3 handshake completed, then the server ${closedBeforeAnswer ? "closed the connection" : "did not answer"} without an alert` };
}

/** A Duplex over the raw socket that shows `onRead` every byte the server sends. */
function tap(raw: net.Socket, onRead: (chunk: Buffer) => void): Duplex {
  const duplex = new Duplex({
    read: () => void raw.resume(),
    write: (chunk: Buffer, _encoding, callback) => void raw.write(chunk, callback),
    final: (callback) => {
      raw.end();
      callback();
    },
    destroy: (err, callback) => {
      raw.destroy();
      callback(err);
    },
  });
  raw.on("data", (chunk: Buffer) => {
    onRead(chunk);
    if (!duplex.push(chunk)) raw.pause();
  });
  raw.once("end", () => duplex.push(null));
  raw.once("error", (err) => duplex.destroy(err));
  raw.once("close", () => duplex.destroy());
  return duplex;
}

/**
 * The server's flight from its tapped bytes: TLS 1.2 in plaintext; TLS 1.3 opened with the
 * handshake secret our TLS library logged. Undefined when it cannot be read.
 */
function readWire(bytes: Uint8Array, version: string, suite: string, keylog: string[], peer: string): WireFlight | undefined {
  try {
    if (version === "TLSv1.2") {
      const reader = new ServerFlightReader(peer);
      const stream = new HandshakeStream(peer);
      for (const event of stream.push(bytes)) if (event.kind === "handshake" && reader.take(event.message)) break;
      return reader.done ? { certificates: reader.certificates, certificateRequest: reader.certificateRequest } : undefined;
    }
    const secret = keylogSecret(keylog, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
    const messages = secret && openHandshakeRecords(bytes, suite, secret, peer);
    if (!messages) return undefined;
    const flight: WireFlight = {};
    for (const { type, body } of messages) {
      if (type === HANDSHAKE.certificate) flight.certificates = decodeCertificateMessage(body, "1.3", peer);
      else if (type === HANDSHAKE.certificateRequest) flight.certificateRequest = decodeCertificateRequest(body, "1.3", peer);
      else if (type === HANDSHAKE.certificateVerify && body.length >= 2) flight.signatureScheme = signatureSchemeName((body[0]! << 8) | body[1]!);
    }
    return flight.certificates ? flight : undefined;
  } catch {
    return undefined; // not read: the report says the chain is as OpenSSL linked it, and judges nothing on it
  }
}

/** nginx's words in an error page (<center>…</center>), else the first line of an HTTP body. */
function httpDetail(answer: string): string | undefined {
  if (!answer.startsWith("HTTP/")) return undefined;
  const centered = /<center>([^<]*(?:SSL|certificate)[^<]*)<\/center>/i.exec(answer)?.[1];
  const body = answer.split(/\r?\n\r?\n/)[1]?.trim().split(/\r?\n/)[0];
  return (centered ?? body)?.slice(0, 200) || undefined;
}
