import { createPrivateKey, generateKeyPair as generateKeyPairCallback, type KeyObject } from "node:crypto";
import { keyGenRequest, type KeyType } from "./key-types.js";

export interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/**
 * Generates a signing key pair. generateKeyPair runs on libuv's thread pool, so calling it for
 * many keys at once (Promise.all) uses both cores: that is what makes RSA-4096 labs bearable.
 */
export function generateKeyPair(type: KeyType): Promise<KeyPair> {
  const request = keyGenRequest(type);
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, publicKey: KeyObject, privateKey: KeyObject) =>
      err ? reject(err) : resolve({ publicKey, privateKey });
    if (request.kind === "rsa") generateKeyPairCallback("rsa", request.options, done);
    else generateKeyPairCallback("ec", request.options, done);
  });
}

/** PKCS#8 PEM ("BEGIN PRIVATE KEY"): read by OpenSSL, nginx, and mbedTLS 2.28 and 3.6 alike. */
export function privateKeyToPem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}

/** Reads a lab key back (PKCS#8 PEM as written by privateKeyToPem). */
export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey({ key: pem, format: "pem" });
}
