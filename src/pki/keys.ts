import { webcrypto } from "node:crypto";
import { generationParams, importParams, type KeyType } from "./key-types.js";

export type KeyPair = webcrypto.CryptoKeyPair;

/**
 * Generates a signing key pair. WebCrypto's generateKey runs in libuv's thread pool, so calling it
 * for many keys at once (Promise.all) uses both cores: that is what makes RSA-4096 labs bearable.
 */
export async function generateKeyPair(type: KeyType): Promise<KeyPair> {
  return (await webcrypto.subtle.generateKey(generationParams(type), true, ["sign", "verify"])) as KeyPair;
}

/** PKCS#8 PEM ("BEGIN PRIVATE KEY"): read by OpenSSL, nginx, and mbedTLS 2.28 and 3.6 alike. */
export async function privateKeyToPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  return toPem("PRIVATE KEY", der);
}

/** Imports a PKCS#8 PEM written by privateKeyToPem back for signing. */
export async function privateKeyFromPem(pem: string, type: KeyType): Promise<webcrypto.CryptoKey> {
  const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
  return webcrypto.subtle.importKey("pkcs8", Buffer.from(body, "base64"), importParams(type), false, ["sign"]);
}

export function toPem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
