import type { CrlFacts } from "../../model/crl.js";
import { x509ProfileFor, x509ProfileText, type MbedtlsX509ProfileChoice } from "../../knowledge/mbedtls-profiles.js";
import type { MbedtlsCapabilities } from "../parse/mbedtls-config.js";
import type { MbedtlsProfile } from "../types.js";

export interface MbedtlsProfileOptions {
  capabilities: MbedtlsCapabilities;
  /** The linted certificate is the device's own (client authentication), not the server's. */
  deviceSendsCert?: boolean;
  /** The device's clock at the time that matters (a device without RTC starts at its build date). */
  deviceClock?: Date;
  /** The CRLs the device hands to mbedtls_ssl_conf_ca_chain(conf, ca, crl) (--crl), and where they came from. */
  crls?: { crls: readonly CrlFacts[]; source: string };
  /** The X.509 profile the firmware sets with mbedtls_ssl_conf_cert_profile() (--mbedtls-profile). */
  x509Profile?: MbedtlsX509ProfileChoice;
}

/**
 * An mbedTLS device (TLS client) verifying a server's chain, or sending its own: what it accepts is
 * decided at compile time (its config header: 2.28 include/mbedtls/config.h, 3.x
 * include/mbedtls/mbedtls_config.h, plus MBEDTLS_USER_CONFIG_FILE), so the profile is built from the real
 * config header. Verified against mbedTLS 2.28 (Debian) and 3.6 builds in test/peers/mbedtls-*.test.ts.
 */
