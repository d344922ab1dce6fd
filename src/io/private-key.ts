import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { children, oidString, readNode } from "../asn1/der-reader.js";
import type { CertFacts } from "../model/certificate.js";
import type { KeyDescription } from "../model/key-description.js";
import { InputError } from "./input-error.js";
import { KIND_WORDS, readBytes, readMaterial, type Material } from "./read.js";

// The description is a fact about the key (src/model/); named here too for this reader's callers.
export type { KeyDescription };

/**
 * Reads a private key: PKCS#8, SEC1 (EC PRIVATE KEY), PKCS#1 (RSA PRIVATE KEY), encrypted PKCS#8
 * and legacy PEM encryption, PEM or DER. Node's parser (OpenSSL underneath) decrypts.
 */
export async function readPrivateKeyFile(file: string, password?: string): Promise<KeyObject> {
  const bytes = readBytes(file);
  const items = readMaterial(bytes, file, "a private key");
  return privateKeyFromItem(firstKey(items, file), file, password);
}

/** The first private key of a file, or an InputError saying what the file holds instead. */
function firstKey(items: Material[], file: string): Material {
  const key = items.find((i) => i.kind === "private-key" || i.kind === "encrypted-private-key");
  if (key) return key;
  // readMaterial returns at least one item; "EC PARAMETERS" says less about the file than what follows it.
  const found = items.find((i) => i.kind !== "ec-parameters") ?? items[0];
  const what = found ? `${KIND_WORDS[found.kind]} (${found.format})` : "no private key";
  throw new InputError(`${file}: this is ${what}, not a private key: pass the key file (e.g. key.pem) to --key`);
}

/**
 * The KeyObject of one private-key item of a file, parsed from that item alone: a PEM item's own
 * block (so legacy Proc-Type/DEK-Info encryption headers are honoured), or the DER. Every failure is
 * an InputError naming the file and the item.
 */
export function privateKeyFromItem(item: Material, file: string, password?: string): KeyObject {
  const encrypted = item.kind === "encrypted-private-key";
  const which = `private key ${item.index} (${item.format})`;
  if (encrypted && password === undefined) {
    throw new InputError(`${file}: the private key is encrypted: give its passphrase with --password or --password-file`);
  }
  try {
    const key =
      item.pem !== undefined
        ? createPrivateKey({ key: item.pem, format: "pem", passphrase: password })
        : createPrivateKey({ key: Buffer.from(item.der), format: "der", type: derType(item.format), passphrase: password });
    // OpenSSL accepts some damaged keys (an EC point it cannot decode) and fails only when the
    // public half is derived (found by npm run fuzz: "invalid form"): derive it here, once, so every
    // key this returns can be used.
    createPublicKey(key).export({ type: "spki", format: "der" });
    return key;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (encrypted || /decrypt|passphrase/i.test(message)) {
      throw new InputError(`${file}: wrong password for ${which}, or the key is damaged: give the right one with --password or --password-file`);
    }
    throw new InputError(`${file}: ${which} cannot be read (${message.split("\n")[0]}): the file is corrupted, or the key type is not supported`);
  }
}

function derType(format: string): "sec1" | "pkcs1" | "pkcs8" {
  return format.includes("SEC1") ? "sec1" : format.includes("PKCS#1") ? "pkcs1" : "pkcs8";
}

/** Does this private key belong to the certificate? (Compares the public keys.) */
export function keyMatchesCertificate(key: KeyObject, cert: CertFacts): boolean {
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  return Buffer.compare(spki, Buffer.from(cert.publicKey.spki)) === 0;
}

const CIPHERS: Record<string, string> = {
  "2.16.840.1.101.3.4.1.2": "AES-128-CBC",
  "2.16.840.1.101.3.4.1.22": "AES-192-CBC",
  "2.16.840.1.101.3.4.1.42": "AES-256-CBC",
  "1.2.840.113549.3.7": "DES-EDE3-CBC",
  "1.3.14.3.2.7": "DES-CBC",
};
const PBES2 = "1.2.840.113549.1.5.13";
const PKCS12_PBE: Record<string, string> = { "1.2.840.113549.1.12.1.3": "PKCS#12 PBE 3DES", "1.2.840.113549.1.12.1.6": "PKCS#12 PBE RC2-40" };

/**
 * What a private key file is, without decrypting it: format, algorithm (when not encrypted) and
 * the encryption scheme of an encrypted PKCS#8 (EncryptedPrivateKeyInfo, RFC 5208 section 6;
 * PBES2 parameters, RFC 8018 A.4). Used by lint rules about what a device can read.
 */
export function describePrivateKeyFile(file: string): KeyDescription {
  const bytes = readBytes(file);
  const item = firstKey(readMaterial(bytes, file, "a private key"), file);
  if (item.kind === "encrypted-private-key") {
    // PEM "RSA/EC PRIVATE KEY" with Proc-Type: 4,ENCRYPTED is OpenSSL's legacy encryption.
    if (item.format !== "ENCRYPTED PRIVATE KEY" && !item.format.startsWith("DER")) {
      return { file, format: "legacy-encrypted-pem" };
    }
    return { file, format: "encrypted-pkcs8", encryption: pkcs8Encryption(item.der) };
  }
  const format = item.format.includes("EC PRIVATE") || item.format.includes("SEC1") ? "sec1" : item.format.includes("RSA") || item.format.includes("PKCS#1") ? "pkcs1" : "pkcs8";
  const key = privateKeyFromItem(item, file);
  const publicKeySpki = new Uint8Array(createPublicKey(key).export({ type: "spki", format: "der" }));
  return { file, format, type: key.asymmetricKeyType, publicKeySpki };
}

/** "PBES2/AES-256-CBC", a PKCS#12 PBE name, the scheme's OID, or "unknown" when the parameters are damaged. */
function pkcs8Encryption(der: Uint8Array): string {
  try {
    const [oidNode, params] = children(der, need(children(der, readNode(der, 0))[0]));
    const oid = oidString(der, need(oidNode));
    if (oid === PBES2 && params) {
      const scheme = need(children(der, params)[1]);
      return `PBES2/${CIPHERS[oidString(der, need(children(der, scheme)[0]))] ?? "unknown cipher"}`;
    }
    return PKCS12_PBE[oid] ?? oid;
  } catch {
    return "unknown";
  }
}

function need<T>(node: T | undefined): T {
  if (node === undefined) throw new Error("missing field");
  return node;
}
