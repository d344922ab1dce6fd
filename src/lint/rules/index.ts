// The explicit list of rules (eslint-style); test/lint/rules-meta.test.ts checks it against this
// directory, the rule ids, the peers and the fixtures.
import type { Rule } from "../types.js";
import { rule as bundleOrder } from "./bundle-order.js";
import { rule as caEkuPurpose } from "./ca-eku-purpose.js";
import { rule as caFileOnlyTrustedBlocks } from "./ca-file-only-trusted-blocks.js";
import { rule as caNotCa } from "./ca-not-ca.js";
import { rule as caPathLengthExceeded } from "./ca-path-length-exceeded.js";
import { rule as certExpired } from "./cert-expired.js";
import { rule as certNotYetValid } from "./cert-not-yet-valid.js";
import { rule as certificateRevoked } from "./certificate-revoked.js";
import { rule as chainNotAnchored } from "./chain-not-anchored.js";
import { rule as clientHelloCurveNotOffered } from "./client-hello-curve-not-offered.js";
import { rule as clientHelloNoSuiteForKey } from "./client-hello-no-suite-for-key.js";
import { rule as clientCaTrustedBlocksOnly } from "./client-ca-trusted-blocks-only.js";
import { rule as clockSkewNotYetValid } from "./clock-skew-not-yet-valid.js";
import { rule as cnOnlyNoSan } from "./cn-only-no-san.js";
import { rule as crlDifferentScope } from "./crl-different-scope.js";
import { rule as crlExpired } from "./crl-expired.js";
import { rule as crlExpiresSoon } from "./crl-expires-soon.js";
import { rule as crlIssuerWithoutCrlsign } from "./crl-issuer-without-crlsign.js";
import { rule as crlMissingForCa } from "./crl-missing-for-ca.js";
import { rule as crlNotYetValid } from "./crl-not-yet-valid.js";
import { rule as crlUnhandledCriticalExtension } from "./crl-unhandled-critical-extension.js";
import { rule as crlSignatureInvalid } from "./crl-signature-invalid.js";
import { rule as ekuAnyOnly } from "./eku-any-only.js";
import { rule as expiresSoon } from "./expires-soon.js";
import { rule as goEkuNesting } from "./go-eku-nesting.js";
import { rule as goHostMismatch } from "./go-host-mismatch.js";
import { rule as goInsecureSignature } from "./go-insecure-signature.js";
import { rule as goIssuerCannotSign } from "./go-issuer-cannot-sign.js";
import { rule as goNegativeSerial } from "./go-negative-serial.js";
import { rule as goUnhandledCriticalExtension } from "./go-unhandled-critical-extension.js";
import { rule as goUnsupportedKey } from "./go-unsupported-key.js";
import { rule as hostMismatch } from "./host-mismatch.js";
import { rule as ipNotIpSan } from "./ip-not-ip-san.js";
import { rule as keyMismatch } from "./key-mismatch.js";
import { rule as leafCurveRefused } from "./leaf-curve-refused.js";
import { rule as leafEkuPurpose } from "./leaf-eku-purpose.js";
import { rule as leafKeyUsagePurpose } from "./leaf-key-usage-purpose.js";
import { rule as leafNscerttypePurpose } from "./leaf-nscerttype-purpose.js";
import { rule as leafOutlivesIssuer } from "./leaf-outlives-issuer.js";
import { rule as malformedCertificate } from "./malformed-certificate.js";
import { rule as mbedtlsAlgorithmNotCompiled } from "./mbedtls-algorithm-not-compiled.js";
import { rule as mbedtlsCertificateTooLarge } from "./mbedtls-certificate-too-large.js";
import { rule as mbedtlsChainOrder } from "./mbedtls-chain-order.js";
import { rule as mbedtlsConfigContradiction } from "./mbedtls-config-contradiction.js";
import { rule as mbedtlsCurveNotEnabled } from "./mbedtls-curve-not-enabled.js";
import { rule as mbedtlsHashNotEnabled } from "./mbedtls-hash-not-enabled.js";
import { rule as mbedtlsHostMismatch } from "./mbedtls-host-mismatch.js";
import { rule as mbedtlsKeyFormat } from "./mbedtls-key-format.js";
import { rule as mbedtlsKeyTooLarge } from "./mbedtls-key-too-large.js";
import { rule as mbedtlsLeafUsage } from "./mbedtls-leaf-usage.js";
import { rule as mbedtlsMpiTooSmallForCurves } from "./mbedtls-mpi-too-small-for-curves.js";
import { rule as mbedtlsNoKeyExchange } from "./mbedtls-no-key-exchange.js";
import { rule as mbedtlsNoTimeCheck } from "./mbedtls-no-time-check.js";
import { rule as mbedtlsOwnChainTooLarge } from "./mbedtls-own-chain-too-large.js";
import { rule as mbedtlsPemDisabled } from "./mbedtls-pem-disabled.js";
import { rule as mbedtlsPinnedLeafNotSelfSigned } from "./mbedtls-pinned-leaf-not-self-signed.js";
import { rule as mbedtlsTooManyIntermediates } from "./mbedtls-too-many-intermediates.js";
import { rule as mbedtlsUnparsableCertificate } from "./mbedtls-unparsable-certificate.js";
import { rule as mbedtlsX509Profile } from "./mbedtls-x509-profile.js";
import { rule as mbedtlsCertificateRevoked } from "./mbedtls-certificate-revoked.js";
import { rule as mbedtlsCrlBadMd } from "./mbedtls-crl-bad-md.js";
import { rule as mbedtlsCrlExpired } from "./mbedtls-crl-expired.js";
import { rule as mbedtlsCrlFuture } from "./mbedtls-crl-future.js";
import { rule as mbedtlsCrlNotCompiled } from "./mbedtls-crl-not-compiled.js";
import { rule as mbedtlsCrlNotTrusted } from "./mbedtls-crl-not-trusted.js";
import { rule as nameConstraintViolation } from "./name-constraint-violation.js";
import { rule as nonDerEncoding } from "./non-der-encoding.js";
import { rule as rootInChain } from "./root-in-chain.js";
import { rule as serverNameNotInSan } from "./server-name-not-in-san.js";
import { rule as signatureInvalid } from "./signature-invalid.js";
import { rule as trustSettingsRejected } from "./trust-settings-rejected.js";
import { rule as trustedCertificateBlockIgnored } from "./trusted-certificate-block-ignored.js";
import { rule as trustedCopyUsed } from "./trusted-copy-used.js";
import { rule as unhandledCriticalExtension } from "./unhandled-critical-extension.js";
import { rule as validityTooLong } from "./validity-too-long.js";
import { rule as verifyClientOff } from "./verify-client-off.js";
import { rule as verifyDepthTooSmall } from "./verify-depth-too-small.js";
import { rule as weakKey } from "./weak-key.js";
import { rule as weakSignature } from "./weak-signature.js";
import { rule as wolfsslHostMismatch } from "./wolfssl-host-mismatch.js";
import { rule as wolfsslKeyTooSmall } from "./wolfssl-key-too-small.js";
import { rule as wolfsslConfigContradiction } from "./wolfssl-config-contradiction.js";
import { rule as wolfsslCurveNotCompiled } from "./wolfssl-curve-not-compiled.js";
import { rule as wolfsslChainTooDeep } from "./wolfssl-chain-too-deep.js";
import { rule as wolfsslChainOrder } from "./wolfssl-chain-order.js";
import { rule as wolfsslCertificateTooLarge } from "./wolfssl-certificate-too-large.js";
import { rule as wolfsslNoDateCheck } from "./wolfssl-no-date-check.js";
import { rule as wolfsslHashNotCompiled } from "./wolfssl-hash-not-compiled.js";
import { rule as wolfsslLeafEku } from "./wolfssl-leaf-eku.js";
import { rule as wolfsslPinnedLeaf } from "./wolfssl-pinned-leaf.js";
import { rule as wolfsslSentCaWithoutSigner } from "./wolfssl-sent-ca-without-signer.js";
import { rule as wolfsslVerifyDepth } from "./wolfssl-verify-depth.js";

