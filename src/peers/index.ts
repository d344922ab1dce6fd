import { InputError } from "../io/input-error.js";
import { browserProfile } from "./profiles/browser.js";
import { nginxMtlsProfile, type NginxMtlsOptions } from "./profiles/nginx-mtls.js";
import { nginxServerProfile } from "./profiles/nginx-server.js";
import type { PeerId, PeerProfile } from "./types.js";

export const PEER_IDS: PeerId[] = ["nginx-mtls", "nginx-server", "browser"];

export type ProfileOptions = NginxMtlsOptions;

export function isPeerId(value: string): value is PeerId {
  return (PEER_IDS as string[]).includes(value);
}

/** Parses --for "nginx-mtls,browser" into profile ids. */
export function parsePeerList(list: string): PeerId[] {
  const ids = list.split(",").map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InputError(`--for: name at least one peer profile (${PEER_IDS.join(", ")})`);
  for (const id of ids) if (!isPeerId(id)) throw new InputError(`--for ${id}: unknown peer profile: use one of ${PEER_IDS.join(", ")} (pkilab peers lists them)`);
  return [...new Set(ids)] as PeerId[];
}

export function buildProfile(id: PeerId, options: ProfileOptions = {}): PeerProfile {
  switch (id) {
    case "nginx-mtls":
      return nginxMtlsProfile(options);
    case "nginx-server":
      return nginxServerProfile({ configOrigin: options.configOrigin, serverNames: options.serverNames });
    case "browser":
      return browserProfile();
  }
}
