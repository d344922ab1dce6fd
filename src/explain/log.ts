import { InputError } from "../io/input-error.js";
import type { Finding } from "../lint/types.js";
import type { ClientHello } from "../peers/parse/client-hello.js";
import type { PeerId } from "../peers/types.js";
import { eventsIn, type ExplainEvent } from "./events.js";
import { explainEvent, type Explanation } from "./explain.js";

/** Lines within which a repeated event counts as the same one. */
const REPEAT_WINDOW = 8;

/**
 * The bounds on what one log may cost (besides its size, which src/io/read.ts bounds); each error
 * that enforces one names it. ClientHellos in a log have their own: CLIENT_HELLO_LIMITS in
 * src/peers/parse/client-hello.ts.
 */
export const LOG_LIMITS = {
  /**
   * Largest log read, in bytes. Every line costs its length in each pattern, and the text is held
   * a few times over (about 5 bytes of memory for each: 1 s and 100 MB here at this size). A day of
   * a busy server's error log at info level is larger; the part around a failure is far smaller.
   */
  maxLogBytes: 16 * 1024 * 1024,
  /**
   * Most lines read. Each costs some 2 µs even when it is empty or says nothing (every pattern and
   * wording is tried on it): about 1 s here at this count.
   */
  maxLines: 500_000,
  /**
   * Longest line scanned, in characters. TLS peers write far shorter ones: nginx cuts an error-log
   * line at NGX_MAX_ERROR_STR = 2048 bytes (4096 in a debug build; src/core/ngx_log.h) and mbedTLS
   * formats a debug line in DEBUG_BUF_SIZE = 512 bytes (library/debug.c). With a bound on the line,
   * what any pattern costs on one line is bounded too, even a pattern that is not linear.
   */
  maxLineChars: 65_536,
  /**
   * Most events reported. Each is explained and kept (a few KB each); a log with more is a server's
   * history rather than one failure, and a person reads the part around one connection.
   */
  maxEvents: 10_000,
} as const;

const LIMITS_NAME = "LOG_LIMITS";

export type LogKind = "nginx" | "mbedtls" | "openssl-s_client" | "curl" | "postfix" | "go-server" | "go-client" | "unknown";

export interface LogEvent extends ExplainEvent {
  explanation?: Explanation;
  /** With --cert: lint findings whose rule predicts this event (its `predicts` codes, as explain links them). */
  explainedBy?: { rule: string; peer: PeerId; message: string }[];
}

export interface LogReport {
  file: string;
  kind: LogKind;
  events: LogEvent[];
  /** ClientHellos found in hex dumps, decoded. */
  clientHellos: { line?: number; groups: string[]; cipherSuites: string[]; signatureAlgorithms: string[]; serverName?: string }[];
  /** With --cert: the lint run against the peers this log's writer stands for. */
  lint?: { peers: PeerId[]; findings: Finding[] };
}

