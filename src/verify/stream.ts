import type { Wrap } from "../inspect/render.js";
import { renderVerdictLines, renderVerifySummary } from "./render.js";
import type { LeafVerdict, VerifyHead, VerifySink, VerifySummary } from "./verify.js";

export type VerifyOutputFormat = "text" | "json" | "jsonl";

/**
 * The verify report written as verdicts arrive (pure: text goes to `write`), so output of any
 * number of leaves takes the memory of one:
 * - text: the lines of renderVerifyReport, leaf by leaf, then the summary line;
 * - json: the same document as `--json` always printed (docs/schemas/verify.schema.json), its
 *   "results" array written one element at a time;
 * - jsonl: one leaf verdict per line (the schema's leafVerdict), nothing else.
 * `end` closes the output with the summary.
 */
export function verifyOutput(format: VerifyOutputFormat, write: (text: string) => void, options: { quiet?: boolean; wrap?: Wrap } = {}): VerifySink & { end(summary: VerifySummary): void } {
  let head: VerifyHead | undefined;
  let count = 0;
  const verdict = (result: LeafVerdict) => {
    if (format === "text") {
      for (const line of renderVerdictLines(result, options)) write(`${line}\n`);
    } else if (format === "jsonl") {
      write(`${JSON.stringify(result)}\n`);
    } else {
      // Deferred to the first verdict: a first file that cannot be read leaves stdout empty for
      // the one-line error object.
      if (count === 0) write(jsonHead(head));
      write(`${count === 0 ? "" : ",\n"}${indent(JSON.stringify(result, null, 2), "    ")}`);
    }
    count++;
  };
  return {
    head: (h) => (head = h),
    verdict,
    end: (summary) => {
      if (format === "text") write(`${renderVerifySummary(head ?? { at: "" }, summary, options)}\n`);
      else if (format === "json") {
        if (count === 0) write(jsonHead(head));
        write(`${count === 0 ? "" : "\n  "}],\n  "summary": ${indent(JSON.stringify(summary, null, 2), "  ").trimStart()}\n}\n`);
      }
    },
  };
}

/** The document up to and including the opening of "results", as JSON.stringify(report, null, 2) lays it out. */
function jsonHead(head: VerifyHead | undefined): string {
  const opened = JSON.stringify(head ?? {}, null, 2).replace(/\n?}$/, "");
  return `${opened === "{" ? "{" : `${opened},`}\n  "results": [\n`;
}

function indent(text: string, by: string): string {
  return text.replace(/^/gm, by);
}
