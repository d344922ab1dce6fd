import { RULES } from "../lint/rules/index.js";
import type { Prediction } from "../lint/types.js";
import type { PeerId } from "../peers/types.js";
import { eventsInQuery, impliedEvents, type ExplainEvent } from "./events.js";
import { decodeMbedtlsError, decodeVerifyFlags, formatMbedtlsCode, MBEDTLS_ERRORS, MBEDTLS_VERIFY_FLAGS } from "../knowledge/mbedtls-errors.js";
import { findMessage, type KnownMessage } from "../knowledge/messages.js";
import { findOpensslVerifyError, OPENSSL_VERIFY_ERRORS } from "../knowledge/openssl-verify.js";
import { findTlsAlert, TLS_ALERTS } from "../knowledge/tls-alerts.js";
import { findWolfsslError, wolfsslErrorCite } from "../knowledge/wolfssl-errors.js";

/** What one code or message means, who decided, the likely causes, and how pkilab catches it. */
export interface Explanation {
  /** What was asked or found, as given. */
  query: string;
  kind: ExplainEvent["kind"];
  title: string;
  meaning: string;
  /** Who decided: "the mbedTLS device", "the peer (it sent the alert)", "nginx / OpenSSL". */
  decidedBy: string;
  /** Certificate and configuration causes, most likely first. */
  causes: string[];
  /** pkilab rules that predict this code (their `predicts`): what would have caught it before deployment. */
  rules: { id: string; peer: PeerId; title: string }[];
  /** Commands to confirm the cause. */
  confirm: string[];
  citation: string;
}

/** Peer of a rule → the lint command that checks it. */
const CONFIRM: Record<PeerId, string> = {
  "nginx-mtls": "pkilab lint CLIENT.pem --chain CHAIN.pem --ca CA.pem --for nginx-mtls --nginx-conf nginx.conf",
  "nginx-server": "pkilab lint SERVER.pem --for nginx-server --host NAME --nginx-conf nginx.conf",
  browser: "pkilab lint SERVER.pem --for browser --host NAME",
  mbedtls: "pkilab lint SERVER.pem --chain CHAIN.pem --ca CA.pem --mbedtls-config config.h --host NAME",
  "client-hello": "pkilab lint SERVER.pem --client-hello hello.hex",
  "go-mtls": "pkilab lint CLIENT.pem --chain CHAIN.pem --ca CA.pem --for go-mtls --go-version GO_VERSION",
  "go-client": "pkilab lint SERVER.pem --chain CHAIN.pem --ca CA.pem --for go-client --host NAME --go-version GO_VERSION",
  wolfssl: "pkilab lint SERVER.pem --chain CHAIN.pem --ca CA.pem --for wolfssl --wolfssl-config wolfssl/options.h --host NAME",
};

/**
 * The lint command that shows a rule's finding. A device's CRLs come only from --crl (an nginx.conf
 * names its own with ssl_crl), so a device-side revocation rule adds it.
 */
function confirmFor(rule: { id: string; peer: PeerId }): string {
  const revocation = /crl|revoked/.test(rule.id);
  return rule.peer === "mbedtls" && revocation ? `${CONFIRM.mbedtls} --crl CRL.pem` : CONFIRM[rule.peer];
}

/**
 * Rules that predict this event (their `predicts` field): lint and explain share that one source,
 * the rule files. Only the typed codes count, never the wording of a symptom.
 */
export function rulesFor(event: ExplainEvent): Explanation["rules"] {
  const found: Explanation["rules"] = [];
  for (const rule of RULES) {
    for (const [peer, prediction] of Object.entries(rule.predicts ?? {}) as [PeerId, Prediction][]) {
      if (predicts(prediction, event)) found.push({ id: rule.id, peer, title: rule.title });
    }
  }
  return found;
}

/**
 * nginx's 400 page for a failed client certificate is the HTTP 400 the rules predict; 495 is the
 * same failure when error_page takes it (nginx docs ngx_http_ssl_module, "Error processing").
 */
const MESSAGE_STATUS: Record<string, number> = { "nginx-400-ssl-certificate-error": 400 };
const SAME_STATUS: Record<number, number> = { 495: 400 };

function predicts(prediction: Prediction, event: ExplainEvent): boolean {
  const has = (list: readonly (number | string)[] | undefined, value: number | string | undefined) => value !== undefined && (list ?? []).includes(value);
  switch (event.kind) {
    case "mbedtls-error":
      return has(prediction.mbedtls?.codes, event.value);
    case "verify-flags":
      return decodeVerifyFlags(event.value as number).flags.some((f) => has(prediction.mbedtls?.flags, f.name.replace(/^MBEDTLS_X509_/, "")));
    case "openssl-verify":
      return has(prediction.openssl, event.value);
    case "alert":
      return has(prediction.alert, event.value);
    case "http-status": {
      const status = event.value as number;
      return has(prediction.http, SAME_STATUS[status] ?? status);
    }
    case "message":
      return has(prediction.messages, event.value) || has(prediction.http, MESSAGE_STATUS[String(event.value)]);
    case "wolfssl-error":
      return has(prediction.wolfssl, event.value);
  }
}

