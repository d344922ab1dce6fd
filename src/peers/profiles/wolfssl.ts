import type { WolfsslCapabilities } from "../parse/wolfssl-config.js";
import type { WolfsslProfile } from "../types.js";

/**
 * A wolfSSL device (TLS client, wolfSSL_CTX_set_verify(WOLFSSL_VERIFY_PEER)) verifying a server's
 * chain. What it accepts is decided at compile time by its options.h / user_settings.h, so the
 * profile is built from that file. Verified against Debian's libwolfssl-dev 5.5.4 in
 * test/peers/wolfssl-lint.test.ts.
 */
export function wolfsslProfile(options: { capabilities: WolfsslCapabilities; verifyDepth?: number }): WolfsslProfile {
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
    // Any CA loaded with wolfSSL_CTX_load_verify_buffer signs (test/peers/wolfssl-lint.test.ts
    // "intermediate-only-anchor"); without WOLFSSL_ALT_CERT_CHAINS every CA the server sends must verify
    // too (rule wolfssl-sent-ca-without-signer). A loaded server certificate itself: rule wolfssl-pinned-leaf.
    partialChain: true,
    // PemToDer() looks for "-----BEGIN CERTIFICATE-----" only: a TRUSTED block beside one is skipped, a
    // buffer of TRUSTED blocks only fails with -162 ASN_NO_PEM_HEADER (wolfcrypt/src/asn.c;
    // test/peers/trusted-blocks.test.ts).
    readsTrustedCertificateBlocks: false,
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
      options.verifyDepth === undefined ? "no wolfSSL_CTX_set_verify_depth() call (pass --wolfssl-verify-depth N if the firmware makes one)" : `wolfSSL_CTX_set_verify_depth(${options.verifyDepth}) (--wolfssl-verify-depth)`,
    ],
    wolfssl: caps,
    device: { verifyDepth: options.verifyDepth },
    facts: [
      { text: `curves: ${caps.curves.join(", ") || "none"} (ECC_MIN_KEY_SZ ${caps.eccMinKeySz})`, citation: `${caps.source}; ${src} wolfcrypt/src/ecc.c ecc_sets[]` },
      { text: `smallest keys accepted in a chain: RSA ${caps.minRsaBits} bits (WOLFSSL_MIN_RSA_BITS), ECC ${caps.minEccBits} bits (WOLFSSL_MIN_ECC_BITS); firmware may raise them with wolfSSL_CTX_SetMinRsaKey_Sz / SetMinEccKey_Sz`, citation: `${src} src/internal.c ProcessPeerCertCheckKey()` },
      { text: `hashes for certificate signatures: ${caps.hashes.join(", ") || "none"}`, citation: `${caps.source}; ${src} wolfcrypt/src/asn.c HashForSignature()` },
      { text: `reads at most ${caps.maxChainDepth} certificates of the server's Certificate message (MAX_CHAIN_DEPTH); the message body may be at most ${caps.maxHandshakeSz} bytes (MAX_HANDSHAKE_SZ)`, citation: `${src} wolfssl/internal.h MAX_CHAIN_DEPTH, MAX_CERTIFICATE_SZ; src/internal.c ProcessPeerCerts()` },
      { text: "the CA buffer is read for \"-----BEGIN CERTIFICATE-----\" blocks only: an OpenSSL \"TRUSTED CERTIFICATE\" block is skipped, and a buffer of such blocks only fails with -162 ASN_NO_PEM_HEADER and loads nothing", citation: `${src} wolfcrypt/src/asn.c PemToDer(); test/peers/trusted-blocks.test.ts` },
      { text: caps.checksDates ? "validity dates are checked against the device clock" : "NO_ASN_TIME: validity dates are never checked", citation: `${src} wolfcrypt/src/asn.c ParseCertRelative()` },
      { text: `host check (wolfSSL_check_domain_name): the alt names (dNSName${caps.uriAltNames ? ", URI" : ""}${caps.ipAltNames ? ", iPAddress as text" : "; iPAddress SANs ignored"}) as patterns, '*' within one label; the CN ${caps.cnWithAltNames ? "first (WOLFSSL_ALLOW_NO_CN_IN_SAN)" : "only when there is no alt name"}`, citation: `${src} src/internal.c ProcessPeerCerts(), CheckForAltNames(), MatchDomainName()` },
      { text: `any CA in the CA buffer signs; ${caps.altCertChains ? "a CA the server sends that has no signer is skipped (WOLFSSL_ALT_CERT_CHAINS)" : "every CA the server sends must itself verify (no WOLFSSL_ALT_CERT_CHAINS)"}${caps.trustsLoadedPeers ? "; a server certificate found in the CA buffer is trusted as is (WOLFSSL_TRUST_PEER_CERT, OPENSSL_COMPATIBLE_DEFAULTS)" : ""}; the chain is verified from the last certificate sent down to the leaf, so each issuer must come after its child`, citation: `${src} src/internal.c ProcessPeerCerts(), src/ssl.c wolfSSL_CTX_load_verify_buffer_ex(); test/peers/wolfssl-lint.test.ts, test/peers/wolfssl-variants.test.ts` },
    ],
  };
}
