/** A fact about a peer, with where it comes from (RFC, peer docs or source, or the test that shows it). */
export interface PeerFact {
  text: string;
  citation: string;
}

import type { CrlCheck } from "../chain/crl.js";
import type { CrlFacts } from "../model/crl.js";
import type { ClientHello } from "./parse/client-hello.js";
import type { MbedtlsCapabilities } from "./parse/mbedtls-config.js";
import type { MbedtlsX509Profile } from "../knowledge/mbedtls-profiles.js";
import type { WolfsslCapabilities } from "./parse/wolfssl-config.js";

export type PeerId = "nginx-mtls" | "nginx-server" | "browser" | "mbedtls" | "client-hello" | "go-mtls" | "go-client" | "wolfssl";

/**
 * What a peer does with a certificate chain, as data: lint rules read these fields, never the
 * peer's name. Built by src/peers/index.ts from the command-line options and real config files
 * (nginx.conf, an mbedTLS config header, a captured ClientHello). One type per peer: the fields
 * every peer has (what the chain engine needs) are in ProfileBase; each peer family adds its own
 * sub-object, so a rule that runs only for that family reads it without a check.
 */
export type PeerProfile = NginxMtlsProfile | NginxServerProfile | BrowserProfile | MbedtlsProfile | ClientHelloProfile | GoMtlsProfile | GoClientProfile | WolfsslProfile;

/** The profile of one peer: `ProfileOf<"mbedtls">` is MbedtlsProfile. */
export type ProfileOf<P extends PeerId> = Extract<PeerProfile, { id: P }>;

export interface ProfileBase {
  id: PeerId;
  title: string;
  /** Which side's certificate is judged: the TLS client's (mTLS) or the server's. */
  certificateRole: "client" | "server";
  /** OpenSSL purpose checked on every certificate of the chain, or none. */
  purpose?: "client" | "server";
  /** Maximum intermediates accepted (nginx ssl_verify_depth, MBEDTLS_X509_MAX_INTERMEDIATE_CA). */
  maxIntermediates?: number;
  /** The host name or IP the peer checks the leaf against, if it does. */
  checksHost: boolean;
  /** OpenSSL security level applied to keys and digests (Debian: 2). */
  securityLevel: number;
  /** Rejects a certificate that repeats any extension, not only the ones OpenSSL decodes (Chromium). */
  rejectsAnyRepeatedExtension: boolean;
  /** Where the trust anchors come from, for fixes ("ssl_client_certificate", "--ca"). */
  trustAnchorSource: string;
  /** Host names the server is configured to answer for (nginx server_name); [] when none were read. */
  serverNames: string[];
  /** Where the configuration came from (nginx.conf:12), when read from a file. */
  configOrigin?: string;
  /** Whether the peer checks validity dates at all (mbedTLS without MBEDTLS_HAVE_TIME_DATE does not). */
  checksTime: boolean;
  /** The peer's clock when it is not the lint clock (--device-clock: a device without an RTC). */
  clock?: Date;
  /** Any certificate in the trust store ends a path (mbedTLS); nginx/OpenSSL need the self-signed root. */
  partialChain: boolean;
  /**
   * Builds the one path OpenSSL builds: an issuer from the trust store before one from the peer's
   * chain, and no other path when that one fails (OpenSSL build_chain(); src/chain/paths.ts).
   */
  trustStoreFirst?: boolean;
  /** Holds a host-like CN against DNS name constraints when the leaf has no DNS SAN (OpenSSL). */
  nameConstraintsOnCn?: boolean;
  /** Applies OpenSSL's trust settings of "TRUSTED CERTIFICATE" trust anchors (src/chain/aux-trust.ts). */
  trustSettings?: boolean;
  /**
   * Loads OpenSSL's "-----BEGIN TRUSTED CERTIFICATE-----" PEM blocks from its CA file. false: it reads
   * "CERTIFICATE" blocks only, so such a block given as a trust anchor is no anchor for it (the lint
   * engine drops it; rules trusted-certificate-block-ignored and ca-file-only-trusted-blocks name it).
   */
  readsTrustedCertificateBlocks: boolean;
  /** A v1/v2 certificate from the trust store needs no CA bit (mbedTLS). */
  trustedV1NeedsNoCaBit?: boolean;
  /** A trusted leaf ends the path only when self-issued; a pinned CA-issued leaf needs its CA (mbedTLS). */
  trustedLeafNeedsSelfIssued?: boolean;
  /**
   * The CRLs the peer checks revocation against (nginx ssl_crl, or --crl), and which certificates
   * need one; undefined = no CRL was given, and nothing is checked or claimed about revocation.
   */
  revocation?: Revocation;
  /** What a verdict for this peer assumed: version, configuration and where each came from. */
  assumed: string[];
  /** The peer's settings can be read from an nginx.conf (--nginx-conf): named in "what to pass". */
  readsNginxConf: boolean;
  /**
   * Whose DER decoder reads the certificates: they differ on BER forms (non-der-encoding, tested in
   * test/peers/non-der-encoding.test.ts). "unknown" for a client known only by its ClientHello.
   */
  certificateDecoder: "openssl" | "mbedtls" | "boringssl" | "go" | "unknown";
  /** How messages name the peer, so that rules never branch on its id. */
  words: {
    /** Who refuses a chain that does not reach a self-signed root: "nginx", "the peer". */
    chainVerifier: string;
    /** Who judges the leaf's purpose: "nginx" (a client certificate), "clients" (a server certificate). */
    leafVerifier: string;
  };
  facts: PeerFact[];
}

