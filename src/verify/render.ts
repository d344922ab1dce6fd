import type { VerifyReport } from "./verify.js";

/** Text report of `pkilab verify` (pure: report in, text out). */
export function renderVerifyReport(report: VerifyReport, options: { quiet?: boolean } = {}): string {
  const lines: string[] = [];
  for (const result of report.results) {
    if (result.valid) {
      if (!options.quiet) lines.push(`OK       ${result.file}: ${result.chain.map((c) => c.subject || "(empty)").join(" <- ")}`);
      continue;
    }
    lines.push(`INVALID  ${result.file}: ${result.subject || "(empty subject)"}`);
    for (const reason of result.reasons) {
      const where = reason.cert < 0 ? "chain" : reason.cert === 0 ? "leaf" : `cert ${reason.cert} (${reason.subject})`;
      lines.push(`  - [${reason.id}] ${where}: ${reason.message}`);
      if (reason.hint) lines.push(`      fix: ${reason.hint}`);
    }
    if (result.chain.length > 1) lines.push(`    chain tried: ${result.chain.map((c) => c.subject || "(empty)").join(" <- ")}${result.chain[result.chain.length - 1].trustAnchor ? " (trust anchor)" : ""}`);
  }
  const { total, valid, invalid } = report.summary;
  const context = [report.purpose && `purpose ${report.purpose}`, report.host && `host ${report.host}`, `at ${report.at}`].filter(Boolean).join(", ");
  lines.push(`${total} verified (${context}): ${valid} valid, ${invalid} invalid`);
  return lines.join("\n");
}
