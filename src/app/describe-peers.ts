import { RULES } from "../lint/rules/index.js";
import type { PeerDescription } from "../peers/describe.js";
import { buildProfile, parsePeerList, PEER_IDS, type ProfileOptions } from "../peers/index.js";
import type { MbedtlsVersion } from "../peers/parse/mbedtls-config.js";
import type { PeerId } from "../peers/types.js";

export interface PeersRequest {
  /** One profile (`pkilab peers ID`); all of them when absent. */
  peer?: string;
  /** The device's mbedTLS config header(s), to describe what that device can do. */
  mbedtlsConfig?: string[];
  mbedtlsVersion?: MbedtlsVersion;
  /** The device's wolfSSL options.h / user_settings.h (and overrides). */
  wolfsslConfig?: string[];
  /** The mbedTLS X.509 profile (--mbedtls-profile: default, next, suiteb or a FILE). */
  mbedtlsProfile?: string;
  /** The Go release (--go-version). */
  goVersion?: string;
}

/** `pkilab peers`: what each peer profile checks, with the devices' configurations read when given. */
export async function describePeers(request: PeersRequest): Promise<PeerDescription[]> {
  let mbedtls;
  if (request.mbedtlsConfig) {
    const { readMbedtlsConfig } = await import("./read-mbedtls-config.js");
    mbedtls = readMbedtlsConfig(request.mbedtlsConfig, { version: request.mbedtlsVersion });
  }
  let wolfssl;
  if (request.wolfsslConfig) {
    const { readWolfsslConfig } = await import("./read-wolfssl-config.js");
    wolfssl = readWolfsslConfig(request.wolfsslConfig);
  }
  let mbedtlsX509Profile;
  if (request.mbedtlsProfile !== undefined) {
    const { readMbedtlsX509Profile } = await import("./read-mbedtls-x509-profile.js");
    mbedtlsX509Profile = readMbedtlsX509Profile(request.mbedtlsProfile);
  }
  const ids = request.peer ? parsePeerList(request.peer, "pkilab peers") : PEER_IDS;
  return describeProfiles(ids, { mbedtls, mbedtlsVersion: request.mbedtlsVersion, mbedtlsX509Profile, wolfssl, goVersion: request.goVersion });
}

/** Each peer's facts and the rules that run for it, with their severity. */
function describeProfiles(ids: PeerId[], options: ProfileOptions): PeerDescription[] {
  // The client-hello profile needs a captured hello; listing all peers describes it without one.
  return ids.map((id) => {
    const profile = id === "client-hello" && !options.clientHello ? { id, title: "a TLS client known by a captured ClientHello (--client-hello FILE|HEX)", facts: [] } : buildProfile(id, options);
    return {
      id,
      title: profile.title,
      facts: profile.facts,
      rules: RULES.flatMap((rule) => {
        const severity = rule.peers[id];
        return severity ? [{ id: rule.id, severity, title: rule.title }] : [];
      }),
    };
  });
}
