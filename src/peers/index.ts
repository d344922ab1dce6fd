import { InputError } from "../io/input-error.js";
import { browserProfile } from "./profiles/browser.js";
import { nginxMtlsProfile, type NginxMtlsOptions } from "./profiles/nginx-mtls.js";
import { nginxServerProfile } from "./profiles/nginx-server.js";
import { clientHelloProfile } from "./profiles/client-hello.js";
import { mbedtlsProfile } from "./profiles/mbedtls.js";
import { goClientProfile, goMtlsProfile } from "./profiles/go.js";
import { wolfsslProfile } from "./profiles/wolfssl.js";
import type { ClientHello } from "./parse/client-hello.js";
import { defaultCapabilities, type MbedtlsCapabilities, type MbedtlsVersion } from "./parse/mbedtls-config.js";
import { defaultWolfsslCapabilities, type WolfsslCapabilities } from "./parse/wolfssl-config.js";
import type { PeerId, PeerProfile } from "./types.js";
import type { MbedtlsX509ProfileChoice } from "../knowledge/mbedtls-profiles.js";

export const PEER_IDS: PeerId[] = ["nginx-mtls", "nginx-server", "browser", "mbedtls", "client-hello", "go-mtls", "go-client", "wolfssl"];

export interface ProfileOptions extends NginxMtlsOptions {
  /** mbedtls: the device's capabilities (default: the version's stock configuration). */
  mbedtls?: MbedtlsCapabilities;
  mbedtlsVersion?: MbedtlsVersion;
  deviceSendsCert?: boolean;
  deviceClock?: Date;
  /** mbedtls: the CRLs the device loads (--crl only: ssl_crl of an nginx.conf is nginx's, not the device's). */
  deviceCrls?: NginxMtlsOptions["crls"];
  /** mbedtls: the X.509 profile --mbedtls-profile chose (default: the library's default profile). */
  mbedtlsX509Profile?: MbedtlsX509ProfileChoice;
  /** wolfssl: the device's configuration (default: wolfSSL's default configuration). */
  wolfssl?: WolfsslCapabilities;
  /** wolfssl: wolfSSL_CTX_set_verify_depth() as the firmware calls it. */
  wolfsslVerifyDepth?: number;
  /** client-hello: the decoded ClientHello. */
  clientHello?: ClientHello;
  /** go-mtls, go-client: the Go release (--go-version "1.19"); default: the tested one. */
  goVersion?: string;
}

/** The peers that judge the TLS client's certificate whatever their options: the mTLS servers (test/peers/peer-roles.test.ts checks it against buildProfile). */
export const CLIENT_CERTIFICATE_PEERS: readonly PeerId[] = ["nginx-mtls", "go-mtls"];

export function isPeerId(value: string): value is PeerId {
  return (PEER_IDS as string[]).includes(value);
}

/** Parses --for "nginx-mtls,browser" into profile ids; `given` names where the list came from in messages. */
export function parsePeerList(list: string, given = "--for"): PeerId[] {
  const ids = list.split(",").map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new InputError(`${given}: name at least one peer profile (${PEER_IDS.join(", ")})`);
  for (const id of ids) if (!isPeerId(id)) throw new InputError(`${given} ${id}: unknown peer profile: use one of ${PEER_IDS.join(", ")} (pkilab peers lists them)`);
  return [...new Set(ids)] as PeerId[];
}

/** With no --for, the configuration flags name the peer: --nginx-conf, --mbedtls-config (or -version, -profile), --client-hello, --wolfssl-config (or -verify-depth). */
export function impliedPeers(flags: { nginxConf?: string; mbedtlsConfig?: string[]; mbedtlsVersion?: string; mbedtlsProfile?: string; clientHello?: string; wolfsslConfig?: string[]; wolfsslVerifyDepth?: number }): PeerId[] {
  const ids: PeerId[] = [];
  if (flags.nginxConf) ids.push("nginx-mtls");
  if (flags.mbedtlsConfig?.length || flags.mbedtlsVersion || flags.mbedtlsProfile) ids.push("mbedtls");
  if (flags.clientHello) ids.push("client-hello");
  if (flags.wolfsslConfig?.length || flags.wolfsslVerifyDepth !== undefined) ids.push("wolfssl");
  if (ids.length === 0) throw new InputError(`--for: name the peer profile(s) to lint against: ${PEER_IDS.join(", ")}`);
  return ids;
}

/** Without a config header: the version's stock configuration, saying whether the version was given. */
function stockCapabilities(version: MbedtlsVersion | undefined): MbedtlsCapabilities {
  const caps = defaultCapabilities(version ?? "3.6");
  return { ...caps, versionSource: version ? "--mbedtls-version" : "pkilab's default: pass --mbedtls-version or --mbedtls-config" };
}

export function buildProfile(id: PeerId, options: ProfileOptions = {}): PeerProfile {
  switch (id) {
    case "nginx-mtls":
      return nginxMtlsProfile(options);
    case "nginx-server":
      return nginxServerProfile({ configOrigin: options.configOrigin, serverNames: options.serverNames });
    case "browser":
      return browserProfile();
    case "mbedtls":
      return mbedtlsProfile({ capabilities: options.mbedtls ?? stockCapabilities(options.mbedtlsVersion), deviceSendsCert: options.deviceSendsCert, deviceClock: options.deviceClock, x509Profile: options.mbedtlsX509Profile, crls: options.deviceCrls });
    case "client-hello":
      if (!options.clientHello) throw new InputError("--for client-hello: give the captured ClientHello with --client-hello FILE|HEX");
      return clientHelloProfile(options.clientHello);
    case "go-mtls":
      return goMtlsProfile(options.goVersion);
    case "go-client":
      return goClientProfile(options.goVersion);
    case "wolfssl":
      return wolfsslProfile({ capabilities: options.wolfssl ?? defaultWolfsslCapabilities(), verifyDepth: options.wolfsslVerifyDepth });
  }
}
