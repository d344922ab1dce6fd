// Certificates with a negative serialNumber (RFC 5280 4.1.2.2: "MUST be a positive integer"; Go
// 1.23 and later refuse to parse them). The forge writes positive serials only, so a certificate
// forged with serial NON_DER_SERIAL (INTEGER 02 02 12 34) gets its first serial octet's top bit set
// (02 02 92 34, -0x6dcc) and is re-signed, so its signature still holds.
import { sign } from "node:crypto";
import * as der from "../../src/asn1/der-writer.js";
import { children, readWhole } from "../../src/asn1/der-reader.js";
import { parseCertificate } from "../../src/model/certificate.js";
import { toPem } from "../../src/model/pem.js";
import type { Forged } from "./forge.js";

/** `cert` (forged with serial NON_DER_SERIAL) with serial -0x6dcc, signed by `issuer` (itself when self-signed). */
export function negativeSerial(cert: Forged, issuer: Forged = cert): Forged {
  const [tbsNode, algorithmNode] = children(cert.der, readWhole(cert.der), "certificate");
  if (!tbsNode || !algorithmNode) throw new Error("negative-serial: not a certificate");
  const content = Uint8Array.from(cert.der.subarray(tbsNode.contentStart, tbsNode.end));
  const serial = Buffer.from(content).indexOf(Buffer.from([0x02, 0x02, 0x12, 0x34]));
  if (serial < 0) throw new Error("negative-serial: serial 0x1234 not found (forge the certificate with serial NON_DER_SERIAL)");
  content[serial + 2] = 0x92;
  const tbs = der.tlv(0x30, content);
  const hash = issuer.key.spec === "ed25519" ? null : issuer.key.spec === "p384" ? "sha384" : issuer.key.spec === "p521" ? "sha512" : "sha256";
  const certificate = der.sequence(tbs, cert.der.subarray(algorithmNode.start, algorithmNode.end), der.bitString(sign(hash, tbs, issuer.privateKey)));
  return { ...cert, der: certificate, pem: toPem("CERTIFICATE", certificate), facts: parseCertificate(certificate, `${cert.facts.source} (negative serial)`) };
}