const SIDE: Record<KnownMessage["side"], string> = {
  client: "the TLS client (it checked the server)",
  server: "the TLS server (it checked the client, or found nothing to negotiate)",
  either: "the side that printed it",
};

/** A known wording, explained from knowledge/messages.ts; the numbers it stands for add their rules. */
function explainMessage(message: KnownMessage, event: ExplainEvent): Explanation {
  const implied = impliedEvents(message.id).map((e) => ({ ...e, text: event.text }));
  const rules = [...rulesFor(event), ...implied.flatMap(rulesFor)].filter((r, i, all) => all.findIndex((o) => o.id === r.id && o.peer === r.peer) === i);
  return {
    query: event.text,
    kind: event.kind,
    title: `${message.source}: "${event.text}"`,
    meaning: message.meaning,
    decidedBy: SIDE[message.side],
    causes: message.causes,
    rules,
    confirm: [...new Set(rules.map(confirmFor))],
    citation: message.cite,
  };
}

/** Explains one event; undefined when the knowledge tables do not know it. */
export function explainEvent(event: ExplainEvent): Explanation | undefined {
  const base = { query: event.text, kind: event.kind, rules: rulesFor(event) };
  const confirm = (extra: string[] = []) => [...new Set([...base.rules.map(confirmFor), ...extra])];
  switch (event.kind) {
    case "mbedtls-error": {
      const code = event.value as number;
      const { high, low } = decodeMbedtlsError(code);
      if (!high && !low) return undefined;
      const parts = [high, low].filter((p) => p !== undefined);
      const name = (e: (typeof parts)[number]) => (e.name28 === e.name36 || !e.name36 ? e.name28 : !e.name28 ? e.name36 : `${e.name28} (2.28) / ${e.name36} (3.6)`);
      const alertHint = code === -0x7780 ? ["find the alert number in the debug output (\"is a fatal alert message (msg N)\") and run pkilab explain \"alert N\""] : [];
      return {
        ...base,
        title: `${formatMbedtlsCode(code)} ${parts.map(name).join(" + ")}`,
        meaning: parts.map((p) => p.text36 ?? p.text28).join(" : "),
        decidedBy: code === -0x7780 ? "the peer: it sent a fatal alert" : "the mbedTLS device",
        causes: [...parts.flatMap((p) => p.causes), ...alertHint],
        confirm: confirm(["pkilab peers mbedtls --mbedtls-config config.h"]),
        citation: parts.map((p) => p.cite).join(" "),
      };
    }
    case "verify-flags": {
      const decoded = decodeVerifyFlags(event.value as number);
      if (decoded.flags.length === 0) return undefined;
      return {
        ...base,
        title: `mbedTLS verify flags 0x${(event.value as number).toString(16).padStart(8, "0")}: ${decoded.flags.map((f) => f.name).join(", ")}`,
        meaning: decoded.flags.map((f) => f.text).join("; "),
        decidedBy: "the mbedTLS device (mbedtls_x509_crt_verify)",
        causes: decoded.flags.flatMap((f) => f.causes),
        confirm: confirm(),
        citation: decoded.flags.map((f) => f.cite).join(" "),
      };
    }
    case "openssl-verify": {
      const entry = findOpensslVerifyError(event.value as number);
      if (!entry) return undefined;
      return {
        ...base,
        title: `OpenSSL verify error ${entry.code} ${entry.name}: ${entry.text}${entry.text11 ? ` (OpenSSL 1.x: ${entry.text11})` : ""}`,
        meaning: entry.nginx ? `${entry.text}. In nginx: ${entry.nginx}` : entry.text,
        decidedBy: "the verifying side's OpenSSL (nginx checking a client, or a client checking a server)",
        causes: entry.causes,
        confirm: confirm(),
        citation: entry.cite,
      };
    }
    case "alert": {
      const alert = findTlsAlert(event.value as number);
      if (!alert) return undefined;
      const by = event.direction === "received" ? "the peer (it sent this alert)" : event.direction === "sent" ? "this side (it sent the alert)" : `the ${alert.sender === "verifier" ? "side that verified a certificate" : alert.sender === "either" ? "side that sent it" : alert.sender}`;
      return {
        ...base,
        title: `TLS alert ${alert.code} ${alert.name}${alert.opensslReason ? ` (OpenSSL: "${alert.opensslReason}")` : ""}`,
        meaning: alert.openssl ?? alert.name,
        decidedBy: by,
        causes: [...alert.causes, ...(alert.opensslSends ?? []).map((s) => `OpenSSL sends it when: ${s}`), ...(alert.mbedtlsSends ?? []).map((s) => `mbedTLS sends it when: ${s}`)],
        confirm: confirm(),
        citation: alert.cite,
      };
    }
    case "http-status": {
      const status = event.value as number;
      const text = status === 495 ? "495: the client certificate failed verification (nginx's code, shown when error_page handles it; otherwise 400 \"The SSL certificate error\")" : status === 496 ? "496: no client certificate was sent (nginx; otherwise 400 \"No required SSL certificate was sent\")" : "400 from nginx: a client-certificate problem when the page says so";
      const message = findMessage(status === 496 ? "nginx-400-no-certificate" : "nginx-400-ssl-certificate-error")!;
      return { ...base, title: `HTTP ${status}`, meaning: text, decidedBy: SIDE.server, causes: message.causes, confirm: confirm([CONFIRM["nginx-mtls"]]), citation: `nginx docs ngx_http_ssl_module (Error processing) ${message.cite}` };
    }
    case "wolfssl-error": {
      const entry = findWolfsslError(event.value as number);
      if (!entry) return undefined;
      const alertHint = entry.code === -313 ? ["the server's alert number is in its own log (openssl: \"SSL alert number N\"); run pkilab explain \"alert N\""] : [];
      return {
        ...base,
        title: `wolfSSL ${entry.code} ${entry.name}: "${entry.text}"${entry.textWithoutOpensslExtra ? ` (without OPENSSL_EXTRA: "${entry.textWithoutOpensslExtra}")` : ""}`,
        meaning: entry.text,
        decidedBy: entry.code === -313 ? "the peer: it sent a fatal alert" : "the wolfSSL device",
        causes: [...entry.causes.filter((c) => !c.startsWith("rule")), ...alertHint],
        confirm: confirm(["pkilab peers wolfssl"]),
        citation: wolfsslErrorCite(entry),
      };
    }
    case "message": {
      const id = String(event.value);
      const named = explainName(id, event);
      if (named) return named;
      const message = findMessage(id);
      return message ? explainMessage(message, event) : undefined;
    }
  }
}

