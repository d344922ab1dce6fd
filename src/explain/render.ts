import type { Explanation, ExplainResult } from "./explain.js";
import type { LogReport } from "./log.js";

/** Text of `pkilab explain CODE…` (pure). */
export function renderExplanations(result: ExplainResult): string {
  const blocks = result.explanations.map(renderExplanation);
  for (const unknown of result.unknown) {
    blocks.push(`${unknown.query}: not recognised${unknown.suggestions.length ? `; closest: ${unknown.suggestions.join("; ")}` : ""}`);
  }
  return blocks.join("\n\n");
}

export function renderExplanation(e: Explanation): string {
  const lines = [e.title, `  meaning     ${e.meaning}`, `  decided by  ${e.decidedBy}`];
  if (e.causes.length) {
    lines.push("  likely causes:");
    e.causes.slice(0, 6).forEach((cause, i) => lines.push(`    ${i + 1}. ${cause}`));
  }
  if (e.rules.length) {
    const byRule = new Map<string, string[]>();
    for (const r of e.rules) byRule.set(r.id, [...(byRule.get(r.id) ?? []), r.peer]);
    lines.push(`  caught by   ${[...byRule].map(([id, peers]) => `${id} (${peers.join(", ")})`).join(", ")}`);
  }
  for (const command of e.confirm.slice(0, 3)) lines.push(`  confirm     ${command}`);
  lines.push(`  source      ${e.citation}`);
  return lines.join("\n");
}

/** Text of `pkilab explain --log FILE` (pure): events in order, then decoded hellos and lint. */
export function renderLogReport(report: LogReport): string {
  const lines = [`${report.file}: ${report.kind === "unknown" ? "log" : `${report.kind} log`}, ${report.events.length} event(s)`];
  for (const event of report.events) {
    const e = event.explanation;
    lines.push("", `line ${event.line}: ${event.text}`);
    if (!e) {
      lines.push("  (not in pkilab's tables)");
      continue;
    }
    lines.push(`  ${e.title}`, `  decided by ${e.decidedBy}`);
    e.causes.slice(0, 3).forEach((cause, i) => lines.push(`    ${i + 1}. ${cause}`));
    if (e.rules.length) lines.push(`  caught by ${[...new Set(e.rules.map((r) => r.id))].join(", ")}`);
    for (const by of event.explainedBy ?? []) lines.push(`  EXPLAINED: ${by.peer} ${by.rule}: ${by.message}`);
  }
  for (const hello of report.clientHellos) {
    lines.push(
      "",
      `ClientHello${hello.line ? ` (line ${hello.line})` : ""}${hello.serverName ? ` to ${hello.serverName}` : ""}:`,
      `  suites  ${hello.cipherSuites.join(", ")}`,
      `  groups  ${hello.groups.join(", ") || "(none)"}`,
      `  sig. algs ${hello.signatureAlgorithms.join(", ") || "(none)"}`,
    );
  }
  if (report.lint) {
    lines.push("", `lint of the certificate for ${report.lint.peers.join(", ")}: ${report.lint.findings.filter((f) => f.severity === "error").length} error(s)`);
    for (const f of report.lint.findings.filter((f) => f.severity === "error")) lines.push(`  ${f.peer} ${f.rule}: ${f.message}`, `    fix: ${f.fix}`);
  }
  return lines.join("\n");
}
