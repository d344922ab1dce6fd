// Certificates with one non-DER encoding each, re-signed so the signature still covers the bytes
// as sent (a peer that verifies over the encoding it received accepts the signature). They start
// from a forged leaf (test/helpers/forge.ts) and patch its tbsCertificate: the patch is a byte
// pattern that occurs exactly once, so each certificate breaks exactly the DER rule named.
import { sign } from "node:crypto";
import * as der from "../../src/asn1/der-writer.js";
import { children, readWhole, type DerDeviationKind } from "../../src/asn1/der-reader.js";
import { parseCertificate } from "../../src/model/certificate.js";
import { toPem } from "../../src/model/pem.js";
import type { Forged } from "./forge.js";

/** The serial every leaf handed to nonDerLeaf() must have, so the INTEGER patch finds it. */
export const NON_DER_SERIAL = 0x1234n;

/** The certificate, and where its non-DER value starts (the offset the reader must record). */
export interface NonDerCertificate {
  der: Uint8Array;
  pem: string;
  /** Offset in `der` of the tag byte of the value that breaks DER. */
  offset: number;
}

/** Which DER rule to break, or a time field out of range ("minute 75", not DER nor BER: malformed). */
export type NonDerPatch = DerDeviationKind | "minute-75";

/** One byte pattern in tbsCertificate's content and its replacement; `at` = how far into the pattern the value's tag is. */
const PATCHES: Record<Exclude<NonDerPatch, "non-minimal-length">, { from: number[]; to: number[]; at: number }> = {
  // serialNumber 0x1234 as 02 03 00 12 34 (a leading 00 that says nothing).
  "non-minimal-integer": { from: [0x02, 0x02, 0x12, 0x34], to: [0x02, 0x03, 0x00, 0x12, 0x34], at: 0 },
  // keyUsage's critical flag (2.5.29.15, then BOOLEAN) as 01 instead of FF.
  "boolean-not-00-ff": { from: [0x55, 0x1d, 0x0f, 0x01, 0x01, 0xff], to: [0x55, 0x1d, 0x0f, 0x01, 0x01, 0x01], at: 3 },
  // keyUsage digitalSignature (7 unused bits, 0x80) with the last unused bit set.
  "bit-string-padding-not-zero": { from: [0x03, 0x02, 0x07, 0x80], to: [0x03, 0x02, 0x07, 0x81], at: 0 },
  // notBefore 2030-05-20 00:00:00 as UTCTime 300520007500Z (minute 75).
  "minute-75": { from: ascii("300520000000Z"), to: ascii("300520007500Z"), at: -2 },
};

function ascii(text: string): number[] {
  return [...Buffer.from(text, "latin1")];
}

function indexOfOnce(haystack: Uint8Array, needle: number[]): number {
  const matches: number[] = [];
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((byte, j) => haystack[i + j] === byte)) matches.push(i);
  }
  if (matches.length !== 1) throw new Error(`non-der: pattern ${Buffer.from(needle).toString("hex")} occurs ${matches.length} times, not once`);
  return matches[0]!;
}

/**
 * `leaf` (forged with serial NON_DER_SERIAL, keyUsage digitalSignature critical, notBefore
 * 2030-05-20T00:00:00Z) with one patch, re-signed by `issuer` (SHA-256 or the key's own scheme).
 */
export function nonDerLeaf(leaf: Forged, issuer: Forged, patch: NonDerPatch): NonDerCertificate {
  const whole = readWhole(leaf.der);
  const [tbsNode, algorithmNode] = children(leaf.der, whole, "certificate");
  if (!tbsNode || !algorithmNode) throw new Error("non-der: not a certificate");
  const tbsContent = leaf.der.subarray(tbsNode.contentStart, tbsNode.end);
  const algorithm = leaf.der.subarray(algorithmNode.start, algorithmNode.end);
  let tbs: Uint8Array;
  /** Offset of the non-DER value inside the new tbsCertificate. */
  let inTbs: number;
  if (patch === "non-minimal-length") {
    // tbsCertificate's own length in 3 octets (83 00 xx xx) instead of 2 (82 xx xx).
    const length = tbsContent.length;
    if (length < 0x100 || length > 0xffff) throw new Error("non-der: tbsCertificate is not 256..65535 bytes");
    tbs = der.concat([Uint8Array.of(0x30, 0x83, 0x00, length >> 8, length & 0xff), tbsContent]);
    inTbs = 0;
  } else {
    const { from, to, at } = PATCHES[patch];
    const index = indexOfOnce(tbsContent, from);
    const content = der.concat([tbsContent.subarray(0, index), Uint8Array.from(to), tbsContent.subarray(index + from.length)]);
    tbs = der.tlv(0x30, content);
    inTbs = tbs.length - content.length + index + at;
  }
  const hash = issuer.key.spec === "ed25519" ? null : issuer.key.spec === "p384" ? "sha384" : issuer.key.spec === "p521" ? "sha512" : "sha256";
  const signature = sign(hash, tbs, issuer.privateKey);
  const certificate = der.sequence(tbs, algorithm, der.bitString(signature));
  const tbsStart = certificate.length - (tbs.length + algorithm.length + der.bitString(signature).length);
  return { der: certificate, pem: toPem("CERTIFICATE", certificate), offset: tbsStart + inTbs };
}

/** nonDerLeaf as the parser reads it (throws CertificateParseError for a malformed one). */
export function parseNonDer(cert: NonDerCertificate, source = "non-der") {
  return parseCertificate(cert.der, source);
}

/** nonDerLeaf as a Forged (same key), for tests that take Forged certificates (lint scenarios). */
export function nonDerForged(leaf: Forged, issuer: Forged, patch: DerDeviationKind): Forged {
  const cert = nonDerLeaf(leaf, issuer, patch);
  return { ...leaf, der: cert.der, pem: cert.pem, facts: parseCertificate(cert.der, `${leaf.facts.source} (${patch})`) };
}
