/**
 * wolfSSL error codes a TLS client meets when it verifies a server's certificate chain, with the
 * texts the library prints for them.
 *
 * Sources and conventions
 * - Names and values: the enums of wolfssl/wolfcrypt/error-crypt.h (wolfCrypt, -100 to -299) and
 *   wolfssl/error-ssl.h (TLS layer, -300 to -599) of wolfSSL/wolfssl at tag v5.5.4-stable (Debian
 *   bookworm's libwolfssl-dev 5.5.4). `header` names the file.
 * - `text`: what wolfSSL_ERR_error_string(code) prints in Debian's build (src/internal.c
 *   wolfSSL_ERR_reason_error_string(), which hands wolfCrypt's codes to wolfcrypt/src/error.c
 *   wc_GetErrorString()). Debian's build defines OPENSSL_EXTRA (OPENSSL_ALL), under which
 *   ASN_NO_SIGNER_E reads "certificate verify failed"; `textWithoutOpensslExtra` is the text of
 *   builds without it. test/peers/wolfssl-errors.test.ts checks every text against the real library.
 * - wolfSSL_get_error() returns the code negative, as here; logs print it in decimal ("err = -188").
 * - `causes`: the usual certificate/configuration causes, each with where it comes from: a scenario
 *   of test/peers/wolfssl-lint.test.ts on the real library, or a wolfSSL source file and function
 *   (📄: read from the source only), and the pkilab rules that predict it.
 */

export interface WolfsslErrorEntry {
  /** Negative, as wolfSSL_get_error() returns it. */
  code: number;
  name: string;
  /** wolfSSL_ERR_error_string() in Debian's build (OPENSSL_EXTRA). */
  text: string;
  /** The text in builds without OPENSSL_EXTRA, when it differs. */
  textWithoutOpensslExtra?: string;
  /** Where the code is defined (wolfSSL v5.5.4-stable). */
  header: "wolfssl/wolfcrypt/error-crypt.h" | "wolfssl/error-ssl.h";
  causes: string[];
}

