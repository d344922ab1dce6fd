/** A private key file described without its secret. */
export interface KeyDescription {
  file: string;
  /** "pkcs8", "encrypted-pkcs8", "sec1", "pkcs1", or "legacy-encrypted-pem". */
  format: string;
  /** Key algorithm when readable: "ec", "rsa", "ed25519", …; undefined for an encrypted key. */
  type?: string;
  /** For encrypted keys: the scheme, e.g. "PBES2/AES-256-CBC". */
  encryption?: string;
  /** The public half (SPKI DER) when the key is readable: to check it belongs to the certificate. */
  publicKeySpki?: Uint8Array;
}
