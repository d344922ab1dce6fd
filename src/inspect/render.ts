import type { CertificateSummary, InspectItem, InspectReport } from "./inspect.js";

/** Text report of `pkilab inspect` (pure). */
export function renderInspectReport(report: InspectReport): string {
  return report.items.map(renderItem).join("\n\n");
}

function renderItem(item: InspectItem): string {
  const head = `${item.file} #${item.index}`;
  switch (item.kind) {
    case "certificate":
      return `${head}: certificate\n${renderCertificate(item.certificate)}`;
    case "private-key":
      return `${head}: private key, ${item.key} (${item.format}${item.encrypted ? ", encrypted" : ""}); the key itself is not shown`;
    case "public-key":
      return `${head}: public key, ${item.key}`;
    case "csr":
      return `${head}: certificate signing request\n${field("subject", item.subject)}\n${field("key", item.key)}${item.subjectAltNames.length ? `\n${field("SAN", item.subjectAltNames.join(", "))}` : ""}`;
    case "crl":
      return `${head}: CRL\n${field("issuer", item.issuer)}\n${field("valid", `${item.thisUpdate} .. ${item.nextUpdate ?? "(no nextUpdate)"}`)}\n${field("revoked", String(item.revoked))}${item.notes.map((n) => `\n  note: ${n}`).join("")}`;
    case "other":
      return `${head}: ${item.what}`;
  }
}

function renderCertificate(c: CertificateSummary): string {
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
  for (const note of c.notes) lines.push(`  note: ${note}`);
  return lines.join("\n");
}

function field(name: string, value: string): string {
  return `  ${name.padEnd(12)} ${value}`;
}
