import { createHash, randomBytes, sign, type KeyObject } from "node:crypto";
import * as der from "../asn1/der-writer.js";
import { nodeHashName, signatureAlgorithmOid, type KeyType } from "./key-types.js";
import { toPem } from "../model/pem.js";
import { ipBytesOf } from "../model/general-name.js";
import type { SubjectAltName } from "./names.js";
import type { CertProfile, ExtKeyUsageName, KeyUsageName } from "./profiles/profile.js";

/**
 * notBefore is set this far in the past so that a peer whose clock lags a little still accepts a
 * certificate made a moment ago: seed 003 (fixtures/nginx-mtls/seed-003-clock-skew) shows nginx failing fresh certificates with
 * "(9:certificate is not yet valid)" when the server's clock was behind the issuing machine's.
 * Five minutes covers ordinary NTP drift without hiding a clock that is really wrong.
 */
export const BACKDATE_MS = 5 * 60 * 1000;

export interface NameParts {
  cn: string;
  org: string;
}

export interface IssuerRef {
  name: NameParts;
  /** The issuer's private key and its type (which decides the signature algorithm). */
  privateKey: KeyObject;
  keyType: KeyType;
  /** The issuer's subject key identifier (hex), copied into the AKI. */
  keyId: string;
}

export interface BuiltCertificate {
  der: Uint8Array;
  pem: string;
  serial: string;
  sha256: string;
  /** Subject key identifier (hex), for certificates this one issues. */
  keyId: string;
  notBefore: Date;
  notAfter: Date;
}

export interface BuildParams {
  subject: NameParts;
  publicKey: KeyObject;
  /** Who signs; for a self-signed certificate, the subject's own name and key. */
  issuer: IssuerRef;
  profile: CertProfile;
  notBefore: Date;
  notAfter: Date;
}

/**
 * A random positive serial with 127 bits of entropy: 16 random bytes, the first in 0x01..0x7f so the
 * INTEGER is positive and minimally encoded. CA/B BR 7.1 asks for at least 64 bits of CSPRNG output;
 * RFC 5280 4.1.2.2 caps serials at 20 octets.
 */
export function randomSerial(): Uint8Array {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes;
}

/** Dates in certificates have whole seconds; round down once so the manifest says what the cert says. */
export function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/**
 * The subject key identifier: SHA-1 of the subjectPublicKey BIT STRING (RFC 5280 4.2.1.2 method 1).
 */
export function keyIdentifier(spki: Uint8Array): string {
  // SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
  const outer = der.readHeader(spki, 0);
  const algorithm = der.readHeader(spki, outer.headerLength);
  const bitStringAt = outer.headerLength + algorithm.headerLength + algorithm.length;
  const bits = der.readHeader(spki, bitStringAt);
  const start = bitStringAt + bits.headerLength + 1; // skip the unused-bits octet
  return createHash("sha1").update(spki.subarray(start, bitStringAt + bits.headerLength + bits.length)).digest("hex");
}

/** The issuer of a self-signed certificate: the subject itself. */
export function selfIssuer(name: NameParts, privateKey: KeyObject, publicKey: KeyObject, keyType: KeyType): IssuerRef {
  return { name, privateKey, keyType, keyId: keyIdentifier(new Uint8Array(publicKey.export({ type: "spki", format: "der" }))) };
}

/** Builds and signs one certificate from a profile (X.509 v3, RFC 5280 section 4.1). */
export function buildCertificate(params: BuildParams): BuiltCertificate {
  const { profile, issuer } = params;
  const spki = new Uint8Array(params.publicKey.export({ type: "spki", format: "der" }));
  const keyId = keyIdentifier(spki);
  const selfSigned = issuer.keyId === keyId;
  const serial = randomSerial();
  const signatureAlgorithm = algorithmIdentifier(issuer.keyType);
  const notBefore = wholeSeconds(params.notBefore);
  const notAfter = wholeSeconds(params.notAfter);

  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)), // version v3
    der.unsignedInteger(serial),
    signatureAlgorithm,
    encodeName(issuer.name),
    der.sequence(der.time(notBefore), der.time(notAfter)),
    encodeName(params.subject),
    spki,
    der.explicit(3, der.sequence(...extensions(profile, keyId, selfSigned ? undefined : issuer.keyId))),
  );
  // ECDSA signatures come out DER-encoded (Ecdsa-Sig-Value), as X.509 wants them.
  const signature = sign(nodeHashName(issuer.keyType), tbs, issuer.privateKey);
  const certificate = der.sequence(tbs, signatureAlgorithm, der.bitString(signature));
  return {
    der: certificate,
    pem: toPem("CERTIFICATE", certificate),
    serial: Buffer.from(serial).toString("hex"),
    sha256: createHash("sha256").update(certificate).digest("hex"),
    keyId,
    notBefore,
    notAfter,
  };
}

