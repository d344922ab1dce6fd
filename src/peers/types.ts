/** A fact about a peer, with where it comes from (RFC, peer docs or source, or the test that shows it). */
export interface PeerFact {
  text: string;
  citation: string;
}

import type { ClientHello } from "./parse/client-hello.js";
import type { MbedtlsCapabilities } from "./parse/mbedtls-config.js";

export type PeerId = "nginx-mtls" | "nginx-server" | "browser" | "mbedtls" | "client-hello";

/**
 * What a peer does with a certificate chain, as data: lint rules read these fields, never the
 * peer's name. Built by src/peers/index.ts from the command-line options (and later from real
 * config files: nginx.conf, an mbedTLS config header, a captured ClientHello).
 */
export interface PeerProfile {
  id: PeerId;
  title: string;
  /** Which side's certificate is judged: the TLS client's (mTLS) or the server's. */
  certificateRole: "client" | "server";
  /** OpenSSL purpose checked on every certificate of the chain, or none. */
  purpose?: "client" | "server";
  /** Maximum intermediates accepted (nginx ssl_verify_depth under OpenSSL >= 1.1 semantics). */
  maxIntermediates?: number;
  /** The ssl_verify_depth value as configured, for messages and fixes. */
  verifyDepth?: number;
  /** OpenSSL 1.0 counted the leaf in ssl_verify_depth; 1.1+ counts intermediates only. */
  opensslSeries?: "1.0" | "1.1+";
  /** The host name or IP the peer checks the leaf against, if it does. */
  checksHost: boolean;
  /** OpenSSL security level applied to keys and digests (Debian: 2). */
  securityLevel: number;
  /** CA/B Forum validity cap in days for certificates issued at a date (browser). */
  maxValidityDays?: (issued: Date) => number;
  /** Rejects a certificate that repeats any extension, not only the ones OpenSSL decodes (Chromium). */
  rejectsAnyRepeatedExtension?: boolean;
  /** Key types/curves the peer refuses for a leaf, with why. */
  refusedLeafCurves?: string[];
  /** Where the trust anchors come from, for fixes ("ssl_client_certificate", "--ca"). */
  trustAnchorSource: string;
  /** nginx ssl_verify_client as configured ("on", "optional", "off"), when read from nginx.conf. */
  verifyClient?: string;
  /** server_name values of the nginx server block, when read from nginx.conf. */
  serverNames?: string[];
  /** Where the configuration came from (nginx.conf:12), when read from a file. */
  configOrigin?: string;
  /** Whether the peer checks validity dates at all (mbedTLS without MBEDTLS_HAVE_TIME_DATE does not). */
  checksTime: boolean;
  /** The peer's clock when it is not the lint clock (--device-clock: a device without an RTC). */
  clock?: Date;
  /** Any certificate in the trust store ends a path (mbedTLS); nginx/OpenSSL need the self-signed root. */
  partialChain: boolean;
  /** A v1/v2 certificate from the trust store needs no CA bit (mbedTLS). */
  trustedV1NeedsNoCaBit?: boolean;
  /** The linted certificate is one the device sends (its own), not one it verifies. */
  deviceSendsCert?: boolean;
  /** The device's TLS role: an mbedTLS config with only MBEDTLS_SSL_SRV_C is a server (fixtures/mbedtls/seed-002-*). */
  deviceTlsRole?: "client" | "server";
  /** An mbedTLS device's compile-time capabilities, from its config header or the version's defaults. */
  mbedtls?: MbedtlsCapabilities;
  /** A captured ClientHello: what the client offers (versions, suites, groups, signature algorithms). */
  clientHello?: ClientHello;
  /** What a verdict for this peer assumed: version, configuration and where each came from. */
  assumed?: string[];
  /** The peer's settings can be read from an nginx.conf (--nginx-conf): named in "what to pass". */
  readsNginxConf?: boolean;
  facts: PeerFact[];
}
