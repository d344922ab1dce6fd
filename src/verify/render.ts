import type { Wrap } from "../inspect/render.js";
import type { LeafVerdict, VerifyHead, VerifyReport, VerifySummary } from "./verify.js";

/** Text report of `pkilab verify` (pure: report in, text out). `wrap` fits lines to a width. */
export function renderVerifyReport(report: VerifyReport, options: { quiet?: boolean; wrap?: Wrap } = {}): string {
  const lines = report.results.flatMap((result) => renderVerdictLines(result, options));
  lines.push(renderVerifySummary(report, report.summary, options));
  return lines.join("\n");
}

/** The lines of one leaf's verdict (none for a valid leaf under --quiet): what verify prints as it goes. */
export function renderVerdictLines(result: LeafVerdict, options: { quiet?: boolean; wrap?: Wrap } = {}): string[] {
  const wrap = options.wrap ?? ((prefix, text) => prefix + text);
  if (result.valid) return options.quiet ? [] : [wrap("OK       ", `${result.file}: ${result.chain.map((c) => c.subject || "(empty)").join(" <- ")}`)];
  const lines = [wrap("INVALID  ", `${result.file}: ${result.subject || "(empty subject)"}`)];
  for (const reason of result.reasons) {
    const where = reason.cert < 0 ? "chain" : reason.cert === 0 ? "leaf" : `cert ${reason.cert} (${reason.subject})`;
    lines.push(wrap("  - ", `[${reason.id}] ${where}: ${reason.message}`));
    if (reason.hint) lines.push(wrap("      fix: ", reason.hint));
  }
  if (result.chain.length > 1) lines.push(wrap("    chain tried: ", `${result.chain.map((c) => c.subject || "(empty)").join(" <- ")}${result.chain.at(-1)?.trustAnchor ? " (trust anchor)" : ""}`));
  return lines;
}

/** The closing line: how many leaves, against what, how many valid. */
export function renderVerifySummary(head: VerifyHead, summary: VerifySummary, options: { wrap?: Wrap } = {}): string {
  const wrap = options.wrap ?? ((prefix, text) => prefix + text);
  const { total, valid, invalid } = summary;
  const context = [head.trustAnchor && `trust anchor ${head.trustAnchor}`, head.purpose && `purpose ${head.purpose}`, head.host && `host ${head.host}`, head.revocation && `${head.revocation.crls} CRL(s) checked for ${head.revocation.check === "all" ? "every certificate" : "the leaf"}`, `at ${head.at}`].filter(Boolean).join(", ");
  return wrap("", `${total} verified (${context}): ${valid} valid, ${invalid} invalid`, { hang: 2 });
}