export const RULES: Rule[] = [
  chainNotAnchored,
  trustSettingsRejected,
  trustedCopyUsed,
  verifyClientOff,
  clientCaTrustedBlocksOnly,
  // CA files of TRUSTED CERTIFICATE blocks, for the peers that read CERTIFICATE blocks only.
  caFileOnlyTrustedBlocks,
  trustedCertificateBlockIgnored,
  verifyDepthTooSmall,
  signatureInvalid,
  caNotCa,
  caPathLengthExceeded,
  nameConstraintViolation,
  unhandledCriticalExtension,
  malformedCertificate,
  nonDerEncoding,
  leafEkuPurpose,
  caEkuPurpose,
  ekuAnyOnly,
  leafKeyUsagePurpose,
  leafNscerttypePurpose,
  certExpired,
  certNotYetValid,
  clockSkewNotYetValid,
  expiresSoon,
  crlMissingForCa,
  crlSignatureInvalid,
  crlNotYetValid,
  crlExpired,
  crlIssuerWithoutCrlsign,
  crlUnhandledCriticalExtension,
  crlDifferentScope,
  certificateRevoked,
  crlExpiresSoon,
  leafOutlivesIssuer,
  hostMismatch,
  serverNameNotInSan,
  cnOnlyNoSan,
  ipNotIpSan,
  weakKey,
  weakSignature,
  validityTooLong,
  leafCurveRefused,
  bundleOrder,
  rootInChain,
  keyMismatch,
  // The device side: an mbedTLS device's compile-time limits, and what a captured ClientHello offers.
  mbedtlsConfigContradiction,
  mbedtlsCurveNotEnabled,
  mbedtlsAlgorithmNotCompiled,
  mbedtlsKeyTooLarge,
  mbedtlsMpiTooSmallForCurves,
  mbedtlsUnparsableCertificate,
  mbedtlsHashNotEnabled,
  mbedtlsX509Profile,
  mbedtlsNoKeyExchange,
  clientHelloCurveNotOffered,
  clientHelloNoSuiteForKey,
  mbedtlsCertificateTooLarge,
  mbedtlsOwnChainTooLarge,
  mbedtlsTooManyIntermediates,
  mbedtlsChainOrder,
  mbedtlsPinnedLeafNotSelfSigned,
  mbedtlsHostMismatch,
  mbedtlsLeafUsage,
  mbedtlsNoTimeCheck,
  mbedtlsCrlNotCompiled,
  mbedtlsCrlNotTrusted,
  mbedtlsCrlBadMd,
  mbedtlsCrlExpired,
  mbedtlsCrlFuture,
  mbedtlsCertificateRevoked,
  mbedtlsPemDisabled,
  mbedtlsKeyFormat,
  // Go's crypto/x509, where it differs from OpenSSL's (go-mtls, go-client).
  goEkuNesting,
  goHostMismatch,
  goIssuerCannotSign,
  goInsecureSignature,
  goUnsupportedKey,
  goUnhandledCriticalExtension,
  goNegativeSerial,
  // A wolfSSL device (TLS client): its compile-time configuration and wolfSSL's own checks.
  wolfsslConfigContradiction,
  wolfsslHostMismatch,
  wolfsslKeyTooSmall,
  wolfsslCurveNotCompiled,
  wolfsslChainTooDeep,
  wolfsslChainOrder,
  wolfsslCertificateTooLarge,
  wolfsslNoDateCheck,
  wolfsslHashNotCompiled,
  wolfsslLeafEku,
  wolfsslPinnedLeaf,
  wolfsslSentCaWithoutSigner,
  wolfsslVerifyDepth,
];