/** What wrote the log, from tell-tale lines; decides which peer profile --cert is linted for. */
export function logKind(text: string): LogKind {
  if (/client SSL certificate verify error|\[info\] \d+#\d+|SSL_do_handshake\(\) failed/.test(text)) return "nginx";
  if (/=> handshake|mbedtls_ssl_handshake|ssl_tls\.c:\d+|dumping '(?:output|input) record/.test(text)) return "mbedtls";
  if (/postfix\/|smtpd\[/.test(text)) return "postfix";
  if (/^\* (?:TLSv|SSL|Trying)|^curl: \(\d+\)/m.test(text)) return "curl";
  if (/CONNECTED\(|verify return:|SSL_connect:/.test(text)) return "openssl-s_client";
  // Go's net/http server logs "http: TLS handshake error from ADDR: <crypto/tls error>"; a Go client
  // prints the x509 error itself (src/knowledge/go-x509.ts).
  if (/http: TLS handshake error from|tls: failed to (?:verify|parse) client certificate|tls: client didn't provide a certificate/.test(text)) return "go-server";
  if (/tls: failed to (?:verify certificate|parse certificate from server)|x509: certificate (?:signed by unknown authority|is valid for|is not valid for any names|relies on legacy Common Name|has expired or is not yet valid|specifies an incompatible key usage)|x509: cannot validate certificate for/.test(text)) return "go-client";
  return "unknown";
}

/** The peers whose rules explain a log of this kind (lint runs for them with --cert). */
export function peersForLog(kind: LogKind, hello: boolean): PeerId[] {
  switch (kind) {
    case "nginx":
      return ["nginx-mtls"];
    case "mbedtls":
      return hello ? ["mbedtls", "client-hello"] : ["mbedtls"];
    case "postfix":
      return hello ? ["client-hello"] : ["nginx-server"];
    case "go-server":
      return ["go-mtls"];
    case "go-client":
      return ["go-client"];
    default:
      return hello ? ["nginx-server", "client-hello"] : ["nginx-server"];
  }
}

/** A log's recognised events and its ClientHellos, decoded (the first one feeds lint --cert). */
export interface ReadLog {
  report: LogReport;
  hellos: ClientHello[];
}

/**
 * Every recognised event of a log in order (repeats of the same event on consecutive lines folded),
 * each explained, and its ClientHello hex dumps decoded. `bytes` is the log as read from `file`
 * (the App reads it); InputErrors name `file` and the LOG_LIMITS bound they enforce.
 */
export async function readLog(bytes: Uint8Array, file: string): Promise<ReadLog> {
  const cut = "give the part of the log around the failing connection (e.g. the lines of its last few minutes)";
  if (bytes.length > LOG_LIMITS.maxLogBytes) {
    throw new InputError(`${file}: ${bytes.length} bytes, more than pkilab reads as a log (${LIMITS_NAME}.maxLogBytes = ${LOG_LIMITS.maxLogBytes}): ${cut}`);
  }
  // A log is text: NUL bytes mean a binary file (a capture, a core dump) was given by mistake.
  if (bytes.subarray(0, 65536).includes(0)) throw new InputError(`${file}: a binary file, not a text log: give the log as text (a .pcap goes through tshark -x first)`);
  const text = Buffer.from(bytes).toString("utf8");
  const lines = text.split(/\r?\n/);
  if (lines.length > LOG_LIMITS.maxLines) {
    throw new InputError(`${file}: more than ${LOG_LIMITS.maxLines} lines (${LIMITS_NAME}.maxLines = ${LOG_LIMITS.maxLines}): ${cut}`);
  }
  const kind = logKind(text);
  const events: LogEvent[] = [];
  // One event per occurrence: the same code again within a few lines is the same failure reported
  // twice (mbedTLS prints the alert, then the code; nginx's page names its status twice).
  const lastSeen = new Map<string, number>();
  lines.forEach((line, i) => {
    if (line.length > LOG_LIMITS.maxLineChars) {
      throw new InputError(
        `${file}:${i + 1}: a line of ${line.length} characters, longer than pkilab scans (${LIMITS_NAME}.maxLineChars = ${LOG_LIMITS.maxLineChars}; nginx and mbedTLS write lines of at most a few KB): give the log as the peer wrote it, or break the long line (hex may span lines)`,
      );
    }
    if (!/\S/.test(line)) return; // a blank line says nothing (a log of a million of them is cheap)
    for (const event of eventsIn(line, i + 1)) {
      const key = `${event.kind}:${event.value}`;
      const last = lastSeen.get(key);
      lastSeen.set(key, i + 1);
      if (last !== undefined && i + 1 - last <= REPEAT_WINDOW) continue;
      if (events.length === LOG_LIMITS.maxEvents) {
        throw new InputError(
          `${file}: more than ${LOG_LIMITS.maxEvents} events (line ${i + 1} holds event ${events.length + 1}; ${LIMITS_NAME}.maxEvents = ${LOG_LIMITS.maxEvents}): ${cut}`,
        );
      }
      // The report quotes the whole log line; the explanation keys on what matched.
      events.push({ ...event, text: line.trim().slice(0, 200), explanation: explainEvent(event) });
    }
  });
  const { findClientHellos } = await import("../peers/parse/client-hello.js");
  const hellos = findClientHellos(text, file);
  const report: LogReport = {
    file,
    kind,
    events,
    clientHellos: hellos.map((h) => ({ line: h.line, groups: h.groups.map((g) => g.name), cipherSuites: h.cipherSuites.map((s) => s.name), signatureAlgorithms: h.signatureAlgorithms.map((s) => s.name), serverName: h.serverName })),
  };
  return { report, hellos };
}

/** Adds the lint run of --cert to a log's report: each event names the error findings that predict it. */
export function withLintFindings(report: LogReport, peers: PeerId[], findings: Finding[]): LogReport {
  const events = report.events.map((event) => {
    const rules = new Set(event.explanation?.rules.map((r) => `${r.peer}/${r.id}`) ?? []);
    const matching = findings.filter((f) => f.severity === "error" && rules.has(`${f.peer}/${f.rule}`));
    return matching.length ? { ...event, explainedBy: matching.map((f) => ({ rule: f.rule, peer: f.peer, message: f.message })) } : event;
  });
  return { ...report, events, lint: { peers, findings } };
}
