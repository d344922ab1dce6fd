// The explicit list of rules (eslint-style); test/lint/rules-meta.test.ts checks it against this
// directory, the rule ids, the peers and the fixtures.
import type { Rule } from "../types.js";
import { rule as bundleOrder } from "./bundle-order.js";
import { rule as caEkuPurpose } from "./ca-eku-purpose.js";
import { rule as caNotCa } from "./ca-not-ca.js";
import { rule as caPathLengthExceeded } from "./ca-path-length-exceeded.js";
import { rule as certExpired } from "./cert-expired.js";
import { rule as certNotYetValid } from "./cert-not-yet-valid.js";
import { rule as chainNotAnchored } from "./chain-not-anchored.js";
import { rule as clockSkewNotYetValid } from "./clock-skew-not-yet-valid.js";
import { rule as cnOnlyNoSan } from "./cn-only-no-san.js";
import { rule as ekuAnyOnly } from "./eku-any-only.js";
import { rule as expiresSoon } from "./expires-soon.js";
import { rule as hostMismatch } from "./host-mismatch.js";
import { rule as ipNotIpSan } from "./ip-not-ip-san.js";
import { rule as leafCurveRefused } from "./leaf-curve-refused.js";
import { rule as leafEkuPurpose } from "./leaf-eku-purpose.js";
import { rule as leafKeyUsagePurpose } from "./leaf-key-usage-purpose.js";
import { rule as leafNscerttypePurpose } from "./leaf-nscerttype-purpose.js";
import { rule as leafOutlivesIssuer } from "./leaf-outlives-issuer.js";
import { rule as malformedCertificate } from "./malformed-certificate.js";
import { rule as nameConstraintViolation } from "./name-constraint-violation.js";
import { rule as rootInChain } from "./root-in-chain.js";
import { rule as serverNameNotInSan } from "./server-name-not-in-san.js";
import { rule as signatureInvalid } from "./signature-invalid.js";
import { rule as unhandledCriticalExtension } from "./unhandled-critical-extension.js";
import { rule as validityTooLong } from "./validity-too-long.js";
import { rule as verifyClientOff } from "./verify-client-off.js";
import { rule as verifyDepthTooSmall } from "./verify-depth-too-small.js";
import { rule as weakKey } from "./weak-key.js";
import { rule as weakSignature } from "./weak-signature.js";

export const RULES: Rule[] = [
  chainNotAnchored,
  verifyClientOff,
  verifyDepthTooSmall,
  signatureInvalid,
  caNotCa,
  caPathLengthExceeded,
  nameConstraintViolation,
  unhandledCriticalExtension,
  malformedCertificate,
  leafEkuPurpose,
  caEkuPurpose,
  ekuAnyOnly,
  leafKeyUsagePurpose,
  leafNscerttypePurpose,
  certExpired,
  certNotYetValid,
  clockSkewNotYetValid,
  expiresSoon,
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
];