export const WOLFSSL_ERRORS: readonly WolfsslErrorEntry[] = [
  { code: -125, name: "MEMORY_E", text: "out of memory error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -132, name: "BUFFER_E", text: "Buffer error, output too small or input too big", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -140, name: "ASN_PARSE_E", text: "ASN parsing error, invalid input", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["the certificate is not valid DER, or uses an encoding wolfSSL's parser refuses 📄 wolfcrypt/src/asn.c ParseCertRelative()"] },
  { code: -141, name: "ASN_VERSION_E", text: "ASN version error, invalid number", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -142, name: "ASN_GETINT_E", text: "ASN get big int error, invalid data", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -143, name: "ASN_RSA_KEY_E", text: "ASN key init error, invalid input", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -144, name: "ASN_OBJECT_ID_E", text: "ASN object id error, invalid id", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -147, name: "ASN_BITSTR_E", text: "ASN bit string error, wrong id", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -148, name: "ASN_UNKNOWN_OID_E", text: "ASN oid error, unknown sum id", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -149, name: "ASN_DATE_SZ_E", text: "ASN date error, bad size", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -150, name: "ASN_BEFORE_DATE_E", text: "ASN date error, current date before", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["the certificate's notBefore is after the device clock: a device without RTC before its clock is set, or a certificate issued with a future date (test/peers/wolfssl-lint.test.ts \"not-yet-valid-leaf\")", "rule cert-not-yet-valid"] },
  { code: -151, name: "ASN_AFTER_DATE_E", text: "ASN date error, current date after", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["a certificate of the chain has expired, or the device clock is wrong (test/peers/wolfssl-lint.test.ts \"expired-leaf\")", "rule cert-expired"] },
  { code: -152, name: "ASN_SIG_OID_E", text: "ASN signature error, mismatched oid", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -153, name: "ASN_TIME_E", text: "ASN time error, unknown time type", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -154, name: "ASN_INPUT_E", text: "ASN input error, not enough data", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -155, name: "ASN_SIG_CONFIRM_E", text: "ASN sig error, confirm failure", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["a signature in the chain does not verify with its issuer's key (ConfirmSignature() reports a failed verification as ASN_SIG_CONFIRM_E; a hash the build lacks fails earlier, in HashForSignature(), with -232 HASH_TYPE_E) 📄 wolfcrypt/src/asn.c ConfirmSignature()"] },
  { code: -156, name: "ASN_SIG_HASH_E", text: "ASN sig error, unsupported hash type", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -157, name: "ASN_SIG_KEY_E", text: "ASN sig error, unsupported key type", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -160, name: "ASN_CRIT_EXT_E", text: "X.509 Critical extension ignored or invalid", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["a critical extension wolfSSL does not know (test/peers/wolfssl-lint.test.ts \"critical-unknown-extension\")", "rule unhandled-critical-extension"] },
  { code: -161, name: "ASN_ALT_NAME_E", text: "ASN alternate name error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -162, name: "ASN_NO_PEM_HEADER", text: "ASN no PEM Header Error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -171, name: "ASN_ECC_KEY_E", text: "ECC ASN1 bad key data, invalid input", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -172, name: "ECC_CURVE_OID_E", text: "ECC curve sum OID unsupported, invalid input", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["an EC key on a curve not in the build's ECC table (ECC_MIN_KEY_SZ, ECC_USER_CURVES, HAVE_ECC_BRAINPOOL / HAVE_ECC_KOBLITZ; test/peers/wolfssl-variants.test.ts: ECC_USER_CURVES with P-256 only and a P-384 server over TLS 1.3)", "rule wolfssl-curve-not-compiled"] },
  { code: -173, name: "BAD_FUNC_ARG", text: "Bad function argument", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -188, name: "ASN_NO_SIGNER_E", text: "certificate verify failed", textWithoutOpensslExtra: "ASN no signer error to confirm failure", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["no certificate in the CA buffer issued the chain's top certificate: the wrong CA was loaded (test/peers/wolfssl-lint.test.ts \"unknown-ca\")", "the server does not send its intermediate (test/peers/wolfssl-lint.test.ts \"intermediate-missing\")", "the intermediates are sent root-side first: wolfSSL verifies from the last certificate sent down to the leaf (test/peers/wolfssl-lint.test.ts \"intermediates-reversed\")", "more certificates sent than MAX_CHAIN_DEPTH: the ones after it are not read (test/peers/wolfssl-lint.test.ts \"nine-intermediates\")", "an intermediate is not a CA (CA:FALSE) (test/peers/wolfssl-lint.test.ts \"intermediate-not-ca\")", "without WOLFSSL_ALT_CERT_CHAINS: a CA the server sends has no signer, e.g. an intermediate loaded as the only CA and also sent (test/peers/wolfssl-variants.test.ts)", "the CA buffer holds the server's own CA-issued certificate and the build lacks WOLFSSL_TRUST_PEER_CERT + OPENSSL_COMPATIBLE_DEFAULTS (test/peers/wolfssl-variants.test.ts)", "with OPENSSL_EXTRA: more intermediates than wolfSSL_CTX_set_verify_depth() allows (test/peers/wolfssl-lint.test.ts \"two-intermediates-depth-1\")", "rules chain-not-anchored, wolfssl-chain-order, wolfssl-chain-too-deep, ca-not-ca, wolfssl-sent-ca-without-signer, wolfssl-pinned-leaf, wolfssl-verify-depth"] },
  { code: -189, name: "ASN_CRL_CONFIRM_E", text: "ASN CRL sig error, confirm failure", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -190, name: "ASN_CRL_NO_SIGNER_E", text: "ASN CRL no signer error to confirm failure", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -198, name: "ASN_NAME_INVALID_E", text: "Name Constraint error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["a name in the certificate violates a CA's name constraints 📄 wolfcrypt/src/asn.c ConfirmNameConstraints()"] },
  { code: -217, name: "ECC_OUT_OF_RANGE_E", text: " ECC Qx or Qy out of range error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -229, name: "SIG_VERIFY_E", text: "Signature verify error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -232, name: "HASH_TYPE_E", text: "Hash type not enabled/available", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["a hash the signature needs is not compiled in (wolfcrypt/src/asn.c HashForSignature(); test/peers/wolfssl-variants.test.ts: NO_SHA and a SHA-1 signed server certificate)", "rule wolfssl-hash-not-compiled"] },
  { code: -234, name: "WC_KEY_SIZE_E", text: "Key size error, either too small or large", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -237, name: "ASN_PATHLEN_SIZE_E", text: "ASN CA path length value too large error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -238, name: "ASN_PATHLEN_INV_E", text: "ASN CA path length larger than signer error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: ["a CA's pathLenConstraint is exceeded by the certificates below it 📄 wolfcrypt/src/asn.c ParseCertRelative()"] },
  { code: -275, name: "ASN_SELF_SIGNED_E", text: "ASN self-signed certificate error", header: "wolfssl/wolfcrypt/error-crypt.h", causes: [] },
  { code: -304, name: "VERIFY_FINISHED_ERROR", text: "verify problem on finished", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -308, name: "SOCKET_ERROR_E", text: "error state on socket", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -313, name: "FATAL_ERROR", text: "received alert fatal error", header: "wolfssl/error-ssl.h", causes: ["the server sent a fatal alert: with a wolfSSL client, often handshake_failure (40) because no curve, cipher suite or signature algorithm the device offers fits the server's certificate, e.g. a P-192 key when ECC_MIN_KEY_SZ is 224 (test/peers/wolfssl-lint.test.ts \"p192-leaf\")", "rule wolfssl-curve-not-compiled"] },
  { code: -322, name: "DOMAIN_NAME_MISMATCH", text: "peer subject name mismatch", header: "wolfssl/error-ssl.h", causes: ["the name passed to wolfSSL_check_domain_name matches no SAN entry, or the CN when the certificate has no SAN (test/peers/wolfssl-lint.test.ts \"host-mismatch\", \"cn-match-san-mismatch\")", "an IP address dialled and only DNS names in the SAN (test/peers/wolfssl-lint.test.ts \"ip-host-dns-only\")", "rule wolfssl-host-mismatch"] },
  { code: -325, name: "IPADDR_MISMATCH", text: "peer ip address mismatch", header: "wolfssl/error-ssl.h", causes: ["wolfSSL_check_ip_address (not wolfSSL_check_domain_name) found no matching iPAddress SAN 📄 src/internal.c"] },
  { code: -326, name: "VERSION_ERROR", text: "record layer version error", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -328, name: "BUFFER_ERROR", text: "malformed buffer input error", header: "wolfssl/error-ssl.h", causes: ["a malformed or oversized handshake message 📄 src/internal.c ProcessPeerCerts() (certificate list larger than MAX_CERTIFICATE_SZ)", "rule wolfssl-certificate-too-large"] },
  { code: -329, name: "VERIFY_CERT_ERROR", text: "verify problem on certificate", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -330, name: "VERIFY_SIGN_ERROR", text: "verify problem based on signature", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -343, name: "ZERO_RETURN", text: "peer sent close notify alert", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -345, name: "NO_PEER_CERT", text: "peer did not return a certificate", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -360, name: "OCSP_CERT_REVOKED", text: "OCSP Cert revoked", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -361, name: "CRL_CERT_REVOKED", text: "CRL Cert revoked", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -362, name: "CRL_MISSING", text: "CRL missing, not loaded", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -368, name: "MAX_CHAIN_ERROR", text: "Maximum Chain Depth Exceeded", header: "wolfssl/error-ssl.h", causes: ["without OPENSSL_EXTRA: more certificates sent than MAX_CHAIN_DEPTH or than wolfSSL_CTX_set_verify_depth() allows (test/peers/wolfssl-variants.test.ts: MAX_CHAIN_DEPTH 4 and 8 sent; verify depth 2 and 3 sent)", "rules wolfssl-chain-too-deep, wolfssl-verify-depth"] },
  { code: -383, name: "KEYUSE_SIGNATURE_E", text: "Key Use digitalSignature not set Error", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -385, name: "KEYUSE_ENCIPHER_E", text: "Key Use keyEncipherment not set Error", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -386, name: "EXTKEYUSE_AUTH_E", text: "Ext Key Use server/client auth not set Error", header: "wolfssl/error-ssl.h", causes: ["the server certificate's extendedKeyUsage lacks serverAuth (and anyExtendedKeyUsage) (test/peers/wolfssl-lint.test.ts \"eku-clientauth-only\")", "rule wolfssl-leaf-eku"] },
  { code: -397, name: "SOCKET_PEER_CLOSED_E", text: "Peer closed underlying transport Error", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -404, name: "HANDSHAKE_SIZE_ERROR", text: "Handshake message too large Error", header: "wolfssl/error-ssl.h", causes: ["the server's Certificate message is larger than MAX_HANDSHAKE_SZ (= MAX_CERTIFICATE_SZ, about 18 KB by default) 📄 src/internal.c GetHandShakeHeader() callers", "rule wolfssl-certificate-too-large"] },
  { code: -409, name: "RSA_KEY_SIZE_E", text: "RSA key too small", header: "wolfssl/error-ssl.h", causes: ["an RSA key of the chain is smaller than WOLFSSL_MIN_RSA_BITS (default 1024) or what wolfSSL_CTX_SetMinRsaKey_Sz set (test/peers/wolfssl-lint.test.ts \"rsa512-leaf\", \"rsa2048-leaf-min-3072\")", "rule wolfssl-key-too-small"] },
  { code: -410, name: "ECC_KEY_SIZE_E", text: "ECC key too small", header: "wolfssl/error-ssl.h", causes: ["an EC key of the chain is smaller than WOLFSSL_MIN_ECC_BITS (default 224) or what wolfSSL_CTX_SetMinEccKey_Sz set (test/peers/wolfssl-lint.test.ts \"p256-leaf-min-ecc-384\")", "rule wolfssl-key-too-small"] },
  { code: -450, name: "UNSUPPORTED_PROTO_VERSION", text: "WRONG_SSL_VERSION", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -500, name: "UNSUPPORTED_SUITE", text: "unsupported cipher suite", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -501, name: "MATCH_SUITE_ERROR", text: "can't match cipher suite", header: "wolfssl/error-ssl.h", causes: [] },
  { code: -503, name: "KEY_SHARE_ERROR", text: "Key share extension did not contain a valid named group", header: "wolfssl/error-ssl.h", causes: [] },
];

export function findWolfsslError(code: number): WolfsslErrorEntry | undefined {
  return WOLFSSL_ERRORS.find((e) => e.code === code);
}

export function findWolfsslErrorByName(name: string): WolfsslErrorEntry | undefined {
  return WOLFSSL_ERRORS.find((e) => e.name === name);
}

/**
 * Texts too generic to stand for a wolfSSL code on their own: OpenSSL prints "certificate verify
 * failed" too (the OpenSSL-compatible build borrows it), the others are said by many programs.
 */
const GENERIC_TEXTS = new Set(["certificate verify failed", "unsupported cipher suite", "bad function argument", "out of memory error", "wrong_ssl_version"]);

/** The entry whose text (either wording) `text` contains, longest text first, and the wording found; generic texts do not count. */
export function findWolfsslErrorInText(text: string): { entry: WolfsslErrorEntry; wording: string } | undefined {
  const lower = text.toLowerCase();
  const candidates = WOLFSSL_ERRORS.flatMap((entry) =>
    [entry.text, entry.textWithoutOpensslExtra]
      .filter((t): t is string => t !== undefined && t.trim().length >= 16 && !GENERIC_TEXTS.has(t.trim().toLowerCase()))
      .map((t) => ({ entry, wording: t.trim() })),
  );
  candidates.sort((a, b) => b.wording.length - a.wording.length);
  return candidates.find((c) => lower.includes(c.wording.toLowerCase()));
}

/** The citation of an entry. */
export function wolfsslErrorCite(entry: WolfsslErrorEntry): string {
  return `wolfSSL/wolfssl v5.5.4-stable ${entry.header} ${entry.name}; text: src/internal.c wolfSSL_ERR_reason_error_string(), wolfcrypt/src/error.c wc_GetErrorString()`;
}
