import { children, expectTag, readWhole, Tag, timeValue } from "../asn1/der-reader.js";
import { parseName, type DistinguishedName } from "./name.js";

/** The parts of a CRL (RFC 5280 5.1) that matter for clock problems: who issued it and when it is valid. */
export interface CrlFacts {
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedCount: number;
}

export function parseCrl(der: Uint8Array): CrlFacts {
  const [tbs] = children(der, expectTag(readWhole(der), Tag.sequence, "CRL"));
  const fields = children(der, expectTag(tbs, Tag.sequence, "tbsCertList"));
  let i = fields[0]?.tag === Tag.integer ? 1 : 0; // version is optional
  i++; // signature AlgorithmIdentifier
  const issuer = parseName(der, fields[i++]);
  const thisUpdate = timeValue(der, fields[i++]);
  const next = fields[i];
  const nextUpdate = next && (next.tag === Tag.utcTime || next.tag === Tag.generalizedTime) ? timeValue(der, next) : undefined;
  if (nextUpdate) i++;
  const revoked = fields[i]?.tag === Tag.sequence ? children(der, fields[i]).length : 0;
  return { issuer, thisUpdate, nextUpdate, revokedCount: revoked };
}
