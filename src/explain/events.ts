import { findTlsAlertByReason } from "./knowledge/tls-alerts.js";

/**
 * What a user pastes or a log holds, reduced to typed events: an mbedTLS error code, mbedTLS verify
 * flags, a TLS alert number (and who sent it), an OpenSSL verify error, an HTTP status from nginx,
 * or a known message. The patterns cover nginx's error log (info level), mbedTLS debug output,
 * `openssl s_client`, `curl -v` and Postfix/OpenSSL server logs; each is shown in test/explain/.
 */
export type EventKind = "mbedtls-error" | "verify-flags" | "alert" | "openssl-verify" | "http-status" | "message";

export interface ExplainEvent {
  kind: EventKind;
  /** The number (error code, flags, alert, verify error, status) or the message id. */
  value: number | string;
  /** Who sent an alert, when the text says: "received" (the peer sent it) or "sent" (we did). */
  direction?: "received" | "sent";
  /** The text that matched, for the report. */
  text: string;
  /** 1-based line in a log. */
  line?: number;
}

interface Pattern {
  re: RegExp;
  event: (m: RegExpExecArray) => Omit<ExplainEvent, "text" | "line">;
}

const hex = (s: string) => parseInt(s, 16);

/** OpenSSL's "sslv3 alert bad certificate" / "tlsv13 alert certificate required": the alert by its name. */
function alertByReason(text: string): number | undefined {
  return findTlsAlertByReason(text)?.code;
}

/** Ordered: the more specific patterns first; one line may yield several events. */
const PATTERNS: Pattern[] = [
  // nginx: client SSL certificate verify error: (20:unable to get local issuer certificate)
  { re: /\((\d{1,3}):([a-zA-Z][^)]*)\)/g, event: (m) => ({ kind: "openssl-verify", value: Number(m[1]) }) },
  // openssl s_client: verify error:num=20:unable to get local issuer certificate
  { re: /verify error:num=(\d{1,3})/g, event: (m) => ({ kind: "openssl-verify", value: Number(m[1]) }) },
  // openssl verify: error 26 at 0 depth lookup: unsuitable certificate purpose
  { re: /error (\d{1,3}) at \d+ depth lookup/g, event: (m) => ({ kind: "openssl-verify", value: Number(m[1]) }) },
  // OpenSSL: "... alert unknown ca:SSL alert number 48" — the peer sent it
  { re: /SSL alert number (\d{1,3})/g, event: (m) => ({ kind: "alert", value: Number(m[1]), direction: "received" }) },
  // mbedTLS debug: "got an alert message, type: [2:40]" / "is a fatal alert message (msg 40)"
  { re: /got an alert message, type: \[2:(\d{1,3})\]/g, event: (m) => ({ kind: "alert", value: Number(m[1]), direction: "received" }) },
  { re: /is a fatal alert message \(msg (\d{1,3})\)/g, event: (m) => ({ kind: "alert", value: Number(m[1]), direction: "received" }) },
  // mbedTLS debug level 3: "send alert level=2 message=48"
  { re: /send alert level=2 message=(\d{1,3})/g, event: (m) => ({ kind: "alert", value: Number(m[1]), direction: "sent" }) },
  // OpenSSL/curl: "sslv3 alert bad certificate", "tlsv1 alert unknown ca", "tlsv13 alert certificate required"
  { re: /\b(?:sslv3|tlsv1|tlsv13|ssl\/tls) alert [a-z ]+?(?=[:,;)"]|$)/gi, event: (m) => ({ kind: "alert", value: alertByReason(m[0]) ?? m[0], direction: "received" }) },
  // "alert 40", "alert number 40", "fatal alert 40"
  { re: /\balert(?: number| no\.?| message)?\s*[#:]?\s*(\d{1,3})\b/gi, event: (m) => ({ kind: "alert", value: Number(m[1]) }) },
  // mbedTLS error codes: "-0x7780", "returned -30592 (-0x7780)"
  { re: /(?<![0-9A-Za-z])-0x([0-9A-Fa-f]{2,4})\b/g, event: (m) => ({ kind: "mbedtls-error", value: -hex(m[1]) }) },
  // mbedTLS verify flags: "flags 0x00000008", "verify flags=0x4000"
  { re: /\bflags\s*[=:]?\s*0x([0-9A-Fa-f]+)/gi, event: (m) => ({ kind: "verify-flags", value: hex(m[1]) }) },
  // nginx's 495/496 (its 400 pages are recognised by their text, below)
  { re: /\bHTTP\/[\d.]+ (49[56])\b/g, event: (m) => ({ kind: "http-status", value: Number(m[1]) }) },
];

/** Message patterns (no number): each maps to a knowledge id resolved by the explain engine. */
const MESSAGES: { id: string; re: RegExp }[] = [
  { id: "ssl-certificate-error", re: /The SSL certificate error/ },
  { id: "no-required-certificate", re: /No required SSL certificate was sent|client sent no required SSL certificate/ },
  { id: "no-shared-cipher", re: /no shared cipher|no suitable key share|no shared (?:signature algorithms|groups)/i },
  { id: "certificate-required", re: /certificate required/i },
  { id: "wrong-version-number", re: /wrong version number/i },
  { id: "hostname-mismatch", re: /no alternative certificate subject name matches|hostname mismatch|does not match target host name/i },
  { id: "certificate-verify-failed", re: /certificate verify failed/i },
];

/** Events in one piece of text (a pasted line or a log line). */
export function eventsIn(text: string, line?: number): ExplainEvent[] {
  const events: ExplainEvent[] = [];
  const seen = new Set<string>();
  const push = (event: Omit<ExplainEvent, "text" | "line">, matched: string) => {
    const key = `${event.kind}:${event.value}`;
    if (seen.has(key)) return; // "alert number 40" is also "alert 40": report it once
    seen.add(key);
    events.push({ ...event, text: matched.trim(), line });
  };
  for (const pattern of PATTERNS) {
    pattern.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.re.exec(text))) push(pattern.event(m), m[0]);
  }
  for (const message of MESSAGES) {
    const m = message.re.exec(text);
    if (m) push({ kind: "message", value: message.id }, m[0]);
  }
  return events;
}

/**
 * A bare query: "-0x7780", "0x2700", "-30592", "alert 40", "(26:unsupported certificate purpose)",
 * "26", "X509_V_ERR_…", "MBEDTLS_ERR_…", "495". Numbers without context are read the way people
 * write them: a negative or hex number is an mbedTLS code, a small decimal one an OpenSSL verify error.
 */
export function eventsInQuery(query: string): ExplainEvent[] {
  const q = query.trim();
  let m: RegExpExecArray | null;
  if ((m = /^-?0x([0-9A-Fa-f]{1,5})$/.exec(q))) return [{ kind: "mbedtls-error", value: -hex(m[1]), text: q }];
  if ((m = /^-(\d{3,6})$/.exec(q))) return [{ kind: "mbedtls-error", value: -Number(m[1]), text: q }];
  if ((m = /^(49[56])$/.exec(q))) return [{ kind: "http-status", value: Number(m[1]), text: q }];
  if ((m = /^(\d{1,2})$/.exec(q))) return [{ kind: "openssl-verify", value: Number(m[1]), text: q }];
  if ((m = /^(?:MBEDTLS_ERR_\w+|X509_V_ERR_\w+|MBEDTLS_X509_BADCERT_\w+)$/.exec(q))) return [{ kind: "message", value: q, text: q }];
  return eventsIn(q);
}