export function mbedtlsProfile(options: MbedtlsProfileOptions): MbedtlsProfile {
  const caps = options.capabilities;
  // A config with the server side only (MBEDTLS_SSL_SRV_C without MBEDTLS_SSL_CLI_C) is a device
  // that serves TLS: the certificate linted is its own (seed 002, fixtures/mbedtls/seed-002-p521-key-small-device).
  const serverOnly = caps.macros.MBEDTLS_SSL_SRV_C !== undefined && caps.macros.MBEDTLS_SSL_CLI_C === undefined;
  const deviceSendsCert = options.deviceSendsCert === true || serverOnly;
  const x509Profile = x509ProfileFor(caps.version, options.x509Profile);
  return {
    id: "mbedtls",
    // Say how the version was decided when it was guessed, so that a wrong guess is visible.
    title: `an mbedTLS ${caps.version} device (${caps.source}${caps.versionSource.startsWith("guessed") ? `; version ${caps.versionSource}` : ""})`,
    certificateRole: deviceSendsCert && !serverOnly ? "client" : "server",
    // mbedtls_x509_crt_verify checks no purpose; the TLS layer checks the leaf's KU/EKU (rule mbedtls-leaf-usage).
    purpose: undefined,
    maxIntermediates: caps.maxIntermediates,
    checksHost: false, // version-specific: rule mbedtls-host-mismatch
    // mbedTLS applies its X.509 profile, not OpenSSL security levels (rule mbedtls-x509-profile).
    securityLevel: 0,
    checksTime: caps.haveTimeDate,
    clock: options.deviceClock,
    // Any certificate in the CA list is a trust anchor (library/x509_crt.c x509_crt_find_parent() looks in
    // the CA list first; test/peers/mbedtls-lint.test.ts scenarios "intermediate-only-anchor-*").
    partialChain: true,
    trustedV1NeedsNoCaBit: true,
    // ...except the server's own certificate: listed, it is trusted only when self-issued (x509_crt.c
    // x509_crt_check_ee_locally_trusted(); test/peers/mbedtls-lint.test.ts scenarios "pinned-ca-issued-leaf-*").
    trustedLeafNeedsSelfIssued: true,
    // mbedtls_x509_crt_parse() looks for "-----BEGIN CERTIFICATE-----" only: a TRUSTED block beside one
    // is skipped, a buffer of TRUSTED blocks only fails with -0x2180 (library/x509_crt.c;
    // test/peers/trusted-blocks.test.ts).
    readsTrustedCertificateBlocks: false,
    mbedtls: caps,
    x509Profile,
    device: { sendsCert: deviceSendsCert, tlsRole: serverOnly ? "server" : "client" },
    // The device's CRLs judge the chains it verifies, never its own certificate (the server judges that).
    deviceCrls: deviceSendsCert ? undefined : options.crls,
    trustAnchorSource: "the device's CA list (pkilab export --c-array)",
    rejectsAnyRepeatedExtension: false,
    serverNames: [],
    readsNginxConf: false,
    certificateDecoder: "mbedtls",
    words: { chainVerifier: "the peer", leafVerifier: "the device" },
    assumed: [
      `mbedTLS ${caps.version} (${caps.versionSource})`,
      `config: ${caps.source}`,
      deviceSendsCert ? (serverOnly ? "the device is the TLS server (its config has MBEDTLS_SSL_SRV_C only)" : "the certificate is the device's own (--device-cert)") : "the device is a TLS client verifying this server certificate",
      ...(options.deviceClock ? [`device clock ${options.deviceClock.toISOString()} (--device-clock)`] : []),
      ...crlAssumptions(caps, deviceSendsCert, options.crls),
      options.x509Profile
        ? `X.509 profile: ${x509Profile.name} (--mbedtls-profile)`
        : `X.509 profile: ${x509Profile.name} (the library's default; pass --mbedtls-profile if the firmware calls mbedtls_ssl_conf_cert_profile())`,
    ],
    facts: [
      { text: `curves: ${caps.curves.join(", ") || "none"}`, citation: caps.source },
      { text: `TLS 1.2 key exchanges: ${caps.keyExchanges.join(", ") || "none"}${caps.tls13 ? "; TLS 1.3 on" : ""}`, citation: caps.source },
      { text: `hashes: ${caps.hashes.join(", ")}; MBEDTLS_MPI_MAX_SIZE ${caps.mpiMaxBytes} bytes (RSA up to ${caps.mpiMaxBytes * 8} bits)`, citation: caps.source },
      { text: `record buffers: IN ${caps.inContentLen}, OUT ${caps.outContentLen} bytes; at most ${caps.maxIntermediates} intermediates`, citation: caps.source },
      {
        text: caps.crlParse
          ? "CRLs (mbedtls_ssl_conf_ca_chain(conf, ca, crl)): none is required; every CRL of an issuer is checked, not only the newest; the trust anchor never is; a CA without cRLSign makes its CRL untrusted before the revoked list is read"
          : "MBEDTLS_X509_CRL_PARSE_C is off: no CRL can be loaded, revocation is never checked",
        citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verifycrl(); src/knowledge/mbedtls-crl.ts; test/peers/crl-mbedtls-lint.test.ts",
      },
      { text: `X.509 profile ${x509Profile.name}: ${x509ProfileText(x509Profile)}`, citation: x509Profile.citation },
      { text: "the CA list is read for \"-----BEGIN CERTIFICATE-----\" blocks only: an OpenSSL \"TRUSTED CERTIFICATE\" block is skipped, and a buffer of such blocks only fails with -0x2180 and loads nothing", citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c mbedtls_x509_crt_parse(); test/peers/trusted-blocks.test.ts" },
      { text: caps.haveTimeDate ? "validity dates are checked against the device clock" : "MBEDTLS_HAVE_TIME_DATE is off: validity dates are never checked", citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509.c mbedtls_x509_time_is_past()/_is_future() (always 0 without MBEDTLS_HAVE_TIME_DATE); test/peers/mbedtls-lint.test.ts scenario \"expired-leaf-3.6-no-time-date\"" },
    ],
  };
}

/** What the verdict assumed about revocation: nothing is claimed without CRLs. */
function crlAssumptions(caps: MbedtlsCapabilities, deviceSendsCert: boolean, crls: MbedtlsProfileOptions["crls"]): string[] {
  if (!crls) return [];
  const count = `${crls.crls.length} CRL${crls.crls.length === 1 ? "" : "s"} (${crls.source})`;
  if (deviceSendsCert) return [`${count} not used: they would judge the chains the device verifies, not its own certificate`];
  if (!caps.crlParse) return [`${count} given, but MBEDTLS_X509_CRL_PARSE_C is off: the device cannot load them and checks no revocation`];
  return [`${count} passed to mbedtls_ssl_conf_ca_chain(): each link is checked against every CRL of its issuer; a CA without a CRL is not checked`];
}
