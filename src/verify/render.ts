import type { Wrap } from "../inspect/render.js";
import type { VerifyReport } from "./verify.js";

/** Text report of `pkilab verify` (pure: report in, text out). `wrap` fits lines to a width. */
export function renderVerifyReport(report: VerifyReport, options: { quiet?: boolean; wrap?: Wrap } = {}): string {
  const wrap = options.wrap ?? ((prefix, text) => prefix + text);
  const lines: string[] = [];
  for (const result of report.results) {
    if (result.valid) {
      if (!options.quiet) lines.push(wrap("OK       ", `${result.file}: ${result.chain.map((c) => c.subject || "(empty)").join(" <- ")}`));
      continue;
    }
    lines.push(wrap("INVALID  ", `${result.file}: ${result.subject || "(empty subject)"}`));
    for (const reason of result.reasons) {
      const where = reason.cert < 0 ? "chain" : reason.cert === 0 ? "leaf" : `cert ${reason.cert} (${reason.subject})`;
      lines.push(wrap("  - ", `[${reason.id}] ${where}: ${reason.message}`));
      if (reason.hint) lines.push(wrap("      fix: ", reason.hint));
    }
    if (result.chain.length > 1) lines.push(wrap("    chain tried: ", `${result.chain.map((c) => c.subject || "(empty)").join(" <- ")}${result.chain.at(-1)?.trustAnchor ? " (trust anchor)" : ""}`));
  }
  const { total, valid, invalid } = report.summary;
  const context = [report.trustAnchor && `trust anchor ${report.trustAnchor}`, report.purpose && `purpose ${report.purpose}`, report.host && `host ${report.host}`, report.revocation && `${report.revocation.crls} CRL(s) checked for ${report.revocation.check === "all" ? "every certificate" : "the leaf"}`, `at ${report.at}`].filter(Boolean).join(", ");
  lines.push(wrap("", `${total} verified (${context}): ${valid} valid, ${invalid} invalid`, { hang: 2 }));
  return lines.join("\n");
}
