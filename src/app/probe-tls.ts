import type net from "node:net";
import { Duplex } from "node:stream";
import tls from "node:tls";
import { decodeCertificateMessage, decodeCertificateRequest, HANDSHAKE, type CertificateRequest } from "../peers/parse/tls-messages.js";
import { keylogSecret, openHandshakeRecords } from "../peers/parse/tls13-records.js";
import { signatureSchemeName } from "../knowledge/tls-registry.js";
import { PROBE_LIMITS, type Starttls } from "./probe-connect.js";

/**
 * `probe`'s full handshake, through Node's TLS (OpenSSL): what a current client negotiates (TLS 1.3
 * when the server has it), the chain as that client received it, and — with a client certificate —
 * how the server answers it. In TLS 1.3 the server judges the client's certificate after the client
 * has finished its handshake (RFC 8446 §4.4.2.4), so a refusal arrives as an alert after
 * `secureConnect`; an HTTP server such as nginx completes the handshake and answers the request
 * instead (400 "The SSL certificate error": nginx src/http/ngx_http_request.c
 * ngx_http_process_request()), so a request is sent and its status line read.
 */

export interface ClientCertificateAnswer {
  outcome: "accepted" | "refused" | "closed";
  /** The alert the server sent (OpenSSL: "SSL alert number N"). */
  alert?: number;
  /** The first line of what the server answered: an HTTP status line, an SMTP reply. */
  answer?: string;
  /** nginx's words in an HTTP 400 page ("The SSL certificate error"), or the first line of the body. */
  detail?: string;
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
  /**
   * TLS 1.3: the server's encrypted flight, opened with the handshake secret our own TLS library
   * logged — the Certificate message exactly as sent, the CertificateRequest, the CertificateVerify
   * scheme. Absent when the flight could not be opened (a suite not modelled, or TLS 1.2).
   */
  tls13?: { certificates?: Uint8Array[]; certificateRequest?: CertificateRequest; signatureScheme?: string };
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
    // The server's bytes are tapped on their way into the TLS library, and its key log kept, so
    // that a TLS 1.3 flight can be opened afterwards (src/peers/parse/tls13-records.ts).
    const serverBytes: Buffer[] = [];
    let tapped = 0;
    const keylog: string[] = [];
    const socket = tls.connect({
      socket: tap(options.socket, (chunk) => {
        if (session || tapped + chunk.length > PROBE_LIMITS.maxHandshakeCaptureBytes) return;
        serverBytes.push(chunk);
        tapped += chunk.length;
      }),
      servername: options.serverName,
      rejectUnauthorized: false,
      minVersion: "TLSv1.2",
      cert: options.cert,
      key: options.key,
    });
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(handshakeTimer);
      clearTimeout(answerTimer);
      socket.destroy();
      if (session) {
        if (session.clientCertificate) {
          const alert = err === undefined ? undefined : alertOf(err);
          const firstLine = answer.split(/\r?\n/)[0]?.slice(0, 200);
          const detail = httpDetail(answer);
          // An HTTP error that talks about the certificate is the server's refusal (nginx: 400 "The SSL
          // certificate error", or the 403/495 of an error_page); any other answer followed acceptance.
          const httpRefusal = /^HTTP\/\S+ [45]\d\d/.test(answer) && /certificate/i.test(detail ?? "");
          // Postfix with smtpd_tls_req_ccert answers EHLO "421 4.7.1 … Client certificate not trusted" (test/peers/probe.test.ts).
          const smtpRefusal = options.starttls === "smtp" && /^[45]\d\d[ -][^\n]*certificate/i.test(answer);
          session.clientCertificate = {
            outcome: alert !== undefined || httpRefusal || smtpRefusal ? "refused" : err !== undefined || (answer === "" && closedEarly) ? "closed" : "accepted",
            alert,
            answer: firstLine || undefined,
            detail,
          };
        }
        resolve(session);
      } else {
        const message = err instanceof Error ? err.message : "the server closed the connection during the handshake";
        reject(new HandshakeFailure(message, alertOf(err)));
      }
    };
    let closedEarly = false;
    let answerTimer: NodeJS.Timeout | undefined;
    const handshakeTimer = setTimeout(() => settle(new Error(`no TLS handshake within ${options.timeoutMs} ms`)), options.timeoutMs);
    socket.on("keylog", (line: Buffer) => keylog.push(line.toString("latin1")));
    socket.once("secureConnect", () => {
      clearTimeout(handshakeTimer);
      const cipher = socket.getCipher();
      const key = socket.getEphemeralKeyInfo();
      session = {
        version: socket.getProtocol() ?? "unknown",
        suite: cipher.standardName ?? cipher.name,
        group: key && "name" in key ? (key.name as string) : undefined,
        chain: peerChain(socket),
      };
      if (session.version === "TLSv1.3") {
        try {
          session.tls13 = openServerFlight(Buffer.concat(serverBytes), session.suite, keylog, options.host);
        } catch {
          // Not opened: the chain stays as OpenSSL linked it, and the report says so.
        }
      }
      if (!options.cert) return settle();
      session.clientCertificate = { outcome: "accepted" };
      // Ask for an answer the server's application gives only once it has accepted the certificate.
      if (options.starttls === "smtp") socket.write("EHLO pkilab.probe\r\n");
      else if (options.starttls === undefined) socket.write(`GET / HTTP/1.1\r\nHost: ${options.serverName ?? options.host}\r\nConnection: close\r\n\r\n`);
      answerTimer = setTimeout(() => settle(), options.answerMs);
    });
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      if (answer.length > PROBE_LIMITS.maxAnswerBytes || /\r?\n/.test(answer)) {
        // One line says it for SMTP; for HTTP read the page too (nginx names the certificate error there).
        if (options.starttls !== undefined || answer.length > PROBE_LIMITS.maxAnswerBytes || /<\/html>/i.test(answer)) settle();
      }
    });
    socket.once("error", (err) => settle(err));
    socket.once("close", () => {
      closedEarly = true;
      settle();
    });
  });
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

