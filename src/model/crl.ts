import { children, countChildren, expectChildren, expectTag, readWhole, Tag, timeValue } from "../asn1/der-reader.js";
import { parseName, type DistinguishedName } from "./name.js";

/** The parts of a CRL (RFC 5280 5.1) that matter for clock problems: who issued it and when it is valid. */
export interface CrlFacts {
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate?: Date;
  revokedCount: number;
}

export function parseCrl(der: Uint8Array): CrlFacts {
  const [tbs] = expectChildren(der, readWhole(der), Tag.sequence, "CRL", ["tbsCertList"]);
  // TBSCertList ::= SEQUENCE { version OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL, revokedCertificates OPTIONAL, [0] crlExtensions OPTIONAL }
  const fields = children(der, expectTag(tbs, Tag.sequence, "tbsCertList"), "tbsCertList");
  let i = fields[0]?.tag === Tag.integer ? 1 : 0;
  i++; // signature AlgorithmIdentifier
  const issuer = parseName(der, fields[i++], "CRL issuer");
  const thisUpdate = timeValue(der, fields[i++], "thisUpdate");
  const next = fields[i];
  const nextUpdate = next && (next.tag === Tag.utcTime || next.tag === Tag.generalizedTime) ? timeValue(der, next, "nextUpdate") : undefined;
  if (nextUpdate) i++;
  // Counted, not listed: a large CA's CRL holds more entries than DER_LIMITS.maxChildren.
  const revoked = fields[i]?.tag === Tag.sequence ? countChildren(der, fields[i], "revokedCertificates") : 0;
  return { issuer, thisUpdate, nextUpdate, revokedCount: revoked };
}
