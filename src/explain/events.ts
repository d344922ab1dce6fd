import { MBEDTLS_ERRORS } from "../knowledge/mbedtls-errors.js";
import { findMessage, matchMessages, type MessageMatch } from "../knowledge/messages.js";
import { findOpensslVerifyErrorByText } from "../knowledge/openssl-verify.js";
import { findTlsAlert, findTlsAlertByReason, TLS_ALERTS } from "../knowledge/tls-alerts.js";
import { findWolfsslError, findWolfsslErrorByName, findWolfsslErrorInText } from "../knowledge/wolfssl-errors.js";

/**
 * What a user pastes or a log holds, reduced to typed events: an mbedTLS error code, mbedTLS verify
 * flags, a TLS alert number (and who sent it), an OpenSSL verify error, an HTTP status from nginx,
 * or a known message. The patterns cover nginx's error log (info level), mbedTLS debug output,
 * `openssl s_client`, `curl -v` and Postfix/OpenSSL server logs; each is shown in test/explain/;
 * and wolfSSL's codes after "err"/"error" and its wolfSSL_ERR_error_string() texts
 * (test/peers/wolfssl-errors.test.ts).
 */
export type EventKind = "mbedtls-error" | "verify-flags" | "alert" | "openssl-verify" | "http-status" | "message" | "wolfssl-error";

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

type EventCore = Omit<ExplainEvent, "text" | "line">;

/** Told each match of a pattern: the text it covers and its event (undefined when it turns out not to be one). */
type Found = (text: string, event: EventCore | undefined) => void;

/**
 * Finds its matches in a line, left to right, none overlapping. Every pattern runs in time linear in
 * the line: a regex never lets a repeated class be re-read from each of many start positions (a
 * long run of letters, spaces or text without a closing ")" cost the square of its length), and
 * where that needs a second step, a plain scan does it.
 */
type Pattern = (text: string, found: Found) => void;

/** A global regex as a pattern; `event` reads its groups. */
function byRegex(re: RegExp, event: (m: RegExpExecArray) => EventCore | undefined): Pattern {
  return (text, found) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) found(m[0], event(m));
  };
}

/** A hex group of a match; every group read here is one its regex cannot match without. */
const hex = (group: string | undefined) => parseInt(group ?? "", 16);

/**
 * nginx: "client SSL certificate verify error: (20:unable to get local issuer certificate)". The
 * opening "(20:" is found by a regex and its ")" by indexOf: as one regex, `\((\d{1,3}):([a-zA-Z][^)]*)\)`
 * read the rest of the line again from every "(20:" when no ")" followed. Here no ")" after one
 * opening means none after the later ones either, and the scan stops.
 */