/** The server's TLS 1.3 Certificate, CertificateRequest and CertificateVerify scheme, from its tapped bytes. */
function openServerFlight(bytes: Uint8Array, suite: string, keylog: string[], peer: string): TlsSession["tls13"] {
  const secret = keylogSecret(keylog, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
  if (!secret) return undefined;
  const messages = openHandshakeRecords(bytes, suite, secret, peer);
  if (!messages) return undefined;
  const flight: NonNullable<TlsSession["tls13"]> = {};
  for (const { type, body } of messages) {
    if (type === HANDSHAKE.certificate) flight.certificates = decodeCertificateMessage(body, "1.3", peer);
    else if (type === HANDSHAKE.certificateRequest) flight.certificateRequest = decodeCertificateRequest(body, "1.3", peer);
    else if (type === HANDSHAKE.certificateVerify && body.length >= 2) flight.signatureScheme = signatureSchemeName((body[0]! << 8) | body[1]!);
  }
  return flight;
}

/** nginx's words in an error page (<center>…</center>), else the first line of an HTTP body. */
function httpDetail(answer: string): string | undefined {
  if (!answer.startsWith("HTTP/")) return undefined;
  const centered = /<center>([^<]*(?:SSL|certificate)[^<]*)<\/center>/i.exec(answer)?.[1];
  const body = answer.split(/\r?\n\r?\n/)[1]?.trim().split(/\r?\n/)[0];
  return (centered ?? body)?.slice(0, 200) || undefined;
}

/** The certificates the server sent, as OpenSSL linked them (getPeerCertificate(true) follows issuerCertificate). */
function peerChain(socket: tls.TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  while (cert && cert.raw && !seen.has(cert.fingerprint256) && chain.length < 16) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}
