import type { NginxServerProfile } from "../types.js";

/**
 * nginx's own server certificate as clients (browsers, curl) see it: ssl_certificate must start
 * with the leaf that matches ssl_certificate_key, followed by the intermediates; the leaf must carry
 * the names clients dial in its SAN, and serverAuth if it has an EKU.
 */
export function nginxServerProfile(options: { configOrigin?: string; serverNames?: string[] } = {}): NginxServerProfile {
  return {
    id: "nginx-server",
    title: "nginx's server certificate, as browsers and curl see it",
    certificateRole: "server",
    purpose: "server",
    checksHost: true,
    securityLevel: 2,
    checksTime: true,
    partialChain: false,
    // OpenSSL clients (curl) build the path as build_chain() does: trust store first, one path
    // (test/peers/openssl-misses-nginx.test.ts, curl against nginx).
    trustStoreFirst: true,
    // OpenSSL NAME_CONSTRAINTS_check_CN() (test/peers/openssl-misses-nginx.test.ts).
    nameConstraintsOnCn: true,
    // OpenSSL X509_check_trust() on "TRUSTED CERTIFICATE" anchors (test/peers/openssl-misses-nginx.test.ts).
    trustSettings: true,
    // OpenSSL's PEM_X509_INFO_read_bio() reads TRUSTED CERTIFICATE blocks into the verify store.
    readsTrustedCertificateBlocks: true,
    trustAnchorSource: "the clients' trust store (--ca)",
    configOrigin: options.configOrigin,
    serverNames: options.serverNames ?? [],
    rejectsAnyRepeatedExtension: false,
    readsNginxConf: true,
    certificateDecoder: "openssl",
    words: { chainVerifier: "nginx", leafVerifier: "clients" },
    assumed: options.serverNames?.length ? [`server_name ${options.serverNames.join(" ")} (${options.configOrigin ?? "nginx.conf"})`] : [],
    facts: [
      { text: "ssl_certificate is the leaf first, then intermediates; nginx checks the first certificate against ssl_certificate_key", citation: "nginx docs ssl_certificate" },
      { text: "OpenSSL clients (curl) take an issuer from their own trust store before the one nginx sends: a restricted copy of the intermediate there (e.g. clientAuth-only) fails them with unsuitable certificate purpose", citation: "OpenSSL crypto/x509/x509_vfy.c build_chain(); test/peers/openssl-misses-nginx.test.ts" },
      { text: "clients match the host name against SAN dNSName (left-most wildcard only) and IPs against iPAddress SANs; the CN is ignored when a SAN is present", citation: "RFC 9525 section 6; OpenSSL X509_check_host" },
    ],
  };
}
