import type { CertFacts } from "../model/certificate.js";

export interface OutOfOrder {
  child: CertFacts;
  /** 1-based positions in what was sent. */
  position: number;
  issuer: CertFacts;
  issuerPosition: number;
}

/**
 * The first certificate, walking up from the leaf, whose issuer was sent before it — for the
 * devices that look for a parent only after its child (mbedTLS x509_crt_find_parent(), wolfSSL
 * ProcessPeerCerts()). A parent among `anchors` ends the walk; so does a certificate that is itself
 * an anchor when `anchorCopyEnds` (wolfSSL trusts a loaded copy as a signer). An issuer not sent at
 * all is chain-not-anchored's, not this.
 */
export function issuerSentBeforeChild(given: readonly CertFacts[], anchors: readonly CertFacts[], anchorCopyEnds = false): OutOfOrder | undefined {
  let position = 0;
  for (let steps = 0; steps < given.length; steps++) {
    const child = given[position]!; // 0, then an index findIndex found
    const isParent = (c: CertFacts) => c !== child && c.subject.canonical === child.issuer.canonical;
    if (anchors.some(isParent) || child.selfIssued || (anchorCopyEnds && anchors.some((a) => a.sha256 === child.sha256))) return undefined;
    const after = given.findIndex((c, j) => j > position && isParent(c));
    if (after >= 0) {
      position = after;
      continue;
    }
    const before = given.findIndex((c, j) => j < position && isParent(c));
    return before < 0 ? undefined : { child, position: position + 1, issuer: given[before]!, issuerPosition: before + 1 };
  }
  return undefined;
}
