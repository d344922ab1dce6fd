import type { BrowserProfile } from "../types.js";

/**
 * CA/Browser Forum TLS Baseline Requirements as browsers enforce them for publicly trusted
 * server certificates, as of the validation time (--at).
 */
export function browserProfile(): BrowserProfile {
  return {
    id: "browser",
    title: "browsers (CA/Browser Forum TLS Baseline Requirements)",
    certificateRole: "server",
    purpose: "server",
    checksHost: true,
    securityLevel: 2,
    checksTime: true,
    partialChain: false,
    // --ca stands for the platform root store a root was installed into: the certificate is the
    // anchor, whatever PEM block pkilab read it from (its OpenSSL trust settings are not applied).
    readsTrustedCertificateBlocks: true,
    browser: { maxValidityDays, refusedLeafCurves: ["P-521"] },
    // Chromium's parser refuses duplicate extensions outright (RFC 5280 4.2).
    rejectsAnyRepeatedExtension: true,
    trustAnchorSource: "the browser's root store (--ca)",
    serverNames: [],
    readsNginxConf: false,
    certificateDecoder: "boringssl",
    words: { chainVerifier: "the peer", leafVerifier: "clients" },
    assumed: ["CA/B Forum requirements in force at the lint time (--at)"],
    facts: [
      { text: "maximum validity of TLS server certificates: 398 days; 200 days for those issued from 2026-03-15, 100 days from 2027-03-15, 47 days from 2029-03-15", citation: "CA/B Forum ballot SC-081v3; BR 6.3.2" },
      { text: "P-521 leaf keys are refused by Chrome, Android and rustls", citation: "BoringSSL ssl/extensions.cc kVerifySignatureAlgorithms (Chrome's TLS stack: no ecdsa_secp521r1_sha512 in its default verify list outside Android builds); rustls with the ring provider (ECDSA on P-256/P-384 only)" },
      { text: "the CN is ignored; the SAN must name the host", citation: "RFC 9525 section 6.3; Chrome 58 removed CN matching" },
    ],
  };
}

/** CA/B Forum ballot SC-081v3 (BR 6.3.2): the cap depends on when the certificate was issued. */
export function maxValidityDays(issued: Date): number {
  const t = issued.getTime();
  if (t >= Date.UTC(2029, 2, 15)) return 47;
  if (t >= Date.UTC(2027, 2, 15)) return 100;
  if (t >= Date.UTC(2026, 2, 15)) return 200;
  return 398;
}
