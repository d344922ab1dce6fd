import { RULES } from "../lint/rules/index.js";
import { buildProfile, PEER_IDS, type ProfileOptions } from "./index.js";
import type { PeerFact, PeerId } from "./types.js";

export interface PeerDescription {
  id: PeerId;
  title: string;
  facts: PeerFact[];
  rules: { id: string; severity: string; title: string }[];
}

/** What each peer profile checks: its facts and the rules that run for it, with their severity. */
export function describePeers(ids: PeerId[] = PEER_IDS, options: ProfileOptions = {}): PeerDescription[] {
  // The client-hello profile needs a captured hello; listing all peers describes it without one.
  return ids.map((id) => {
    const profile = id === "client-hello" && !options.clientHello ? { id, title: "a TLS client known by a captured ClientHello (--client-hello FILE|HEX)", facts: [] } : buildProfile(id, options);
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
