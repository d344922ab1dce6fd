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

const BAR_WIDTH = 40;

/**
 * Draws the trees with each certificate's validity window as a bar on one shared time axis, and
 * the verification time (--at) as a "|" through every bar, so an expired leaf or a leaf that
 * outlives its issuer shows at a glance.
 */
export function renderForest(roots: TreeNode[], at: Date): string {
  const all: TreeNode[] = [];
  const walk = (node: TreeNode) => {
    all.push(node);
    node.children.forEach(walk);
  };
  roots.forEach(walk);
  if (all.length === 0) return "(no certificates)";
  const start = Math.min(...all.map((n) => n.cert.notBefore.getTime()), at.getTime());
  const end = Math.max(...all.map((n) => n.cert.notAfter.getTime()), at.getTime());
  const column = (time: number) => Math.min(BAR_WIDTH - 1, Math.max(0, Math.round(((time - start) / Math.max(1, end - start)) * (BAR_WIDTH - 1))));
  const nowColumn = column(at.getTime());

  const rows: { label: string; bar: string; dates: string }[] = [];
  const draw = (node: TreeNode, prefix: string, childPrefix: string) => {
    const cert = node.cert;
    const from = column(cert.notBefore.getTime());
    const to = column(cert.notAfter.getTime());
    let bar = "";
    for (let i = 0; i < BAR_WIDTH; i++) bar += i === nowColumn ? "|" : i >= from && i <= to ? "=" : " ";
    const state = at < cert.notBefore ? "  NOT YET VALID" : at > cert.notAfter ? "  EXPIRED" : "";
    rows.push({
      label: `${prefix}${cert.subject.text || "(empty subject)"}  [${cert.publicKey.label}]`,
      bar,
      dates: `${day(cert.notBefore)} .. ${day(cert.notAfter)}${state}`,
    });
    node.children.forEach((child, i) => {
      const last = i === node.children.length - 1;
      draw(child, `${childPrefix}${last ? "└─ " : "├─ "}`, `${childPrefix}${last ? "   " : "│  "}`);
    });
  };
  for (const root of roots) draw(root, root.cert.selfIssued ? "" : "(issuer not given) ", root.cert.selfIssued ? "" : "                   ");
  const width = Math.max(...rows.map((r) => r.label.length));
  const lines = rows.map((r) => `${r.label.padEnd(width)}  ${r.bar}  ${r.dates}`);
  lines.push(`${"".padEnd(width)}  ${axis(start, end, nowColumn, at)}`);
  return lines.join("\n");
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The axis under the bars: start date, "|" = --at, end date. */
function axis(start: number, end: number, nowColumn: number, at: Date): string {
  const left = day(new Date(start));
  const right = day(new Date(end));
  return `${left}${" ".repeat(Math.max(1, BAR_WIDTH - left.length - right.length))}${right}  ("|" = ${at.toISOString().slice(0, 16).replace("T", " ")} UTC, column ${nowColumn + 1})`;
}
