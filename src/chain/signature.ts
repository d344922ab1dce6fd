import { constants, verify } from "node:crypto";
import type { CertFacts } from "../model/certificate.js";

export type SignatureCheck = "ok" | "invalid" | "unsupported";

/** What carries a signature: a certificate or a CRL (both sign their TBS part the same way). */
export type Signed = Pick<CertFacts, "tbs" | "signatureAlgorithm" | "signature">;

/** Signature results per (signed object, issuer) pair: in a fleet, every leaf shares the CA links above it. */
const cache = new WeakMap<Signed, WeakMap<CertFacts, SignatureCheck>>();

/** Does `issuer`'s key verify the signature of `cert` (or of a CRL)? (RSA PKCS#1 v1.5, RSA-PSS, ECDSA, EdDSA, DSA.) */
export function checkSignature(cert: Signed, issuer: CertFacts): SignatureCheck {
  let byIssuer = cache.get(cert);
  const cached = byIssuer?.get(issuer);
  if (cached) return cached;
  const result = computeSignature(cert, issuer);
  if (!byIssuer) cache.set(cert, (byIssuer = new WeakMap()));
  byIssuer.set(issuer, result);
  return result;
}

function computeSignature(cert: Signed, issuer: CertFacts): SignatureCheck {
  const algorithm = cert.signatureAlgorithm;
  const keyType = issuer.publicKey.type;
  if (algorithm.key === "unknown") return "unsupported";
  // The signature algorithm must fit the issuer's key (an RSA key may also make PSS signatures).
  const fits = algorithm.key === keyType || (algorithm.key === "rsa-pss" && keyType === "rsa");
  if (!fits) return "invalid";
  try {
    const key = issuer.keyObject();
    if (algorithm.key === "rsa-pss") {
      const ok = verify(algorithm.hash ?? "sha1", cert.tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.pssSaltLength }, cert.signature);
      return ok ? "ok" : "invalid";
    }
    const hash = algorithm.key === "ed25519" || algorithm.key === "ed448" ? null : algorithm.hash ?? null;
    return verify(hash, cert.tbs, key, cert.signature) ? "ok" : "invalid";
  } catch {
    // A key OpenSSL cannot load (an unknown curve, a malformed key) or a digest it refuses.
    return "unsupported";
  }
}
