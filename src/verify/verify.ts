import type { KeyObject } from "node:crypto";
import { validate, type ValidationOptions } from "../chain/validate.js";
import type { Reason, ReasonId } from "../chain/reasons.js";
import { InputError } from "../io/input-error.js";
import { keyMatchesCertificate, readPrivateKeyFile } from "../io/private-key.js";
import { readCertificateFile } from "../io/read.js";
import { opensslForm } from "../knowledge/openssl-verify.js";
import { describeReason } from "../knowledge/reason-words.js";
import type { CertFacts } from "../model/certificate.js";

export interface VerifyRequest extends Omit<ValidationOptions, "at"> {
  at: Date;
  /** Files whose first certificate is a leaf to verify; further certificates in them count as chain. */
  leaves: string[];
  chainFiles: string[];
  caFiles: string[];
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
  results: LeafVerdict[];
  summary: { total: number; valid: number; invalid: number };
}

/**
 * Verifies each leaf file against the trust anchors, in one process: the CA and chain files are
 * parsed once, and signature checks between CAs are cached, so a fleet of device certificates costs
 * one parse and one signature check per device. Only a small verdict is kept per leaf.
 */
export async function verifyFiles(request: VerifyRequest): Promise<VerifyReport> {
  if (request.caFiles.length === 0) throw new InputError("--ca: required: name the trust anchor file (the root CA, e.g. ca.pem), or verify certificates inside a pkilab lab");
  const anchors = (await Promise.all(request.caFiles.map((f) => readCertificateFile(f, { role: "the trust anchors (CA certificates)", password: request.password })))).flat();
  const intermediates = (await Promise.all(request.chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates", password: request.password })))).flat();
  let key: { file: string; object: KeyObject } | undefined;
  if (request.keyFile) {
    if (request.leaves.length !== 1) throw new InputError(`${request.keyFile}: --key checks one certificate: give exactly one leaf with it`);
    key = { file: request.keyFile, object: await readPrivateKeyFile(request.keyFile, request.password) };
  }
  const results: LeafVerdict[] = [];
  for (const file of request.leaves) {
    const [leaf, ...bundled] = await readCertificateFile(file, { role: "the certificate to verify", password: request.password });
    const result = validate({ ...request, leaf, intermediates: bundled.length ? [...bundled, ...intermediates] : intermediates, anchors });
    const verdict: LeafVerdict = {
      file,
      subject: leaf.subject.text,
      valid: result.valid,
      chain: result.chain.map((cert, i) => link(cert, result.anchored && i === result.chain.length - 1)),
      reasons: result.reasons.map((reason) => finding(reason, opensslForm(reason.id))),
    };
    if (key) {
      verdict.keyMatches = keyMatchesCertificate(key.object, leaf);
      if (!verdict.keyMatches) {
        verdict.valid = false;
        // Not a verify error: OpenSSL's text for X509_R_KEY_VALUES_MISMATCH (include/openssl/x509err.h), as nginx logs it.
        const mismatch: Reason = { id: "key-mismatch", certIndex: 0, subject: leaf.subject.text, detail: { keyFile: key.file } };
        verdict.reasons.push(finding(mismatch, "key values mismatch"));
      }
    }
    results.push(verdict);
  }
  const valid = results.filter((r) => r.valid).length;
  return {
    at: request.at.toISOString(),
    purpose: request.purpose,
    host: request.host,
    maxDepth: request.maxDepth,
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
