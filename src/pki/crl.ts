import { sign } from "node:crypto";
import * as der from "../asn1/der-writer.js";
import { toPem } from "../model/pem.js";
import { algorithmIdentifier, authorityKeyIdentifier, encodeName, extension, wholeSeconds, type IssuerRef } from "./certificate.js";
import { nodeHashName } from "./key-types.js";
import { REVOCATION_REASONS, type RevocationReason } from "./revocation-reasons.js";

export interface RevokedEntry {
  /** The certificate's serial number, hex (as the manifest records it). */
  serial: string;
  revocationDate: Date;
  reason?: RevocationReason;
}

export interface CrlParams {
  /** The CA that signs: its name becomes the CRL issuer, its key id the AKI. */
  issuer: IssuerRef;
  /** cRLNumber: must increase with every CRL this CA issues (RFC 5280 5.2.3). */
  number: number;
  thisUpdate: Date;
  nextUpdate: Date;
  revoked: RevokedEntry[];
}

export interface BuiltCrl {
  der: Uint8Array;
  pem: string;
  thisUpdate: Date;
  nextUpdate: Date;
}

const OID = {
  cRLNumber: "2.5.29.20",
  reasonCode: "2.5.29.21",
  authorityKeyIdentifier: "2.5.29.35",
};

/** ENUMERATED (X.690 8.4), for CRLReason; the writer has no helper because nothing else needs it. */
const ENUMERATED_TAG = 0x0a;

/**
 * Builds and signs a version 2 CRL (RFC 5280 5.1): signed with the CA's key and the CA's signature
 * algorithm, issuer = the CA's subject, with the two extensions RFC 5280 5.2 asks conforming CAs to
 * include: authorityKeyIdentifier (5.2.1) and cRLNumber (5.2.3).
 */
export function buildCrl(params: CrlParams): BuiltCrl {
  const { issuer } = params;
  const signatureAlgorithm = algorithmIdentifier(issuer.keyType);
  const thisUpdate = wholeSeconds(params.thisUpdate);
  const nextUpdate = wholeSeconds(params.nextUpdate);
  const fields: der.Der[] = [
    der.smallInteger(1), // version v2: required once extensions are present (RFC 5280 5.1.2.1)
    signatureAlgorithm,
    encodeName(issuer.name),
    der.time(thisUpdate),
    der.time(nextUpdate),
  ];
  // RFC 5280 5.1.2.6: with no revoked certificates the list MUST be absent, not empty.
  if (params.revoked.length > 0) fields.push(der.sequence(...params.revoked.map(revokedCertificate)));
  fields.push(
    der.explicit(
      0,
      der.sequence(
        extension(OID.authorityKeyIdentifier, false, authorityKeyIdentifier(issuer.keyId)),
        extension(OID.cRLNumber, false, der.smallInteger(params.number)),
      ),
    ),
  );
  const tbs = der.sequence(...fields);
  const signature = sign(nodeHashName(issuer.keyType), tbs, issuer.privateKey);
  const crl = der.sequence(tbs, signatureAlgorithm, der.bitString(signature));
  return { der: crl, pem: toPem("X509 CRL", crl), thisUpdate, nextUpdate };
}

/** SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL } (RFC 5280 5.1.2.6, 5.3.1). */
function revokedCertificate(entry: RevokedEntry): der.Der {
  const parts = [der.unsignedInteger(Buffer.from(entry.serial, "hex")), der.time(wholeSeconds(entry.revocationDate))];
  if (entry.reason) {
    const code = der.tlv(ENUMERATED_TAG, Uint8Array.of(REVOCATION_REASONS[entry.reason]));
    parts.push(der.sequence(extension(OID.reasonCode, false, code)));
  }
  return der.sequence(...parts);
}
