import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import type { CertFacts } from "../model/certificate.js";
import { InputError } from "./input-error.js";
import { KIND_WORDS, readBytes, readMaterial } from "./read.js";

/**
 * Reads a private key: PKCS#8, SEC1 (EC PRIVATE KEY), PKCS#1 (RSA PRIVATE KEY), encrypted PKCS#8
 * and legacy PEM encryption, PEM or DER. Node's parser (OpenSSL underneath) decrypts.
 */
export async function readPrivateKeyFile(file: string, password?: string): Promise<KeyObject> {
  const bytes = readBytes(file);
  const items = readMaterial(bytes, file, "a private key");
  const item = items.find((i) => i.kind === "private-key" || i.kind === "encrypted-private-key");
  if (!item) {
    const found = items.find((i) => i.kind !== "ec-parameters") ?? items[0];
    throw new InputError(`${file}: this is ${KIND_WORDS[found.kind]}, not a private key: pass the key file (e.g. key.pem) to --key`);
  }
  const encrypted = item.kind === "encrypted-private-key";
  if (encrypted && password === undefined) {
    throw new InputError(`${file}: the private key is encrypted: give its passphrase with --password or --password-file`);
  }
  try {
    if (item.format.startsWith("DER")) {
      const type = item.format.includes("SEC1") ? "sec1" : item.format.includes("PKCS#1") ? "pkcs1" : "pkcs8";
      return createPrivateKey({ key: Buffer.from(item.der), format: "der", type, passphrase: password });
    }
    // PEM: hand Node the whole block so legacy Proc-Type/DEK-Info headers are honoured.
    const text = Buffer.from(bytes).toString("latin1");
    return createPrivateKey({ key: text, format: "pem", passphrase: password });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (encrypted || /decrypt|passphrase/i.test(message)) {
      throw new InputError(`${file}: wrong password for this encrypted private key: give the right one with --password or --password-file`);
    }
    throw new InputError(`${file}: the private key cannot be read (${message.split("\n")[0]}): the file is corrupted, or the key type is not supported`);
  }
}

/** Does this private key belong to the certificate? (Compares the public keys.) */
export function keyMatchesCertificate(key: KeyObject, cert: CertFacts): boolean {
  const spki = createPublicKey(key).export({ type: "spki", format: "der" });
  return Buffer.compare(spki, Buffer.from(cert.publicKey.spki)) === 0;
}
