/**
 * `pkilab serve`: one connection's report in plain words, and the summary printed on Ctrl-C (pure).
 * The report types live here because the view renders them; src/app/serve.ts fills them in.
 */
import type { LintReport } from "../lint/types.js";
import { renderText, type Wrap } from "../lint/report/text.js";
import type { ClientHello } from "../peers/parse/client-hello.js";
import type { PeerId } from "../peers/types.js";
import { renderClientHello } from "./client-hello.js";

/** How a connection ended, most informative first (the summary counts these). */
export type ServeOutcome =
  /** The TLS handshake completed (whatever the profiles think of the chain: report-only). */
  | "completed"
  /** The client sent a fatal alert: usually it rejected our certificate. */
  | "client-alert"
  /** --enforce: we refused the handshake as the enforced peer would. */
  | "refused"
  /** The handshake failed on our side (Node/OpenSSL found no common suite, version, group...). */
  | "failed"
  /** No complete handshake within --timeout. */
  | "timeout"
  /** The bytes were not TLS, or a ClientHello we could not decode. */
  | "not-tls"
  | "malformed"
  /** The client closed the connection before the handshake ended, without an alert. */
  | "closed"
  /** Over SERVE_LIMITS.maxConnections: closed unread. */
  | "over-limit";

export const SERVE_OUTCOMES: readonly ServeOutcome[] = ["completed", "client-alert", "refused", "failed", "timeout", "not-tls", "malformed", "closed", "over-limit"];

export interface AlertSeen {
  code: number;
  name: string;
  /** Who sent it. */
  from: "client" | "server";
  /** What it usually means, from src/knowledge/tls-alerts.ts. */
  meaning?: string;
}

export interface SentCertificate {
  subject: string;
  issuer: string;
  sha256: string;
}

/** A chain as it crossed the wire, and whether its order was observed. */
export interface ChainSeen {
  certificates: SentCertificate[];
  /** "as sent": read off the wire (TLS 1.2 plaintext, or TLS 1.3 opened with our own handshake secret); else as OpenSSL kept it. */
  order: "as sent" | "not observable";
  note?: string;
}

/** One profile's decision about one chain. */
export interface ServeVerdict {
  peer: PeerId;
  /** Which chain the profile judges: the client's (mTLS servers) or ours (what the client will think of it). */
  judges: "client chain" | "server chain";
  status: "accepted" | "rejected" | "undetermined";
  /** Why, when there was nothing to lint (no client certificate). */
  reason?: string;
}

export interface ServeConnectionReport {
  connection: number;
  remote: string;
  /** When the connection was accepted (ISO 8601). */
  at: string;
  outcome: ServeOutcome;
  /** How the handshake ended, in one line. */
  ended: string;
  /** The TLS error message when the handshake failed (Node/OpenSSL wording). */
  error?: string;
  alert?: AlertSeen;
  clientHello?: ClientHello;
  /** The negotiated protocol and suite, when the handshake completed. */
  negotiated?: { version: string; cipher: string };
  clientChain?: ChainSeen;
  /** The lint reports, as `pkilab lint` makes them: the client's chain, our chain. */
  lint: { clientChain?: LintReport; serverChain?: LintReport };
  verdicts: ServeVerdict[];
  /** --enforce: what the enforced peer would have done, and whether we did it. */
  enforced?: { peer: PeerId; refusal: string };
}

export interface ServeSummary {
  connections: number;
  byOutcome: Partial<Record<ServeOutcome, number>>;
  rejected: number;
}

/** The report of one connection, in the words of `pkilab lint` for the findings. */
export function renderServeConnection(report: ServeConnectionReport, options: { wrap?: Wrap } = {}): string {
  const lines = [`connection ${report.connection} from ${report.remote} at ${report.at}`];
  if (report.clientHello) lines.push(renderClientHello(report.clientHello, "  client offered"));
  if (report.negotiated) lines.push(`  negotiated    ${report.negotiated.version}, ${report.negotiated.cipher}`);
  if (report.clientChain) {
    const { certificates, order, note } = report.clientChain;
    if (certificates.length === 0) lines.push("  client chain  none: the client sent no certificate");
    else {
      lines.push(`  client chain  ${certificates.length} certificate${certificates.length > 1 ? "s" : ""}, ${order === "as sent" ? "in the order sent" : "order not observable"}${note ? ` (${note})` : ""}`);
      certificates.forEach((c, i) => lines.push(`    ${i}: ${c.subject || "(empty subject)"}  issued by ${c.issuer || "(empty)"}`));
    }
  }
  for (const [title, lint] of [["the client's chain", report.lint.clientChain], ["our chain, as this client will judge it", report.lint.serverChain]] as const) {
    if (!lint) continue;
    lines.push("", `${title}:`, indent(renderText(lint, options), "  "));
  }
  for (const v of report.verdicts.filter((v) => v.reason)) lines.push(`${v.peer}: will be REJECTED — ${v.reason}`);
  if (report.enforced) lines.push(`enforced ${report.enforced.peer}: ${report.enforced.refusal}`);
  lines.push(`handshake: ${report.ended}`);
  return lines.join("\n");
}

/** The Ctrl-C summary: counts by outcome. */
export function renderServeSummary(summary: ServeSummary): string {
  const counts = SERVE_OUTCOMES.filter((o) => summary.byOutcome[o]).map((o) => `${summary.byOutcome[o]} ${o}`);
  return `${summary.connections} connection${summary.connections === 1 ? "" : "s"}${counts.length ? `: ${counts.join(", ")}` : ""}; ${summary.rejected} with a chain a profile rejects`;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line ? prefix + line : line))
    .join("\n");
}