/** The signature AlgorithmIdentifier for an issuer's key type (also the CRL's, src/pki/crl.ts). */
export function algorithmIdentifier(type: KeyType): der.Der {
  const { oid, nullParams } = signatureAlgorithmOid(type);
  return nullParams ? der.sequence(der.oid(oid), der.nullValue()) : der.sequence(der.oid(oid));
}

const OID = {
  commonName: "2.5.4.3",
  organizationName: "2.5.4.10",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
};

const EXT_KEY_USAGE_OID: Record<ExtKeyUsageName, string> = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

/** RFC 5280 4.2.1.3 KeyUsage bit numbers. */
const KEY_USAGE_BIT: Record<KeyUsageName, number> = {
  digitalSignature: 0,
  keyEncipherment: 2,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};

/** Subject and issuer as O then CN, each a UTF8String (RFC 5280 4.1.2.6 prefers UTF8String). */
export function encodeName(name: NameParts): der.Der {
  const rdn = (type: string, value: string) => der.set(der.sequence(der.oid(type), der.utf8String(value)));
  return der.sequence(rdn(OID.organizationName, name.org), rdn(OID.commonName, name.cn));
}

export function extension(id: string, critical: boolean, value: der.Der): der.Der {
  // critical BOOLEAN DEFAULT FALSE: DER omits a default value.
  return critical
    ? der.sequence(der.oid(id), der.booleanTrue(), der.octetString(value))
    : der.sequence(der.oid(id), der.octetString(value));
}

function extensions(profile: CertProfile, keyId: string, authorityKeyId: string | undefined): der.Der[] {
  const list: der.Der[] = [];
  // basicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
  const basic: der.Der[] = profile.ca ? [der.booleanTrue()] : [];
  if (profile.ca && profile.pathLen !== undefined) basic.push(der.smallInteger(profile.pathLen));
  list.push(extension(OID.basicConstraints, true, der.sequence(...basic)));
  list.push(extension(OID.keyUsage, true, der.namedBits(profile.keyUsage.map((usage) => KEY_USAGE_BIT[usage]))));
  list.push(extension(OID.subjectKeyIdentifier, false, der.octetString(Buffer.from(keyId, "hex"))));
  if (authorityKeyId) {
    list.push(extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(authorityKeyId)));
  }
  if (profile.extKeyUsage) {
    list.push(extension(OID.extKeyUsage, false, der.sequence(...profile.extKeyUsage.map((eku) => der.oid(EXT_KEY_USAGE_OID[eku])))));
  }
  if (profile.subjectAltNames.length > 0) {
    list.push(extension(OID.subjectAltName, false, der.sequence(...profile.subjectAltNames.map(generalName))));
  }
  return list;
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING, ... } (RFC 5280 4.2.1.1). */
export function authorityKeyIdentifier(keyId: string): der.Der {
  return der.sequence(der.implicitPrimitive(0, Buffer.from(keyId, "hex")));
}

/** GeneralName: rfc822Name [1], dNSName [2] (IA5String), iPAddress [7] (4 or 16 octets). */
function generalName(name: SubjectAltName): der.Der {
  switch (name.type) {
    case "email":
      return der.implicitPrimitive(1, new TextEncoder().encode(name.value));
    case "dns":
      return der.implicitPrimitive(2, new TextEncoder().encode(name.value));
    case "ip":
      // classifyName accepted it as an IP literal, so it has 4 or 16 octets.
      return der.implicitPrimitive(7, ipBytesOf(name.value)!);
  }
}

/** "CN=alice, O=pkilab lab", for manifests and messages. */
export function describeName(name: NameParts): string {
  return `CN=${name.cn}, O=${name.org}`;
}