/** CRLs as a peer loads them, and where they came from ("ssl_crl at nginx.conf:12", "--crl crl.pem"). */
export interface Revocation {
  crls: readonly CrlFacts[];
  check: CrlCheck;
  source: string;
}

/** nginx verifying TLS client certificates with OpenSSL. */
export interface NginxMtlsProfile extends ProfileBase {
  id: "nginx-mtls";
  purpose: "client";
  maxIntermediates: number;
  nginx: {
    /** The ssl_verify_depth value as configured, for messages and fixes. */
    verifyDepth: number;
    /** OpenSSL 1.0 counted the leaf in ssl_verify_depth; 1.1+ counts intermediates only. */
    opensslSeries: "1.0" | "1.1+";
    /** ssl_verify_client as configured ("on", "optional", "off"), when read from nginx.conf. */
    verifyClient?: string;
  };
}

/** nginx's own server certificate, as OpenSSL clients and browsers judge it. */
export interface NginxServerProfile extends ProfileBase {
  id: "nginx-server";
  purpose: "server";
}

/** Browsers under the CA/Browser Forum Baseline Requirements. */
export interface BrowserProfile extends ProfileBase {
  id: "browser";
  purpose: "server";
  browser: {
    /** CA/B Forum validity cap in days for certificates issued at a date. */
    maxValidityDays: (issued: Date) => number;
    /** Curves the browsers refuse for a leaf key. */
    refusedLeafCurves: string[];
  };
}

/** An mbedTLS device: its compile-time capabilities and its side of the handshake. */
export interface MbedtlsProfile extends ProfileBase {
  id: "mbedtls";
  maxIntermediates: number;
  /** The device's compile-time capabilities, from its config header or the version's defaults. */
  mbedtls: MbedtlsCapabilities;
  /** The X.509 verification profile (mbedtls_x509_crt_profile_default unless --mbedtls-profile). */
  x509Profile: MbedtlsX509Profile;
  device: {
    /** The linted certificate is one the device sends (its own), not one it verifies. */
    sendsCert: boolean;
    /** The device's TLS role: an mbedTLS config with only MBEDTLS_SSL_SRV_C is a server (fixtures/mbedtls/seed-002-*). */
    tlsRole: "client" | "server";
  };
  /**
   * The CRLs the device checks the chain it verifies against (--crl; mbedTLS semantics, not
   * OpenSSL's: see src/chain/mbedtls-crl.ts); undefined = none given, or the certificate is the device's own.
   */
  deviceCrls?: { crls: readonly CrlFacts[]; source: string };
}

/** A TLS client known only by a captured ClientHello. */
export interface ClientHelloProfile extends ProfileBase {
  id: "client-hello";
  /** What the client offers (versions, suites, groups, signature algorithms). */
  clientHello: ClientHello;
}

/** What a Go version decides (src/peers/profiles/go.ts goFacts; src/knowledge/go-x509.ts GO_CHANGES). */
export interface GoFacts {
  /** The minor version: 19 for Go 1.19. */
  minor: number;
  /** The version as assumed, and where it came from (--go-version or pkilab's default). */
  source: string;
  /** crypto/x509 refuses SHA-1 signatures (Go 1.18+). */
  refusesSha1: boolean;
  /** ParseCertificate refuses a negative serial number (Go 1.23+). */
  refusesNegativeSerial: boolean;
  /** crypto/rsa refuses smaller RSA keys (Go 1.24+: 1024); 0 = no minimum. */
  minRsaBits: number;
  /** Go 1.20+ prints verification errors after "tls: failed to verify certificate: ". */
  verifyErrorPrefix?: string;
}

/** What both Go peers share: Go's crypto/x509, and the extended key usage the TLS side asks for. */
interface GoProfileBase extends ProfileBase {
  go: GoFacts;
  /** The ExtKeyUsage crypto/tls puts in VerifyOptions.KeyUsages. */
  requestedUsage: "clientAuth" | "serverAuth";
}

/** A Go server verifying client certificates (ClientAuth: tls.RequireAndVerifyClientCert). */
export interface GoMtlsProfile extends GoProfileBase {
  id: "go-mtls";
  requestedUsage: "clientAuth";
}

/** A Go client verifying a server's chain and name (RootCAs, ServerName). */
export interface GoClientProfile extends GoProfileBase {
  id: "go-client";
  requestedUsage: "serverAuth";
}

/** A wolfSSL device (TLS client) verifying a server's chain: its compile-time configuration. */
export interface WolfsslProfile extends ProfileBase {
  id: "wolfssl";
  /** From the device's options.h / user_settings.h, or wolfSSL's defaults. */
  wolfssl: WolfsslCapabilities;
  /** What the firmware sets at run time. */
  device: {
    /** wolfSSL_CTX_set_verify_depth(), when the firmware calls it (--wolfssl-verify-depth). */
    verifyDepth?: number;
  };
}
