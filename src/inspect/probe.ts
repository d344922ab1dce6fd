import type { SentChainNote } from "../chain/sent-chain.js";
import type { LintReport } from "../lint/types.js";

export type { SentChainNote };

/** What `pkilab probe` saw at an endpoint (src/app/probe.ts builds it; this module renders it). */
export interface AlertFacts {
  code: number;
  name: string;
}

export interface SentCertificate {
  subject: string;
  issuer: string;
  key: string;
  notAfter: string;
  sha256: string;
}

export interface ProbeReport {
  endpoint: string;
  serverName?: string;
  starttls?: "smtp" | "imap" | "pop3";
  /** The TLS 1.2 look: the server's first flight in plaintext. */
  tls12: {
    /** The server answered probe's TLS 1.2 hello with a complete TLS 1.2 flight. */
    accepted: boolean;
    /** The version the server chose ("TLS 1.0" for a server below TLS 1.2). */
    version?: string;
    refusedWith?: AlertFacts;
    incomplete?: "closed" | "timeout";
    suite?: string;
    group?: string;
    signatureScheme?: string;
  };
  /** What a current client (OpenSSL, TLS 1.3 allowed) negotiates; `failed` when the handshake did not complete. */
  negotiated?: { version: string; suite: string; group?: string; signatureScheme?: string } | { failed: string; alert?: AlertFacts };
  /** Where `chain` was read: off the wire in TLS 1.2 (exact order), or from the TLS library after a TLS 1.3 handshake (order as linked, not as sent). */
  chainSource: "tls1.2-wire" | "tls1.3-wire" | "tls-library" | "none";
  chain: SentCertificate[];
  chainNotes: SentChainNote[];
  /** The server asked for a client certificate (TLS 1.2 CertificateRequest). */
  certificateRequest?: { certificateTypes: string[]; signatureAlgorithms: string[]; caNames: string[] };
  clientCertificate?: { file: string; outcome: "accepted" | "refused" | "undetermined" | "not-asked"; alert?: AlertFacts; answer?: string; detail?: string; reason?: string };
  lint?: LintReport;
  /** Why the chain was not linted although --for was given (exit 3: undecided). */
  notJudged?: string;
}


function alertText(alert: AlertFacts): string {
  return `alert ${alert.code} (${alert.name})`;
}

/** One line per oddity of the chain as sent, saying what it costs and whom. */
export function sentChainNoteText(note: SentChainNote): string {
  switch (note.kind) {
    case "out-of-order":
      return `certificate ${note.position} (${note.subject}) is not followed by its issuer, which was sent as certificate ${note.issuerPosition}: RFC 5246 §7.4.2 asks for each certificate to be followed by its issuer; OpenSSL, Go, mbedTLS and wolfSSL search the rest of the list and still find it`;
    case "issuer-before-child":
      return `certificate ${note.position} (${note.subject}) comes after its issuer (certificate ${note.issuerPosition}): devices that look for an issuer only after its child (mbedTLS, wolfSSL) fail (lint rules mbedtls-chain-order, wolfssl-chain-order)`;
    case "not-in-path":
      return `certificate ${note.position} (${note.subject}) is not on the leaf's path: it only adds bytes to every handshake`;
    case "duplicate":
      return `certificate ${note.position} (${note.subject}) repeats certificate ${note.firstPosition}`;
    case "root-sent":
      return `certificate ${note.position} is the self-signed root (${note.subject}): clients must already trust it, so sending it only adds bytes (RFC 8446 §4.4.2 lets the server leave it out)`;
    case "ends-before-root":
      return `the chain sent ends at certificate ${note.position}, issued by ${note.issuer}: clients must hold that CA as a trust anchor (usual when it is the root; when it is an intermediate, the server is missing it: browsers may fetch it, devices do not)`;
  }
}

