import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import {
  bitStringBytes,
  booleanValue,
  children,
  content,
  DerError,
  expectTag,
  integerHex,
  oidString,
  raw,
  readWhole,
  setBits,
  smallInteger,
  Tag,
  timeValue,
  type DerNode,
} from "../asn1/der-reader.js";
import { parseGeneralName, parseGeneralNames, type GeneralName } from "./general-name.js";
import { parseName, type DistinguishedName } from "./name.js";
import { parsePublicKeyInfo, type PublicKeyFacts } from "./public-key.js";
import { EXT, HASH_OIDS, KEY_USAGE_BITS, NS_CERT_TYPE_BITS, SIGNATURE_ALGORITHMS, type KeyUsage, type NsCertType } from "./oids.js";

export interface SignatureAlgorithm {
  oid: string;
  name: string;
  /** Key family that must have made the signature. */
  key: "rsa" | "rsa-pss" | "ec" | "ed25519" | "ed448" | "dsa" | "unknown";
  /** node:crypto digest name (undefined for EdDSA or unknown algorithms). */
  hash?: string;
  /** RSASSA-PSS salt length (RFC 4055 default 20). */
  pssSaltLength?: number;
}

export interface Extension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface GeneralSubtree {
  base: GeneralName;
}

/** Everything pkilab knows about one certificate, computed once from its DER. */
export interface CertFacts {
  /** Where it came from, for messages: "chain.pem#2". */
  source: string;
  der: Uint8Array;
  derSize: number;
  sha256: string;
  /** The signed part, and the signature over it. */
  tbs: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
  version: number;
  /** Serial as lowercase hex without leading zeros. */
  serial: string;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeyFacts;
  extensions: Extension[];
  basicConstraints?: { ca: boolean; pathLen?: number; critical: boolean };
  keyUsage?: Set<KeyUsage>;
  /** EKU OIDs; undefined when the extension is absent. */
  extKeyUsage?: string[];
  subjectAltNames?: GeneralName[];
  subjectKeyId?: string;
  authorityKeyId?: string;
  nameConstraints?: { permitted: GeneralSubtree[]; excluded: GeneralSubtree[] };
  nsCertType?: Set<NsCertType>;
  /** Extensions that occur more than once (RFC 5280 4.2: "MUST NOT include more than one instance"). */
  duplicateExtensions: string[];
  /** Subject and issuer names match (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  /** The issuer's key, imported once on first use. */
  keyObject(): KeyObject;
}

export class CertificateParseError extends Error {}

/** Parses one DER certificate (RFC 5280 4.1). Throws CertificateParseError with a short reason. */
export function parseCertificate(der: Uint8Array, source: string): CertFacts {
  try {
    return parse(der, source);
  } catch (err) {
    if (err instanceof DerError) throw new CertificateParseError(err.message);
    throw err;
  }
}

