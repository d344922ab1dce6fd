import { IO_LIMITS } from "./read.js";
import { InputError } from "./input-error.js";

/**
 * Reads the certificates of a PKCS#7 / CMS SignedData bundle (.p7b, as written by
 * `openssl crl2pkcs7 -nocrl`), returning each certificate's DER in bundle order. PEM input
 * (`-----BEGIN PKCS7-----`) must be decoded to DER by the caller.
 */
export async function readPkcs7Certificates(der: Uint8Array, file: string): Promise<Uint8Array[]> {
  if (der.length > IO_LIMITS.maxPkcs7Bytes) {
    throw new InputError(
      `${file}: the PKCS#7 bundle is ${der.length} bytes, more than pkilab reads in one (IO_LIMITS.maxPkcs7Bytes = ${IO_LIMITS.maxPkcs7Bytes}): give the certificates as PEM instead (openssl pkcs7 -print_certs -in ${file} -out certs.pem)`,
    );
  }
  // Loaded on first use only: most commands never read a .p7b.
  const [pkijs, asn1js] = await Promise.all([import("pkijs"), import("asn1js")]);

  let contentInfo: InstanceType<typeof pkijs.ContentInfo>;
  try {
    contentInfo = pkijs.ContentInfo.fromBER(der);
  } catch {
    throw new InputError(`${file}: not a PKCS#7 file, or it is damaged or truncated: check that this is the .p7b file you meant`);
  }
  if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) {
    throw new InputError(
      `${file}: this PKCS#7 file is not a certificate bundle (content type ${contentInfo.contentType}, expected SignedData): ` +
        `make one with openssl crl2pkcs7 -nocrl -certfile chain.pem`,
    );
  }
  try {
    // Checks the SignedData structure; the certificate bytes are taken from the ASN.1 below.
    new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    throw new InputError(`${file}: the PKCS#7 SignedData in this file is damaged: export the bundle again`);
  }

  // SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, certificates [0] IMPLICIT SET OPTIONAL, ... }
  const signedData: unknown = contentInfo.content;
  const fields = signedData instanceof asn1js.Sequence ? signedData.valueBlock.value : [];
  const certificateSet = fields.find((field) => field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0);
  const members = certificateSet instanceof asn1js.Constructed ? certificateSet.valueBlock.value : [];
  // Keep each certificate's own bytes; other CertificateChoices (attribute certificates) are [n]-tagged.
  const certificates = members
    .filter((member) => member.idBlock.tagClass === 1 && member.idBlock.tagNumber === 16)
    .map((member) => new Uint8Array(member.valueBeforeDecodeView));
  if (certificates.length === 0) {
    throw new InputError(`${file}: this PKCS#7 bundle contains no certificates: make one with openssl crl2pkcs7 -nocrl -certfile chain.pem`);
  }
  return certificates;
}
