import type { CertFacts } from "../model/certificate.js";
import { OPENSSL_DECODED, OPENSSL_SUPPORTED_CRITICAL } from "../model/oids.js";
import { caKind, isSelfSigned } from "./ca.js";
import { revocationReasons } from "./crl.js";
import { matchHost } from "./hostname.js";
import { checkCommonNameConstraints, checkNameConstraints, type ConstraintViolation } from "./name-constraints.js";
import type { CandidatePath, Chain } from "./paths.js";
import { checkPurpose } from "./purpose.js";
import type { Reason, ReasonDetails, ReasonId, ReasonOf } from "./reasons.js";
import { DEFAULT_SECURITY_LEVEL, digestSecurityBits, keySecurityBits, minimumBits } from "./security-level.js";
import { checkSignature } from "./signature.js";
import { strictProblems } from "./strict.js";
import type { ValidationOptions } from "./validate.js";

/** One candidate path with what every check needs to know about it. */
interface PathUnderCheck extends CandidatePath {
  options: ValidationOptions;
  leaf: CertFacts;
  top: CertFacts;
  last: number;
  securityLevel: number;
  /** Security bits every key and signature digest needs at that level (0: no check). */
  minBits: number;
}

/** A check of the certificate at index `i` of the path. */
type CertCheck = (cert: CertFacts, i: number, path: PathUnderCheck) => readonly Reason[];

/** What most checks find: shared, so a passing path allocates nothing per check (fleets verify thousands). */
const NONE: readonly Reason[] = Object.freeze([]);

/**
 * Every check on one path; all failures are collected (nginx, like this, goes on after an error).
 * The order is the order of the reasons: anchoring, signatures, then each certificate from the leaf
 * up (CERT_CHECKS in turn), then revocation (with CRLs), the path's depth and the leaf's host.
 */
export function checkPath({ chain, end }: CandidatePath, options: ValidationOptions): Reason[] {
  const [leaf] = chain;
  const last = chain.length - 1;
  const securityLevel = options.securityLevel ?? DEFAULT_SECURITY_LEVEL;
  const top = chain[last] ?? leaf;
  const path: PathUnderCheck = { chain, end, options, leaf, top, last, securityLevel, minBits: minimumBits(securityLevel) };
  const reasons: Reason[] = [];
  const add = (found: readonly Reason[]) => {
    if (found.length > 0) reasons.push(...found);
  };
  add(anchoring(path));
  add(signatures(path));
  chain.forEach((cert, i) => {
    for (const check of CERT_CHECKS) add(check(cert, i, path));
  });
  add(revocation(path));
  add(depth(path));
  add(host(path));
  return reasons;
}

function reason<Id extends ReasonId>(id: Id, chain: Chain, certIndex: number, detail: ReasonDetails[Id]): ReasonOf<Id> {
  return { id, certIndex, subject: chain[certIndex]?.subject.text ?? "", detail };
}

/** Where the path stops when it does not reach a trust anchor (OpenSSL 18, 20, 2). */
function anchoring({ chain, end, top, last }: PathUnderCheck): readonly Reason[] {
  if (end === "no-issuer" && isSelfSigned(top)) return [reason("self-signed-not-trusted", chain, last, {})];
  if (end === "no-issuer") return [reason("issuer-not-found", chain, last, { issuer: top.issuer.text })];
  if (end === "anchor-no-issuer") return [reason("anchor-issuer-not-found", chain, last, { issuer: top.issuer.text })];
  return NONE;
}

/** Each certificate by the next one's key; a trust anchor's own signature is not checked (OpenSSL 7). */
function signatures({ chain }: PathUnderCheck): readonly Reason[] {
  const reasons: Reason[] = [];
  chain.forEach((cert, i) => {
    const issuer = chain[i + 1];
    if (!issuer) return; // the top of the path
    const verdict = checkSignature(cert, issuer);
    if (verdict === "invalid") reasons.push(reason("signature-invalid", chain, i, { issuer: issuer.subject.text }));
    if (verdict === "unsupported") {
      reasons.push(reason("signature-algorithm-unsupported", chain, i, { algorithm: cert.signatureAlgorithm.name, issuerKey: issuer.publicKey.label }));
    }
  });
  return reasons;
}

/** The checks of each certificate, in the order their reasons are listed. */
const CERT_CHECKS: CertCheck[] = [
  validity,
  criticalExtensions,
  repeatedExtensions,
  explicitCurve,
  keyStrength,
  digestStrength,
  strictProfile,
  caBit,
  pathLength,
  nameConstraints,
  purpose,
];

