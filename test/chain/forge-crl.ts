// A CRL forge for the chain tests: a v2 CRL (RFC 5280 5.1) issued by a forged CA (test/helpers/forge.ts),
// built in-process so every CRL case of the engine runs without the openssl CLI. Test-only: pkilab's
// own CRL writer is the lab's.
import { sign, type KeyObject } from "node:crypto";
import * as der from "../../src/asn1/der-writer.js";
import { parseCrl, type CrlFacts, type CrlReason, CRL_REASONS } from "../../src/model/crl.js";
import type { Forged, RawExtension } from "../helpers/forge.js";

export interface CrlSpec {
  issuer: Forged;
  thisUpdate: Date | string;
  /** Absent = no nextUpdate (it is OPTIONAL). */
  nextUpdate?: Date | string;
  /** Entries: the revoked certificates, with a reasonCode entry extension when `reason` is given. */
  revoked?: { cert: Forged; date: Date | string; reason?: CrlReason }[];
  /** Default true: an authorityKeyIdentifier with the issuer's subjectKeyIdentifier. */
  authorityKeyId?: boolean;
  /** Appended after the AKI and the cRLNumber. */
  extensions?: RawExtension[];
  /** Sign with another key than the issuer's (names unchanged). */
  signingKey?: KeyObject;
  /** The ECDSA signature's hash (default sha256). */
  hash?: "sha1" | "sha256";
}

const ECDSA_WITH = { sha1: "1.2.840.10045.4.1", sha256: "1.2.840.10045.4.3.2" } as const;

export function forgeCrl(spec: CrlSpec): { der: Uint8Array; facts: CrlFacts } {
  const time = (value: Date | string) => der.time(typeof value === "string" ? new Date(value) : value);
  const extension = (oid: string, value: Uint8Array, critical = false) =>
    der.sequence(der.oid(oid), ...(critical ? [der.booleanTrue()] : []), der.octetString(value));
  const hash = spec.hash ?? "sha256";
  const algorithm = der.sequence(der.oid(ECDSA_WITH[hash]));
  const entries = (spec.revoked ?? []).map(({ cert, date, reason }) => {
    const serial = der.unsignedInteger(Uint8Array.from(Buffer.from(cert.facts.serial.length % 2 ? `0${cert.facts.serial}` : cert.facts.serial, "hex")));
    const reasonExt = reason ? [der.sequence(extension("2.5.29.21", der.tlv(0x0a, Uint8Array.of(CRL_REASONS.indexOf(reason)))))] : [];
    return der.sequence(serial, time(date), ...reasonExt);
  });
  const extensions: Uint8Array[] = [];
  const ski = spec.issuer.facts.subjectKeyId;
  if ((spec.authorityKeyId ?? true) && ski) extensions.push(extension("2.5.29.35", der.sequence(der.implicitPrimitive(0, Buffer.from(ski, "hex")))));
  extensions.push(extension("2.5.29.20", der.smallInteger(1)));
  for (const ext of spec.extensions ?? []) extensions.push(extension(ext.oid, ext.value, ext.critical));
  const tbs = der.sequence(
    der.smallInteger(1),
    algorithm,
    spec.issuer.facts.subject.der,
    time(spec.thisUpdate),
    ...(spec.nextUpdate ? [time(spec.nextUpdate)] : []),
    ...(entries.length ? [der.sequence(...entries)] : []),
    der.explicit(0, der.sequence(...extensions)),
  );
  const signature = sign(hash, tbs, spec.signingKey ?? spec.issuer.privateKey);
  const crl = der.sequence(tbs, algorithm, der.bitString(signature));
  return { der: crl, facts: parseCrl(crl) };
}
