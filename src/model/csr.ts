import { children, DerError, expectTag, oidString, readWhole, raw, Tag } from "../asn1/der-reader.js";
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
  const [info] = children(der, expectTag(readWhole(der), Tag.sequence, "CSR"));
  const [, subjectNode, spkiNode, attributes] = children(der, expectTag(info, Tag.sequence, "CertificationRequestInfo"));
  if (!spkiNode) throw new DerError("CSR: missing fields");
  const subjectAltNames: GeneralName[] = [];
  if (attributes?.tag === 0xa0) {
    for (const attribute of children(der, attributes)) {
      const [type, values] = children(der, attribute);
      if (!type || !values || oidString(der, type) !== EXTENSION_REQUEST) continue;
      for (const extensions of children(der, values)) {
        for (const ext of children(der, extensions)) {
          const parts = children(der, ext);
          if (oidString(der, parts[0]) !== EXT.subjectAltName) continue;
          const value = parts[parts.length - 1];
          const inner = der.subarray(value.contentStart, value.end);
          subjectAltNames.push(...parseGeneralNames(inner, readWhole(inner)));
        }
      }
    }
  }
  return { subject: parseName(der, subjectNode), publicKey: parsePublicKeyInfo(raw(der, spkiNode)), subjectAltNames };
}