/** The verifier's clock within notBefore..notAfter, inclusive at both ends (RFC 5280 4.1.2.5; OpenSSL 9, 10). */
function validity(cert: CertFacts, i: number, { chain, options }: PathUnderCheck): readonly Reason[] {
  const at = options.at;
  const reasons: Reason[] = [];
  if (at.getTime() < cert.notBefore.getTime()) reasons.push(reason("not-yet-valid", chain, i, { notBefore: cert.notBefore, at }));
  if (at.getTime() > cert.notAfter.getTime()) reasons.push(reason("expired", chain, i, { notAfter: cert.notAfter, at }));
  return reasons;
}

/** Critical extensions OpenSSL does not handle (OpenSSL 34). */
function criticalExtensions(cert: CertFacts, i: number, { chain }: PathUnderCheck): readonly Reason[] {
  // A loop that makes no array for the usual certificate (none unhandled): runs for every
  // certificate of a fleet, and the filter().map() version was deoptimized once a run (--trace-deopt).
  let oids: string[] | undefined;
  for (const ext of cert.extensions) if (ext.critical && !OPENSSL_SUPPORTED_CRITICAL.has(ext.oid)) (oids ??= []).push(ext.oid);
  return oids ? [reason("unhandled-critical-extension", chain, i, { oids })] : NONE;
}

/** OpenSSL rejects repeats of the extensions it decodes and lets repeats of others pass (OpenSSL 41). */
function repeatedExtensions(cert: CertFacts, i: number, { chain }: PathUnderCheck): readonly Reason[] {
  const oids = [...new Set(cert.duplicateExtensions.filter((oid) => OPENSSL_DECODED.has(oid)))];
  return oids.length > 0 ? [reason("malformed-extensions", chain, i, { oids })] : NONE;
}

/** An EC key with explicit curve parameters, anywhere on a path of two or more (OpenSSL 94). */
function explicitCurve(cert: CertFacts, i: number, { chain }: PathUnderCheck): readonly Reason[] {
  return cert.publicKey.explicitCurve && chain.length > 1 ? [reason("explicit-ec-parameters", chain, i, {})] : NONE;
}

/** Every key at the security level (OpenSSL 66 for the leaf, 67 for a CA). */
function keyStrength(cert: CertFacts, i: number, { chain, securityLevel, minBits }: PathUnderCheck): readonly Reason[] {
  if (minBits === 0) return NONE;
  const keyBits = keySecurityBits(cert);
  if (keyBits >= minBits) return NONE;
  const detail = { key: cert.publicKey.label, keyBits, securityLevel, minBits };
  return [i === 0 ? reason("ee-key-too-weak", chain, i, detail) : reason("ca-key-too-weak", chain, i, detail)];
}

/** Every signature below the top at the security level (OpenSSL 68). */
function digestStrength(cert: CertFacts, i: number, { chain, last, securityLevel, minBits }: PathUnderCheck): readonly Reason[] {
  if (minBits === 0 || i === last) return NONE;
  const digestBits = digestSecurityBits(cert);
  if (digestBits >= minBits) return NONE;
  return [reason("signature-digest-too-weak", chain, i, { algorithm: cert.signatureAlgorithm.name, digestBits, securityLevel, minBits })];
}

/** RFC 5280 profile rules of -x509_strict (src/chain/strict.ts). */
function strictProfile(cert: CertFacts, i: number, { chain, last, options }: PathUnderCheck): readonly Reason[] {
  if (!options.x509Strict) return NONE;
  return strictProblems(cert, i, i === last, chain.length).map((id) => reason(id, chain, i, {}));
}

/**
 * OpenSSL check_chain_extensions: an issuer must be a CA by basicConstraints CA:TRUE; the trust
 * anchor at the top may be any kind of CA (src/chain/ca.ts); with trustedV1NeedsNoCaBit, a trusted
 * v1/v2 certificate needs none (OpenSSL 79).
 */
function caBit(cert: CertFacts, i: number, { chain, end, last, options }: PathUnderCheck): readonly Reason[] {
  if (i === 0) return NONE;
  const kind = caKind(cert);
  const isAnchorRoot = i === last && end !== "no-issuer";
  const trustedOldVersion = options.trustedV1NeedsNoCaBit === true && i === last && end === "anchor" && cert.version < 3;
  if (kind === "basic-constraints" || (kind !== "none" && isAnchorRoot) || trustedOldVersion) return NONE;
  if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) return [reason("ca-without-keycertsign", chain, i, { keyUsage: [...cert.keyUsage] })];
  return [reason("not-a-ca", chain, i, { caKind: kind, basicConstraints: cert.basicConstraints ? "ca-false" : "absent" })];
}

