import { createHash, randomBytes, webcrypto } from "node:crypto";
import { KEY_TYPE_INFO, signingParams, type KeyType } from "./key-types.js";
import type { CertProfile } from "./profiles/profile.js";
import { loadX509 } from "./x509-lib.js";

type CryptoKey = webcrypto.CryptoKey;

/**
 * notBefore is set this far in the past so that a peer whose clock lags a little still accepts a
 * certificate made a moment ago: seed 003 shows nginx failing fresh certificates with
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
  /** The issuer's private key and its type (which decides the signature hash). */
  privateKey: CryptoKey;
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

/**
 * A random positive serial with 127 bits of entropy: 16 random bytes, the first in 0x01..0x7f so the
 * INTEGER is positive and minimally encoded. CA/B BR 7.1 asks for at least 64 bits of CSPRNG output;
 * RFC 5280 4.1.2.2 caps serials at 20 octets.
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes.toString("hex");
}

/**
 * The subject key identifier: SHA-1 of the subjectPublicKey BIT STRING (RFC 5280 4.2.1.2 method 1),
 * computed here from the SPKI so that issuing many leaves does not import each key again.
 */
export async function keyIdentifier(publicKey: CryptoKey): Promise<string> {
  const spki = new Uint8Array(await webcrypto.subtle.exportKey("spki", publicKey));
  return createHash("sha1").update(subjectPublicKeyBits(spki)).digest("hex");
}

/** The content of the subjectPublicKey BIT STRING (without the unused-bits octet) of a DER SPKI. */
function subjectPublicKeyBits(spki: Uint8Array): Uint8Array {
  // SPKI ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
  let offset = headerLength(spki, 0); // into the outer SEQUENCE
  offset += headerLength(spki, offset) + contentLength(spki, offset); // skip AlgorithmIdentifier
  const bitStringHeader = headerLength(spki, offset);
  const length = contentLength(spki, offset);
  return spki.subarray(offset + bitStringHeader + 1, offset + bitStringHeader + length);
}

function headerLength(der: Uint8Array, offset: number): number {
  const first = der[offset + 1];
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}

function contentLength(der: Uint8Array, offset: number): number {
  const first = der[offset + 1];
  if (first < 0x80) return first;
  let length = 0;
  for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + der[offset + 2 + i];
  return length;
}

export interface BuildParams {
  subject: NameParts;
  publicKey: CryptoKey;
  /** undefined: self-signed with `selfPrivateKey`. */
  issuer?: IssuerRef;
  selfPrivateKey?: CryptoKey;
  selfKeyType?: KeyType;
  profile: CertProfile;
  notBefore: Date;
  notAfter: Date;
}

/** Builds and signs one certificate from a profile. */
export async function buildCertificate(params: BuildParams): Promise<BuiltCertificate> {
  const x509 = await loadX509();
  const { profile } = params;
  const keyId = await keyIdentifier(params.publicKey);
  const issuerName = params.issuer?.name ?? params.subject;
  const signerType = params.issuer?.keyType ?? params.selfKeyType;
  const signingKey = params.issuer?.privateKey ?? params.selfPrivateKey;
  if (!signerType || !signingKey) throw new Error("buildCertificate: no signing key");

  const extensions: InstanceType<X509Lib["Extension"]>[] = [
    new x509.BasicConstraintsExtension(profile.ca, profile.pathLen, true),
    new x509.KeyUsagesExtension(keyUsageFlags(x509, profile), true),
    new x509.SubjectKeyIdentifierExtension(keyId),
  ];
  if (params.issuer) extensions.push(new x509.AuthorityKeyIdentifierExtension(params.issuer.keyId));
  if (profile.extKeyUsage) {
    extensions.push(new x509.ExtendedKeyUsageExtension(profile.extKeyUsage.map((eku) => x509.ExtendedKeyUsage[eku])));
  }
  if (profile.subjectAltNames.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(profile.subjectAltNames));
  }
  const serial = randomSerial();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: jsonName(params.subject),
    issuer: jsonName(issuerName),
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    publicKey: params.publicKey,
    signingKey,
    signingAlgorithm: signingParams(signerType),
    extensions,
  });
  const der = new Uint8Array(cert.rawData);
  return {
    der,
    pem: cert.toString("pem") + "\n",
    serial,
    sha256: createHash("sha256").update(der).digest("hex"),
    keyId,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
  };
}

type X509Lib = Awaited<ReturnType<typeof loadX509>>;

function keyUsageFlags(x509: X509Lib, profile: CertProfile): number {
  return profile.keyUsage.reduce((flags, usage) => flags | x509.KeyUsageFlags[usage], 0);
}

/** Subject as O then CN (the usual order, most significant first); JSON form avoids DN escaping. */
function jsonName(name: NameParts): { [type: string]: string[] }[] {
  return [{ O: [name.org] }, { CN: [name.cn] }];
}

/** "O=pkilab lab, CN=alice", for manifests and messages. */
export function describeName(name: NameParts): string {
  return `CN=${name.cn}, O=${name.org}`;
}

export function keyLabel(type: KeyType): string {
  return KEY_TYPE_INFO[type].label;
}
