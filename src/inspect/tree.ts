import { checkSignature } from "../chain/signature.js";
import type { CertFacts } from "../model/certificate.js";

export interface TreeNode {
  cert: CertFacts;
  children: TreeNode[];
}

/**
 * Arranges certificates into issuer trees: a certificate's parent is a certificate in the set whose
 * subject is its issuer and whose key verifies its signature. Duplicates (same DER) count once.
 */
export function buildForest(certs: CertFacts[]): TreeNode[] {
  const unique = [...new Map(certs.map((c) => [c.sha256, c])).values()];
  const nodes = new Map(unique.map((cert) => [cert, { cert, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const cert of unique) {
    const parent = cert.selfIssued
      ? undefined
      : unique.find((candidate) => candidate !== cert && candidate.subject.canonical === cert.issuer.canonical && checkSignature(cert, candidate) === "ok");
    if (parent) nodes.get(parent)!.children.push(nodes.get(cert)!);
    else roots.push(nodes.get(cert)!);
  }
  return roots;
}

/** The bar's width when there is room: today's look on wide terminals and in pipes. */
const BAR_WIDTH = 40;
/** Narrower, and a one-year leaf under a ten-year root no longer shows as more than a tick. */
const MIN_BAR_WIDTH = 16;
/** A subject shortened to fewer columns than this says too little: shorten the whole label instead. */
const MIN_SUBJECT_WIDTH = 8;

interface Row {
  /** Tree lines before the subject: "   ├─ ". */
  prefix: string;
  subject: string;
  /** "  [ECDSA P-256]" */
  key: string;
  /** Tree lines under the label when the bar gets its own line: the lines to siblings and children. */
  under: string;
  cert: CertFacts;
  /** "2026-11-26 .. 2036-11-23", and the state when --at is outside the window. */
  dates: string;
}

/**
 * Draws the trees with each certificate's validity window as a bar on one shared time axis, and
 * the verification time (--at) as a "|" through every bar, so an expired leaf or a leaf that
 * outlives its issuer shows at a glance.
 *
 * Every line fits in `width` columns (from 60 up; Infinity: no limit): the bar narrows down to
 * MIN_BAR_WIDTH beside the labels; when even that does not fit, each bar goes on its own line under
 * its label, where a label too long for the width is shortened with "…" (the subject, keeping the
 * key). Bars and dates are never cut.
 */
export function renderForest(roots: TreeNode[], at: Date, width = Infinity): string {
  const rows: Row[] = [];
  const draw = (node: TreeNode, prefix: string, childPrefix: string) => {
    const cert = node.cert;
    const state = at < cert.notBefore ? "  NOT YET VALID" : at > cert.notAfter ? "  EXPIRED" : "";
    rows.push({
      prefix,
      subject: cert.subject.text || "(empty subject)",
      key: `  [${cert.publicKey.label}]`,
      under: node.children.length > 0 ? `${childPrefix}│` : childPrefix.trimEnd(),
      cert,
      dates: `${day(cert.notBefore)} .. ${day(cert.notAfter)}${state}`,
    });
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      draw(child, `${childPrefix}${last ? "└─ " : "├─ "}`, `${childPrefix}${last ? "   " : "│  "}`);
    });
  };
  for (const root of roots) draw(root, root.cert.selfIssued ? "" : "(issuer not given) ", root.cert.selfIssued ? "" : "                   ");
  if (rows.length === 0) return "(no certificates)";

  const start = Math.min(...rows.map((r) => r.cert.notBefore.getTime()), at.getTime());
  const end = Math.max(...rows.map((r) => r.cert.notAfter.getTime()), at.getTime());
  const timeAxis = new TimeAxis(start, end, at);
  const labelWidth = Math.max(...rows.map((r) => label(r).length));
  const datesWidth = Math.max(...rows.map((r) => r.dates.length));

  // One line per certificate: label, bar, dates.
  const besideLabels = Math.min(BAR_WIDTH, width - labelWidth - 2 - 2 - datesWidth);
  if (besideLabels >= MIN_BAR_WIDTH) {
    const lines = rows.map((r) => `${label(r).padEnd(labelWidth)}  ${timeAxis.bar(r.cert, besideLabels)}  ${r.dates}`);
    return [...lines, ...timeAxis.legend(" ".repeat(labelWidth + 2), besideLabels, width)].join("\n");
  }

  // Two lines per certificate: the label, then the bar with the tree's lines continuing beside it
  // (dropped when they leave no room for the bar).
  const deepest = Math.max(...rows.map((r) => r.under.length));
  const withTreeLines = deepest + 2 + MIN_BAR_WIDTH + 2 + datesWidth <= width;
  const barColumn = withTreeLines ? deepest + 2 : 2;
  const barWidth = Math.max(MIN_BAR_WIDTH, Math.min(BAR_WIDTH, width - barColumn - 2 - datesWidth));
  const lines = rows.flatMap((r) => [
    fitLabel(r, width),
    `${(withTreeLines ? r.under : "").padEnd(barColumn)}${timeAxis.bar(r.cert, barWidth)}  ${r.dates}`,
  ]);
  return [...lines, ...timeAxis.legend(" ".repeat(barColumn), barWidth, width)].join("\n");
}

function label(row: Row): string {
  return `${row.prefix}${row.subject}${row.key}`;
}

/** The label in at most `width` columns: the subject shortened first, so the key stays readable. */
function fitLabel(row: Row, width: number): string {
  const whole = label(row);
  if (whole.length <= width) return whole;
  const subjectRoom = width - row.prefix.length - row.key.length;
  if (subjectRoom >= MIN_SUBJECT_WIDTH) return `${row.prefix}${ellipsis(row.subject, subjectRoom)}${row.key}`;
  return ellipsis(whole, width);
}

/** `text` cut to `room` columns, ending in "…" (cut between code points, never inside one). */
function ellipsis(text: string, room: number): string {
  const chars = Array.from(text);
  return chars.length <= room ? text : `${chars.slice(0, Math.max(0, room - 1)).join("")}…`;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The time axis shared by every bar: from the earliest notBefore to the latest notAfter (and --at). */
class TimeAxis {
  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly at: Date,
  ) {}

  /** The bar column of a time, in a bar `width` columns wide. */
  column(time: number, width: number): number {
    return Math.min(width - 1, Math.max(0, Math.round(((time - this.start) / Math.max(1, this.end - this.start)) * (width - 1))));
  }

  /** "=" over the certificate's validity, "|" at --at. */
  bar(cert: CertFacts, width: number): string {
    const from = this.column(cert.notBefore.getTime(), width);
    const to = this.column(cert.notAfter.getTime(), width);
    const now = this.column(this.at.getTime(), width);
    let bar = "";
    for (let i = 0; i < width; i++) bar += i === now ? "|" : i >= from && i <= to ? "=" : " ";
    return bar;
  }

  /**
   * The line under the bars: start date, end date, and what "|" means; that last part goes on a
   * line of its own when it would not fit in `lineWidth`.
   */
  legend(indent: string, barWidth: number, lineWidth: number): string[] {
    const left = day(new Date(this.start));
    const right = day(new Date(this.end));
    const dates = `${indent}${left}${" ".repeat(Math.max(1, barWidth - left.length - right.length))}${right}`;
    const meaning = `("|" = ${this.at.toISOString().slice(0, 16).replace("T", " ")} UTC, column ${this.column(this.at.getTime(), barWidth) + 1})`;
    return dates.length + 2 + meaning.length <= lineWidth ? [`${dates}  ${meaning}`] : [dates, `${indent}${meaning}`];
  }
}
