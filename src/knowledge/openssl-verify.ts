/**
 * OpenSSL certificate verification errors (X509_V_ERR_*, the N of nginx's "client SSL certificate
 * verify error: (N:text)" and of `openssl verify` / curl's "SSL certificate problem: text").
 *
 * Sources and conventions
 * - Numbers and names: include/openssl/x509_vfy.h of OpenSSL 3.0.19 as installed by Debian's
 *   libssl-dev (generated from x509_vfy.h.in); `cite` is the defining line in that header.
 * - `text`: what X509_verify_cert_error_string(code) returns in OpenSSL 3.0 [3.0 crypto/x509/x509_txt.c],
 *   checked against the real library by test/explain/knowledge.test.ts. 95 (3.2+) is read from
 *   upstream's crypto/x509/x509_txt.c (📄, not run: 3.0 returns "unknown certificate verification
 *   error" for it).
 * - `text11`/`name11`: the OpenSSL 1.1.1 wording where it differs, read from
 *   [1.1.1 crypto/x509/x509_txt.c X509_verify_cert_error_string] (📄: no 1.1 library here to run).
 *   1.1.1 knew 0–75 only (`since: "3.0"` marks 76–94), and numbered "invalid CA certificate" 24:
 *   3.0 moved it to 79 and reused 24 for "issuer certificate doesn't have a public key".
 * - `textLater`: a later rewording — 9 became "certificate is not yet valid or the system clock is
 *   incorrect" (openssl/openssl#27141, merged to master on 2025-04-24, after 3.5.0, so 3.6+).
 * - `alert`: the TLS alert OpenSSL sends when it aborts a handshake on this error (a client such as
 *   curl or s_client rejecting a server, or s_server -verify_return_error rejecting a client):
 *   ssl_x509err2alert() [ssl/statem/statem_lib.c], 46 certificate_unknown for codes not in its
 *   table (📄; 94 → 42 is in the 3.2+ table). nginx never sends it for client certificates: its
 *   verify callback always continues, the handshake completes, and the request gets HTTP 400.
 * - nginx logs the LAST error OpenSSL recorded, not the first (ngx_ssl_verify_callback() in nginx's
 *   src/event/ngx_event_openssl.c always returns 1, so verification goes on): a chain
 *   longer than ssl_verify_depth is logged as 20 (not 22), a leaf sent without its intermediate as
 *   21 (where `openssl verify` says 20), a CA:FALSE intermediate as 26 (after 79). The
 *   fixtures/nginx-logs/*.log files are real nginx 1.22 + OpenSSL 3.0 lines for these scenarios.
 * - `causes`: what certificate or configuration produces the error, most likely first.
 */
import { REASONS, type ReasonId } from "../chain/reasons.js";

export interface OpensslVerifyError {
  code: number;
  /** X509_V_ERR_* (X509_V_OK for 0) in OpenSSL 3.x. */
  name: string;
  /** X509_verify_cert_error_string(code) in OpenSSL 3.0. */
  text: string;
  /** The 1.1.1 name, where the number meant something else (24). */
  name11?: string;
  /** The 1.1.1 text, where it differed. */
  text11?: string;
  /** First OpenSSL version that defines the number (absent: 1.1.1 or earlier). */
  since?: string;
  /** A rewording in a later 3.x release. */
  textLater?: { since: string; text: string };
  /** TLS alert OpenSSL sends when it aborts the handshake on this error (absent for 0). */
  alert?: number;
  causes: string[];
  /** What the error means in nginx's "client SSL certificate verify error" line, when it needs saying. */
  nginx?: string;
  cite: string;
}

/** What X509_verify_cert_error_string returns for a number it does not know (3.0 and 1.1.1). */
export const OPENSSL_VERIFY_UNKNOWN_TEXT = "unknown certificate verification error";

