import type { CertFacts } from "../model/certificate.js";

/**
 * What is odd about a chain as a server sent it, in the order sent. RFC 5246 §7.4.2 requires each
 * certificate to be followed by the one that certifies it; RFC 8446 §4.4.2 relaxes that ("SHOULD"),
 * and most clients rebuild the path; devices that look for an issuer only among the certificates
 * after its child fail when it was sent before (mbedTLS x509_crt_find_parent(): lint rule
 * mbedtls-chain-order). A missing intermediate is the classic
 * failure that browsers hide by fetching it (AIA) and devices do not.
 */
export type SentChainNote =
  | { kind: "out-of-order"; position: number; subject: string; issuerPosition: number }
  | { kind: "issuer-before-child"; position: number; subject: string; issuerPosition: number }
  | { kind: "not-in-path"; position: number; subject: string }
  | { kind: "duplicate"; position: number; firstPosition: number; subject: string }
  | { kind: "root-sent"; position: number; subject: string }
  | { kind: "ends-before-root"; position: number; issuer: string };

const issues = (parent: CertFacts, child: CertFacts) => parent !== child && parent.subject.canonical === child.issuer.canonical;

/** Notes on `sent` (leaf first), one per place it is out of order. Positions are 1-based, as a user counts what `probe` lists. */
export function sentChainNotes(sent: readonly CertFacts[]): SentChainNote[] {
  const notes: SentChainNote[] = [];
  sent.forEach((cert, i) => {
    const first = sent.findIndex((c) => c.sha256 === cert.sha256);
    if (first < i) notes.push({ kind: "duplicate", position: i + 1, firstPosition: first + 1, subject: cert.subject.text });
  });
  // The path the sent certificates form, walking up from the leaf by name.
  const onPath = new Set<number>([0]);
  let at = 0;
  while (sent[at] && !sent[at]!.selfIssued) {
    const child = sent[at]!;
    const parent = sent.findIndex((c, j) => !onPath.has(j) && issues(c, child));
    if (parent < 0) {
      notes.push({ kind: "ends-before-root", position: at + 1, issuer: child.issuer.text });
      break;
    }
    // Two different faults: an issuer sent later but not next (every client searches on and finds
    // it), and an issuer sent before its child (devices that only search after it fail).
    if (parent < at) notes.push({ kind: "issuer-before-child", position: at + 1, subject: child.subject.text, issuerPosition: parent + 1 });
    else if (parent !== at + 1) notes.push({ kind: "out-of-order", position: at + 1, subject: child.subject.text, issuerPosition: parent + 1 });
    onPath.add(parent);
    at = parent;
  }
  const top = sent[at];
  if (top && top.selfIssued && at > 0) notes.push({ kind: "root-sent", position: at + 1, subject: top.subject.text });
  sent.forEach((cert, i) => {
    const duplicate = sent.findIndex((c) => c.sha256 === cert.sha256) < i;
    if (!onPath.has(i) && !duplicate) notes.push({ kind: "not-in-path", position: i + 1, subject: cert.subject.text });
  });
  return notes;
}
