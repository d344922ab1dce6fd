import type { ValidationOptions, ValidationResult } from "../chain/validate.js";
import type { Reason, ReasonId } from "../chain/reasons.js";
import { opensslForm } from "../knowledge/openssl-verify.js";
import { describeReason } from "../knowledge/reason-words.js";
import type { CertFacts } from "../model/certificate.js";

export interface VerifyRequest extends Omit<ValidationOptions, "at"> {
  at: Date;
  /** Files whose first certificate is a leaf to verify; further certificates in them count as chain. */
  leaves: string[];
  chainFiles: string[];
  caFiles: string[];
  /** CRL files (--crl): given, CRL checking is on (ValidationOptions.crls). */
  crlFiles?: string[];
  /** A private key that must belong to the leaf (only with a single leaf). */
  keyFile?: string;
  password?: string;
}

export interface ChainLink {
  subject: string;
  issuer: string;
  source: string;
  notAfter: string;
  trustAnchor: boolean;
}

export interface VerifyFinding {
  id: ReasonId;
  /** 0 = leaf; -1 = the chain as a whole. */
  cert: number;
  subject: string;
  message: string;
  hint?: string;
  /** The OpenSSL verify error this corresponds to, as nginx logs it. */
  openssl: string;
}

export interface LeafVerdict {
  file: string;
  subject: string;
  valid: boolean;
  chain: ChainLink[];
  reasons: VerifyFinding[];
  /** With --key: whether the private key belongs to this certificate. */
  keyMatches?: boolean;
}

export interface VerifyReport {
  at: string;
  purpose?: string;
  host?: string;
  maxDepth?: number;
  /** Where the trust anchor came from when it was not given (a pkilab lab). */
  trustAnchor?: string;
  /** With --crl: how many CRLs were loaded and which certificates were checked against them. Absent: revocation was not checked. */
  revocation?: { crls: number; check: "leaf" | "all" };
  results: LeafVerdict[];
  summary: VerifySummary;
}

export interface VerifySummary {
  total: number;
  valid: number;
  invalid: number;
}

/** Everything in a report but its results and summary: known before the first leaf is verified. */
export type VerifyHead = Omit<VerifyReport, "results" | "summary">;

/**
 * Where verify hands what it finds, as it finds it: the report's head (everything but the results
 * and the summary) before the first leaf, then each leaf's verdict in input order. Nothing is kept
 * per leaf here, so a sink that writes each verdict out keeps memory flat in the number of leaves.
 */
export interface VerifySink {
  head(head: VerifyHead): void;
  verdict(verdict: LeafVerdict): void;
}

/**
 * The verdict on one leaf from its validation (src/chain) and, with --key, whether the key belongs
 * to it. Only this small verdict is kept per leaf, so a fleet's memory stays flat.
 */
export function leafVerdict(file: string, leaf: CertFacts, result: ValidationResult, key?: { file: string; matches: boolean }): LeafVerdict {
  const verdict: LeafVerdict = {
    file,
    subject: leaf.subject.text,
    valid: result.valid,
    chain: result.chain.map((cert, i) => link(cert, result.anchored && i === result.chain.length - 1)),
    reasons: result.reasons.map((reason) => finding(reason, opensslForm(reason.id))),
  };
  if (key) {
    verdict.keyMatches = key.matches;
    if (!key.matches) {
      verdict.valid = false;
      // Not a verify error: OpenSSL's text for X509_R_KEY_VALUES_MISMATCH (include/openssl/x509err.h), as nginx logs it.
      const mismatch: Reason = { id: "key-mismatch", certIndex: 0, subject: leaf.subject.text, detail: { keyFile: key.file } };
      verdict.reasons.push(finding(mismatch, "key values mismatch"));
    }
  }
  return verdict;
}

/** The report over every leaf, with what was checked. */
export function verifyReport(
  request: Pick<VerifyRequest, "at" | "purpose" | "host" | "maxDepth" | "crlCheck">,
  results: LeafVerdict[],
  crlCount?: number,
): VerifyReport {
  const valid = results.filter((r) => r.valid).length;
  return {
    at: request.at.toISOString(),
    purpose: request.purpose,
    host: request.host,
    maxDepth: request.maxDepth,
    // "all" when not given: what nginx's ssl_crl sets (src/chain/checks.ts uses the same default).
    revocation: crlCount === undefined ? undefined : { crls: crlCount, check: request.crlCheck ?? "all" },
    results,
    summary: { total: results.length, valid, invalid: results.length - valid },
  };
}

/** A reason as the report carries it: in words (src/knowledge/reason-words.ts) with its OpenSSL form. */
function finding(reason: Reason, openssl: string): VerifyFinding {
  const { message, hint } = describeReason(reason);
  return { id: reason.id, cert: reason.certIndex, subject: reason.subject, message, hint, openssl };
}

/**
 * One description per certificate: the CAs above a fleet of leaves are shared, so their links are
 * made once and reused, which keeps memory flat in the number of leaves.
 */
const links = new WeakMap<CertFacts, ChainLink>();

function link(cert: CertFacts, trustAnchor: boolean): ChainLink {
  const cached = links.get(cert);
  if (cached && cached.trustAnchor === trustAnchor) return cached;
  const made = { subject: cert.subject.text, issuer: cert.issuer.text, source: cert.source, notAfter: cert.notAfter.toISOString(), trustAnchor };
  links.set(cert, made);
  return made;
}