/**
 * pathLenConstraint: how many non-self-issued intermediates may follow the CA (RFC 5280 4.2.1.9;
 * OpenSSL 25). The leaf does not count, and an intermediate right above the leaf has none below it.
 */
function pathLength(cert: CertFacts, i: number, { chain }: PathUnderCheck): readonly Reason[] {
  const pathLen = cert.basicConstraints?.pathLen;
  if (i < 2 || pathLen === undefined) return NONE;
  const intermediatesBelow = chain.slice(1, i).filter((below) => !below.selfIssued).length;
  return intermediatesBelow > pathLen ? [reason("path-length-exceeded", chain, i, { pathLen, intermediatesBelow })] : NONE;
}

/**
 * The name constraints of the CA at `caIndex` on every certificate below it, except self-issued
 * intermediates (RFC 5280 6.1.3 (b); OpenSSL 47, 48, 51).
 */
function nameConstraints(ca: CertFacts, caIndex: number, { chain, options }: PathUnderCheck): readonly Reason[] {
  if (caIndex === 0 || !ca.nameConstraints) return NONE;
  return chain.slice(0, caIndex).flatMap((cert, j) => {
    if (j > 0 && cert.selfIssued) return NONE;
    const violation = checkNameConstraints(ca, cert) ?? (j === 0 && options.nameConstraintsOnCn ? checkCommonNameConstraints(ca, cert) : undefined);
    return violation ? [constraintReason(violation, chain, j, { ca: ca.subject.text, caIndex })] : NONE;
  });
}

function constraintReason(violation: ConstraintViolation, chain: Chain, certIndex: number, by: { ca: string; caIndex: number }): Reason {
  switch (violation.kind) {
    case "permitted":
      return reason("name-constraint-violation", chain, certIndex, { ...violation, ...by });
    case "excluded":
      return reason("name-constraint-excluded", chain, certIndex, { ...violation, ...by });
    case "unsupported":
      return reason("name-constraint-unsupported", chain, certIndex, { ...violation, ...by });
    case "too-complex":
      return reason("name-constraint-too-complex", chain, certIndex, { ...violation, ...by });
  }
}

/** OpenSSL's sslclient / sslserver purpose on every certificate, CAs included (src/chain/purpose.ts; OpenSSL 26). */
function purpose(cert: CertFacts, i: number, { chain, options }: PathUnderCheck): readonly Reason[] {
  if (!options.purpose) return NONE;
  const problem = checkPurpose(cert, options.purpose, i > 0);
  return problem ? [reason("purpose-mismatch", chain, i, { purpose: options.purpose, problem })] : NONE;
}

/** Each certificate in scope against the CRLs, when they are given (src/chain/crl.ts; OpenSSL 3, 8, 11, 12, 23, 35, 36, 44). */
function revocation({ chain, options }: PathUnderCheck): readonly Reason[] {
  if (!options.crls) return NONE;
  return revocationReasons(chain, options.crls, options.crlCheck ?? "all", options.at);
}

/** Intermediates against the verify depth (OpenSSL -verify_depth, nginx ssl_verify_depth; OpenSSL 22). */
function depth({ chain, end, last, options }: PathUnderCheck): readonly Reason[] {
  const intermediates = end === "no-issuer" ? last : Math.max(0, last - 1);
  const maxDepth = options.maxDepth;
  if (maxDepth === undefined || intermediates <= maxDepth) return NONE;
  return [reason("depth-exceeded", chain, -1, { intermediates, maxDepth })];
}

/** The leaf against the DNS name or IP address asked for (src/chain/hostname.ts; OpenSSL 62, 64). */
function host({ chain, leaf, options }: PathUnderCheck): readonly Reason[] {
  if (options.host === undefined) return NONE;
  const match = matchHost(leaf, options.host, options.legacyCn);
  if (match.ok) return NONE;
  const detail = { host: options.host, validFor: match.validFor, dnsNames: match.dnsNames };
  return [match.isIp ? reason("ip-mismatch", chain, 0, detail) : reason("hostname-mismatch", chain, 0, detail)];
}
