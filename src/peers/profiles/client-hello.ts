import type { ClientHello } from "../parse/client-hello.js";
import type { ClientHelloProfile } from "../types.js";

/**
 * A TLS client known only by a captured ClientHello (pkilab lint --client-hello): what it offers
 * decides which server certificates can work at all (fixtures/client-hello/seed-000-*: one suite;
 * fixtures/client-hello/seed-001-*: one group).
 */
export function clientHelloProfile(hello: ClientHello): ClientHelloProfile {
  return {
    id: "client-hello",
    title: `the client of the captured ClientHello (${hello.cipherSuites.length} suites, groups ${hello.groups.map((g) => g.name).join(", ") || "none"})`,
    certificateRole: "server",
    checksHost: false,
    securityLevel: 0,
    checksTime: false,
    partialChain: true,
    // Nothing is known of the client's trust store or its reader: no anchor is dropped.
    readsTrustedCertificateBlocks: true,
    clientHello: hello,
    trustAnchorSource: "the client's trust store",
    rejectsAnyRepeatedExtension: false,
    serverNames: [],
    readsNginxConf: false,
    certificateDecoder: "unknown",
    words: { chainVerifier: "the peer", leafVerifier: "the client" },
    assumed: ["the client offers exactly what the captured ClientHello shows"],
    facts: [
      { text: `versions: ${[hello.legacyVersion, ...hello.supportedVersions].join(", ")}`, citation: "the captured ClientHello" },
      { text: `cipher suites: ${hello.cipherSuites.map((s) => s.name).join(", ")}`, citation: "the captured ClientHello" },
      { text: `supported groups: ${hello.groups.map((g) => g.name).join(", ") || "none"}`, citation: "the captured ClientHello" },
      { text: `signature algorithms: ${hello.signatureAlgorithms.map((s) => s.name).join(", ") || "none"}`, citation: "the captured ClientHello" },
    ],
  };
}
