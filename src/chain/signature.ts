import { constants, verify, type KeyObject, type VerifyKeyObjectInput } from "node:crypto";
import type { CertFacts, SignatureAlgorithm } from "../model/certificate.js";
import type { PublicKeyFacts } from "../model/public-key.js";

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
  const job = signatureJob(cert, issuer);
  if (typeof job === "string") return job;
  try {
    return verify(job.hash, cert.tbs, job.key, cert.signature) ? "ok" : "invalid";
  } catch {
    // A digest OpenSSL refuses, or a key it loaded but cannot verify with.
    return "unsupported";
  }
}

/**
 * Starts the signature checks checkSignature will be asked for about `cert` (a leaf about to be
 * verified), on libuv's thread pool, the results put in checkSignature's cache: one for each of
 * `issuers` that could have signed it (likelyIssued, as the path builders pick candidates), at
 * most `most`. The
 * main thread reads and lints the next leaves meanwhile, so the ECDSA/RSA work of a fleet (most of
 * its time) runs on every core. The same OpenSSL call as checkSignature's, in Node's async mode
 * (crypto.verify with a callback): the answer is the same. A pair not started here is checked
 * when the chain check asks for it, as without this.
 */
export function checkSignaturesAhead(cert: CertFacts, issuers: readonly CertFacts[], most: number): Promise<void> {
  const started: Promise<SignatureCheck>[] = [];
  for (const issuer of issuers) {
    if (started.length === most) break;
    if (likelyIssued(cert, issuer) && !cache.get(cert)?.has(issuer)) started.push(signatureCheckAhead(cert, issuer));
  }
  return started.length === 0 ? Promise.resolve() : Promise.all(started).then(() => undefined);
}

/** checkSignature on libuv's thread pool: the same answer, put in the same cache. */
export function signatureCheckAhead(cert: Signed, issuer: CertFacts): Promise<SignatureCheck> {
  return new Promise<SignatureCheck>((resolve) => {
    const job = signatureJob(cert, issuer);
    if (typeof job === "string") return resolve(job);
    try {
      verify(job.hash, cert.tbs, job.key, cert.signature, (err, ok) => resolve(err ? "unsupported" : ok ? "ok" : "invalid"));
    } catch {
      resolve("unsupported"); // as computeSignature: a digest OpenSSL refuses
    }
  }).then((result) => {
    let byIssuer = cache.get(cert);
    if (!byIssuer) cache.set(cert, (byIssuer = new WeakMap()));
    byIssuer.set(issuer, result);
    return result;
  });
}

/** The arguments of the verification of `cert` by `issuer`, or the answer when no crypto is needed. */
function signatureJob(cert: Signed, issuer: CertFacts): SignatureCheck | { hash: string | null; key: KeyObject | VerifyKeyObjectInput } {
  const algorithm = cert.signatureAlgorithm;
  if (algorithm.key === "unknown") return "unsupported";
  if (!keyFits(algorithm.key, issuer.publicKey.type)) return "invalid";
  let key: KeyObject;
  try {
    key = issuer.keyObject();
  } catch {
    return "unsupported"; // a key OpenSSL cannot load (an unknown curve, a malformed key)
  }
  if (algorithm.key === "rsa-pss") {
    return { hash: algorithm.hash ?? "sha1", key: { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.pssSaltLength } };
  }
  return { hash: algorithm.key === "ed25519" || algorithm.key === "ed448" ? null : algorithm.hash ?? null, key };
}

/**
 * What OpenSSL 3.0 takes for an issuer without checking a signature (crypto/x509/v3_purp.c
 * ossl_x509_likely_issued()): the names match, the key ids do not contradict each other, and the
 * certificate's signature algorithm fits the issuer's key.
 */
export function likelyIssued(cert: CertFacts, issuer: CertFacts): boolean {
  const algorithm = cert.signatureAlgorithm.key;
  return (
    issuer.subject.canonical === cert.issuer.canonical &&
    !(cert.authorityKeyId && issuer.subjectKeyId && cert.authorityKeyId !== issuer.subjectKeyId) &&
    (algorithm === "unknown" || keyFits(algorithm, issuer.publicKey.type))
  );
}

/** Can a key of this type have made a signature of this family? (An RSA key may also make PSS signatures.) */
function keyFits(algorithm: SignatureAlgorithm["key"], keyType: PublicKeyFacts["type"]): boolean {
  return algorithm === keyType || (algorithm === "rsa-pss" && keyType === "rsa");
}