export const OPENSSL_VERIFY_ERRORS: readonly OpensslVerifyError[] = [
  {
    code: 0, name: "X509_V_OK",
    text: "ok",
    causes: [
      "no error: the chain verified",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:310]",
  },
  {
    code: 1, name: "X509_V_ERR_UNSPECIFIED",
    text: "unspecified certificate verification error",
    alert: 80,
    causes: [
      "a verification failure OpenSSL could not classify, e.g. an internal error in a verify callback or in name-constraint processing that is too complex",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:311]",
  },
  {
    code: 2, name: "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT",
    text: "unable to get issuer certificate",
    alert: 48,
    causes: [
      "the trust store holds an intermediate but not its issuer: nginx's ssl_client_certificate / ssl_trusted_certificate contains only the intermediate, not the root — OpenSSL (and nginx) never accept a partial chain, unlike mbedTLS (fixtures/nginx-logs/intermediate-as-only-ca.log)",
      "a chain certificate whose issuer is neither sent nor in the store, further up than the leaf",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:312]",
  },
  {
    code: 3, name: "X509_V_ERR_UNABLE_TO_GET_CRL",
    text: "unable to get certificate CRL",
    alert: 48,
    causes: [
      "CRL checking is on (X509_V_FLAG_CRL_CHECK, nginx ssl_crl) and no CRL for this issuer is loaded",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:313]",
  },
  {
    code: 4, name: "X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE",
    text: "unable to decrypt certificate's signature",
    alert: 42,
    causes: [
      "the certificate's RSA signature could not be decrypted with the issuer key: wrong issuer key or corrupt signature (mostly historical; 3.x usually reports 7)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:314]",
  },
  {
    code: 5, name: "X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE",
    text: "unable to decrypt CRL's signature",
    alert: 42,
    causes: [
      "a CRL's RSA signature could not be decrypted with the issuer key",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:315]",
  },
  {
    code: 6, name: "X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
    text: "unable to decode issuer public key",
    alert: 42,
    causes: [
      "the issuer's public key cannot be decoded: an algorithm or curve this OpenSSL lacks, or a malformed SubjectPublicKeyInfo",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:316]",
  },
  {
    code: 7, name: "X509_V_ERR_CERT_SIGNATURE_FAILURE",
    text: "certificate signature failure",
    alert: 51,
    causes: [
      "the signature does not verify with the issuer's key: a certificate signed by a different key than the CA's (re-issued CA with the same name, leaf signed by the wrong key), or a corrupted certificate (fixtures/nginx-logs/leaf-signed-by-wrong-key.log)",
      "a signature algorithm disabled by the security level or provider (e.g. SHA-1 at SECLEVEL ≥ 1 in some builds)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:317]",
  },
  {
    code: 8, name: "X509_V_ERR_CRL_SIGNATURE_FAILURE",
    text: "CRL signature failure",
    alert: 51,
    causes: [
      "a CRL's signature does not verify with its issuer's key",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:318]",
  },
  {
    code: 9, name: "X509_V_ERR_CERT_NOT_YET_VALID",
    text: "certificate is not yet valid",
    textLater: { since: "3.6", text: "certificate is not yet valid or the system clock is incorrect" },
    alert: 42,
    causes: [
      "notBefore is in the future: the client certificate was issued moments ago by a CA whose clock runs ahead, or the verifying host's clock is behind (server clock skew) (fixtures/nginx-logs/leaf-not-yet-valid-*.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:319]",
  },
  {
    code: 10, name: "X509_V_ERR_CERT_HAS_EXPIRED",
    text: "certificate has expired",
    alert: 45,
    causes: [
      "a certificate in the chain (leaf, intermediate or root) is past notAfter, or the verifier's clock is ahead (fixtures/nginx-logs/leaf-expired.log, intermediate-expired.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:320]",
  },
  {
    code: 11, name: "X509_V_ERR_CRL_NOT_YET_VALID",
    text: "CRL is not yet valid",
    alert: 42,
    causes: [
      "a loaded CRL's thisUpdate is in the future: clock skew on the server (seed 003: fixtures/logs/seed-003-nginx-info.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:321]",
  },
  {
    code: 12, name: "X509_V_ERR_CRL_HAS_EXPIRED",
    text: "CRL has expired",
    alert: 45,
    causes: [
      "a loaded CRL is past nextUpdate: publish a fresh CRL (nginx ssl_crl is read at reload only)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:322]",
  },
  {
    code: 13, name: "X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD",
    text: "format error in certificate's notBefore field",
    alert: 42,
    causes: [
      "notBefore is not a valid UTCTime/GeneralizedTime",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:323]",
  },
  {
    code: 14, name: "X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD",
    text: "format error in certificate's notAfter field",
    alert: 42,
    causes: [
      "notAfter is not a valid UTCTime/GeneralizedTime",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:324]",
  },
  {
    code: 15, name: "X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD",
    text: "format error in CRL's lastUpdate field",
    alert: 42,
    causes: [
      "a CRL's lastUpdate (thisUpdate) field is malformed",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:325]",
  },
  {
    code: 16, name: "X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD",
    text: "format error in CRL's nextUpdate field",
    alert: 42,
    causes: [
      "a CRL's nextUpdate field is malformed",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:326]",
  },
  {
    code: 17, name: "X509_V_ERR_OUT_OF_MEM",
    text: "out of memory",
    alert: 80,
    causes: [
      "memory allocation failed during verification",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:327]",
  },
  {
    code: 18, name: "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT",
    text: "self-signed certificate",
    text11: "self signed certificate",
    alert: 48,
    causes: [
      "the peer sent a single self-signed certificate that is not in the trust store (a self-signed client certificate against nginx; a self-signed server cert against curl) (fixtures/nginx-logs/self-signed-client.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:328]",
  },
  {
    code: 19, name: "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN",
    text: "self-signed certificate in certificate chain",
    text11: "self signed certificate in certificate chain",
    alert: 48,
    causes: [
      "the peer sent a chain ending in a self-signed root that is not in the trust store: the CA file holds a different root (re-generated lab, staging vs production CA)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:329]",
  },
  {
    code: 20, name: "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    text: "unable to get local issuer certificate",
    alert: 48,
    causes: [
      "the issuer of the last certificate the verifier could find is not in the trust store: the client certificate comes from a CA nginx does not trust (fixtures/nginx-logs/leaf-from-other-ca.log)",
      "nginx: the chain is longer than ssl_verify_depth allows (default 1 = one intermediate) — nginx logs 20, not 22 (fixtures/nginx-logs/two-intermediates-depth-1.log, one-intermediate-depth-0.log)",
      "curl / openssl s_client: the server did not send its intermediate and the CA bundle lacks it, or the server's CA is private and --cacert was not given",
    ],
    nginx: "the chain does not reach a root in ssl_client_certificate within ssl_verify_depth intermediates",
    cite: "[3.0.19 include/openssl/x509_vfy.h:330]",
  },
  {
    code: 21, name: "X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    text: "unable to verify the first certificate",
    alert: 48,
    causes: [
      "the peer sent only its leaf and the issuer is neither sent nor in the trust store: the client did not send its intermediate (nginx logs 21 where `openssl verify` says 20, because the last error wins) (fixtures/nginx-logs/intermediate-missing.log, p521-intermediate-missing.log)",
      "a single certificate whose issuer is unknown (e.g. mbedTLS' built-in test certificate) (fixtures/nginx-logs/intermediate-missing.log)",
    ],
    nginx: "the client sent its leaf alone and its issuer is not in ssl_client_certificate",
    cite: "[3.0.19 include/openssl/x509_vfy.h:331]",
  },
  {
    code: 22, name: "X509_V_ERR_CERT_CHAIN_TOO_LONG",
    text: "certificate chain too long",
    alert: 48,
    causes: [
      "the chain is longer than the verify depth (openssl verify -verify_depth, SSL_CTX_set_verify_depth); nginx reports a too-small ssl_verify_depth as 20 instead",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:332]",
  },
  {
    code: 23, name: "X509_V_ERR_CERT_REVOKED",
    text: "certificate revoked",
    alert: 44,
    causes: [
      "the certificate is on a loaded CRL (nginx ssl_crl)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:333]",
  },
  {
    code: 24, name: "X509_V_ERR_NO_ISSUER_PUBLIC_KEY",
    text: "issuer certificate doesn't have a public key",
    name11: "X509_V_ERR_INVALID_CA",
    text11: "invalid CA certificate",
    alert: 46,
    causes: [
      "3.x: the issuer certificate has no usable public key",
      "1.1.x: a CA in the chain is not a valid CA (no basicConstraints CA:TRUE, or keyUsage without keyCertSign) — 3.x reports that as 79",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:334]",
  },
  {
    code: 25, name: "X509_V_ERR_PATH_LENGTH_EXCEEDED",
    text: "path length constraint exceeded",
    alert: 48,
    causes: [
      "an intermediate's basicConstraints pathLenConstraint is exceeded: a pathlen:0 intermediate with another intermediate below it (fixtures/nginx-logs/pathlen-0-with-intermediate-below.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:335]",
  },
  {
    code: 26, name: "X509_V_ERR_INVALID_PURPOSE",
    text: "unsuitable certificate purpose",
    text11: "unsupported certificate purpose",
    alert: 43,
    causes: [
      "nginx client certificates: the leaf's EKU lacks clientAuth (serverAuth-only, anyExtendedKeyUsage alone), its keyUsage lacks digitalSignature, or its nsCertType is server-only (fixtures/nginx-logs/leaf-eku-serverauth-only.log, leaf-eku-any-only.log, leaf-ku-keyencipherment-ec.log, leaf-nscerttype-server.log)",
      "an intermediate or the root has an EKU without clientAuth — OpenSSL checks the purpose on every certificate of the chain, CAs included (fixtures/nginx-logs/intermediate-eku-serverauth-only.log, root-eku-serverauth-only.log)",
      "an intermediate that is CA:FALSE: OpenSSL records 79 first, but nginx logs the last error, 26 (fixtures/nginx-logs/intermediate-not-ca.log)",
      "server certificates (curl, s_client): the leaf's EKU lacks serverAuth",
      "a trust anchor given as TRUSTED CERTIFICATE whose trust settings reject TLS client use (openssl x509 -addreject clientAuth, or -addtrust of other uses only): OpenSSL records 28 first, nginx logs the last error, 26 (test/peers/openssl-misses-nginx.test.ts)",
      "the trust file holds a restricted copy (EKU without clientAuth) of the intermediate the client sends: OpenSSL takes the trusted copy first (test/peers/openssl-misses-nginx.test.ts)",
    ],
    nginx: "the client certificate or one of its CAs is not allowed for TLS client authentication (EKU/KU/nsCertType)",
    cite: "[3.0.19 include/openssl/x509_vfy.h:336]",
  },
  {
    code: 27, name: "X509_V_ERR_CERT_UNTRUSTED",
    text: "certificate not trusted",
    alert: 42,
    causes: [
      "the root is in the store but not trusted for this purpose (an OpenSSL 'TRUSTED CERTIFICATE' with explicit trust settings that exclude clientAuth/serverAuth)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:337]",
  },
  {
    code: 28, name: "X509_V_ERR_CERT_REJECTED",
    text: "certificate rejected",
    alert: 42,
    causes: [
      "the root is explicitly rejected for this purpose by its trust settings (TRUSTED CERTIFICATE with a reject list, or a trust list without the purpose); nginx logs 26 after it (test/peers/openssl-misses-nginx.test.ts)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:338]",
  },
  {
    code: 29, name: "X509_V_ERR_SUBJECT_ISSUER_MISMATCH",
    text: "subject issuer mismatch",
    alert: 46,
    causes: [
      "issuer/subject name mismatch while building the chain (reported with -issuer_checks)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:341]",
  },
  {
    code: 30, name: "X509_V_ERR_AKID_SKID_MISMATCH",
    text: "authority and subject key identifier mismatch",
    alert: 46,
    causes: [
      "the certificate's authorityKeyIdentifier does not match the candidate issuer's subjectKeyIdentifier: a CA was re-keyed under the same name; send the matching intermediate",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:342]",
  },
  {
    code: 31, name: "X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH",
    text: "authority and issuer serial number mismatch",
    alert: 46,
    causes: [
      "the authorityKeyIdentifier's issuer/serial does not match the candidate issuer",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:343]",
  },
  {
    code: 32, name: "X509_V_ERR_KEYUSAGE_NO_CERTSIGN",
    text: "key usage does not include certificate signing",
    alert: 46,
    causes: [
      "a CA in the chain has a keyUsage without keyCertSign",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:344]",
  },
  {
    code: 33, name: "X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER",
    text: "unable to get CRL issuer certificate",
    alert: 48,
    causes: [
      "CRL checking is on and the CRL's issuer certificate cannot be found",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:345]",
  },
  {
    code: 34, name: "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION",
    text: "unhandled critical extension",
    alert: 46,
    causes: [
      "a certificate carries a critical extension OpenSSL does not understand (e.g. a private OID marked critical)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:346]",
  },
  {
    code: 35, name: "X509_V_ERR_KEYUSAGE_NO_CRL_SIGN",
    text: "key usage does not include CRL signing",
    alert: 46,
    causes: [
      "the CRL signer's keyUsage lacks cRLSign",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:347]",
  },
  {
    code: 36, name: "X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION",
    text: "unhandled critical CRL extension",
    alert: 46,
    causes: [
      "a CRL carries a critical extension OpenSSL does not understand",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:348]",
  },
  {
    code: 37, name: "X509_V_ERR_INVALID_NON_CA",
    text: "invalid non-CA certificate (has CA markings)",
    alert: 46,
    causes: [
      "a non-CA certificate carries CA markings (e.g. a leaf with basicConstraints CA:TRUE used as end entity, or keyCertSign on a non-CA in strict mode)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:349]",
  },
  {
    code: 38, name: "X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED",
    text: "proxy path length constraint exceeded",
    alert: 46,
    causes: [
      "a proxy certificate's path length constraint is exceeded (RFC 3820 proxy certificates)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:350]",
  },
  {
    code: 39, name: "X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE",
    text: "key usage does not include digital signature",
    alert: 46,
    causes: [
      "keyUsage lacks digitalSignature where it is required (e.g. for an OCSP/CRL signer or in certain purposes)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:351]",
  },
  {
    code: 40, name: "X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED",
    text: "proxy certificates not allowed, please set the appropriate flag",
    alert: 46,
    causes: [
      "a proxy certificate was presented but proxy certificates are not enabled (X509_V_FLAG_ALLOW_PROXY_CERTS)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:352]",
  },
  {
    code: 41, name: "X509_V_ERR_INVALID_EXTENSION",
    text: "invalid or inconsistent certificate extension",
    alert: 46,
    causes: [
      "an extension is malformed or inconsistent: e.g. basicConstraints pathlen on a non-CA, a duplicate extension, an unparsable SAN or keyUsage, an empty extension",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:353]",
  },
  {
    code: 42, name: "X509_V_ERR_INVALID_POLICY_EXTENSION",
    text: "invalid or inconsistent certificate policy extension",
    alert: 46,
    causes: [
      "the certificatePolicies/policy constraints extensions are malformed or inconsistent",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:354]",
  },
  {
    code: 43, name: "X509_V_ERR_NO_EXPLICIT_POLICY",
    text: "no explicit policy",
    alert: 46,
    causes: [
      "policy checking requires an explicit policy and the chain has none",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:355]",
  },
  {
    code: 44, name: "X509_V_ERR_DIFFERENT_CRL_SCOPE",
    text: "different CRL scope",
    text11: "Different CRL scope",
    alert: 46,
    causes: [
      "the CRL's scope (issuing distribution point) does not cover this certificate",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:356]",
  },
  {
    code: 45, name: "X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE",
    text: "unsupported extension feature",
    text11: "Unsupported extension feature",
    alert: 46,
    causes: [
      "a CRL or certificate uses an extension feature OpenSSL does not support (e.g. indirect CRLs with unsupported options)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:357]",
  },
  {
    code: 46, name: "X509_V_ERR_UNNESTED_RESOURCE",
    text: "RFC 3779 resource not subset of parent's resources",
    alert: 46,
    causes: [
      "RFC 3779 IP/AS resources of a certificate are not a subset of its issuer's",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:358]",
  },
  {
    code: 47, name: "X509_V_ERR_PERMITTED_VIOLATION",
    text: "permitted subtree violation",
    alert: 46,
    causes: [
      "a name (SAN, subject) falls outside a CA's permitted nameConstraints subtree",
      "the leaf has no DNS SAN and its CN looks like a host name (e.g. CN=host.example.com) outside the CA's permitted DNS subtrees: OpenSSL checks such a CN as a DNS name (NAME_CONSTRAINTS_check_CN; test/peers/openssl-misses-nginx.test.ts)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:359]",
  },
  {
    code: 48, name: "X509_V_ERR_EXCLUDED_VIOLATION",
    text: "excluded subtree violation",
    alert: 46,
    causes: [
      "a name (SAN, subject) falls inside a CA's excluded nameConstraints subtree",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:360]",
  },
  {
    code: 49, name: "X509_V_ERR_SUBTREE_MINMAX",
    text: "name constraints minimum and maximum not supported",
    alert: 46,
    causes: [
      "nameConstraints with minimum/maximum set (not supported)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:361]",
  },
  {
    code: 50, name: "X509_V_ERR_APPLICATION_VERIFICATION",
    text: "application verification failure",
    alert: 40,
    causes: [
      "the application's verify callback rejected the certificate (pinning, custom policy, SSL_set_verify callback)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:363]",
  },
  {
    code: 51, name: "X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE",
    text: "unsupported name constraint type",
    alert: 46,
    causes: [
      "nameConstraints of a type OpenSSL cannot check (e.g. a constraint on an unsupported GeneralName type)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:364]",
  },
  {
    code: 52, name: "X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX",
    text: "unsupported or invalid name constraint syntax",
    alert: 46,
    causes: [
      "a nameConstraints entry has invalid syntax",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:365]",
  },
  {
    code: 53, name: "X509_V_ERR_UNSUPPORTED_NAME_SYNTAX",
    text: "unsupported or invalid name syntax",
    alert: 46,
    causes: [
      "a name in the certificate has a syntax that cannot be checked against nameConstraints",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:366]",
  },
  {
    code: 54, name: "X509_V_ERR_CRL_PATH_VALIDATION_ERROR",
    text: "CRL path validation error",
    alert: 46,
    causes: [
      "validating the CRL's own path failed",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:367]",
  },
  {
    code: 55, name: "X509_V_ERR_PATH_LOOP",
    text: "path loop",
    text11: "Path Loop",
    alert: 46,
    causes: [
      "chain building found a loop (cross-signed certificates referring to each other)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:369]",
  },
  {
    code: 56, name: "X509_V_ERR_SUITE_B_INVALID_VERSION",
    text: "Suite B: certificate version invalid",
    alert: 46,
    causes: [
      "Suite B mode: certificate version is not v3",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:371]",
  },
  {
    code: 57, name: "X509_V_ERR_SUITE_B_INVALID_ALGORITHM",
    text: "Suite B: invalid public key algorithm",
    alert: 46,
    causes: [
      "Suite B mode: public key algorithm is not EC",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:372]",
  },
  {
    code: 58, name: "X509_V_ERR_SUITE_B_INVALID_CURVE",
    text: "Suite B: invalid ECC curve",
    alert: 46,
    causes: [
      "Suite B mode: curve is not P-256/P-384",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:373]",
  },
  {
    code: 59, name: "X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM",
    text: "Suite B: invalid signature algorithm",
    alert: 46,
    causes: [
      "Suite B mode: signature algorithm is not ECDSA with SHA-256/384",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:374]",
  },
  {
    code: 60, name: "X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED",
    text: "Suite B: curve not allowed for this LOS",
    alert: 46,
    causes: [
      "Suite B mode: curve not allowed at this security level",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:375]",
  },
  {
    code: 61, name: "X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256",
    text: "Suite B: cannot sign P-384 with P-256",
    alert: 46,
    causes: [
      "Suite B mode: a P-384 key signed with P-256",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:376]",
  },
  {
    code: 62, name: "X509_V_ERR_HOSTNAME_MISMATCH",
    text: "hostname mismatch",
    text11: "Hostname mismatch",
    alert: 42,
    causes: [
      "the server certificate's SANs do not cover the host the client asked for (curl reports it as 'no alternative certificate subject name matches target host name'); CN without SAN is ignored by modern clients",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:378]",
  },
  {
    code: 63, name: "X509_V_ERR_EMAIL_MISMATCH",
    text: "email address mismatch",
    text11: "Email address mismatch",
    alert: 42,
    causes: [
      "the certificate does not contain the expected email address (X509_VERIFY_PARAM_set1_email)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:379]",
  },
  {
    code: 64, name: "X509_V_ERR_IP_ADDRESS_MISMATCH",
    text: "IP address mismatch",
    alert: 42,
    causes: [
      "the certificate has no iPAddress SAN equal to the IP the client connected to (an IP in a dNSName SAN or in the CN does not count)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:380]",
  },
  {
    code: 65, name: "X509_V_ERR_DANE_NO_MATCH",
    text: "no matching DANE TLSA records",
    text11: "No matching DANE TLSA records",
    alert: 42,
    causes: [
      "DANE is enabled and no TLSA record matches the chain",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:382]",
  },
  {
    code: 66, name: "X509_V_ERR_EE_KEY_TOO_SMALL",
    text: "EE certificate key too weak",
    alert: 42,
    causes: [
      "the leaf's key is too small for the security level: RSA < 2048 bits at SECLEVEL 2 (Debian's default) (fixtures/nginx-logs/leaf-rsa1024.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:384]",
  },
  {
    code: 67, name: "X509_V_ERR_CA_KEY_TOO_SMALL",
    text: "CA certificate key too weak",
    alert: 42,
    causes: [
      "a CA's key is too small for the security level (RSA < 2048 at SECLEVEL 2)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:385]",
  },
  {
    code: 68, name: "X509_V_ERR_CA_MD_TOO_WEAK",
    text: "CA signature digest algorithm too weak",
    alert: 42,
    causes: [
      "a certificate in the chain is signed with a digest too weak for the security level: SHA-1 (or MD5) at SECLEVEL ≥ 1 (fixtures/nginx-logs/leaf-sha1-signed.log)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:386]",
  },
  {
    code: 69, name: "X509_V_ERR_INVALID_CALL",
    text: "invalid certificate verification context",
    text11: "Invalid certificate verification context",
    alert: 80,
    causes: [
      "X509_verify_cert called with an incomplete context (an application bug)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:388]",
  },
  {
    code: 70, name: "X509_V_ERR_STORE_LOOKUP",
    text: "issuer certificate lookup error",
    text11: "Issuer certificate lookup error",
    alert: 80,
    causes: [
      "looking up the issuer in the store failed (e.g. a broken -CApath hash directory or a store backend error)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:390]",
  },
  {
    code: 71, name: "X509_V_ERR_NO_VALID_SCTS",
    text: "Certificate Transparency required, but no valid SCTs found",
    alert: 46,
    causes: [
      "Certificate Transparency validation is required and no valid SCT was found",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:392]",
  },
  {
    code: 72, name: "X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION",
    text: "proxy subject name violation",
    alert: 46,
    causes: [
      "a proxy certificate's subject name violates the proxy naming rules",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:394]",
  },
  {
    code: 73, name: "X509_V_ERR_OCSP_VERIFY_NEEDED",
    text: "OCSP verification needed",
    alert: 46,
    causes: [
      "OCSP stapling/verification is required but was not done",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:396]",
  },
  {
    code: 74, name: "X509_V_ERR_OCSP_VERIFY_FAILED",
    text: "OCSP verification failed",
    alert: 46,
    causes: [
      "OCSP verification of the certificate failed",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:397]",
  },
  {
    code: 75, name: "X509_V_ERR_OCSP_CERT_UNKNOWN",
    text: "OCSP unknown cert",
    alert: 46,
    causes: [
      "the OCSP responder does not know the certificate",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:398]",
  },
  {
    code: 76, name: "X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM",
    text: "Cannot find certificate signature algorithm",
    since: "3.0",
    alert: 46,
    causes: [
      "the certificate's signature algorithm is unknown to OpenSSL (not in the providers loaded)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:400]",
  },
  {
    code: 77, name: "X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH",
    text: "subject signature algorithm and issuer public key algorithm mismatch",
    since: "3.0",
    alert: 46,
    causes: [
      "the signature algorithm does not match the issuer's key type (e.g. an ECDSA signature from an RSA CA)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:401]",
  },
  {
    code: 78, name: "X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY",
    text: "cert info signature and signature algorithm mismatch",
    since: "3.0",
    alert: 46,
    causes: [
      "the signature algorithm in the TBSCertificate differs from the outer one: a corrupted or tampered certificate",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:404]",
  },
  {
    code: 79, name: "X509_V_ERR_INVALID_CA",
    text: "invalid CA certificate",
    since: "3.0",
    alert: 48,
    causes: [
      "a CA in the chain is not a valid CA: an intermediate without basicConstraints CA:TRUE (nginx then usually logs 26, the last error), or a CA whose keyUsage lacks keyCertSign; in strict mode also a CA without basicConstraints (1.1.x reported this as 24)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:405]",
  },
  {
    code: 80, name: "X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA",
    text: "Path length invalid for non-CA cert",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode (-x509_strict): pathLenConstraint on a non-CA certificate",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:406]",
  },
  {
    code: 81, name: "X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN",
    text: "Path length given without key usage keyCertSign",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: pathLenConstraint without keyUsage keyCertSign",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:407]",
  },
  {
    code: 82, name: "X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA",
    text: "Key usage keyCertSign invalid for non-CA cert",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: keyCertSign on a non-CA certificate",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:408]",
  },
  {
    code: 83, name: "X509_V_ERR_ISSUER_NAME_EMPTY",
    text: "Issuer name empty",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: the issuer name is empty",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:409]",
  },
  {
    code: 84, name: "X509_V_ERR_SUBJECT_NAME_EMPTY",
    text: "Subject name empty",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: the subject name is empty (and no critical SAN)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:410]",
  },
  {
    code: 85, name: "X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER",
    text: "Missing Authority Key Identifier",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: a non-self-signed certificate lacks authorityKeyIdentifier",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:411]",
  },
  {
    code: 86, name: "X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER",
    text: "Missing Subject Key Identifier",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: a CA certificate lacks subjectKeyIdentifier",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:412]",
  },
  {
    code: 87, name: "X509_V_ERR_EMPTY_SUBJECT_ALT_NAME",
    text: "Empty Subject Alternative Name extension",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: the subjectAltName extension is empty",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:413]",
  },
  {
    code: 88, name: "X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL",
    text: "Subject empty and Subject Alt Name extension not critical",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: the subject is empty and the SAN extension is not critical",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:414]",
  },
  {
    code: 89, name: "X509_V_ERR_CA_BCONS_NOT_CRITICAL",
    text: "Basic Constraints of CA cert not marked critical",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: a CA's basicConstraints is not marked critical",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:415]",
  },
  {
    code: 90, name: "X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL",
    text: "Authority Key Identifier marked critical",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: authorityKeyIdentifier is marked critical",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:416]",
  },
  {
    code: 91, name: "X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL",
    text: "Subject Key Identifier marked critical",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: subjectKeyIdentifier is marked critical",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:417]",
  },
  {
    code: 92, name: "X509_V_ERR_CA_CERT_MISSING_KEY_USAGE",
    text: "CA cert does not include key usage extension",
    since: "3.0",
    alert: 46,
    causes: [
      "strict mode: a CA certificate has no keyUsage extension",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:418]",
  },
  {
    code: 93, name: "X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3",
    text: "Using cert extension requires at least X509v3",
    since: "3.0",
    alert: 46,
    causes: [
      "a certificate with extensions is not version 3",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:419]",
  },
  {
    code: 94, name: "X509_V_ERR_EC_KEY_EXPLICIT_PARAMS",
    text: "Certificate public key has explicit ECC parameters",
    since: "3.0",
    alert: 42,
    causes: [
      "an EC public key with explicit curve parameters instead of a named curve (strict mode or certain profiles)",
    ],
    cite: "[3.0.19 include/openssl/x509_vfy.h:420]",
  },
  {
    code: 95, name: "X509_V_ERR_RPK_UNTRUSTED",
    text: "Raw public key untrusted, no trusted keys configured",
    since: "3.2",
    alert: 46,
    causes: [
      "raw public keys (RFC 7250) are in use and no trusted raw key is configured",
    ],
    cite: "[openssl master crypto/x509/x509_txt.c X509_V_ERR_RPK_UNTRUSTED] (3.2+, not in 3.0)",
  },
];

const byCode = new Map<number, OpensslVerifyError>(OPENSSL_VERIFY_ERRORS.map((e) => [e.code, e]));

export function findOpensslVerifyError(code: number): OpensslVerifyError | undefined {
  return byCode.get(code);
}

/**
 * The entry whose wording is `text`, case-insensitively; for log lines that carry only the text
 * (curl's "SSL certificate problem: …"). The 3.x wording wins, then a later 3.x rewording, then
 * 1.1.x: "invalid CA certificate" is 79 in 3.x (24 in 1.1.x, see `name11`).
 */
export function findOpensslVerifyErrorByText(text: string): OpensslVerifyError | undefined {
  const t = text.trim().toLowerCase();
  return (
    OPENSSL_VERIFY_ERRORS.find((e) => e.text.toLowerCase() === t) ??
    OPENSSL_VERIFY_ERRORS.find((e) => e.textLater?.text.toLowerCase() === t) ??
    OPENSSL_VERIFY_ERRORS.find((e) => e.text11?.toLowerCase() === t)
  );
}

/** pkilab's chain reason ids (src/chain/reasons.ts) that OpenSSL reports with this number. */
export function pkilabReasonsFor(code: number): ReasonId[] {
  return (Object.keys(REASONS) as ReasonId[]).filter((id) => code !== 0 && REASONS[id].openssl === code);
}

/**
 * OpenSSL's "N:text" form of a chain reason, as nginx logs it inside parentheses (3.x wording).
 * Only for ids with a verify error (all but key-mismatch; test/chain/reasons.test.ts checks each).
 */
export function opensslForm(id: ReasonId): string {
  const code = REASONS[id].openssl;
  const entry = code === null ? undefined : byCode.get(code);
  if (!entry) throw new Error(`${id}: no OpenSSL verify error`);
  return `${entry.code}:${entry.text}`;
}
