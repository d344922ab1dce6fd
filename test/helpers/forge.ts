// A test-only certificate forge: builds any X.509 certificate a lint rule or chain check needs,
// including the broken ones pkilab itself never issues (weak keys, SHA-1, duplicate or unknown
// critical extensions, explicit EC parameters, a signature by the wrong key). It encodes with
// src/asn1/der-writer.ts and signs with node:crypto, and returns the parsed facts as well, so a
// test can hand the certificate straight to the chain engine or the linter.
import { constants, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import * as der from "../../src/asn1/der-writer.js";
import { parseCertificate, type CertFacts } from "../../src/model/certificate.js";
import { EXT, KEY_USAGE_BITS, NS_CERT_TYPE_BITS, type KeyUsage, type NsCertType } from "../../src/model/oids.js";
import { toPem } from "../../src/model/pem.js";
import { keyIdentifier } from "../../src/pki/certificate.js";

/**
 * Key types the forge can make. P-192 is there for weak-key cases (Node 20's OpenSSL has prime192v1);
 * P-224 and secp256k1 for mbedTLS, whose 2.28 default X.509 profile accepts them and 3.6's refuses.
 */
export type KeySpec = "rsa1024" | "rsa2048" | "p192" | "p224" | "p256" | "p384" | "p521" | "secp256k1" | "ed25519";
export type HashName = "sha1" | "sha224" | "sha256" | "sha384" | "sha512";

export interface ForgeKey {
  spec: KeySpec;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A name with at most an O and a CN (encoded O first, then CN, as pkilab does); {} is the empty name. */
export interface NameSpec {
  cn?: string;
  o?: string;
}

/** One subjectAltName entry; `ip` is text ("192.0.2.1", "2001:db8::1"). */
export type SanEntry = { dns: string } | { ip: string } | { email: string } | { uri: string };

/** An extension given as bytes: unknown OIDs, duplicates, or anything the typed options cannot say. */
export interface RawExtension {
  oid: string;
  critical?: boolean;
  /** The DER inside the extnValue OCTET STRING. */
  value: Uint8Array;
}

export interface ForgeOptions {
  subject: NameSpec;
  /** The issuing certificate; absent = self-signed. */
  issuer?: Forged;
  /** The subject's key, or a spec to generate a fresh one (default "p256"). */
  key?: ForgeKey | KeySpec;
  /** Default: 16 random bytes, positive. */
  serial?: bigint;
  notBefore: Date | string;
  notAfter: Date | string;
  /** Signature digest; default by the signer's key: SHA-256, SHA-384 for P-384, SHA-512 for P-521 (none for Ed25519). */
  hash?: HashName;
  /** RSASSA-PSS instead of PKCS#1 v1.5 (RSA signers only); salt length = digest length. */
  pss?: boolean;
  /** 1 = an X.509 v1 certificate (no version field, no extensions). Default 3. */
  version?: 1 | 3;
  /** Default critical. Absent = no extension. */
  basicConstraints?: { ca: boolean; pathLen?: number; critical?: boolean };
  /** Usage names (default critical), or the names and the critical flag. */
  keyUsage?: KeyUsage[] | { usages: KeyUsage[]; critical: boolean };
  /** EKU OIDs (src/model/oids.ts EKU), non-critical. */
  extKeyUsage?: string[];
  /** subjectAltName entries, non-critical. */
  subjectAltNames?: SanEntry[];
  /** Default true (false for v1). */
  subjectKeyId?: boolean;
  /** Default true when issued by another certificate, false when self-signed (as pkilab does) or v1. */
  authorityKeyId?: boolean;
  /** Netscape cert type bits, non-critical. */
  nsCertType?: NsCertType[];
  /** DNS name constraints (default critical, as RFC 5280 4.2.1.10 requires). */
  nameConstraints?: { permitted?: string[]; excluded?: string[]; critical?: boolean };
  /** Appended after the typed extensions, in order (so an OID may repeat a typed one). */
  extensions?: RawExtension[];
  /** Encode the P-256 key with explicit curve parameters instead of the named-curve OID. */
  explicitCurve?: boolean;
  /** Sign with a fresh key of the issuer's type instead of the issuer's key (names and AKI unchanged). */
  wrongSigner?: boolean;
}

export interface Forged {
  der: Uint8Array;
  pem: string;
  /** The certificate as pkilab parses it. */
  facts: CertFacts;
  key: ForgeKey;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const CURVE_NAMES: Partial<Record<KeySpec, string>> = { p192: "prime192v1", p224: "secp224r1", p256: "prime256v1", p384: "secp384r1", p521: "secp521r1", secp256k1: "secp256k1" };

/** A fresh key pair of the given type. */
export function forgeKey(spec: KeySpec): ForgeKey {
  const pair =
    spec === "rsa1024" || spec === "rsa2048"
      ? generateKeyPairSync("rsa", { modulusLength: spec === "rsa1024" ? 1024 : 2048 })
      : spec === "ed25519"
        ? generateKeyPairSync("ed25519")
        : generateKeyPairSync("ec", { namedCurve: CURVE_NAMES[spec]! });
  return { spec, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

const HASH_OID: Record<HashName, string> = {
  sha1: "1.3.14.3.2.26",
  sha224: "2.16.840.1.101.3.4.2.4",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
};
const RSA_OID: Record<HashName, string> = {
  sha1: "1.2.840.113549.1.1.5",
  sha224: "1.2.840.113549.1.1.14",
  sha256: "1.2.840.113549.1.1.11",
  sha384: "1.2.840.113549.1.1.12",
  sha512: "1.2.840.113549.1.1.13",
};
const ECDSA_OID: Record<HashName, string> = {
  sha1: "1.2.840.10045.4.1",
  sha224: "1.2.840.10045.4.3.1",
  sha256: "1.2.840.10045.4.3.2",
  sha384: "1.2.840.10045.4.3.3",
  sha512: "1.2.840.10045.4.3.4",
};
const HASH_LENGTH: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };
const OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
const OID_MGF1 = "1.2.840.113549.1.1.8";
const OID_ED25519 = "1.3.101.112";
const NAME_OID = { cn: "2.5.4.3", o: "2.5.4.10" } as const;

function defaultHash(spec: KeySpec): HashName | undefined {
  if (spec === "ed25519") return undefined;
  return spec === "p384" ? "sha384" : spec === "p521" ? "sha512" : "sha256";
}

/** Builds, signs and parses one certificate. */
export function forge(options: ForgeOptions): Forged {
  const key = typeof options.key === "object" ? options.key : forgeKey(options.key ?? "p256");
  const signerKey = options.issuer?.key ?? key;
  const hash = options.hash ?? defaultHash(signerKey.spec);
  const algorithm = signatureAlgorithm(signerKey.spec, hash, options.pss ?? false);

  let spki: Uint8Array = new Uint8Array(key.publicKey.export({ type: "spki", format: "der" }));
  if (options.explicitCurve) spki = explicitP256(key, spki);
  // The issuer name is copied byte for byte, so name matching never depends on re-encoding.
  const issuerName = options.issuer ? options.issuer.facts.subject.der : encodeName(options.subject);
  const version = options.version ?? 3;

  const fields: der.Der[] = [];
  if (version === 3) fields.push(der.explicit(0, der.smallInteger(2)));
  fields.push(
    der.unsignedInteger(serialBytes(options.serial)),
    algorithm,
    issuerName,
    der.sequence(der.time(toDate(options.notBefore)), der.time(toDate(options.notAfter))),
    encodeName(options.subject),
    spki,
  );
  const extensionList = extensions(options, spki);
  if (version === 1 && extensionList.length > 0) throw new Error("forge: a v1 certificate cannot carry extensions");
  if (extensionList.length > 0) fields.push(der.explicit(3, der.sequence(...extensionList)));
  const tbs = der.sequence(...fields);

  const signingKey = options.wrongSigner ? forgeKey(signerKey.spec).privateKey : signerKey.privateKey;
  const signature = options.pss
    ? sign(hash!, tbs, { key: signingKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_LENGTH[hash!] })
    : sign(hash ?? null, tbs, signingKey);
  const certificate = der.sequence(tbs, algorithm, der.bitString(signature));
  const source = `forge:${options.subject.cn ?? "(empty subject)"}`;
  return { der: certificate, pem: toPem("CERTIFICATE", certificate), facts: parseCertificate(certificate, source), key, privateKey: key.privateKey, publicKey: key.publicKey };
}

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

function serialBytes(serial: bigint | undefined): Uint8Array {
  if (serial === undefined) {
    const bytes = randomBytes(16);
    bytes[0] = (bytes[0]! & 0x7f) | 0x01;
    return bytes;
  }
  const hex = serial.toString(16);
  return Uint8Array.from(Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex"));
}

function encodeName(name: NameSpec): der.Der {
  const rdn = (type: string, value: string) => der.set(der.sequence(der.oid(type), der.utf8String(value)));
  const rdns: der.Der[] = [];
  if (name.o !== undefined) rdns.push(rdn(NAME_OID.o, name.o));
  if (name.cn !== undefined) rdns.push(rdn(NAME_OID.cn, name.cn));
  return der.sequence(...rdns);
}

function signatureAlgorithm(spec: KeySpec, hash: HashName | undefined, pss: boolean): der.Der {
  if (spec === "ed25519") {
    if (hash || pss) throw new Error("forge: Ed25519 signs without a separate digest");
    return der.sequence(der.oid(OID_ED25519));
  }
  if (!hash) throw new Error("forge: a digest is needed");
  const family = spec.startsWith("rsa") ? "rsa" : "ec";
  if (pss) {
    if (family !== "rsa") throw new Error("forge: RSA-PSS needs an RSA signer");
    // RSASSA-PSS-params (RFC 4055 3.1); DER omits the SHA-1 / salt 20 defaults.
    const hashId = der.sequence(der.oid(HASH_OID[hash]), der.nullValue());
    const params = hash === "sha1" ? [] : [der.explicit(0, hashId), der.explicit(1, der.sequence(der.oid(OID_MGF1), hashId)), der.explicit(2, der.smallInteger(HASH_LENGTH[hash]))];
    return der.sequence(der.oid(OID_RSASSA_PSS), der.sequence(...params));
  }
  // RFC 4055: PKCS#1 v1.5 carries NULL parameters; RFC 5758: ECDSA has none.
  return family === "rsa" ? der.sequence(der.oid(RSA_OID[hash]), der.nullValue()) : der.sequence(der.oid(ECDSA_OID[hash]));
}

/** critical BOOLEAN DEFAULT FALSE: DER leaves the default out. */
function extension(oid: string, critical: boolean, value: Uint8Array): der.Der {
  return critical ? der.sequence(der.oid(oid), der.booleanTrue(), der.octetString(value)) : der.sequence(der.oid(oid), der.octetString(value));
}

function extensions(options: ForgeOptions, spki: Uint8Array): der.Der[] {
  const list: der.Der[] = [];
  const bc = options.basicConstraints;
  if (bc) {
    const parts: der.Der[] = bc.ca ? [der.booleanTrue()] : [];
    if (bc.pathLen !== undefined) parts.push(der.smallInteger(bc.pathLen));
    list.push(extension(EXT.basicConstraints, bc.critical ?? true, der.sequence(...parts)));
  }
  if (options.keyUsage) {
    const { usages, critical } = Array.isArray(options.keyUsage) ? { usages: options.keyUsage, critical: true } : options.keyUsage;
    list.push(extension(EXT.keyUsage, critical, der.namedBits(usages.map((u) => KEY_USAGE_BITS.indexOf(u)))));
  }
  if (options.subjectKeyId ?? options.version !== 1) list.push(extension(EXT.subjectKeyIdentifier, false, der.octetString(Buffer.from(keyIdentifier(spki), "hex"))));
  if (options.authorityKeyId ?? (options.issuer !== undefined && options.version !== 1)) {
    const issuerKeyId = options.issuer ? options.issuer.facts.subjectKeyId ?? keyIdentifier(options.issuer.facts.publicKey.spki) : keyIdentifier(spki);
    list.push(extension(EXT.authorityKeyIdentifier, false, der.sequence(der.implicitPrimitive(0, Buffer.from(issuerKeyId, "hex")))));
  }
  if (options.extKeyUsage) list.push(extension(EXT.extKeyUsage, false, der.sequence(...options.extKeyUsage.map((o) => der.oid(o)))));
  if (options.subjectAltNames) list.push(extension(EXT.subjectAltName, false, der.sequence(...options.subjectAltNames.map(generalName))));
  if (options.nsCertType) list.push(extension(EXT.nsCertType, false, der.namedBits(options.nsCertType.map((t) => NS_CERT_TYPE_BITS.indexOf(t)))));
  if (options.nameConstraints) {
    // NameConstraints ::= SEQUENCE { permittedSubtrees [0] IMPLICIT GeneralSubtrees OPTIONAL, excludedSubtrees [1] ... }
    const subtrees = (tag: number, names: string[] | undefined) => (names?.length ? [der.tlv(tag, der.concat(names.map((n) => der.sequence(generalName({ dns: n })))))] : []);
    const { permitted, excluded, critical } = options.nameConstraints;
    list.push(extension(EXT.nameConstraints, critical ?? true, der.sequence(...subtrees(0xa0, permitted), ...subtrees(0xa1, excluded))));
  }
  for (const raw of options.extensions ?? []) list.push(extension(raw.oid, raw.critical ?? false, raw.value));
  return list;
}

/** GeneralName: rfc822Name [1], dNSName [2], iPAddress [7]. */
function generalName(entry: SanEntry): der.Der {
  if ("dns" in entry) return der.implicitPrimitive(2, new TextEncoder().encode(entry.dns));
  if ("email" in entry) return der.implicitPrimitive(1, new TextEncoder().encode(entry.email));
  if ("uri" in entry) return der.implicitPrimitive(6, new TextEncoder().encode(entry.uri));
  return der.implicitPrimitive(7, ipBytes(entry.ip));
}

function ipBytes(ip: string): Uint8Array {
  if (!ip.includes(":")) return Uint8Array.from(ip.split(".").map(Number));
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head, tail] = canonical.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return Uint8Array.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

/**
 * The P-256 domain parameters spelled out (SEC 2 2.4.2; checked against
 * `openssl ecparam -name prime256v1 -param_enc explicit`), without the optional seed.
 */
const P256 = {
  p: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
  a: "ffffffff00000001000000000000000000000000fffffffffffffffffffffffc",
  b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
  g: "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
  n: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
};

/** The same public point under ECParameters (RFC 3279 2.3.5) instead of the namedCurve OID. */
function explicitP256(key: ForgeKey, namedSpki: Uint8Array): Uint8Array {
  if (key.spec !== "p256") throw new Error("forge: explicitCurve is implemented for P-256 keys only");
  const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
  const params = der.sequence(
    der.smallInteger(1),
    der.sequence(der.oid("1.2.840.10045.1.1"), der.unsignedInteger(hex(P256.p))), // prime-field
    der.sequence(der.octetString(hex(P256.a)), der.octetString(hex(P256.b))),
    der.octetString(hex(P256.g)),
    der.unsignedInteger(hex(P256.n)),
    der.smallInteger(1),
  );
  // The uncompressed point is the last 65 bytes of the named-curve SPKI's BIT STRING.
  const point = namedSpki.subarray(namedSpki.length - 65);
  return der.sequence(der.sequence(der.oid("1.2.840.10045.2.1"), params), der.bitString(point));
}
