import type { KeyObject } from "node:crypto";
import { validate, type ValidationInput } from "../chain/validate.js";
import type { CertFacts } from "../model/certificate.js";
import { InputError } from "../io/input-error.js";
import { keyMatchesCertificate, readPrivateKeyFile } from "../io/private-key.js";
import { readBytes, readMaterial, readCertificateFile } from "../io/read.js";
import { DerError } from "../asn1/der-reader.js";
import { parseCrl, type CrlFacts } from "../model/crl.js";
import { leafVerdict, verifyReport, type LeafVerdict, type VerifyHead, type VerifyReport, type VerifyRequest, type VerifySink, type VerifySummary } from "../verify/verify.js";
import { labFinder } from "./find-lab.js";
import { eachInOrder, startLeaf, type AheadStep } from "./read-ahead.js";

/**
 * `pkilab verify`: without --ca, leaves that all live in one pkilab lab are verified against the
 * lab's root, with their chain.pem files as the untrusted pool, and the report says so (as lint
 * does). Anything else without --ca is the usual "--ca: required".
 */
export async function verifyCertificates(request: VerifyRequest): Promise<VerifyReport> {
  const collected = collector();
  const summary = await verifyCertificatesTo(request, collected.sink);
  return collected.report(summary);
}

/** verifyCertificates, handing each verdict to `sink` as it is reached instead of keeping them. */
export async function verifyCertificatesTo(request: VerifyRequest, sink: VerifySink): Promise<VerifySummary> {
  if (request.caFiles.length > 0 || request.leaves.length === 0) return verifyFilesTo(request, sink);
  const find = labFinder();
  const labs = await Promise.all(request.leaves.map(find));
  const anchors = new Set(labs.map((lab) => lab?.trustAnchor));
  const [anchor] = anchors;
  if (anchors.size !== 1 || anchor === undefined) return verifyFilesTo(request, sink);
  const chainFiles = request.chainFiles.length > 0 ? request.chainFiles : [...new Set(labs.flatMap((lab) => (lab?.chain ? [lab.chain] : [])))];
  return verifyFilesTo({ ...request, caFiles: [anchor], chainFiles }, sink, `${anchor} (from the lab)`);
}

/**
 * verify models `openssl verify` (test/peers/verify-differential.test.ts, openssl-misses.test.ts):
 * OpenSSL's one path, trust store first; DNS name constraints on a host-like CN; the trust settings
 * of TRUSTED CERTIFICATE anchors (src/chain/paths.ts, name-constraints.ts, aux-trust.ts).
 */
const OPENSSL_PATH_RULES = { trustStoreFirst: true, nameConstraintsOnCn: true, trustSettings: true } as const;

/**
 * Verifies each leaf file against the trust anchors, in one process: the CA and chain files are
 * parsed once, and signature checks between CAs are cached, so a fleet of device certificates costs
 * one parse and one signature check per device.
 */
export async function verifyFiles(request: VerifyRequest): Promise<VerifyReport> {
  const collected = collector();
  const summary = await verifyFilesTo(request, collected.sink);
  return collected.report(summary);
}

async function verifyFilesTo(request: VerifyRequest, sink: VerifySink, trustAnchor?: string): Promise<VerifySummary> {
  if (request.caFiles.length === 0) throw new InputError("--ca: required: name the trust anchor file (the root CA, e.g. ca.pem), or verify certificates inside a pkilab lab");
  const anchors = (await Promise.all(request.caFiles.map((f) => readCertificateFile(f, { role: "the trust anchors (CA certificates)", password: request.password })))).flat();
  const intermediates = (await Promise.all(request.chainFiles.map((f) => readCertificateFile(f, { role: "intermediate certificates", password: request.password })))).flat();
  const crlFiles = request.crlFiles ?? [];
  if (request.crlCheck !== undefined && crlFiles.length === 0) throw new InputError("--crl-check: needs the CRLs to check against: give them with --crl FILE");
  const crls = crlFiles.length > 0 ? crlFiles.flatMap(readCrlFile) : undefined;
  let key: { file: string; object: KeyObject } | undefined;
  if (request.keyFile) {
    if (request.leaves.length !== 1) throw new InputError(`${request.keyFile}: --key checks one certificate: give exactly one leaf with it`);
    key = { file: request.keyFile, object: await readPrivateKeyFile(request.keyFile, request.password) };
  }
  const head = verifyReport(request, [], crls?.length);
  sink.head({ at: head.at, purpose: head.purpose, host: head.host, maxDepth: head.maxDepth, revocation: head.revocation, trustAnchor });
  const summary: VerifySummary = { total: 0, valid: 0, invalid: 0 };
  // One options object for every leaf, its leaf and pool set in turn: a fresh object spread from
  // the request per leaf made the peak RSS of 10,000 leaves 116 MB instead of 68 MB (measured;
  // the garbage is V8's, the JavaScript heap held ~6 MB). validate() keeps nothing of its input.
  const input: ValidationInput = { ...OPENSSL_PATH_RULES, ...request, crls, leaf: anchors[0] as CertFacts, intermediates, anchors };
  const issuers = [...intermediates, ...anchors];
  // Each leaf is read, and its signature checked on the thread pool, ahead of its turn (read-ahead.ts).
  const step: AheadStep<[CertFacts, ...CertFacts[]], LeafVerdict> = {
    start: (file) => startLeaf(file, { role: "the certificate to verify", password: request.password }, issuers),
    finish([leaf, ...bundled], file) {
      input.leaf = leaf;
      input.intermediates = bundled.length ? [...bundled, ...intermediates] : intermediates;
      const result = validate(input);
      return leafVerdict(file, leaf, result, key && { file: key.file, matches: keyMatchesCertificate(key.object, leaf) });
    },
  };
  await eachInOrder(request.leaves, step, (verdict) => {
    summary.total++;
    if (verdict.valid) summary.valid++;
    else summary.invalid++;
    sink.verdict(verdict);
  });
  return summary;
}

/** A sink that keeps everything, for callers that want the whole report at once. */
function collector(): { sink: VerifySink; report(summary: VerifySummary): VerifyReport } {
  let head: VerifyHead | undefined;
  const results: LeafVerdict[] = [];
  return {
    sink: { head: (h) => (head = h), verdict: (v) => results.push(v) },
    report: (summary) => {
      const { trustAnchor, ...rest } = head as VerifyHead;
      // The field order of the report before streaming: trustAnchor, when there is one, last.
      return { ...rest, results, summary, ...(trustAnchor !== undefined ? { trustAnchor } : {}) };
    },
  };
}

/** Every CRL of one file (PEM with any number of them, or one DER CRL), as OpenSSL -CRLfile loads them. */
export function readCrlFile(file: string): CrlFacts[] {
  const items = readMaterial(readBytes(file), file, "CRLs (certificate revocation lists)");
  const crls = items.filter((item) => item.kind === "crl");
  if (crls.length === 0) throw new InputError(`${file}: holds no CRL: expected CRLs (certificate revocation lists) for --crl`);
  return crls.map((item, i) => {
    try {
      return parseCrl(item.der);
    } catch (err) {
      if (err instanceof DerError) throw new InputError(`${file}: CRL ${i + 1} is not a valid CRL (${err.message}): the file is corrupted or truncated`);
      throw err;
    }
  });
}
