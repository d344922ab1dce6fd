import {
  bitStringBytes,
  children,
  content,
  DerError,
  expectChildren,
  expectTag,
  integerHex,
  raw,
  readNode,
  readWhole,
  smallInteger,
  Tag,
  timeValue,
  type DerNode,
} from "../asn1/der-reader.js";
import { parseExtension, parseSignatureAlgorithm, type CertFacts, type Extension, type SignatureAlgorithm } from "./certificate.js";
import { parseName, type DistinguishedName } from "./name.js";
import { EXT } from "./oids.js";

/** CRL and CRL entry extensions (RFC 5280 5.2, 5.3). */
export const CRL_EXT = {
  crlNumber: "2.5.29.20",
  reasonCode: "2.5.29.21",
  deltaCrlIndicator: "2.5.29.27",
  issuingDistributionPoint: "2.5.29.28",
  certificateIssuer: "2.5.29.29",
} as const;

/**
 * CRLReason (RFC 5280 5.3.1). 7 is unused; removeFromCRL (8) only appears in delta CRLs and means
 * "no longer revoked" (OpenSSL cert_crl() in crypto/x509/x509_vfy.c skips such an entry).
 */
export const CRL_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "unused-7",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
] as const;
export type CrlReason = (typeof CRL_REASONS)[number];

/** One revokedCertificates entry (RFC 5280 5.1.2.6). */
export interface RevokedEntry {
  revocationDate: Date;
  /** The reasonCode entry extension (RFC 5280 5.3.1); undefined when absent or not a known value. */
  reasonCode?: CrlReason;
}

/** issuingDistributionPoint (RFC 5280 5.2.5): the CRL's scope. */
export interface IssuingDistributionPoint {
  /** A distributionPoint name is present: only certificates naming it in their CRLDP are covered. */
  hasDistributionPoint: boolean;
  /** Its fullName GeneralNames, each as the hex of its DER (empty for a nameRelativeToCRLIssuer). */
  fullNames: string[];
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  /** onlySomeReasons present: a partial CRL (OpenSSL needs extended CRL support for it). */
  onlySomeReasons: boolean;
  indirectCRL: boolean;
  onlyContainsAttributeCerts: boolean;
}

/** A CRL (RFC 5280 5.1), parsed once: what the chain checks and inspect need. */
export interface CrlFacts {
  /** 1 or 2 (the version field is absent in v1). */
  version: number;
  /** The signed part, and the signature over it (verified by src/chain/crl.ts). */
  tbs: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** How many entries the revokedCertificates list holds (duplicates included). */
  revokedCount: number;
  /**
   * The entries by serial (lowercase hex without leading zeros, as CertFacts.serial), for O(1)
   * lookup: a large CA's CRL holds more entries than DER_LIMITS.maxChildren (the list is walked, not
   * collected with children()). The first entry of a repeated serial is kept.
   */
  revoked: ReadonlyMap<string, RevokedEntry>;
  extensions: Extension[];
  /** authorityKeyIdentifier keyIdentifier (hex) and authorityCertSerialNumber (hex), when present. */
  authorityKeyId?: string;
  authorityCertSerial?: string;
  /** cRLNumber as hex (RFC 5280 5.2.3). */
  crlNumber?: string;
  /** deltaCRLIndicator's BaseCRLNumber as hex: this is a delta CRL (RFC 5280 5.2.4). */
  baseCrlNumber?: string;
  issuingDistributionPoint?: IssuingDistributionPoint;
  /**
   * A critical extension OpenSSL does not handle, on the CRL or on an entry (crypto/x509/x_crl.c
   * crl_cb() sets EXFLAG_CRITICAL for any critical CRL extension but issuingDistributionPoint,
   * authorityKeyIdentifier and deltaCRLIndicator; crl_set_issuers() for any critical entry
   * extension but certificateIssuer). Such a CRL fails with OpenSSL 36.
   */
  unhandledCriticalExtensions: string[];
}

/** The CRL extensions OpenSSL handles when critical (crypto/x509/x_crl.c crl_cb()). */
const OPENSSL_HANDLED_CRITICAL_CRL = new Set<string>([CRL_EXT.issuingDistributionPoint, EXT.authorityKeyIdentifier, CRL_EXT.deltaCrlIndicator]);

