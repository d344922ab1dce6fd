/**
 * What a device running mbedTLS 2.28 or 3.6 does with the CRLs it is given: per scenario, the
 * verify flags mbedtls_x509_crt_verify() sets (the same flags mbedtls_ssl_get_verify_result()
 * returns after a handshake with mbedtls_ssl_conf_ca_chain(conf, ca, crl)).
 *
 * Measured on the real libraries (Debian's 2.28.3 and the 3.6.6 source package, stock configs and
 * the variants named in MbedtlsCrlDevice) by test/peers/crl-mbedtls-differential.test.ts, which
 * asserts every entry here, so the table cannot drift from the library.
 *
 * How mbedTLS checks CRLs — library/x509_crt.c x509_crt_verifycrl() of Mbed-TLS/mbedtls at tags
 * v2.28.3 and v3.6.6, called from x509_crt_verify_chain() once per (child, parent) link:
 * - Only with MBEDTLS_X509_CRL_PARSE_C (x509_crt_verify_chain(); without it the CRL argument is
 *   ignored and library/x509_crl.c mbedtls_x509_crl_parse() does not exist). Capability:
 *   src/peers/parse/mbedtls-config.ts crlParse.
 * - A CRL applies to a link when its issuer name equals the parent's subject (x509_name_cmp); CRLs
 *   of other issuers are skipped. No CRL for a CA is no error: mbedTLS never requires one (unlike
 *   nginx's X509_V_FLAG_CRL_CHECK_ALL). Every matching CRL is checked, not only the newest.
 * - The trust anchor itself is never checked: the chain loop ends at a trusted child before a
 *   CRL check (x509_crt_verify_chain()), so a root on its own CRL still verifies.
 * - In order, for each matching CRL: the parent lacks cRLSign in a keyUsage extension →
 *   BADCRL_NOT_TRUSTED and stop (2.28 only with MBEDTLS_X509_CHECK_KEY_USAGE, 3.6 always;
 *   mbedtls_x509_crt_check_key_usage()); hash or key type the profile refuses → BADCRL_BAD_MD /
 *   BADCRL_BAD_PK; signature by the parent's key fails → BADCRL_NOT_TRUSTED and stop; nextUpdate in
 *   the past → BADCRL_EXPIRED; thisUpdate in the future → BADCRL_FUTURE (both go on); the child's
 *   serial listed → BADCERT_REVOKED and stop. "Stop" ends the CRL loop for that link, so a CA
 *   without cRLSign hides a revocation.
 * - Dates only with MBEDTLS_HAVE_TIME_DATE: 2.28 calls mbedtls_x509_time_is_past()/_is_future(),
 *   which return 0 without it (library/x509.c); 3.6 compiles the two checks out
 *   (x509_crt_verifycrl() #if defined(MBEDTLS_HAVE_TIME_DATE)). Revocation itself still works.
 * - A CRL without nextUpdate (OPTIONAL, RFC 5280 5.1.2.5) parses (library/x509_crl.c
 *   mbedtls_x509_crl_parse_der() accepts its absence and leaves next_update zero), and the zero
 *   date is in the past: BADCRL_EXPIRED on every device with MBEDTLS_HAVE_TIME_DATE.
 * - Any flag makes mbedtls_x509_crt_verify() return MBEDTLS_ERR_X509_CERT_VERIFY_FAILED (-0x2700);
 *   in a handshake with authmode REQUIRED the flags become the alert of
 *   src/knowledge/mbedtls-errors.ts MBEDTLS_VERIFY_FLAGS (REVOKED 44, the BADCRL_* flags 46).
 */

/** The configuration macro CRL support needs (both lines). */
export const MBEDTLS_CRL_CONFIG_MACRO = "MBEDTLS_X509_CRL_PARSE_C";

/** What mbedtls_x509_crt_verify() returns when any flag is set (include/mbedtls/x509.h, both lines). */
export const MBEDTLS_CERT_VERIFY_FAILED = -0x2700;

/** The devices the table was measured on: stock configs and one-option variants. */
export type MbedtlsCrlDevice = "2.28" | "3.6" | "2.28 no HAVE_TIME_DATE" | "3.6 no HAVE_TIME_DATE" | "2.28 no X509_CHECK_KEY_USAGE";

export const MBEDTLS_CRL_DEVICES: readonly MbedtlsCrlDevice[] = ["2.28", "3.6", "2.28 no HAVE_TIME_DATE", "3.6 no HAVE_TIME_DATE", "2.28 no X509_CHECK_KEY_USAGE"];

