import type { PeerFact, PeerId } from "./types.js";

/** What a peer profile checks: its facts and the rules that run for it (src/app/describe-peers.ts builds it). */
export interface PeerDescription {
  id: PeerId;
  title: string;
  facts: PeerFact[];
  rules: { id: string; severity: string; title: string }[];
}

/** A peer profile in words, one fact or rule a line (`pkilab peers`). */
export function renderPeers(peers: PeerDescription[]): string {
  return peers
    .map((peer) =>
      [
        `${peer.id}: ${peer.title}`,
        ...peer.facts.map((fact) => `  fact: ${fact.text} [${fact.citation}]`),
        ...peer.rules.map((rule) => `  ${rule.severity.padEnd(7)} ${rule.id}: ${rule.title}`),
      ].join("\n"),
    )
    .join("\n\n");
}
