import { RULES } from "../rules/index.js";
import type { LintReport } from "../types.js";

/**
 * SARIF 2.1.0 (OASIS), for code-scanning UIs: one result per finding, rules with their citation.
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export function renderSarif(report: LintReport, version: string): object {
  const level = { error: "error", fatal: "error", warning: "warning", info: "note" } as const;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pkilab",
            version,
            rules: RULES.map((rule) => ({ id: rule.id, shortDescription: { text: rule.title }, help: { text: rule.citation } })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          level: level[f.severity],
          message: { text: `${f.peer}: ${f.message} Fix: ${f.fix}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: report.chain[Math.max(0, f.certIndex)]?.source.replace(/#\d+$/, "") ?? report.file } } }],
          properties: { peer: f.peer, certIndex: f.certIndex, subject: f.subject, symptom: f.symptom },
        })),
      },
    ],
  };
}
