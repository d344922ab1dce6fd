import { children, DerError, expectTag, oidString, readNode, stringValue, Tag } from "../asn1/der-reader.js";

/**
 * OpenSSL's auxiliary trust settings: what follows the certificate in a "-----BEGIN TRUSTED
 * CERTIFICATE-----" block (`openssl x509 -addtrust/-addreject/-setalias`, X509_CERT_AUX in
 * crypto/x509/x_x509a.c, OpenSSL 3.0):
 *
 *   X509_CERT_AUX ::= SEQUENCE {
 *     trust  SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,       -- uses trusted
 *     reject [0] IMPLICIT SEQUENCE OF OBJECT IDENTIFIER OPTIONAL,  -- uses rejected
 *     alias  UTF8String OPTIONAL,
 *     keyid  OCTET STRING OPTIONAL,
 *     other  [1] IMPLICIT SEQUENCE OF AlgorithmIdentifier OPTIONAL }
 *
 * OpenSSL applies them when the certificate is in the trust store (src/chain/aux-trust.ts).
 */
export interface AuxTrust {
  /** OIDs the certificate is trusted for ("1.3.6.1.5.5.7.3.2" clientAuth; "2.5.29.37.0" any). */
  trust: string[];
  /** OIDs it is rejected for. */
  reject: string[];
  /** `openssl x509 -setalias`. */
  alias?: string;
}

/**
 * Reads the X509_CERT_AUX at `offset` of a TRUSTED CERTIFICATE block's DER (right after the
 * certificate). No bytes there: no settings (d2i_X509_AUX() leaves them out too). Bytes after the
 * structure are ignored, as d2i_X509_AUX() ignores them. Throws DerError when the structure is
 * damaged; its lists are bounded by DER_LIMITS.maxChildren.
 */
export function parseAuxTrust(der: Uint8Array, offset: number): AuxTrust {
  const aux: AuxTrust = { trust: [], reject: [] };
  if (offset >= der.length) return aux;
  const top = expectTag(readNode(der, offset), Tag.sequence, "trust settings (X509_CERT_AUX)");
  for (const field of children(der, top, "trust settings")) {
    if (field.tag === Tag.sequence) aux.trust = oids(der, children(der, field, "trusted uses"), "trusted use");
    else if (field.tag === 0xa0) aux.reject = oids(der, children(der, field, "rejected uses"), "rejected use");
    else if (field.tag === Tag.utf8String) aux.alias = stringValue(der, field, "alias");
    else if (field.tag !== Tag.octetString && field.tag !== 0xa1) throw new DerError(`trust settings: unexpected field (tag 0x${field.tag.toString(16)})`);
  }
  return aux;
}

function oids(der: Uint8Array, nodes: ReturnType<typeof children>, what: string): string[] {
  return nodes.map((node) => oidString(der, node, what));
}