/** The flags this table uses (values: include/mbedtls/x509.h, both lines; src/knowledge/mbedtls-errors.ts). */
export const CRL_FLAGS = {
  MBEDTLS_X509_BADCERT_REVOKED: 0x02,
  MBEDTLS_X509_BADCRL_NOT_TRUSTED: 0x10,
  MBEDTLS_X509_BADCRL_EXPIRED: 0x20,
  MBEDTLS_X509_BADCRL_FUTURE: 0x400,
  MBEDTLS_X509_BADCRL_BAD_MD: 0x20000,
} as const;

const { MBEDTLS_X509_BADCERT_REVOKED: REVOKED, MBEDTLS_X509_BADCRL_NOT_TRUSTED: NOT_TRUSTED, MBEDTLS_X509_BADCRL_EXPIRED: EXPIRED, MBEDTLS_X509_BADCRL_FUTURE: FUTURE, MBEDTLS_X509_BADCRL_BAD_MD: BAD_MD } = CRL_FLAGS;

export interface MbedtlsCrlScenario {
  id: string;
  /** The PKI: root → intermediate → leaf (client), CRLs made by `openssl ca -gencrl`. */
  scenario: string;
  /** The flags mbedtls_x509_crt_verify() sets, per device (0: it verifies). */
  flags: Record<MbedtlsCrlDevice, number>;
  /** Why, in the library's terms. */
  why: string;
  cite: string;
}

const VERIFYCRL = "library/x509_crt.c x509_crt_verifycrl() (2.28.3, 3.6.6)";
const CHAIN = "library/x509_crt.c x509_crt_verify_chain() (2.28.3, 3.6.6)";
const TIME = "library/x509.c mbedtls_x509_time_is_past()/_is_future() (2.28.3); x509_crt_verifycrl() #if defined(MBEDTLS_HAVE_TIME_DATE) (3.6.6)";

/** The same flags on every device. */
const all = (flags: number): Record<MbedtlsCrlDevice, number> => ({
  "2.28": flags,
  "3.6": flags,
  "2.28 no HAVE_TIME_DATE": flags,
  "3.6 no HAVE_TIME_DATE": flags,
  "2.28 no X509_CHECK_KEY_USAGE": flags,
});

/** `timed` where the dates are checked, `untimed` on the devices without MBEDTLS_HAVE_TIME_DATE. */
const dated = (timed: number, untimed: number): Record<MbedtlsCrlDevice, number> => ({
  ...all(timed),
  "2.28 no HAVE_TIME_DATE": untimed,
  "3.6 no HAVE_TIME_DATE": untimed,
});