function parse(der: Uint8Array, source: string): CertFacts {
  const certificate = expectTag(readWhole(der), Tag.sequence, "certificate");
  const [tbsNode, algorithmNode, signatureNode] = children(der, certificate);
  if (!tbsNode || !algorithmNode || !signatureNode) throw new DerError("certificate: expected tbsCertificate, signatureAlgorithm, signature");
  const fields = children(der, expectTag(tbsNode, Tag.sequence, "tbsCertificate"));
  let i = 0;
  let version = 1;
  if (fields[i]?.tag === 0xa0) {
    const [versionNode] = children(der, fields[i]);
    version = smallInteger(der, versionNode) + 1;
    i++;
  }
  const [serialNode, innerAlgorithm, issuerNode, validityNode, subjectNode, spkiNode] = fields.slice(i, i + 6);
  if (!spkiNode) throw new DerError("tbsCertificate: missing fields");
  void innerAlgorithm;
  const [notBeforeNode, notAfterNode] = children(der, expectTag(validityNode, Tag.sequence, "validity"));
  if (!notAfterNode) throw new DerError("validity: missing notAfter");
  const issuer = parseName(der, issuerNode);
  const subject = parseName(der, subjectNode);
  const extensions: Extension[] = [];
  for (const field of fields.slice(i + 6)) {
    if (field.tag !== 0xa3) continue; // issuerUniqueID [1], subjectUniqueID [2]: not used
    const [list] = children(der, field);
    for (const ext of children(der, expectTag(list, Tag.sequence, "extensions"))) {
      const parts = children(der, expectTag(ext, Tag.sequence, "extension"));
      const critical = parts.length === 3 ? booleanValue(der, parts[1]) : false;
      const valueNode = expectTag(parts[parts.length - 1], Tag.octetString, "extension value");
      extensions.push({ oid: oidString(der, parts[0]), critical, value: content(der, valueNode) });
    }
  }
  const spki = raw(der, spkiNode);
  let key: KeyObject | undefined;
  const facts: CertFacts = {
    source,
    der,
    derSize: der.length,
    sha256: createHash("sha256").update(der).digest("hex"),
    tbs: raw(der, tbsNode),
    signatureAlgorithm: parseSignatureAlgorithm(der, algorithmNode),
    signature: bitStringBytes(der, signatureNode),
    version,
    serial: integerHex(der, serialNode),
    issuer,
    subject,
    notBefore: timeValue(der, notBeforeNode),
    notAfter: timeValue(der, notAfterNode),
    publicKey: parsePublicKeyInfo(spki),
    extensions,
    duplicateExtensions: extensions.map((e) => e.oid).filter((oid, i, all) => all.indexOf(oid) !== i),
    selfIssued: issuer.canonical === subject.canonical,
    keyObject: () => (key ??= createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" })),
  };
  for (const ext of extensions) readExtension(facts, ext);
  return facts;
}

/** Fills the typed field for the extensions pkilab understands. */
function readExtension(facts: CertFacts, ext: Extension): void {
  const buf = ext.value;
  const top = () => readWhole(buf);
  switch (ext.oid) {
    case EXT.basicConstraints: {
      const parts = children(buf, expectTag(top(), Tag.sequence, "basicConstraints"));
      let ca = false;
      let pathLen: number | undefined;
      for (const part of parts) {
        if (part.tag === Tag.boolean) ca = booleanValue(buf, part);
        else if (part.tag === Tag.integer) pathLen = smallInteger(buf, part);
      }
      facts.basicConstraints = { ca, pathLen, critical: ext.critical };
      break;
    }
    case EXT.keyUsage:
      facts.keyUsage = new Set(setBits(buf, top()).filter((bit) => bit < KEY_USAGE_BITS.length).map((bit) => KEY_USAGE_BITS[bit]));
      break;
    case EXT.extKeyUsage:
      facts.extKeyUsage = children(buf, expectTag(top(), Tag.sequence, "extKeyUsage")).map((node) => oidString(buf, node));
      break;
    case EXT.subjectAltName:
      facts.subjectAltNames = parseGeneralNames(buf, expectTag(top(), Tag.sequence, "subjectAltName"));
      break;
    case EXT.subjectKeyIdentifier:
      facts.subjectKeyId = Buffer.from(content(buf, expectTag(top(), Tag.octetString, "subjectKeyIdentifier"))).toString("hex");
      break;
    case EXT.authorityKeyIdentifier:
      for (const part of children(buf, expectTag(top(), Tag.sequence, "authorityKeyIdentifier"))) {
        if (part.tag === 0x80) facts.authorityKeyId = Buffer.from(content(buf, part)).toString("hex");
      }
      break;
    case EXT.nameConstraints: {
      const constraints = { permitted: [] as GeneralSubtree[], excluded: [] as GeneralSubtree[] };
      for (const part of children(buf, expectTag(top(), Tag.sequence, "nameConstraints"))) {
        const subtrees = children(buf, part).map((subtree) => {
          const [base] = children(buf, expectTag(subtree, Tag.sequence, "GeneralSubtree"));
          if (!base) throw new DerError("GeneralSubtree: empty");
          return { base: parseGeneralName(buf, base, true) };
        });
        if (part.tag === 0xa0) constraints.permitted.push(...subtrees);
        else if (part.tag === 0xa1) constraints.excluded.push(...subtrees);
      }
      facts.nameConstraints = constraints;
      break;
    }
    case EXT.nsCertType:
      facts.nsCertType = new Set(setBits(buf, top()).filter((bit) => bit < 8).map((bit) => NS_CERT_TYPE_BITS[bit]));
      break;
  }
}

function parseSignatureAlgorithm(buf: Uint8Array, node: DerNode): SignatureAlgorithm {
  const [oidNode, params] = children(buf, expectTag(node, Tag.sequence, "signatureAlgorithm"));
  const oid = oidString(buf, oidNode);
  const known = SIGNATURE_ALGORITHMS[oid];
  if (!known) return { oid, name: oid, key: "unknown" };
  const algorithm: SignatureAlgorithm = { oid, ...known };
  if (known.key === "rsa-pss") {
    // RSASSA-PSS-params (RFC 4055 3.1): hashAlgorithm [0] default SHA-1, saltLength [2] default 20.
    algorithm.hash = "sha1";
    algorithm.pssSaltLength = 20;
    if (params && params.tag === Tag.sequence) {
      for (const part of children(buf, params)) {
        const [inner] = children(buf, part);
        if (part.tag === 0xa0 && inner) algorithm.hash = HASH_OIDS[oidString(buf, children(buf, inner)[0])] ?? "unknown";
        if (part.tag === 0xa2 && inner) algorithm.pssSaltLength = smallInteger(buf, inner);
      }
    }
    algorithm.name = `rsassaPss (${algorithm.hash})`;
  }
  return algorithm;
}

/** "CN=alice, O=pkilab lab" of the subject, for messages. */
export function describe(cert: CertFacts): string {
  return cert.subject.text || "(empty subject)";
}