/** MBEDTLS_ERR_*, MBEDTLS_X509_BADCERT_* and X509_V_ERR_* names resolve to their numbers. */
function explainName(name: string, event: ExplainEvent): Explanation | undefined {
  const mbedtls = MBEDTLS_ERRORS.find((e) => e.name28 === name || e.name36 === name);
  if (mbedtls) return explainEvent({ ...event, kind: "mbedtls-error", value: mbedtls.code });
  const flag = MBEDTLS_VERIFY_FLAGS.find((f) => f.name === name);
  if (flag) return explainEvent({ ...event, kind: "verify-flags", value: flag.flag });
  const openssl = OPENSSL_VERIFY_ERRORS.find((e) => e.name === name || e.name11 === name);
  if (openssl) return explainEvent({ ...event, kind: "openssl-verify", value: openssl.code });
  return undefined;
}

export interface ExplainResult {
  explanations: Explanation[];
  /** Parts of the query nobody recognised, with the closest known codes. */
  unknown: { query: string; suggestions: string[] }[];
}

/** Explains what a user typed: codes, numbers, names, alert numbers or pasted lines. */
export function explainQueries(queries: string[]): ExplainResult {
  const explanations: Explanation[] = [];
  const unknown: ExplainResult["unknown"] = [];
  for (const query of queries) {
    const events = eventsInQuery(query);
    const found = events.map(explainEvent).filter((e): e is Explanation => e !== undefined);
    if (found.length === 0) unknown.push({ query, suggestions: suggest(query) });
    explanations.push(...found);
  }
  return { explanations, unknown };
}

/** The closest known codes and names: by numeric distance for numbers, by shared words for text. */
function suggest(query: string): string[] {
  const hexMatch = /-?0x([0-9a-f]+)/i.exec(query);
  if (hexMatch) {
    const value = -parseInt(hexMatch[1]!, 16);
    return [...MBEDTLS_ERRORS].sort((a, b) => Math.abs(a.code - value) - Math.abs(b.code - value)).slice(0, 3).map((e) => `${formatMbedtlsCode(e.code)} ${e.name36 ?? e.name28}`);
  }
  const words = query.toLowerCase().split(/\W+/).filter((w) => w.length > 3);
  const scored = [
    ...OPENSSL_VERIFY_ERRORS.map((e) => ({ label: `(${e.code}:${e.text})`, text: e.text })),
    ...TLS_ALERTS.map((a) => ({ label: `alert ${a.code} ${a.name}`, text: `${a.name} ${a.openssl ?? ""}` })),
  ]
    .map((c) => ({ ...c, score: words.filter((w) => c.text.toLowerCase().includes(w)).length }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, 3).map((c) => c.label);
}