export const MBEDTLS_CRL_SCENARIOS: readonly MbedtlsCrlScenario[] = [
  {
    id: "no-crl",
    scenario: "no CRL at all (ca_crl NULL)",
    flags: all(0),
    why: "x509_crt_verifycrl() is called with an empty list: nothing to check",
    cite: VERIFYCRL,
  },
  {
    id: "intermediate-crl-missing",
    scenario: "the root's CRL only: no CRL for the intermediate",
    flags: all(0),
    why: "mbedTLS never requires a CRL: a CA without one is simply not checked (\"Skip validation if no CRL for the given CA is present\")",
    cite: VERIFYCRL,
  },
  {
    id: "every-ca",
    scenario: "a current CRL for each CA, nothing revoked",
    flags: all(0),
    why: "both CRLs are signed by their CA, current, and list nothing",
    cite: VERIFYCRL,
  },
  {
    id: "crl-not-yet-valid",
    scenario: "the intermediate's CRL has thisUpdate in 10 days",
    flags: dated(FUTURE, 0),
    why: "thisUpdate after now → BADCRL_FUTURE; without MBEDTLS_HAVE_TIME_DATE the date is never compared",
    cite: `${VERIFYCRL}; ${TIME}`,
  },
  {
    id: "crl-expired",
    scenario: "the intermediate's CRL has nextUpdate 10 days ago",
    flags: dated(EXPIRED, 0),
    why: "nextUpdate before now → BADCRL_EXPIRED; without MBEDTLS_HAVE_TIME_DATE the date is never compared",
    cite: `${VERIFYCRL}; ${TIME}`,
  },
  {
    id: "root-crl-expired",
    scenario: "the root's CRL has nextUpdate 10 days ago",
    flags: dated(EXPIRED, 0),
    why: "the root's CRL is checked for the intermediate (the link intermediate → root)",
    cite: `${VERIFYCRL}; ${CHAIN}`,
  },
  {
    id: "revoked-leaf",
    scenario: "the intermediate's CRL lists the leaf",
    flags: all(REVOKED),
    why: "mbedtls_x509_crt_is_revoked() finds the leaf's serial → BADCERT_REVOKED, with or without dates",
    cite: `${VERIFYCRL}; library/x509_crt.c mbedtls_x509_crt_is_revoked()`,
  },
  {
    id: "revoked-intermediate",
    scenario: "the root's CRL lists the intermediate",
    flags: all(REVOKED),
    why: "the link intermediate → root checks the root's CRL: BADCERT_REVOKED",
    cite: `${VERIFYCRL}; ${CHAIN}`,
  },
  {
    id: "revoked-root",
    scenario: "the root's CRL lists the root itself",
    flags: all(0),
    why: "the trust anchor is never checked against a CRL: the chain loop ends at a trusted certificate",
    cite: CHAIN,
  },
  {
    id: "revoked-leaf-expired-crl",
    scenario: "an expired CRL (nextUpdate 10 days ago) lists the leaf",
    flags: dated(EXPIRED | REVOKED, REVOKED),
    why: "the date checks do not stop the loop: an expired CRL still revokes",
    cite: VERIFYCRL,
  },
  {
    id: "revoked-leaf-future-crl",
    scenario: "a not yet valid CRL (thisUpdate in 10 days) lists the leaf",
    flags: dated(FUTURE | REVOKED, REVOKED),
    why: "the date checks do not stop the loop: a CRL from the future still revokes",
    cite: VERIFYCRL,
  },
  {
    id: "older-crl-revokes",
    scenario: "two CRLs from the intermediate: an older one lists the leaf, a newer one does not",
    flags: all(REVOKED),
    why: "every CRL of the issuer is checked, not the newest only (OpenSSL picks the newest)",
    cite: VERIFYCRL,
  },
  {
    id: "wrong-signer",
    scenario: "a CRL with the intermediate's name signed by another key",
    flags: all(NOT_TRUSTED),
    why: "the issuer name matches, mbedtls_pk_verify_ext() with the intermediate's key fails → BADCRL_NOT_TRUSTED",
    cite: VERIFYCRL,
  },
  {
    id: "bad-signature",
    scenario: "the intermediate's CRL with one signature byte changed",
    flags: all(NOT_TRUSTED),
    why: "the signature does not verify → BADCRL_NOT_TRUSTED",
    cite: VERIFYCRL,
  },
  {
    id: "other-issuer",
    scenario: "only a CRL from an unrelated CA (another name) that lists the leaf's serial",
    flags: all(0),
    why: "CRLs whose issuer is not the parent's subject are skipped, whatever they list",
    cite: VERIFYCRL,
  },
  {
    id: "no-crlsign",
    scenario: "an intermediate whose keyUsage lacks cRLSign issues the CRL",
    flags: { ...all(NOT_TRUSTED), "2.28 no X509_CHECK_KEY_USAGE": 0 },
    why: "mbedtls_x509_crt_check_key_usage(ca, KU_CRL_SIGN) fails → BADCRL_NOT_TRUSTED; 2.28 checks it only with MBEDTLS_X509_CHECK_KEY_USAGE (on by default), 3.6 always",
    cite: `${VERIFYCRL}; [2.28.3 include/mbedtls/config.h:2286]`,
  },
  {
    id: "no-crlsign-revoked-leaf",
    scenario: "an intermediate without cRLSign issues a CRL that lists the leaf",
    flags: { ...all(NOT_TRUSTED), "2.28 no X509_CHECK_KEY_USAGE": REVOKED },
    why: "the cRLSign failure stops the CRL loop before the revocation check: the flags say NOT_TRUSTED, not REVOKED",
    cite: VERIFYCRL,
  },
  {
    id: "no-next-update",
    scenario: "the intermediate's CRL without nextUpdate",
    flags: dated(EXPIRED, 0),
    why: "mbedtls_x509_crl_parse_der() accepts a missing nextUpdate and leaves it zero (year 0), which is in the past → BADCRL_EXPIRED",
    cite: `library/x509_crl.c mbedtls_x509_crl_parse_der() (2.28.3, 3.6.6); ${VERIFYCRL}`,
  },
  {
    id: "sha1-crl",
    scenario: "the intermediate's CRL signed with SHA-1",
    flags: all(BAD_MD),
    why: "x509_profile_check_md_alg() with the default profile refuses SHA-1 → BADCRL_BAD_MD (the signature itself verifies)",
    cite: `${VERIFYCRL}; library/x509_crt.c mbedtls_x509_crt_profile_default`,
  },
];