function verifyErrorsInParentheses(text: string, found: Found): void {
  const opening = /\((\d{1,3}):(?=[a-zA-Z])/g;
  let m: RegExpExecArray | null;
  while ((m = opening.exec(text))) {
    const close = text.indexOf(")", opening.lastIndex);
    if (close < 0) return;
    found(text.slice(m.index, close + 1), { kind: "openssl-verify", value: Number(m[1]) });
    opening.lastIndex = close + 1;
  }
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z _]/.test(c);
const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/**
 * "Illegal Parameter (47)", "Description: Handshake Failure (40)": the words before " (47)", read
 * backwards from it over letters, spaces and underscores, from the first letter on. This is what
 * `/([A-Za-z][A-Za-z _]*) \((\d{1,3})\)/g` matched, but that regex tried each letter of a long run
 * as a start and re-read the run from each (40,000 letters took 1.9 s). Here each run is read once:
 * runs end at the "(" and ")" around each number.
 */
function alertsByDescription(text: string, found: Found): void {
  const number = / \((\d{1,3})\)/g;
  let m: RegExpExecArray | null;
  while ((m = number.exec(text))) {
    let start = m.index;
    while (isWordChar(text[start - 1])) start--;
    while (start < m.index && !isLetter(text[start])) start++;
    if (!isLetter(text[start])) continue; // no word before the number
    found(text.slice(start, number.lastIndex), alertByDescription(text.slice(start, m.index), Number(m[1])));
  }
}

/**
 * An alert written as its description and number, the way Wireshark and users write it: "Illegal
 * Parameter (47)", "Description: Handshake Failure (40)". Only when the words before the number are
 * that alert's name, so "returned -29312 (-0x7280)" or "(_ssl.c:1006)" never count.
 */
function alertByDescription(words: string, code: number): EventCore | undefined {
  const alert = findTlsAlert(code);
  if (!alert) return undefined;
  const tail = words.toLowerCase().split(/[\s_]+/).filter(Boolean);
  const name = alert.name.split("_");
  const said = tail.slice(-name.length).join("_");
  return said === alert.name ? { kind: "alert", value: code } : undefined;
}

/**
 * Ordered: the more specific patterns first; one line may yield several events. Blanks around an
 * optional separator are written `\s*(?:[#:]\s*)?`, not `\s*[#:]?\s*`: the latter splits a run of
 * blanks between its two `\s*` in every possible way before it gives up (the square of the run).
 */
const PATTERNS: Pattern[] = [
  // nginx: client SSL certificate verify error: (20:unable to get local issuer certificate)
  verifyErrorsInParentheses,
  // openssl s_client: verify error:num=20:unable to get local issuer certificate
  byRegex(/verify error:num=(\d{1,3})/g, (m) => ({ kind: "openssl-verify", value: Number(m[1]) })),
  // openssl verify: error 26 at 0 depth lookup: unsuitable certificate purpose
  byRegex(/error (\d{1,3}) at \d+ depth lookup/g, (m) => ({ kind: "openssl-verify", value: Number(m[1]) })),
  // OpenSSL: "... alert unknown ca:SSL alert number 48" — the peer sent it
  byRegex(/SSL alert number (\d{1,3})/g, (m) => ({ kind: "alert", value: Number(m[1]), direction: "received" })),
  // mbedTLS debug: "got an alert message, type: [2:40]" / "is a fatal alert message (msg 40)"
  byRegex(/got an alert message, type: \[2:(\d{1,3})\]/g, (m) => ({ kind: "alert", value: Number(m[1]), direction: "received" })),
  byRegex(/is a fatal alert message \(msg (\d{1,3})\)/g, (m) => ({ kind: "alert", value: Number(m[1]), direction: "received" })),
  // mbedTLS debug level 3: "send alert level=2 message=48"
  byRegex(/send alert level=2 message=(\d{1,3})/g, (m) => ({ kind: "alert", value: Number(m[1]), direction: "sent" })),
  // OpenSSL/curl: "sslv3 alert bad certificate", "tlsv1 alert unknown ca", "tlsv13 alert certificate required".
  // Linear: the words after "alert " end at the next "sslv3"/"tlsv1"/"ssl/tls" (a digit or "/"), so no text is re-read.
  // A reason no alert has names no number: no event, as for alertByDescription (an alert's value is its number).
  byRegex(/\b(?:sslv3|tlsv1|tlsv13|ssl\/tls) alert [a-z ]+?(?=[:,;)"]|$)/gi, (m) => {
    const alert = findTlsAlertByReason(m[0]);
    return alert && { kind: "alert", value: alert.code, direction: "received" };
  }),
  // "Illegal Parameter (47)", "Decrypt Error (51)"
  alertsByDescription,
  // "alert 40", "alert number 40", "fatal alert 40"
  byRegex(/\balert(?: number| no\.?| message)?\s*(?:[#:]\s*)?(\d{1,3})\b/gi, (m) => ({ kind: "alert", value: Number(m[1]) })),
  // mbedTLS error codes: "-0x7780", "returned -30592 (-0x7780)"
  byRegex(/(?<![0-9A-Za-z])-0x([0-9A-Fa-f]{2,4})\b/g, (m) => ({ kind: "mbedtls-error", value: -hex(m[1]) })),
  // mbedTLS verify flags: "flags 0x00000008", "verify flags=0x4000"
  byRegex(/\bflags\s*(?:[=:]\s*)?0x([0-9A-Fa-f]+)/gi, (m) => ({ kind: "verify-flags", value: hex(m[1]) })),
  // wolfSSL: "wolfSSL_connect error -188", "err = -188", "ret=-1 err=-188": a known 3-digit code after "error"/"err"
  byRegex(/\berr(?:or)?\s*(?:code\s*)?(?:[=:]\s*)?(-[1-5]\d\d)\b/gi, (m) => {
    const code = Number(m[1]);
    return findWolfsslError(code) ? { kind: "wolfssl-error", value: code } : undefined;
  }),
  // wolfSSL_ERR_error_string texts: "peer subject name mismatch", "ASN date error, current date after"
  (text, found) => {
    const match = findWolfsslErrorInText(text);
    if (match) found(match.wording, { kind: "wolfssl-error", value: match.entry.code });
  },
  // nginx's 495/496 (its 400 pages are recognised by their text, below)
  byRegex(/\bHTTP\/[\d.]+ (49[56])\b/g, (m) => ({ kind: "http-status", value: Number(m[1]) })),
];

/**
 * Wordings that only announce or wrap another error: Postfix's "SSL_accept error from HOST" (the
 * reason follows on the next line) and "TLS library problem: error:…", and the generic alert
 * reason (matched by the alert patterns above). The wrapped reason is matched on its own.
 */
const CONTAINERS = new Set(["postfix-ssl-accept-error", "postfix-tls-library-problem", "openssl-alert-reason"]);

/** Wordings that say only "verification failed": the verify error beside them says which. */
const VERIFY_WORDINGS = new Set(["certificate-verify-failed", "python-certificate-verify-failed"]);

/** The number a matched wording carries in its text, as an event. */
function numberCarried(match: MessageMatch, line: string): EventCore | undefined {
  const { message, number, captured } = match;
  if (number !== undefined) {
    if (message.capture === "alert") return { kind: "alert", value: number, direction: "received" };
    if (message.capture === "verify") return { kind: "openssl-verify", value: number };
    if (message.capture === "mbedtls") return { kind: "mbedtls-error", value: number };
    if (message.capture === "mbedtls-flags") return { kind: "verify-flags", value: number };
  }
  if (captured !== undefined) {
    if (message.captureText === "verify-text") {
      const entry = findOpensslVerifyErrorByText(captured);
      return entry ? { kind: "openssl-verify", value: entry.code } : undefined;
    }
    const lower = captured.trim().toLowerCase();
    const alert = message.captureText === "alert-reason" ? findTlsAlertByReason(captured) : TLS_ALERTS.find((a) => a.openssl?.toLowerCase() === lower || a.name === lower.replace(/ /g, "_"));
    return alert ? { kind: "alert", value: alert.code, direction: "received" } : undefined;
  }
  if (message.id === "mbedtls-strerror") {
    // "SSL - A fatal alert message was received from our peer": the code with that text
    const says = (t?: string) => t !== undefined && line.includes(` - ${t}`);
    const entry = MBEDTLS_ERRORS.find((e) => says(e.text36) || says(e.text28));
    return entry ? { kind: "mbedtls-error", value: entry.code } : undefined;
  }
  return undefined;
}

/** The numeric events a fixed wording stands for ("no shared cipher" → alert 40). */
export function impliedEvents(messageId: string): EventCore[] {
  const implies = findMessage(messageId)?.implies;
  if (!implies) return [];
  const events: EventCore[] = [];
  if (implies.alert !== undefined) events.push({ kind: "alert", value: implies.alert });
  if (implies.verify !== undefined) events.push({ kind: "openssl-verify", value: implies.verify });
  if (implies.mbedtls !== undefined) events.push({ kind: "mbedtls-error", value: implies.mbedtls });
  return events;
}

/** Events in one piece of text (a pasted line or a log line). */
export function eventsIn(text: string, line?: number): ExplainEvent[] {
  const events: ExplainEvent[] = [];
  const seen = new Set<string>();
  const push = (event: EventCore, matched: string) => {
    const key = `${event.kind}:${event.value}`;
    if (seen.has(key)) return; // "alert number 40" is also "alert 40": report it once
    seen.add(key);
    events.push({ ...event, text: matched.trim(), line });
  };
  const found: Found = (matched, event) => {
    if (event) push(event, matched);
  };
  for (const pattern of PATTERNS) pattern(text, found);
  // Known wordings (knowledge/messages.ts): first the numbers they carry (curl's "SSL certificate
  // problem: <text>" → its verify number); then the wordings that add to those numbers. A wording
  // that stands for a number already found ("unable to get local issuer certificate" beside
  // "(20:…)", "certificate verify failed" beside any verify error) is dropped.
  const matches = matchMessages(text).filter((match) => !CONTAINERS.has(match.message.id));
  const wordings: MessageMatch[] = [];
  for (const match of matches) {
    const carried = numberCarried(match, text);
    if (carried) push(carried, match.text);
    else if (!match.message.capture && !match.message.captureText) wordings.push(match);
  }
  for (const { message, text: matched } of wordings) {
    const implied = impliedEvents(message.id);
    if (implied.length > 0 && implied.every((e) => seen.has(`${e.kind}:${e.value}`))) continue;
    if (VERIFY_WORDINGS.has(message.id) && events.some((e) => e.kind === "openssl-verify")) continue;
    if (message.id === "nginx-status-495" || message.id === "nginx-status-496") continue; // matched as "HTTP/x.y 495" above; a bare 495 in a log line is too often something else
    if (message.id === "mbedtls-strerror") continue; // its text named no known code
    push({ kind: "message", value: message.id }, matched);
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
  if ((m = /^-(\d{3,6})$/.exec(q))) {
    // A bare negative decimal is an mbedTLS code, or a wolfSSL one (-100 to -599): both are asked, and
    // each table that knows the number explains it.
    const mbedtls: ExplainEvent = { kind: "mbedtls-error", value: -Number(m[1]), text: q };
    return findWolfsslError(-Number(m[1])) ? [mbedtls, { kind: "wolfssl-error", value: -Number(m[1]), text: q }] : [mbedtls];
  }
  if ((m = /^(49[56])$/.exec(q))) return [{ kind: "http-status", value: Number(m[1]), text: q }];
  if ((m = /^(\d{1,2})$/.exec(q))) return [{ kind: "openssl-verify", value: Number(m[1]), text: q }];
  if ((m = /^(?:MBEDTLS_ERR_\w+|X509_V_ERR_\w+|MBEDTLS_X509_BADCERT_\w+)$/.exec(q))) return [{ kind: "message", value: q, text: q }];
  const wolfssl = findWolfsslErrorByName(q);
  if (wolfssl) return [{ kind: "wolfssl-error", value: wolfssl.code, text: q }];
  return eventsIn(q);
}
