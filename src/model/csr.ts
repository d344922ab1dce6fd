import { children, expectChildren, expectTag, oidString, readWhole, raw, Tag } from "../asn1/der-reader.js";
import { parseExtension } from "./certificate.js";
import { parseGeneralNames, type GeneralName } from "./general-name.js";
import { parseName, type DistinguishedName } from "./name.js";
import { EXT } from "./oids.js";
import { parsePublicKeyInfo, type PublicKeyFacts } from "./public-key.js";

/** What a certificate signing request (PKCS#10, RFC 2986) asks for. */
export interface CsrFacts {
  subject: DistinguishedName;
  publicKey: PublicKeyFacts;
  /** SANs requested in the extensionRequest attribute. */
  subjectAltNames: GeneralName[];
}

const EXTENSION_REQUEST = "1.2.840.113549.1.9.14";

export function parseCsr(der: Uint8Array): CsrFacts {
  const [info] = expectChildren(der, readWhole(der), Tag.sequence, "CSR", ["certificationRequestInfo"]);
  const [, subjectNode, spkiNode, attributes] = expectChildren(der, info, Tag.sequence, "CertificationRequestInfo", ["version", "subject", "subjectPKInfo"]);
  const subjectAltNames: GeneralName[] = [];
  if (attributes?.tag === 0xa0) {
    for (const attribute of children(der, attributes, "CSR attributes")) {
      const [type, values] = expectChildren(der, attribute, Tag.sequence, "CSR attribute", ["type", "values"]);
      if (oidString(der, type, "CSR attribute type") !== EXTENSION_REQUEST) continue;
      for (const extensions of children(der, expectTag(values, Tag.set, "extensionRequest values"), "extensionRequest values")) {
        for (const node of children(der, expectTag(extensions, Tag.sequence, "extensionRequest"), "extensionRequest")) {
          const ext = parseExtension(der, node);
          if (ext.oid !== EXT.subjectAltName) continue;
          // A loop, not push(...names): a spread of a long list overflows the stack.
          for (const name of parseGeneralNames(ext.value, expectTag(readWhole(ext.value), Tag.sequence, "subjectAltName"), "subjectAltName")) {
            subjectAltNames.push(name);
          }
        }
      }
    }
  }
  return { subject: parseName(der, subjectNode, "subject"), publicKey: parsePublicKeyInfo(raw(der, spkiNode)), subjectAltNames };
}
