import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { DerError } from "../asn1/der-reader.js";
import { InputError } from "../io/input-error.js";
import { privateKeyFromItem } from "../io/private-key.js";
import { certificatesFromMaterial, parseCertificateItem, readBytes, readMaterial, type Material } from "../io/read.js";
import type { CertFacts } from "../model/certificate.js";
import { parseCrl } from "../model/crl.js";
import { parseCsr } from "../model/csr.js";
import { EKU_NAMES } from "../model/oids.js";
import { parsePublicKeyInfo } from "../model/public-key.js";
import { certificateNotes, validityWords } from "./notes.js";

/** One certificate, summarised for people and for --json. */
export interface CertificateSummary {
  source: string;
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** "expires in 41 days" relative to --at. */
  validity: string;
  key: string;
  signature: string;
  subjectAltNames: string[];
  keyUsage: string[];
  extKeyUsage: string[];
  basicConstraints: string;
  subjectKeyId?: string;
  authorityKeyId?: string;
  nameConstraints?: { permitted: string[]; excluded: string[] };
  selfSigned: boolean;
  derSize: number;
  sha256: string;
  notes: string[];
}

export type InspectItem =
  | { file: string; index: number; kind: "certificate"; certificate: CertificateSummary }
  | { file: string; index: number; kind: "private-key"; key: string; format: string; encrypted: boolean }
  | { file: string; index: number; kind: "public-key"; key: string }
  | { file: string; index: number; kind: "csr"; subject: string; key: string; subjectAltNames: string[] }
  | { file: string; index: number; kind: "crl"; issuer: string; thisUpdate: string; nextUpdate?: string; revoked: number; notes: string[] }
  | { file: string; index: number; kind: "other"; what: string };

export interface InspectReport {
  at: string;
  items: InspectItem[];
  /** Files that could not be read, each with the one line saying why; the others are still reported. */
  errors: { file: string; message: string }[];
}

export interface InspectRequest {
  files: string[];
  at: Date;
  password?: string;
}

/** Reads every file and says what it holds. Certificates are also returned, for --tree. */
export async function inspectFiles(request: InspectRequest): Promise<{ report: InspectReport; certificates: CertFacts[] }> {
  const items: InspectItem[] = [];
  const certificates: CertFacts[] = [];
  const add = (cert: CertFacts) => {
    certificates.push(cert);
    items.push({ file: cert.source.replace(/#\d+$/, ""), index: Number(/#(\d+)$/.exec(cert.source)?.[1] ?? 1), kind: "certificate", certificate: summarize(cert, request.at) });
  };
  const errors: InspectReport["errors"] = [];
  for (const file of request.files) {
    // One bad file must not hide what the others hold: its items are dropped, its error kept.
    const before = { items: items.length, certificates: certificates.length };
    try {
      await inspectFile(file, request, items, add);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      items.length = before.items;
      certificates.length = before.certificates;
      errors.push({ file, message: err.message });
    }
  }
  return { report: { at: request.at.toISOString(), items, errors }, certificates };
}

async function inspectFile(file: string, request: InspectRequest, items: InspectItem[], add: (cert: CertFacts) => void): Promise<void> {
  const bytes = readBytes(file);
  const materials = readMaterial(bytes, file);
  for (const material of materials) {
    if (material.kind === "pkcs12") {
      const { readPkcs12 } = await import("../io/pkcs12.js");
      const contents = await readPkcs12(material.der, file, request.password);
      contents.certificates.forEach((der, i) => add(parseCertificateItem(der, file, i + 1)));
      contents.privateKeys.forEach((der, i) =>
        items.push({ file, index: i + 1, kind: "private-key", key: privateKeyLabel(() => createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" }), file), format: "PKCS#8 inside PKCS#12", encrypted: true }),
      );
    } else if (material.kind === "certificate" || material.kind === "pkcs7") {
      for (const cert of await certificatesFromMaterial([material], file)) add(cert);
    } else {
      items.push(describeOther(material, file, request.password));
    }
  }
}

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
    selfSigned: cert.selfIssued,
    derSize: cert.derSize,
    sha256: cert.sha256,
    notes: certificateNotes(cert),
  };
}

function describeOther(material: Material, file: string, password: string | undefined): InspectItem {
  const base = { file, index: material.index };
  try {
    switch (material.kind) {
      case "private-key":
      case "encrypted-private-key": {
        const encrypted = material.kind === "encrypted-private-key";
        if (encrypted && password === undefined) return { ...base, kind: "private-key", key: "(encrypted: pass --password to see the key type)", format: material.format, encrypted };
        return { ...base, kind: "private-key", key: privateKeyLabel(() => privateKeyFromItem(material, file, password), file), format: material.format, encrypted };
      }
      case "public-key":
        return { ...base, kind: "public-key", key: material.format === "RSA PUBLIC KEY" ? "RSA (PKCS#1)" : parsePublicKeyInfo(material.der).label };
      case "csr": {
        const csr = parseCsr(material.der);
        return { ...base, kind: "csr", subject: csr.subject.text, key: csr.publicKey.label, subjectAltNames: csr.subjectAltNames.map((n) => `${n.type.toUpperCase()}:${n.value}`) };
      }
      case "crl": {
        const crl = parseCrl(material.der);
        return {
          ...base,
          kind: "crl",
          issuer: crl.issuer.text,
          thisUpdate: crl.thisUpdate.toISOString(),
          nextUpdate: crl.nextUpdate?.toISOString(),
          revoked: crl.revokedCount,
          notes: ["a CRL whose thisUpdate is ahead of a server's clock fails in nginx with (11:CRL is not yet valid)"],
        };
      }
      default:
        return { ...base, kind: "other", what: material.format };
    }
  } catch (err) {
    // Only a damaged structure is the file's fault; any other error is a bug and stays one.
    if (!(err instanceof DerError)) throw err;
    throw new InputError(`${file}: item ${material.index} (${material.format}) cannot be read (${err.message}): the file is corrupted`);
  }
}

/** "ECDSA P-256", "RSA 2048": the label pkilab gives public keys, from the private key's public half. */
function privateKeyLabel(read: () => KeyObject, file: string): string {
  let key: KeyObject;
  try {
    key = read();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: the private key cannot be read: the file is corrupted`);
  }
  return parsePublicKeyInfo(new Uint8Array(createPublicKey(key).export({ type: "spki", format: "der" }))).label;
}
