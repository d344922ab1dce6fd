import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import {
  bitStringBytes,
  booleanValue,
  children,
  content,
  DerError,
  expectChildren,
  recordDeviations,
  expectTag,
  integerHex,
  oidString,
  raw,
  readWhole,
  setBits,
  smallInteger,
  Tag,
  timeValue,
  type DerDeviation,
  type DerNode,
} from "../asn1/der-reader.js";
import type { AuxTrust } from "./aux-trust.js";
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
  /** Serial as lowercase hex without leading zeros (the INTEGER's two's-complement octets: a negative serial reads as its octets). */
  serial: string;
  /**
   * The serialNumber INTEGER is negative: its first content octet has the top bit set (X.690 8.3.3),
   * which RFC 5280 4.1.2.2 forbids ("MUST be a positive integer") and users "SHOULD" tolerate. Go 1.23
   * and later refuse such a certificate (go-negative-serial); OpenSSL 3.0 accepts it (`openssl x509`
   * prints "Serial Number: -5 (-0x5)", `openssl verify -x509_strict` passes), and mbedTLS keeps the
   * serial as raw octets (Mbed-TLS/mbedtls v2.28/v3.6 library/x509.c mbedtls_x509_get_serial()).
   */
  serialNegative: boolean;
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
  /**
   * The non-DER encodings the parse tolerated (BER forms that read the same), offsets into `der`;
   * empty for a DER certificate. Covers the values pkilab reads, not the inside of extensions it
   * does not know. Lint rule non-der-encoding reports them per peer.
   */
  derDeviations: DerDeviation[];
  /**
   * OpenSSL trust settings, when the certificate was read from a "TRUSTED CERTIFICATE" PEM block
   * (src/model/aux-trust.ts; empty lists when the block has none). Set by the reader, not the parser.
   */
  auxTrust?: AuxTrust;
  /** Subject and issuer names match (RFC 5280 "self-issued"). */
  selfIssued: boolean;
  /** The issuer's key, imported once on first use. */
  keyObject(): KeyObject;
}

export class CertificateParseError extends Error {
  constructor(
    message: string,
    /** The DER_LIMITS entry the certificate is past, when it is well-formed but too big (DerError.limit). */
    readonly limit?: DerError["limit"],
  ) {
    super(message);
  }
}

/** Parses one DER certificate (RFC 5280 4.1). Throws CertificateParseError with a short reason. */
export function parseCertificate(der: Uint8Array, source: string): CertFacts {
  try {
    const { value: facts, deviations } = recordDeviations(der, () => parse(der, source));
    facts.derDeviations = deviations;
    return facts;
  } catch (err) {
    if (err instanceof DerError) throw new CertificateParseError(err.message, err.limit);
    throw err;
  }
}

/** The fields of tbsCertificate after its optional version, in order (RFC 5280 4.1). */
const TBS_FIELDS = ["serialNumber", "signature", "issuer", "validity", "subject", "subjectPublicKeyInfo"] as const;

function parse(der: Uint8Array, source: string): CertFacts {
  const [tbsNode, algorithmNode, signatureNode] = expectChildren(der, readWhole(der), Tag.sequence, "certificate", [
    "tbsCertificate",
    "signatureAlgorithm",
    "signature",
  ]);
  const fields = children(der, expectTag(tbsNode, Tag.sequence, "tbsCertificate"), "tbsCertificate");
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const [versionNode] = expectChildren(der, fields[0], 0xa0, "version [0]", ["version"]);
    version = smallInteger(der, versionNode, "version") + 1;
    i++;
  }
  const [serialNode, , issuerNode, validityNode, subjectNode, spkiNode] = fields.slice(i, i + 6);
  if (!spkiNode) throw new DerError(`tbsCertificate: missing ${TBS_FIELDS[fields.length - i]}`);
  const [notBeforeNode, notAfterNode] = expectChildren(der, validityNode, Tag.sequence, "validity", ["notBefore", "notAfter"]);
  const issuer = parseName(der, issuerNode, "issuer");
  const subject = parseName(der, subjectNode, "subject");
  const extensions: Extension[] = [];
  for (const field of fields.slice(i + 6)) {
    if (field.tag !== 0xa3) continue; // issuerUniqueID [1], subjectUniqueID [2]: not used
    const [list] = expectChildren(der, field, 0xa3, "extensions [3]", ["extensions"]);
    for (const ext of children(der, expectTag(list, Tag.sequence, "extensions"), "extensions")) extensions.push(parseExtension(der, ext));
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
    signature: bitStringBytes(der, signatureNode, "signature"),
    version,
    serial: integerHex(der, serialNode, "serialNumber"),
    // Read after `serial`: integerHex has checked that serialNode is an INTEGER with a content octet.
    serialNegative: (der[serialNode!.contentStart]! & 0x80) !== 0,
    issuer,
    subject,
    notBefore: timeValue(der, notBeforeNode, "notBefore"),
    notAfter: timeValue(der, notAfterNode, "notAfter"),
    publicKey: parsePublicKeyInfo(spki),
    extensions,
    duplicateExtensions: repeatedOids(extensions),
    derDeviations: [],
    selfIssued: issuer.canonical === subject.canonical,
    keyObject: () => (key ??= createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" })),
  };
  for (const ext of extensions) readExtension(facts, ext);
  return facts;
}

/**
 * Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 * (RFC 5280 4.1), in a certificate or a CSR's extensionRequest.
 */
export function parseExtension(der: Uint8Array, node: DerNode): Extension {
  const parts = expectChildren(der, node, Tag.sequence, "extension", ["extnID", "extnValue"]);
  const [oidNode, second, third] = parts;
  if (parts.length > 3) throw new DerError("extension: more than extnID, critical, extnValue");
  const oid = oidString(der, oidNode, "extnID");
  const valueNode = expectTag(third ?? second, Tag.octetString, `extension ${oid}: extnValue`);
  const critical = third ? booleanValue(der, second, `extension ${oid}: critical`) : false;
  return { oid, critical, value: content(der, valueNode) };
}

