import type { Explanation, ExplainResult } from "./explain.js";
import type { LogReport } from "./log.js";

/**
 * Lays out one line: `prefix + text`, continuation lines indented to the prefix's width (or `hang`
 * columns), under the text rather than under a label or bullet; `shell` marks a command, broken only
 * between arguments and with " \" so it can still be pasted. The command passes one fitted to the
 * terminal; without it every line stays whole.
 */
export type Wrap = (prefix: string, text: string, options?: { hang?: number; shell?: boolean }) => string;

export interface RenderOptions {
  wrap?: Wrap;
}

const whole: Wrap = (prefix, text) => prefix + text;

/** Text of `pkilab explain CODE…` (pure). */
export function renderExplanations(result: ExplainResult, options: RenderOptions = {}): string {
  const wrap = options.wrap ?? whole;
  const blocks = result.explanations.map((e) => renderExplanation(e, options));
  for (const unknown of result.unknown) {
    blocks.push(wrap("", `${unknown.query}: not recognised${unknown.suggestions.length ? `; closest: ${unknown.suggestions.join("; ")}` : ""}`, { hang: 2 }));
  }
  return blocks.join("\n\n");
}

export function renderExplanation(e: Explanation, options: RenderOptions = {}): string {
  const wrap = options.wrap ?? whole;
  const lines = [wrap("", e.title, { hang: 2 }), wrap("  meaning     ", e.meaning), wrap("  decided by  ", e.decidedBy)];
  if (e.causes.length) {
    lines.push("  likely causes:");
    e.causes.slice(0, 6).forEach((cause, i) => lines.push(wrap(`    ${i + 1}. `, cause)));
  }
  if (e.rules.length) {
    const byRule = new Map<string, string[]>();
    for (const r of e.rules) byRule.set(r.id, [...(byRule.get(r.id) ?? []), r.peer]);
    lines.push(wrap("  caught by   ", [...byRule].map(([id, peers]) => `${id} (${peers.join(", ")})`).join(", ")));
  }
  for (const command of e.confirm.slice(0, 3)) lines.push(wrap("  confirm     ", command, { shell: true }));
  lines.push(wrap("  source      ", e.citation));
  return lines.join("\n");
}

/** Text of `pkilab explain --log FILE` (pure): events in order, then decoded hellos and lint. */
export function renderLogReport(report: LogReport, options: RenderOptions = {}): string {
  const wrap = options.wrap ?? whole;
  const lines = [wrap("", `${report.file}: ${report.kind === "unknown" ? "log" : `${report.kind} log`}, ${report.events.length} event(s)`, { hang: 2 })];
  for (const event of report.events) {
    const e = event.explanation;
    lines.push("", wrap(`line ${event.line}: `, event.text));
    if (!e) {
      lines.push("  (not in pkilab's tables)");
      continue;
    }
    lines.push(wrap("  ", e.title), wrap("  decided by ", e.decidedBy));
    e.causes.slice(0, 3).forEach((cause, i) => lines.push(wrap(`    ${i + 1}. `, cause)));
    if (e.rules.length) lines.push(wrap("  caught by ", [...new Set(e.rules.map((r) => r.id))].join(", ")));
    for (const by of event.explainedBy ?? []) lines.push(wrap("  EXPLAINED: ", `${by.peer} ${by.rule}: ${by.message}`));
  }
  for (const hello of report.clientHellos) {
    lines.push(
      "",
      wrap("", `ClientHello${hello.line ? ` (line ${hello.line})` : ""}${hello.serverName ? ` to ${hello.serverName}` : ""}:`, { hang: 2 }),
      wrap("  suites  ", hello.cipherSuites.join(", ")),
      wrap("  groups  ", hello.groups.join(", ") || "(none)"),
      wrap("  sig. algs ", hello.signatureAlgorithms.join(", ") || "(none)"),
    );
  }
  if (report.lint) {
    lines.push("", wrap("", `lint of the certificate for ${report.lint.peers.join(", ")}: ${report.lint.findings.filter((f) => f.severity === "error").length} error(s)`, { hang: 2 }));
    for (const f of report.lint.findings.filter((f) => f.severity === "error")) lines.push(wrap("  ", `${f.peer} ${f.rule}: ${f.message}`, { hang: 4 }), wrap("    fix: ", f.fix));
  }
  return lines.join("\n");
}
