import type { CrlFacts } from "../../model/crl.js";
import type { NginxMtlsProfile } from "../types.js";

export interface NginxMtlsOptions {
  /** ssl_verify_depth; nginx's default is 1 (http://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_verify_depth). */
  verifyDepth?: number;
  opensslSeries?: "1.0" | "1.1+";
  configOrigin?: string;
  /** Where verifyDepth came from: "--verify-depth" or "nginx.conf:LINE" (undefined: nginx's default). */
  verifyDepthSource?: string;
  /** ssl_verify_client from a real nginx.conf (undefined: assumed "on"). */
  verifyClient?: string;
  /** server_name values from a real nginx.conf (used by the nginx-server profile). */
  serverNames?: string[];
  /** The CRLs of ssl_crl (or --crl), and where they came from: "ssl_crl at nginx.conf:14", "--crl crl.pem". */
  crls?: { crls: readonly CrlFacts[]; source: string };
}

/**
 * The ssl_verify_depth a chain with this many intermediates needs: OpenSSL >= 1.1 counts
 * intermediates only (leaf -> intermediate -> root passes at depth 1), 1.0 counted the leaf too
 * (OpenSSL X509_VERIFY_PARAM_set_depth, https://docs.openssl.org/3.0/man3/X509_VERIFY_PARAM_set_flags/;
 * test/peers/nginx-lint.test.ts). nginx's minimum meaningful value is 1 (its default).
 */
export function verifyDepthNeeded(intermediates: number, opensslSeries: "1.0" | "1.1+"): number {
  return Math.max(1, opensslSeries === "1.0" ? intermediates + 1 : intermediates);
}

/** The converse: how many intermediates ssl_verify_depth lets through. */
function intermediatesAllowed(verifyDepth: number, opensslSeries: "1.0" | "1.1+"): number {
  return opensslSeries === "1.0" ? Math.max(0, verifyDepth - 1) : verifyDepth;
}

/**
 * nginx verifying a client certificate (ssl_verify_client on) with OpenSSL. Facts verified against
 * the real nginx 1.22 / OpenSSL 3.0 in test/peers/nginx-lint.test.ts and test/peers/nginx-init.test.ts.
 */
