import { RULES } from "../lint/rules/index.js";
import { buildProfile, PEER_IDS } from "./index.js";
import type { PeerFact, PeerId } from "./types.js";

export interface PeerDescription {
  id: PeerId;
  title: string;
  facts: PeerFact[];
  rules: { id: string; severity: string; title: string }[];
}

/** What each peer profile checks: its facts and the rules that run for it, with their severity. */
export function describePeers(ids: PeerId[] = PEER_IDS): PeerDescription[] {
  return ids.map((id) => {
    const profile = buildProfile(id);
    return {
      id,
      title: profile.title,
      facts: profile.facts,
      rules: RULES.filter((rule) => rule.peers[id]).map((rule) => ({ id: rule.id, severity: rule.peers[id]!, title: rule.title })),
    };
  });
}

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
