import type { WolfsslCapabilities } from "../parse/wolfssl-config.js";
import type { WolfsslProfile } from "../types.js";

/**
 * A wolfSSL device (TLS client, wolfSSL_CTX_set_verify(WOLFSSL_VERIFY_PEER)) verifying a server's
 * chain. What it accepts is decided at compile time by its options.h / user_settings.h, so the
 * profile is built from that file. Verified against Debian's libwolfssl-dev 5.5.4 in
 * test/peers/wolfssl-lint.test.ts.
 */
export function wolfsslProfile(options: { capabilities: WolfsslCapabilities }): WolfsslProfile {
  const caps = options.capabilities;
  const src = "wolfSSL/wolfssl v5.5.4-stable";
  return {
    id: "wolfssl",
    title: `a wolfSSL ${caps.version} device (${caps.source})`,
    certificateRole: "server",
    // wolfSSL checks the leaf's extKeyUsage only, not OpenSSL's purpose on every certificate (rule wolfssl-leaf-eku).
    purpose: undefined,
    // The depth limit is on certificates sent (rule wolfssl-chain-too-deep), not on the path.
    maxIntermediates: undefined,
    // wolfSSL_check_domain_name has its own matching (rule wolfssl-host-mismatch).
    checksHost: false,
    // Key sizes are wolfSSL's minimums (rule wolfssl-key-too-small), not OpenSSL security levels.
    securityLevel: 0,
    checksTime: caps.checksDates,
    // Any certificate loaded with wolfSSL_CTX_load_verify_buffer ends a path, a CA-issued server
    // certificate too (test/peers/wolfssl-lint.test.ts "intermediate-only-anchor", "pinned-leaf-not-self-signed").
    partialChain: true,
    trustAnchorSource: "the device's CA buffer (wolfSSL_CTX_load_verify_buffer; pkilab export --c-array --for wolfssl)",
    rejectsAnyRepeatedExtension: false,
    serverNames: [],
    readsNginxConf: false,
    // wolfSSL's own DER decoder: not tested on BER forms, so the non-der-encoding rule does not run for it.
    certificateDecoder: "unknown",
    words: { chainVerifier: "the device", leafVerifier: "the device" },
    assumed: [
      `wolfSSL ${caps.version} (${caps.versionSource})`,
      `config: ${caps.source}`,
      "the device is a TLS client verifying this server certificate (WOLFSSL_VERIFY_PEER), wolfSSL_check_domain_name(--host) when --host is given",
    ],
    wolfssl: caps,
    facts: [
      { text: `curves: ${caps.curves.join(", ") || "none"} (ECC_MIN_KEY_SZ ${caps.eccMinKeySz})`, citation: `${caps.source}; ${src} wolfcrypt/src/ecc.c ecc_sets[]` },
      { text: `smallest keys accepted in a chain: RSA ${caps.minRsaBits} bits (WOLFSSL_MIN_RSA_BITS), ECC ${caps.minEccBits} bits (WOLFSSL_MIN_ECC_BITS); firmware may raise them with wolfSSL_CTX_SetMinRsaKey_Sz / SetMinEccKey_Sz`, citation: `${src} src/internal.c ProcessPeerCertCheckKey()` },
      { text: `hashes for certificate signatures: ${caps.hashes.join(", ") || "none"}`, citation: `${caps.source}; ${src} wolfcrypt/src/asn.c HashForSignature()` },
      { text: `reads at most ${caps.maxChainDepth} certificates of the server's Certificate message (MAX_CHAIN_DEPTH); the message body may be at most ${caps.maxHandshakeSz} bytes (MAX_HANDSHAKE_SZ)`, citation: `${src} wolfssl/internal.h MAX_CHAIN_DEPTH, MAX_CERTIFICATE_SZ; src/internal.c ProcessPeerCerts()` },
      { text: caps.checksDates ? "validity dates are checked against the device clock" : "NO_ASN_TIME: validity dates are never checked", citation: `${src} wolfcrypt/src/asn.c ParseCertRelative()` },
      { text: `host check (wolfSSL_check_domain_name): every SAN entry${caps.ipAltNames ? " (iPAddress ones as text)" : ""} as a pattern, '*' within one label; ${caps.cnFallback ? "the CN only when there is no SAN" : "never the CN (WOLFSSL_HOSTNAME_VERIFY_ALT_NAME_ONLY)"}`, citation: `${src} src/internal.c CheckHostName(), CheckForAltNames(), MatchDomainName()` },
      { text: "any certificate in the CA buffer is a trust anchor; the chain is verified from the last certificate sent down to the leaf, so each issuer must come after its child", citation: `${src} src/internal.c ProcessPeerCerts(); test/peers/wolfssl-lint.test.ts` },
    ],
  };
}
