import type { Finding, LintReport } from "../types.js";

/** Human report: findings grouped by certificate, then one verdict line per peer (pure). */
export function renderText(report: LintReport): string {
  const lines: string[] = [`${report.file}: ${report.chain.map((c) => c.subject || "(empty)").join(" <- ")}`];
  const groups = new Map<number, Finding[]>();
  for (const finding of report.findings) groups.set(finding.certIndex, [...(groups.get(finding.certIndex) ?? []), finding]);
  for (const index of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(index)!;
    lines.push("", index < 0 ? "the chain:" : index === 0 ? `the certificate (${group[0].subject || report.chain[0]?.subject}):` : `certificate ${index} (${group[0].subject}):`);
    for (const f of group) {
      lines.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.peer} ${f.rule}: ${f.message}`);
      lines.push(`          fix: ${f.fix}`);
      if (f.symptom && f.severity !== "info") lines.push(`          symptom: ${f.symptom}`);
    }
  }
  lines.push("");
  for (const v of report.verdicts) {
    const counts = [v.errors && `${v.errors} error${v.errors > 1 ? "s" : ""}`, v.warnings && `${v.warnings} warning${v.warnings > 1 ? "s" : ""}`].filter(Boolean).join(", ");
    // Peers built from a device's files say which: the mbedTLS config (and the guessed version), the hello.
    const from = v.configOrigin ? ` (config: ${v.configOrigin})` : v.peer === "mbedtls" || v.peer === "client-hello" ? ` (${v.title})` : "";
    lines.push(`${v.peer}: ${v.accepted ? "will be ACCEPTED" : "will be REJECTED"}${counts ? ` — ${counts}` : ""}${from}`);
  }
  return lines.join("\n");
}
