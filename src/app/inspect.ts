import { InputError } from "../io/input-error.js";
import { certificatesFromMaterial, parseCertificateItem, readBytes, readMaterial } from "../io/read.js";
import { describeItem, pkcs12PrivateKeyItem, summarize } from "../inspect/items.js";
import type { InspectItem, InspectReport } from "../inspect/report.js";
import type { CertFacts } from "../model/certificate.js";
import type { CrlInput } from "../inspect/tree.js";

export interface InspectRequest {
  files: string[];
  at: Date;
  password?: string;
}

/** Reads every file and says what it holds. Certificates and CRLs are also returned, for --tree. */
export async function inspectFiles(request: InspectRequest): Promise<{ report: InspectReport; certificates: CertFacts[]; crls: CrlInput[] }> {
  const items: InspectItem[] = [];
  const certificates: CertFacts[] = [];
  const crls: CrlInput[] = [];
  const add = (cert: CertFacts) => {
    certificates.push(cert);
    items.push({ file: cert.source.replace(/#\d+$/, ""), index: Number(/#(\d+)$/.exec(cert.source)?.[1] ?? 1), kind: "certificate", certificate: summarize(cert, request.at) });
  };
  const errors: InspectReport["errors"] = [];
  for (const file of request.files) {
    // One bad file must not hide what the others hold: its items are dropped, its error kept.
    const before = { items: items.length, certificates: certificates.length, crls: crls.length };
    try {
      await inspectFile(file, request, items, add, crls);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      items.length = before.items;
      certificates.length = before.certificates;
      crls.length = before.crls;
      errors.push({ file, message: err.message });
    }
  }
  return { report: { at: request.at.toISOString(), items, errors }, certificates, crls };
}

async function inspectFile(file: string, request: InspectRequest, items: InspectItem[], add: (cert: CertFacts) => void, crls: CrlInput[]): Promise<void> {
  const bytes = readBytes(file);
  const materials = readMaterial(bytes, file);
  for (const material of materials) {
    if (material.kind === "pkcs12") {
      const { readPkcs12 } = await import("../io/pkcs12.js");
      const contents = await readPkcs12(material.der, file, request.password);
      contents.certificates.forEach((der, i) => add(parseCertificateItem(der, file, i + 1)));
      contents.privateKeys.forEach((der, i) => items.push(pkcs12PrivateKeyItem(der, file, i + 1)));
    } else if (material.kind === "certificate" || material.kind === "pkcs7") {
      for (const cert of await certificatesFromMaterial([material], file)) add(cert);
    } else {
      const { item, crl } = describeItem(material, file, request.password, request.at);
      items.push(item);
      if (crl) crls.push({ crl, source: `${file}#${material.index}` });
    }
  }
}