/** The extension OIDs that occur more than once, each listed once per repeat (in order). */
function repeatedOids(extensions: Extension[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  // An index loop over the extensions themselves: a for-of over a fresh `map()` array made V8
  // throw away parse()'s optimized code once per run ("wrong map", --trace-deopt; ~30 ms to compile again).
  for (let i = 0; i < extensions.length; i++) {
    const oid = (extensions[i] as Extension).oid;
    if (seen.has(oid)) repeated.push(oid);
    else seen.add(oid);
  }
  return repeated;
}

/** Fills the typed field for the extensions pkilab understands. */
function readExtension(facts: CertFacts, ext: Extension): void {
  const buf = ext.value;
  const top = () => readWhole(buf);
  switch (ext.oid) {
    case EXT.basicConstraints: {
      const parts = children(buf, expectTag(top(), Tag.sequence, "basicConstraints"), "basicConstraints");
      let ca = false;
      let pathLen: number | undefined;
      for (const part of parts) {
        if (part.tag === Tag.boolean) ca = booleanValue(buf, part, "basicConstraints cA");
        else if (part.tag === Tag.integer) pathLen = smallInteger(buf, part, "basicConstraints pathLenConstraint");
      }
      facts.basicConstraints = { ca, pathLen, critical: ext.critical };
      break;
    }
    case EXT.keyUsage:
      facts.keyUsage = namedBitSet(setBits(buf, top(), "keyUsage"), KEY_USAGE_BITS);
      break;
    case EXT.extKeyUsage:
      facts.extKeyUsage = children(buf, expectTag(top(), Tag.sequence, "extKeyUsage"), "extKeyUsage").map((node) => oidString(buf, node, "extKeyUsage"));
      break;
    case EXT.subjectAltName:
      facts.subjectAltNames = parseGeneralNames(buf, expectTag(top(), Tag.sequence, "subjectAltName"), "subjectAltName");
      break;
    case EXT.subjectKeyIdentifier:
      facts.subjectKeyId = Buffer.from(content(buf, expectTag(top(), Tag.octetString, "subjectKeyIdentifier"))).toString("hex");
      break;
    case EXT.authorityKeyIdentifier:
      for (const part of children(buf, expectTag(top(), Tag.sequence, "authorityKeyIdentifier"), "authorityKeyIdentifier")) {
        if (part.tag === 0x80) facts.authorityKeyId = Buffer.from(content(buf, part)).toString("hex");
      }
      break;
    case EXT.nameConstraints: {
      const constraints = { permitted: [] as GeneralSubtree[], excluded: [] as GeneralSubtree[] };
      for (const part of children(buf, expectTag(top(), Tag.sequence, "nameConstraints"), "nameConstraints")) {
        // A loop, not push(...subtrees): a spread of a long list overflows the stack.
        const into = part.tag === 0xa0 ? constraints.permitted : part.tag === 0xa1 ? constraints.excluded : undefined;
        if (!into) continue;
        for (const subtree of children(buf, part, "nameConstraints subtrees")) {
          const [base] = expectChildren(buf, subtree, Tag.sequence, "GeneralSubtree", ["base"]);
          into.push({ base: parseGeneralName(buf, base, true) });
        }
      }
      facts.nameConstraints = constraints;
      break;
    }
    case EXT.nsCertType:
      facts.nsCertType = namedBitSet(setBits(buf, top(), "nsCertType"), NS_CERT_TYPE_BITS);
      break;
  }
}

/** The names of the set bits that `names` knows (bits past its end are ignored). */
function namedBitSet<Name extends string>(bits: number[], names: readonly Name[]): Set<Name> {
  const set = new Set<Name>();
  for (const bit of bits) {
    const name = names[bit];
    if (name !== undefined) set.add(name);
  }
  return set;
}

export function parseSignatureAlgorithm(buf: Uint8Array, node: DerNode): SignatureAlgorithm {
  const [oidNode, params] = expectChildren(buf, node, Tag.sequence, "signatureAlgorithm", ["algorithm"]);
  const oid = oidString(buf, oidNode, "signatureAlgorithm");
  const known = SIGNATURE_ALGORITHMS[oid];
  if (!known) return { oid, name: oid, key: "unknown" };
  const algorithm: SignatureAlgorithm = { oid, ...known };
  if (known.key === "rsa-pss") {
    // RSASSA-PSS-params (RFC 4055 3.1): hashAlgorithm [0] default SHA-1, saltLength [2] default 20.
    algorithm.hash = "sha1";
    algorithm.pssSaltLength = 20;
    if (params && params.tag === Tag.sequence) {
      for (const part of children(buf, params, "RSASSA-PSS-params")) {
        if (part.tag === 0xa0) {
          const [hashAlgorithm] = expectChildren(buf, part, 0xa0, "RSASSA-PSS-params hashAlgorithm [0]", ["hashAlgorithm"]);
          const [hashOid] = expectChildren(buf, hashAlgorithm, Tag.sequence, "RSASSA-PSS-params hashAlgorithm", ["algorithm"]);
          algorithm.hash = HASH_OIDS[oidString(buf, hashOid, "RSASSA-PSS-params hashAlgorithm")] ?? "unknown";
        } else if (part.tag === 0xa2) {
          const [saltLength] = expectChildren(buf, part, 0xa2, "RSASSA-PSS-params saltLength [2]", ["saltLength"]);
          algorithm.pssSaltLength = smallInteger(buf, saltLength, "RSASSA-PSS-params saltLength");
        }
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