export function parseCrl(der: Uint8Array): CrlFacts {
  const [tbsNode, algorithmNode, signatureNode] = expectChildren(der, readWhole(der), Tag.sequence, "CRL", ["tbsCertList", "signatureAlgorithm", "signature"]);
  // TBSCertList ::= SEQUENCE { version OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL, revokedCertificates OPTIONAL, [0] crlExtensions OPTIONAL }
  const fields = children(der, expectTag(tbsNode, Tag.sequence, "tbsCertList"), "tbsCertList");
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === Tag.integer) version = smallInteger(der, fields[i++], "CRL version") + 1;
  i++; // signature AlgorithmIdentifier (the outer one is the one verified, as OpenSSL does)
  const issuer = parseName(der, fields[i++], "CRL issuer");
  const thisUpdate = timeValue(der, fields[i++], "thisUpdate");
  const next = fields[i];
  const nextUpdate = next && (next.tag === Tag.utcTime || next.tag === Tag.generalizedTime) ? timeValue(der, next, "nextUpdate") : undefined;
  if (nextUpdate) i++;
  const unhandledCriticalExtensions: string[] = [];
  const revoked = new Map<string, RevokedEntry>();
  let revokedCount = 0;
  const revokedNode = fields[i];
  if (revokedNode?.tag === Tag.sequence) {
    revokedCount = readRevoked(der, revokedNode, revoked, unhandledCriticalExtensions);
    i++;
  }
  const facts: CrlFacts = {
    version,
    tbs: raw(der, tbsNode),
    signatureAlgorithm: parseSignatureAlgorithm(der, algorithmNode),
    signature: bitStringBytes(der, signatureNode, "CRL signature"),
    issuer,
    thisUpdate,
    nextUpdate,
    revokedCount,
    revoked,
    extensions: [],
    unhandledCriticalExtensions,
  };
  const extensionsNode = fields[i];
  if (extensionsNode?.tag === 0xa0) {
    const [list] = expectChildren(der, extensionsNode, 0xa0, "crlExtensions [0]", ["crlExtensions"]);
    for (const node of children(der, expectTag(list, Tag.sequence, "crlExtensions"), "crlExtensions")) {
      const ext = parseExtension(der, node);
      facts.extensions.push(ext);
      readCrlExtension(facts, ext);
      if (ext.critical && !OPENSSL_HANDLED_CRITICAL_CRL.has(ext.oid)) unhandledCriticalExtensions.push(ext.oid);
    }
  }
  return facts;
}

/**
 * Walks revokedCertificates without collecting its nodes (it may be longer than
 * DER_LIMITS.maxChildren); each entry is read and kept in `into` by serial. Returns the count.
 */
function readRevoked(der: Uint8Array, list: DerNode, into: Map<string, RevokedEntry>, unhandledCritical: string[]): number {
  let count = 0;
  for (let offset = list.contentStart; offset < list.end; count++) {
    const node = readNode(der, offset, list.end);
    offset = node.end;
    const [serialNode, dateNode, extensionsNode] = expectChildren(der, node, Tag.sequence, "revoked entry", ["userCertificate", "revocationDate"]);
    const serial = integerHex(der, serialNode, "revoked entry serial");
    const entry: RevokedEntry = { revocationDate: timeValue(der, dateNode, "revocationDate") };
    if (extensionsNode) {
      for (const extNode of children(der, expectTag(extensionsNode, Tag.sequence, "crlEntryExtensions"), "crlEntryExtensions")) {
        const ext = parseExtension(der, extNode);
        if (ext.oid === CRL_EXT.reasonCode) entry.reasonCode = reasonCode(ext.value);
        // Only certificateIssuer is handled when critical (crypto/x509/x_crl.c crl_set_issuers()).
        if (ext.critical && ext.oid !== CRL_EXT.certificateIssuer && !unhandledCritical.includes(ext.oid)) unhandledCritical.push(ext.oid);
      }
    }
    if (!into.has(serial)) into.set(serial, entry);
  }
  return count;
}

/** CRLReason ::= ENUMERATED (tag 0x0a). */
function reasonCode(value: Uint8Array): CrlReason | undefined {
  const node = expectTag(readWhole(value), 0x0a, "reasonCode");
  const bytes = content(value, node, "reasonCode");
  return bytes.length === 1 && bytes[0] !== undefined ? CRL_REASONS[bytes[0]] : undefined;
}

