import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { DerError } from "../asn1/der-reader.js";
import { isRoot } from "../chain/ca.js";
import { InputError } from "../io/input-error.js";
import { privateKeyFromItem } from "../io/private-key.js";
import type { Material } from "../io/read.js";
import type { CertFacts } from "../model/certificate.js";
import { parseCrl, type CrlFacts } from "../model/crl.js";
import { parseCsr } from "../model/csr.js";
import { EKU_NAMES } from "../model/oids.js";
import { parsePublicKeyInfo } from "../model/public-key.js";
import { certificateNotes, crlNotes, crlValidityWords, validityWords } from "./notes.js";
import type { CertificateSummary, CrlSummary, InspectItem } from "./report.js";

// What each item of an already-read file is, in words: facts in, report items out (no file access;
// src/app/inspect.ts reads the files).

export function summarize(cert: CertFacts, at: Date): CertificateSummary {
  const bc = cert.basicConstraints;
  return {
    source: cert.source,
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    serial: cert.serial,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    validity: validityWords(cert, at),
    key: cert.publicKey.label,
    signature: cert.signatureAlgorithm.name,
    subjectAltNames: (cert.subjectAltNames ?? []).map((n) => `${n.type === "dn" ? "DirName" : n.type.toUpperCase()}:${n.value}`),
    keyUsage: cert.keyUsage ? [...cert.keyUsage] : [],
    extKeyUsage: (cert.extKeyUsage ?? []).map((oid) => EKU_NAMES[oid] ?? oid),
    basicConstraints: bc ? `CA:${bc.ca ? "TRUE" : "FALSE"}${bc.pathLen !== undefined ? `, pathlen:${bc.pathLen}` : ""}${bc.critical ? " (critical)" : ""}` : "absent",
    subjectKeyId: cert.subjectKeyId,
    authorityKeyId: cert.authorityKeyId,
    nameConstraints: cert.nameConstraints && {
      permitted: cert.nameConstraints.permitted.map((s) => `${s.base.type}:${s.base.value}`),
      excluded: cert.nameConstraints.excluded.map((s) => `${s.base.type}:${s.base.value}`),
    },
    // Signed by its own key, not only self-issued: a leaf named like its CA is not self-signed.
    selfSigned: isRoot(cert),
    derSize: cert.derSize,
    sha256: cert.sha256,
    notes: certificateNotes(cert),
  };
}

/**
 * Most revoked entries a CRL's summary lists: a large CA's CRL holds thousands, and a report that
 * lists them all hides everything else. The others are counted (revokedNotListed).
 */
export const REVOKED_LISTED = 20;

export function summarizeCrl(crl: CrlFacts, at: Date): CrlSummary {
  const revokedEntries: CrlSummary["revokedEntries"] = [];
  for (const [serial, entry] of crl.revoked) {
    if (revokedEntries.length === REVOKED_LISTED) break;
    revokedEntries.push({ serial, date: entry.revocationDate.toISOString(), ...(entry.reasonCode ? { reason: entry.reasonCode } : {}) });
  }
  return {
    issuer: crl.issuer.text,
    crlNumber: crl.crlNumber,
    thisUpdate: crl.thisUpdate.toISOString(),
    nextUpdate: crl.nextUpdate?.toISOString(),
    validity: crlValidityWords(crl, at),
    authorityKeyId: crl.authorityKeyId,
    revoked: crl.revokedCount,
    revokedEntries,
    revokedNotListed: crl.revoked.size - revokedEntries.length,
    notes: crlNotes(crl),
  };
}

/**
 * A key, CSR, CRL or other item read from `file` (certificates go through summarize). A CRL's parsed
 * facts come back too, so the tree draws it without parsing it again.
 */
export function describeItem(material: Material, file: string, password: string | undefined, at: Date): { item: InspectItem; crl?: CrlFacts } {
  const item = (described: InspectItem) => ({ item: described });
  const base = { file, index: material.index };
  try {
    switch (material.kind) {
      case "private-key":
      case "encrypted-private-key": {
        const encrypted = material.kind === "encrypted-private-key";
        if (encrypted && password === undefined) return item({ ...base, kind: "private-key", key: "(encrypted: pass --password to see the key type)", format: material.format, encrypted });
        return item({ ...base, kind: "private-key", key: privateKeyLabel(() => privateKeyFromItem(material, file, password), file), format: material.format, encrypted });
      }
      case "public-key":
        return item({ ...base, kind: "public-key", key: material.format === "RSA PUBLIC KEY" ? "RSA (PKCS#1)" : parsePublicKeyInfo(material.der).label });
      case "csr": {
        const csr = parseCsr(material.der);
        return item({ ...base, kind: "csr", subject: csr.subject.text, key: csr.publicKey.label, subjectAltNames: csr.subjectAltNames.map((n) => `${n.type.toUpperCase()}:${n.value}`) });
      }
      case "crl": {
        const crl = parseCrl(material.der);
        return { item: { ...base, kind: "crl", ...summarizeCrl(crl, at) }, crl };
      }
      default:
        return item({ ...base, kind: "other", what: material.format });
    }
  } catch (err) {
    // Only a damaged structure is the file's fault; any other error is a bug and stays one.
    if (!(err instanceof DerError)) throw err;
    throw new InputError(`${file}: item ${material.index} (${material.format}) cannot be read (${err.message}): the file is corrupted`);
  }
}

/** The `index`th private key found inside a PKCS#12 file (PKCS#8 DER, already decrypted). */
export function pkcs12PrivateKeyItem(der: Uint8Array, file: string, index: number): InspectItem {
  const key = privateKeyLabel(() => createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" }), file);
  return { file, index, kind: "private-key", key, format: "PKCS#8 inside PKCS#12", encrypted: true };
}

/** "ECDSA P-256", "RSA 2048": the label pkilab gives public keys, from the private key's public half. */
function privateKeyLabel(read: () => KeyObject, file: string): string {
  let spki: Uint8Array;
  try {
    // Deriving the public half is where OpenSSL notices some damaged keys: inside the same try.
    spki = new Uint8Array(createPublicKey(read()).export({ type: "spki", format: "der" }));
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: the private key cannot be read: the file is corrupted`);
  }
  return parsePublicKeyInfo(spki).label;
}
