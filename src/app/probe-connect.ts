import net from "node:net";
import { InputError } from "../io/input-error.js";

/**
 * Opening a connection for `probe`: TCP to where the user pointed, then, for mail servers, the
 * plaintext STARTTLS exchange that comes before the TLS handshake (SMTP: RFC 3207; IMAP:
 * RFC 3501 §6.2.1; POP3: RFC 2595 §4). Everything waits at most the probe's timeout and reads at
 * most PROBE_LIMITS bytes of plaintext.
 */
export const PROBE_LIMITS = {
  /** Most bytes of plaintext read before TLS starts (greeting, EHLO answer): real ones are under 1 KB. */
  maxPlaintextBytes: 64 * 1024,
  /** Most bytes of the server's answer read after the handshake (an HTTP status line, a banner). */
  maxAnswerBytes: 16 * 1024,
  /** Most bytes of a TLS 1.3 server flight kept to open it afterwards: a few of the largest messages TLS_WIRE_LIMITS allows. */
  maxHandshakeCaptureBytes: 4 * 102_400,
} as const;

export type Starttls = "smtp" | "imap" | "pop3";

export interface Endpoint {
  host: string;
  port: number;
}

const DEFAULT_PORT: Record<Starttls | "tls", number> = { tls: 443, smtp: 25, imap: 143, pop3: 110 };

/** "host:port", "[::1]:8443", "192.0.2.1:443" or "host" (the protocol's port). */
export function parseEndpoint(target: string, starttls?: Starttls): Endpoint {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  let host: string;
  let port: string | undefined;
  if (bracketed) [, host = "", port] = bracketed;
  else if (net.isIPv6(target)) host = target;
  else {
    const colon = target.lastIndexOf(":");
    host = colon >= 0 ? target.slice(0, colon) : target;
    port = colon >= 0 ? target.slice(colon + 1) : undefined;
  }
  const portNumber = port === undefined ? DEFAULT_PORT[starttls ?? "tls"] : /^\d{1,5}$/.test(port) ? Number(port) : Number.NaN;
  if (host === "" || /[\s/]/.test(host) || !Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
    throw new InputError(`${target}: not an endpoint: give HOST:PORT, e.g. server.example:443, 127.0.0.1:8443 or [::1]:8443`);
  }
  return { host, port: portNumber };
}

export function endpointText(endpoint: Endpoint): string {
  return net.isIPv6(endpoint.host) ? `[${endpoint.host}]:${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
}

/** A TCP connection, or an InputError in one line (refused, no such host, timed out). */
export function connectTcp(endpoint: Endpoint, timeoutMs: number): Promise<net.Socket> {
  const where = endpointText(endpoint);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new InputError(`${where}: no TCP connection within ${timeoutMs} ms: check the host and port, or raise --timeout`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve(socket);
    });
    socket.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new InputError(`${where}: cannot connect: ${connectProblem(err)}`));
    });
  });
}

function connectProblem(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case "ECONNREFUSED":
      return "connection refused (nothing listens on that port)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "no such host (the name does not resolve)";
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return "the host is unreachable";
    default:
      return err.code ?? err.message;
  }
}

/** Reads plaintext lines until `done` says the answer is complete (a server waits for the client after it). */
function readAnswer(socket: net.Socket, where: string, timeoutMs: number, done: (text: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const finish = (err?: InputError) => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onClose);
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (text.length > PROBE_LIMITS.maxPlaintextBytes) finish(new InputError(`${where}: more than ${PROBE_LIMITS.maxPlaintextBytes} bytes of plaintext before TLS (PROBE_LIMITS.maxPlaintextBytes): is this the right --starttls protocol?`));
      else if (done(text)) finish();
    };
    const onClose = () => finish(new InputError(`${where}: the server closed the connection before STARTTLS${text ? ` (it said "${firstLine(text)}")` : ""}`));
    const timer = setTimeout(() => finish(new InputError(`${where}: no answer within ${timeoutMs} ms${text ? ` after "${firstLine(text)}"` : ""}: is this the right --starttls protocol?`)), timeoutMs);
    socket.on("data", onData);
    socket.once("close", onClose);
    socket.once("error", onClose);
  });
}

function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.slice(0, 120);
}

/** The last line of an SMTP reply is the code alone or the code, a space and text ("220", "250 OK"; continuation lines use "-": RFC 5321 §4.2). */
function smtpReplyDone(text: string): boolean {
  return /(?:^|\n)\d{3}(?: [^\n]*)?\r?\n$/.test(text);
}

/**
 * Runs the STARTTLS exchange; the socket is then ready for a ClientHello. A server that does not
 * offer STARTTLS, or refuses it, is an InputError that quotes what it said.
 */
export async function startTls(socket: net.Socket, protocol: Starttls, where: string, timeoutMs: number): Promise<void> {
  const expect = async (done: (text: string) => boolean, ok: RegExp, what: string) => {
    const answer = await readAnswer(socket, where, timeoutMs, done);
    if (!ok.test(answer)) throw new InputError(`${where}: ${what}: the server said "${firstLine(answer)}"`);
    return answer;
  };
  if (protocol === "smtp") {
    await expect(smtpReplyDone, /^220/, "not an SMTP greeting");
    socket.write("EHLO pkilab.probe\r\n");
    const ehlo = await expect(smtpReplyDone, /^250/, "EHLO refused");
    if (!/^250[- ]STARTTLS\b/im.test(ehlo)) throw new InputError(`${where}: the SMTP server does not offer STARTTLS (its EHLO answer lists: ${ehlo.split(/\r?\n/).slice(1).map((l) => l.slice(4)).filter(Boolean).join(", ")})`);
    socket.write("STARTTLS\r\n");
    await expect(smtpReplyDone, /^220/, "STARTTLS refused");
  } else if (protocol === "imap") {
    await expect((t) => t.endsWith("\n"), /^\* (OK|PREAUTH)/, "not an IMAP greeting");
    socket.write("p1 STARTTLS\r\n");
    await expect((t) => /(?:^|\n)p1 [^\n]*\n$/.test(t), /(?:^|\n)p1 OK/, "STARTTLS refused");
  } else {
    await expect((t) => t.endsWith("\n"), /^\+OK/, "not a POP3 greeting");
    socket.write("STLS\r\n");
    await expect((t) => t.endsWith("\n"), /^\+OK/, "STLS refused");
  }
}