function readCrlExtension(facts: CrlFacts, ext: Extension): void {
  const buf = ext.value;
  const top = () => readWhole(buf);
  switch (ext.oid) {
    case EXT.authorityKeyIdentifier:
      for (const part of children(buf, expectTag(top(), Tag.sequence, "authorityKeyIdentifier"), "authorityKeyIdentifier")) {
        if (part.tag === 0x80) facts.authorityKeyId = Buffer.from(content(buf, part)).toString("hex");
        // authorityCertSerialNumber [2] IMPLICIT INTEGER: read as an INTEGER by retagging.
        if (part.tag === 0x82) facts.authorityCertSerial = integerHex(buf, { ...part, tag: Tag.integer }, "authorityCertSerialNumber");
      }
      break;
    case CRL_EXT.crlNumber:
      facts.crlNumber = integerHex(buf, top(), "cRLNumber");
      break;
    case CRL_EXT.deltaCrlIndicator:
      facts.baseCrlNumber = integerHex(buf, top(), "deltaCRLIndicator");
      break;
    case CRL_EXT.issuingDistributionPoint:
      facts.issuingDistributionPoint = parseIdp(buf, top());
      break;
  }
}

/**
 * IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0], onlyContainsUserCerts [1] BOOLEAN,
 * onlyContainsCACerts [2] BOOLEAN, onlySomeReasons [3], indirectCRL [4] BOOLEAN,
 * onlyContainsAttributeCerts [5] BOOLEAN } (RFC 5280 5.2.5), all optional, booleans DEFAULT FALSE.
 */
function parseIdp(buf: Uint8Array, node: DerNode): IssuingDistributionPoint {
  const idp: IssuingDistributionPoint = {
    hasDistributionPoint: false,
    fullNames: [],
    onlyContainsUserCerts: false,
    onlyContainsCACerts: false,
    onlySomeReasons: false,
    indirectCRL: false,
    onlyContainsAttributeCerts: false,
  };
  const flag = (part: DerNode) => {
    const bytes = content(buf, part);
    return bytes.length === 1 && bytes[0] !== 0;
  };
  for (const part of children(buf, expectTag(node, Tag.sequence, "issuingDistributionPoint"), "issuingDistributionPoint")) {
    if (part.tag === 0xa0) {
      idp.hasDistributionPoint = true;
      idp.fullNames = fullNames(buf, part);
    }
    else if (part.tag === 0x81) idp.onlyContainsUserCerts = flag(part);
    else if (part.tag === 0x82) idp.onlyContainsCACerts = flag(part);
    else if (part.tag === 0x83) idp.onlySomeReasons = true;
    else if (part.tag === 0x84) idp.indirectCRL = flag(part);
    else if (part.tag === 0x85) idp.onlyContainsAttributeCerts = flag(part);
  }
  return idp;
}

/** The fullName [0] GeneralNames of a DistributionPointName wrapped in `[0]`, as hex of each name's DER. */
function fullNames(buf: Uint8Array, wrapper: DerNode): string[] {
  const [name] = children(buf, wrapper, "distributionPoint");
  if (name?.tag !== 0xa0) return [];
  return children(buf, name, "fullName").map((general) => Buffer.from(raw(buf, general)).toString("hex"));
}

/** One DistributionPoint of a certificate's cRLDistributionPoints (RFC 5280 4.2.1.13). */
export interface CertDistributionPoint {
  /** fullName GeneralNames as hex of each name's DER; undefined without a distributionPoint name. */
  fullNames?: string[];
  /** A cRLIssuer is named: the CRL is an indirect one. */
  hasCrlIssuer: boolean;
}

/**
 * The certificate's distribution points, read from its raw extension; a malformed one reads as
 * none (OpenSSL would have refused the certificate's extensions already).
 */
export function certDistributionPoints(cert: Pick<CertFacts, "extensions">): CertDistributionPoint[] {
  const ext = cert.extensions.find((e) => e.oid === EXT.crlDistributionPoints);
  if (!ext) return [];
  const buf = ext.value;
  try {
    return children(buf, expectTag(readWhole(buf), Tag.sequence, "cRLDistributionPoints"), "cRLDistributionPoints").map((dp) => {
      const parts = children(buf, expectTag(dp, Tag.sequence, "DistributionPoint"), "DistributionPoint");
      const name = parts.find((part) => part.tag === 0xa0);
      return { fullNames: name ? fullNames(buf, name) : undefined, hasCrlIssuer: parts.some((part) => part.tag === 0xa2) };
    });
  } catch (err) {
    if (err instanceof DerError) return [];
    throw err;
  }
}
