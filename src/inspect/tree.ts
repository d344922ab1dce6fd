import { checkSignature } from "../chain/signature.js";
import { InputError } from "../io/input-error.js";
import type { CertFacts } from "../model/certificate.js";
import type { CrlFacts } from "../model/crl.js";

export interface TreeNode {
  cert: CertFacts;
  children: TreeNode[];
}

/** A CRL to draw in the tree, and where it was read ("file#index"). */
export interface CrlInput {
  crl: CrlFacts;
  source: string;
}

/** The bounds on what drawing a set of certificates may cost; each error that enforces one names it. */
export const TREE_LIMITS = {
  /**
   * Most certificates in one chain of the drawing (each level indents the next, so a deeper chain
   * costs the square of its depth in columns). OpenSSL's default verify depth, 100 intermediates
   * between the leaf and the trust anchor (SSL_CTX_set_verify_depth(3)), makes 102: `openssl verify`
   * accepts such a chain and refuses one more (test/inspect/tree-hostile.test.ts).
   */
  maxDepth: 102,
  /**
   * Most signature checks that fail while finding issuers: a certificate is checked against each
   * certificate named as its issuer, so many same-named CAs over many certificates cost their
   * product. Real sets fail a handful (a re-keyed CA); candidates whose key identifier matches the
   * certificate's authority key identifier are tried first.
   */
  maxRejectedIssuers: 1000,
} as const;

const LIMITS_NAME = "TREE_LIMITS";

/**
 * Arranges certificates into issuer trees: a certificate's parent is a certificate in the set whose
 * subject is its issuer and whose key verifies its signature (the first such in the order given,
 * those whose subject key identifier is the certificate's authority key identifier first).
 * Duplicates (same DER) count once.
 */
export function buildForest(certs: CertFacts[]): TreeNode[] {
  const unique = [...new Map(certs.map((c) => [c.sha256, c])).values()];
  const nodes = new Map(unique.map((cert) => [cert, { cert, children: [] as TreeNode[] }]));
  // Indexes, so that a certificate looks only at the certificates with its issuer's name, and
  // finds those with its authority key identifier without reading the others.
  const bySubject = groupBy(unique, (c) => c.subject.canonical);
  const byKeyId = groupBy(unique, (c) => (c.subjectKeyId === undefined ? undefined : `${c.subject.canonical}\0${c.subjectKeyId}`));
  function* candidates(cert: CertFacts): Iterable<CertFacts> {
    const akid = cert.authorityKeyId;
    if (akid !== undefined) yield* byKeyId.get(`${cert.issuer.canonical}\0${akid}`) ?? [];
    for (const c of bySubject.get(cert.issuer.canonical) ?? []) if (akid === undefined || c.subjectKeyId !== akid) yield c;
  }
  let rejected = 0;
  const issuerOf = (cert: CertFacts): CertFacts | undefined => {
    for (const candidate of candidates(cert)) {
      if (candidate === cert) continue;
      if (checkSignature(cert, candidate) === "ok") return candidate;
      if (++rejected > TREE_LIMITS.maxRejectedIssuers) {
        throw new InputError(
          `inspect --tree: more than ${TREE_LIMITS.maxRejectedIssuers} times a certificate with an issuer's name did not sign the certificate naming it (${LIMITS_NAME}.maxRejectedIssuers = ${TREE_LIMITS.maxRejectedIssuers}): leave out the same-named CAs that issued none of them, or draw fewer certificates at once`,
        );
      }
    }
    return undefined;
  };
  const roots: TreeNode[] = [];
  for (const cert of unique) {
    const parent = cert.selfIssued ? undefined : issuerOf(cert);
    if (parent) nodes.get(parent)!.children.push(nodes.get(cert)!);
    else roots.push(nodes.get(cert)!);
  }
  return roots;
}

/** The items by key, each group in the order given; items without a key are left out. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
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
  /** The window the bar shows (a CRL without nextUpdate: to = undefined, open to the axis's end), and its fill. */
  from: Date;
  to?: Date;
  fill: "=" | "-";
  /** "2026-11-26 .. 2036-11-23", and the state when --at is outside the window (or the certificate is revoked). */
  dates: string;
}

/**
 * The CA among the drawn certificates that issued a CRL: its subject is the CRL's issuer and, when
 * both are there, its subject key identifier is the CRL's authority key identifier (the name and
 * key match OpenSSL's CRL lookup starts from, crypto/x509/x509_vfy.c crl_akid_check()). The
 * signature is not checked here: `verify --crl` does that. `bySubject` indexes the drawn nodes.
 */