export function nginxMtlsProfile(options: NginxMtlsOptions = {}): NginxMtlsProfile {
  const verifyDepth = options.verifyDepth ?? 1;
  const series = options.opensslSeries ?? "1.1+";
  return {
    id: "nginx-mtls",
    title: "nginx verifying TLS client certificates (ssl_verify_client on)",
    certificateRole: "client",
    purpose: "client",
    maxIntermediates: intermediatesAllowed(verifyDepth, series),
    nginx: { verifyDepth, opensslSeries: series, verifyClient: options.verifyClient },
    // ssl_crl checks every certificate of the chain: X509_V_FLAG_CRL_CHECK|X509_V_FLAG_CRL_CHECK_ALL
    // (nginx src/event/ngx_event_openssl.c ngx_ssl_crl()).
    revocation: options.crls && { crls: options.crls.crls, check: "all", source: options.crls.source },
    checksHost: false,
    securityLevel: 2,
    checksTime: true,
    partialChain: false,
    // OpenSSL's build_chain(): trust store first, one path (test/peers/openssl-misses-nginx.test.ts).
    trustStoreFirst: true,
    // OpenSSL NAME_CONSTRAINTS_check_CN() (test/peers/openssl-misses-nginx.test.ts).
    nameConstraintsOnCn: true,
    // OpenSSL X509_check_trust() on "TRUSTED CERTIFICATE" anchors (test/peers/openssl-misses-nginx.test.ts).
    trustSettings: true,
    // OpenSSL's PEM_X509_INFO_read_bio() reads TRUSTED CERTIFICATE blocks into the verify store.
    readsTrustedCertificateBlocks: true,
    trustAnchorSource: "ssl_client_certificate",
    configOrigin: options.configOrigin,
    rejectsAnyRepeatedExtension: false,
    serverNames: [],
    readsNginxConf: true,
    certificateDecoder: "openssl",
    words: { chainVerifier: "nginx", leafVerifier: "nginx" },
    assumed: [
      `ssl_verify_depth ${verifyDepth} (${options.verifyDepthSource ?? "nginx's default"})`,
      `ssl_verify_client ${options.verifyClient ?? "on (assumed)"}`,
      series === "1.0" ? "OpenSSL 1.0 (--openssl 1.0)" : "OpenSSL 1.1 or later",
      // Without CRLs nothing is said about revocation: nginx without ssl_crl does not check it.
      ...(options.crls ? [`ssl_crl: ${count(options.crls.crls.length, "CRL")} (${options.crls.source}), checked for every certificate of the chain`] : []),
    ],
    facts: [
      { text: "ssl_verify_depth defaults to 1 and, with OpenSSL >= 1.1, counts intermediates only: one intermediate passes at depth 1, two need 2", citation: "nginx docs ssl_verify_depth; test/peers/nginx-lint.test.ts" },
      { text: "a too-small ssl_verify_depth is logged as (20:unable to get local issuer certificate), not 22", citation: "test/peers/nginx-lint.test.ts" },
      { text: "OpenSSL's sslclient purpose is checked on every certificate of the chain: an EKU without clientAuth fails (26) on the leaf, an intermediate or the root; anyExtendedKeyUsage alone fails", citation: "OpenSSL crypto/x509/v3_purp.c check_purpose_ssl_client; test/peers/nginx-lint.test.ts" },
      { text: "failures are HTTP 400 \"The SSL certificate error\" after a completed handshake (495/496 with error_page, as pkilab export --nginx sets up); the reason is logged at info level: client SSL certificate verify error: (N:text)", citation: "nginx src/http/ngx_http_request.c; test/peers/nginx-init.test.ts" },
      { text: "nginx logs the last error OpenSSL reported, not the first (its verify callback goes on): a leaf sent alone ends with (21:unable to verify the first certificate), a CA without CA:TRUE with (26:unsuitable certificate purpose)", citation: "test/peers/nginx-lint.test.ts" },
      { text: "OpenSSL takes an issuer from ssl_client_certificate before one the client sent, and once it has, looks no further in the client's chain; it tries no other path when that one fails: a restricted intermediate in the trust file beats an unrestricted copy the client sends", citation: "OpenSSL crypto/x509/x509_vfy.c build_chain() (X509_V_FLAG_TRUSTED_FIRST); test/peers/openssl-misses-nginx.test.ts" },
      { text: "a CA's DNS name constraints also apply to the client certificate's CN when it looks like a host name (letters, digits, \"-\", \"_\", at least one dot) and there is no DNS SAN: (47:permitted subtree violation)", citation: "OpenSSL crypto/x509/v3_ncons.c NAME_CONSTRAINTS_check_CN(), cn2dnsid(); test/peers/openssl-misses-nginx.test.ts" },
      { text: "\"TRUSTED CERTIFICATE\" blocks (openssl x509 -addtrust/-addreject) in ssl_client_certificate keep their trust settings: a CA rejected for clientAuth (or trusted for other uses only) fails every client, logged as (26:unsuitable certificate purpose) after (28:certificate rejected); one trusted for clientAuth ends the chain even when it is not a root, and its EKU is not checked. nginx does not start when the file holds no plain CERTIFICATE block (SSL_load_client_CA_file() reads those only)", citation: "OpenSSL crypto/x509/x509_trust.c obj_trust(), crypto/x509/x509_vfy.c check_trust(), check_purpose(); test/peers/openssl-misses-nginx.test.ts" },
      { text: "partial chains are never accepted: the chain must reach a self-signed root in ssl_client_certificate", citation: "nginx src/event/ngx_event_openssl.c (no X509_V_FLAG_PARTIAL_CHAIN anywhere); test/peers/nginx-lint.test.ts" },
      { text: "with ssl_crl, every certificate of the chain, the root included, needs a current CRL from its issuer in that one file: a CA without one fails every client with (3:unable to get certificate CRL), a CRL past its nextUpdate with (12:CRL has expired)", citation: "nginx src/event/ngx_event_openssl.c ngx_ssl_crl(); OpenSSL crypto/x509/x509_vfy.c check_revocation(), check_crl_time(); test/peers/crl-lint-nginx.test.ts" },
      { text: "Debian's OpenSSL runs at security level 2: RSA keys under 2048 bits and SHA-1 signatures fail", citation: "Debian /etc/ssl/openssl.cnf CipherString DEFAULT@SECLEVEL=2; SSL_CTX_set_security_level(3)" },
    ],
  };
}

/** "1 CRL", "3 CRLs". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
