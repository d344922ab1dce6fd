import { CRL_WITHOUT_NEXT_UPDATE } from "./notes.js";
import type { CertificateSummary, CrlSummary, InspectItem, InspectReport } from "./report.js";

/**
 * Lays out one line of a report: `prefix + text`, continuation lines indented to the prefix's width
 * (or `hang` columns), under the text rather than under a label or bullet. The command passes one
 * fitted to the terminal; without it every line stays whole.
 */
export type Wrap = (prefix: string, text: string, options?: { hang?: number }) => string;

const whole: Wrap = (prefix, text) => prefix + text;

/** Text report of `pkilab inspect` (pure). */
export function renderInspectReport(report: InspectReport, options: { wrap?: Wrap } = {}): string {
  const wrap = options.wrap ?? whole;
  return report.items.map((item) => renderItem(item, wrap)).join("\n\n");
}

function renderItem(item: InspectItem, wrap: Wrap): string {
  // The file name is text, not a prefix to hang under: it can be long.
  const head = (what: string) => wrap("", `${item.file} #${item.index}: ${what}`, { hang: 2 });
  const field = (name: string, value: string) => wrap(`  ${name.padEnd(12)} `, value);
  const note = (text: string) => wrap("  note: ", text);
  switch (item.kind) {
    case "certificate":
      return `${head("certificate")}\n${renderCertificate(item.certificate, field, note)}`;
    case "private-key":
      return head(`private key, ${item.key} (${item.format}${item.encrypted ? ", encrypted" : ""}); the key itself is not shown`);
    case "public-key":
      return head(`public key, ${item.key}`);
    case "csr":
      return [head("certificate signing request"), field("subject", item.subject), field("key", item.key), ...(item.subjectAltNames.length ? [field("SAN", item.subjectAltNames.join(", "))] : [])].join("\n");
    case "crl":
      return `${head("CRL")}\n${renderCrl(item, field, note)}`;
    case "other":
      return head(item.what);
  }
}

function renderCertificate(c: CertificateSummary, field: (name: string, value: string) => string, note: (text: string) => string): string {
  const lines = [
    field("subject", c.subject || "(empty)"),
    field("issuer", `${c.issuer || "(empty)"}${c.selfSigned ? " (self-issued)" : ""}`),
    field("validity", `${c.notBefore} .. ${c.notAfter} (${c.validity})`),
    field("key", c.key),
    field("signature", c.signature),
    field("basic", c.basicConstraints),
  ];
  if (c.subjectAltNames.length) lines.push(field("SAN", c.subjectAltNames.join(", ")));
  if (c.keyUsage.length) lines.push(field("key usage", c.keyUsage.join(", ")));
  if (c.extKeyUsage.length) lines.push(field("ext usage", c.extKeyUsage.join(", ")));
  if (c.nameConstraints) lines.push(field("name constr.", `permitted ${c.nameConstraints.permitted.join(", ") || "-"}; excluded ${c.nameConstraints.excluded.join(", ") || "-"}`));
  lines.push(field("serial", c.serial));
  if (c.subjectKeyId) lines.push(field("SKI", c.subjectKeyId));
  if (c.authorityKeyId) lines.push(field("AKI", c.authorityKeyId));
  lines.push(field("size", `${c.derSize} bytes DER`), field("sha256", c.sha256));
  lines.push(...c.notes.map(note));
  return lines.join("\n");
}

function renderCrl(c: CrlSummary, field: (name: string, value: string) => string, note: (text: string) => string): string {
  const lines = [field("issuer", c.issuer || "(empty)")];
  if (c.crlNumber !== undefined) lines.push(field("CRL number", c.crlNumber));
  // "(no nextUpdate)" already says it: the words are not repeated.
  const words = c.validity === CRL_WITHOUT_NEXT_UPDATE ? "" : ` (${c.validity})`;
  lines.push(field("valid", `${c.thisUpdate} .. ${c.nextUpdate ?? "(no nextUpdate)"}${words}`));
  if (c.authorityKeyId) lines.push(field("AKI", c.authorityKeyId));
  lines.push(field("revoked", c.revoked === 0 ? "none" : String(c.revoked)));
  for (const entry of c.revokedEntries) lines.push(field("", `serial ${entry.serial}, ${entry.date}${entry.reason ? `, ${entry.reason}` : ""}`));
  if (c.revokedNotListed > 0) lines.push(field("", `… and ${c.revokedNotListed} more`));
  lines.push(...c.notes.map(note));
  return lines.join("\n");
}