/** The endpoint part of a probe report in plain words (the lint part is rendered as `lint` renders it). */
export function renderProbe(report: ProbeReport): string {
  const lines: string[] = [`${report.endpoint}${report.starttls ? ` (STARTTLS ${report.starttls})` : ""}${report.serverName ? `, SNI ${report.serverName}` : ", no SNI"}`];
  const t12 = report.tls12;
  if (t12.accepted) {
    const kx = [t12.group && `group ${t12.group}`, t12.signatureScheme && `signed with ${t12.signatureScheme}`].filter(Boolean).join(", ");
    lines.push(`  TLS 1.2       ${t12.suite}${kx ? `, ${kx}` : ""}`);
  } else if (t12.version && t12.version !== "TLS 1.2") {
    lines.push(`  TLS 1.2       not chosen: the server answered ${t12.version}${t12.suite ? ` (${t12.suite})` : ""}`);
  } else {
    lines.push(`  TLS 1.2       refused: ${t12.refusedWith ? alertText(t12.refusedWith) : t12.incomplete === "timeout" ? "no complete answer" : "the server closed the connection"}`);
  }
  const n = report.negotiated;
  if (n && "failed" in n) lines.push(`  negotiated    the handshake failed: ${n.alert ? `${alertText(n.alert)} (pkilab explain "alert ${n.alert.code}")` : n.failed}`);
  else if (n) lines.push(`  negotiated    ${n.version}, ${n.suite}${n.group ? `, ${n.group}` : ""}${n.signatureScheme ? `, signed with ${n.signatureScheme}` : ""} (what a current OpenSSL client gets)`);
  const source =
    report.chainSource === "tls1.2-wire"
      ? `exactly as sent, read off the wire in ${report.tls12.version && report.tls12.version !== "TLS 1.2" ? report.tls12.version : "TLS 1.2"}`
      : report.chainSource === "tls1.3-wire"
        ? "exactly as sent, in TLS 1.3 (its encrypted flight opened with pkilab's own handshake secret)"
        : "as OpenSSL linked it: the flight could not be read off the wire, so the order sent is unknown and certificates OpenSSL dropped are missing";
  lines.push(report.chain.length > 0 ? `  chain (${source}):` : "  chain         none sent");
  report.chain.forEach((c, i) => lines.push(`    ${i + 1}  ${c.subject || "(empty subject)"} — ${c.key}, expires ${c.notAfter.slice(0, 10)}, issued by ${c.issuer || "(empty)"}`));
  for (const note of report.chainNotes) lines.push(`    note: ${sentChainNoteText(note)}`);
  if (report.certificateRequest) {
    const r = report.certificateRequest;
    lines.push(`  client certificate requested (types ${r.certificateTypes.join(", ") || "none"}; signature algorithms ${r.signatureAlgorithms.join(", ") || "none"})`);
    lines.push(r.caNames.length > 0 ? "    acceptable CAs, as the server names them (nginx: the certificates of ssl_client_certificate):" : "    acceptable CAs: none named (any CA the server trusts)");
    for (const name of r.caNames) lines.push(`      ${name}`);
  } else if (report.chainSource !== "tls-library") {
    lines.push("  client certificate not requested");
  }
  const cc = report.clientCertificate;
  if (cc) {
    const answer = [cc.answer && `it answered "${cc.answer}"`, cc.detail && `"${cc.detail}"`].filter(Boolean).join(": ");
    const outcome =
      cc.outcome === "accepted"
        ? "ACCEPTED"
        : cc.outcome === "not-asked"
          ? "not asked for: the server did not request a client certificate"
          : cc.outcome === "refused"
            ? `REFUSED${cc.alert ? ` with ${alertText(cc.alert)} (pkilab explain "alert ${cc.alert.code}")` : ""}`
            : "NOT DECIDED";
    const why = cc.reason ? ` (${cc.reason})` : "";
    lines.push(`  presented ${cc.file}: ${outcome}${why}${answer ? ` — ${answer}` : ""}`);
  }
  if (report.notJudged) lines.push(`  NOT JUDGED: ${report.notJudged}`);
  return lines.join("\n");
}