function crlIssuer(crl: CrlFacts, bySubject: Map<string, TreeNode[]>): TreeNode | undefined {
  const keyMatches = (cert: CertFacts) => crl.authorityKeyId === undefined || cert.subjectKeyId === undefined || crl.authorityKeyId === cert.subjectKeyId;
  return bySubject.get(crl.issuer.canonical)?.find((node) => keyMatches(node.cert));
}

/**
 * Every node of the trees, parents before children: a walk with an index, not recursion or
 * shift(), and children pushed one by one (spreading 130,000 of them into push() overflows the stack).
 */
function allNodes(roots: TreeNode[]): TreeNode[] {
  const nodes = [...roots];
  for (let i = 0; i < nodes.length; i++) for (const child of nodes[i]?.children ?? []) nodes.push(child);
  return nodes;
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
export function renderForest(roots: TreeNode[], at: Date, width = Infinity, crls: readonly CrlInput[] = []): string {
  const rows: Row[] = [];
  // Each CRL is drawn under the CA that issued it, before that CA's certificates; the others at the end.
  const crlsOf = new Map<TreeNode, CrlInput[]>();
  const crlsWithoutIssuer: CrlInput[] = [];
  const bySubject = crls.length > 0 ? groupBy(allNodes(roots), (node) => node.cert.subject.canonical) : new Map<string, TreeNode[]>();
  for (const input of crls) {
    const issuer = crlIssuer(input.crl, bySubject);
    if (issuer) crlsOf.set(issuer, [...(crlsOf.get(issuer) ?? []), input]);
    else crlsWithoutIssuer.push(input);
  }
  const crlRow = (input: CrlInput, prefix: string, childPrefix: string) => {
    const { crl } = input;
    const state = at < crl.thisUpdate ? "  NOT YET VALID" : crl.nextUpdate && at >= crl.nextUpdate ? "  EXPIRED" : "";
    rows.push({
      prefix,
      subject: `CRL${crl.crlNumber === undefined ? "" : ` number ${crl.crlNumber}`} (${input.source})`,
      key: `  [${crl.revokedCount} revoked]`,
      under: childPrefix.trimEnd(),
      from: crl.thisUpdate,
      to: crl.nextUpdate,
      fill: "-",
      dates: `${day(crl.thisUpdate)} .. ${crl.nextUpdate ? day(crl.nextUpdate) : "(no nextUpdate)"}${state}`,
    });
  };
  /**
   * "  REVOKED" when a CRL of the certificate's issuer lists its serial (the reason is in the plain
   * report: here it would cost the bars their room on a narrow terminal).
   */
  const revokedMark = (cert: CertFacts, issuer: TreeNode | undefined): string =>
    ((issuer && crlsOf.get(issuer)) ?? []).some(({ crl }) => crl.revoked.has(cert.serial)) ? "  REVOKED" : "";
  const draw = (node: TreeNode, prefix: string, childPrefix: string, depth: number, issuer?: TreeNode) => {
    const cert = node.cert;
    if (depth > TREE_LIMITS.maxDepth) {
      throw new InputError(
        `inspect --tree: a chain of more than ${TREE_LIMITS.maxDepth} certificates (${LIMITS_NAME}.maxDepth = ${TREE_LIMITS.maxDepth}; OpenSSL verifies at most 100 intermediates): inspect these certificates without --tree`,
      );
    }
    const state = at < cert.notBefore ? "  NOT YET VALID" : at > cert.notAfter ? "  EXPIRED" : "";
    const ownCrls = crlsOf.get(node) ?? [];
    const below = ownCrls.length + node.children.length;
    rows.push({
      prefix,
      subject: cert.subject.text || "(empty subject)",
      key: `  [${cert.publicKey.label}]`,
      under: below > 0 ? `${childPrefix}│` : childPrefix.trimEnd(),
      from: cert.notBefore,
      to: cert.notAfter,
      fill: "=",
      dates: `${day(cert.notBefore)} .. ${day(cert.notAfter)}${state}${revokedMark(cert, issuer)}`,
    });
    const branch = (i: number) => (i === below - 1 ? ["└─ ", "   "] : ["├─ ", "│  "]);
    ownCrls.forEach((input, i) => {
      const [line, continuation] = branch(i);
      crlRow(input, `${childPrefix}${line}`, `${childPrefix}${continuation}`);
    });
    node.children.forEach((child, i) => {
      const [line, continuation] = branch(ownCrls.length + i);
      draw(child, `${childPrefix}${line}`, `${childPrefix}${continuation}`, depth + 1, node);
    });
  };
  for (const root of roots) draw(root, root.cert.selfIssued ? "" : "(issuer not given) ", root.cert.selfIssued ? "" : "                   ", 1);
  for (const input of crlsWithoutIssuer) crlRow(input, "(issuer not given) ", "                   ");
  if (rows.length === 0) return "(no certificates)";

  // Folded, not spread into Math.min/max: a call takes only so many arguments (130,000 rows overflowed Node 20's stack).
  const start = rows.reduce((t, r) => Math.min(t, r.from.getTime()), at.getTime());
  const end = rows.reduce((t, r) => Math.max(t, (r.to ?? r.from).getTime()), at.getTime());
  const timeAxis = new TimeAxis(start, end, at, crls.length > 0);
  const widest = (measure: (row: Row) => number) => rows.reduce((w, r) => Math.max(w, measure(r)), 0);
  const labelWidth = widest((r) => label(r).length);
  const datesWidth = widest((r) => r.dates.length);

  // One line per certificate: label, bar, dates.
  const besideLabels = Math.min(BAR_WIDTH, width - labelWidth - 2 - 2 - datesWidth);
  if (besideLabels >= MIN_BAR_WIDTH) {
    const lines = rows.map((r) => `${label(r).padEnd(labelWidth)}  ${timeAxis.bar(r, besideLabels)}  ${r.dates}`);
    return [...lines, ...timeAxis.legend(" ".repeat(labelWidth + 2), besideLabels, width)].join("\n");
  }

  // Two lines per certificate: the label, then the bar with the tree's lines continuing beside it
  // (dropped when they leave no room for the bar).
  const deepest = widest((r) => r.under.length);
  const withTreeLines = deepest + 2 + MIN_BAR_WIDTH + 2 + datesWidth <= width;
  const barColumn = withTreeLines ? deepest + 2 : 2;
  const barWidth = Math.max(MIN_BAR_WIDTH, Math.min(BAR_WIDTH, width - barColumn - 2 - datesWidth));
  const lines = rows.flatMap((r) => [
    fitLabel(r, width),
    `${(withTreeLines ? r.under : "").padEnd(barColumn)}${timeAxis.bar(r, barWidth)}  ${r.dates}`,
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

/** The time axis shared by every bar: from the earliest notBefore to the latest notAfter (and --at, and CRL windows). */
class TimeAxis {
  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly at: Date,
    /** The legend also says what "-" means. */
    private readonly withCrls: boolean,
  ) {}

  /** The bar column of a time, in a bar `width` columns wide. */
  column(time: number, width: number): number {
    return Math.min(width - 1, Math.max(0, Math.round(((time - this.start) / Math.max(1, this.end - this.start)) * (width - 1))));
  }

  /** "=" over a certificate's validity ("-" over a CRL's window, to the end without nextUpdate), "|" at --at. */
  bar(window: Pick<Row, "from" | "to" | "fill">, width: number): string {
    const from = this.column(window.from.getTime(), width);
    const to = window.to ? this.column(window.to.getTime(), width) : width - 1;
    const now = this.column(this.at.getTime(), width);
    let bar = "";
    for (let i = 0; i < width; i++) bar += i === now ? "|" : i >= from && i <= to ? window.fill : " ";
    return bar;
  }

  /**
   * The line under the bars: start date, end date, and what "|" (and "-") means; that last part
   * goes on a line of its own when it would not fit in `lineWidth`, and "-" on one more.
   */
  legend(indent: string, barWidth: number, lineWidth: number): string[] {
    const left = day(new Date(this.start));
    const right = day(new Date(this.end));
    const dates = `${indent}${left}${" ".repeat(Math.max(1, barWidth - left.length - right.length))}${right}`;
    const now = `"|" = ${this.at.toISOString().slice(0, 16).replace("T", " ")} UTC, column ${this.column(this.at.getTime(), barWidth) + 1}`;
    const crls = `"-" = a CRL's thisUpdate .. nextUpdate`;
    const meaning = `(${now}${this.withCrls ? `; ${crls}` : ""})`;
    if (dates.length + 2 + meaning.length <= lineWidth) return [`${dates}  ${meaning}`];
    if (!this.withCrls || indent.length + meaning.length <= lineWidth) return [dates, `${indent}${meaning}`];
    return [dates, `${indent}(${now})`, `${indent}(${crls})`];
  }
}
