import type { Finding, LintReport, UncheckedInput } from "../types.js";

/** Fits `prefix + text` to the terminal (src/cli/wrap.ts wrapper); the command passes it in. */
export type Wrap = (prefix: string, text: string, options?: { hang?: number }) => string;

/** Human report: findings grouped by certificate, then one verdict line per peer (pure). */
export function renderText(report: LintReport, options: { wrap?: Wrap } = {}): string {
  const wrap: Wrap = options.wrap ?? ((prefix, text) => prefix + text);
  const lines: string[] = [wrap("", `${report.file}: ${report.chain.map((c) => c.subject || "(empty)").join(" <- ")}`, { hang: 2 })];
  const groups = new Map<number, Finding[]>();
  for (const finding of report.findings) groups.set(finding.certIndex, [...(groups.get(finding.certIndex) ?? []), finding]);
  for (const index of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(index)!;
    const { subject } = group[0]!; // a group is created with its first finding
    lines.push("", index < 0 ? "the chain:" : index === 0 ? `the certificate (${subject || report.chain[0]?.subject}):` : `certificate ${index} (${subject}):`);
    for (const f of group) {
      lines.push(wrap(`  ${f.severity.toUpperCase().padEnd(7)} `, `${f.peer} ${f.rule}: ${f.message}`));
      lines.push(wrap("          fix: ", f.fix));
      if (f.symptom && f.severity !== "info") lines.push(wrap("          symptom: ", f.symptom));
    }
  }
  lines.push("", ...inputLines(report).map((line) => wrap("", line, { hang: 2 })));
  for (const v of report.verdicts) {
    const counts = [v.errors && `${v.errors} error${v.errors > 1 ? "s" : ""}`, v.warnings && `${v.warnings} warning${v.warnings > 1 ? "s" : ""}`].filter(Boolean).join(", ");
    // Peers built from a device's files say which: the mbedTLS config (and the guessed version), the hello.
    const from = v.configOrigin ? ` (config: ${v.configOrigin})` : v.peer === "mbedtls" || v.peer === "client-hello" ? ` (${v.title})` : "";
    const decision = v.status === "accepted" ? "will be ACCEPTED" : v.status === "rejected" ? "will be REJECTED" : "NOT DECIDED (no error found, but a check it needs could not run)";
    lines.push(wrap(`${v.peer}: `, `${decision}${counts ? ` — ${counts}` : ""}${from}`, { hang: 2 }));
    for (const u of v.unchecked) lines.push(wrap("  not checked ", `without ${INPUT_WORDS[u.input]} (${u.rules.join(", ")}): ${u.pass}`, { hang: 4 }));
    if (v.assumed.length > 0) lines.push(wrap("  assumed: ", v.assumed.join("; ")));
  }
  return lines.join("\n");
}

const INPUT_WORDS: Record<UncheckedInput["input"], string> = { "trust-anchor": "a trust anchor", host: "the host name" };

/** One line saying where the trust anchors and chain came from, and the clock and host assumed. */
function inputLines(report: LintReport): string[] {
  const { inputs } = report;
  const anchors = inputs.anchors.join(", ");
  const chain = inputs.chain.length > 0 ? `, chain: ${inputs.chain.join(", ")}` : "";
  const origin =
    inputs.from === "lab"
      ? `trust anchor: ${anchors}${chain} — from the lab`
      : inputs.from === "nginx.conf"
        ? `trust anchors: ${anchors}${chain}`
        : inputs.from === "--ca"
          ? `trust anchors: ${anchors} (--ca)${chain}`
          : `trust anchor: none (no --ca, no CA in --nginx-conf, not inside a pkilab lab)${chain}`;
  return [origin, `time: ${report.at}${report.host ? `; host: ${report.host}` : ""}`];
}
