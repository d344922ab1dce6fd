/**
 * Revocation by CRL as mbedTLS checks it (library/x509_crt.c x509_crt_verifycrl(), called from
 * x509_crt_verify_chain() once per (child, parent) link; Mbed-TLS/mbedtls v2.28.3 and v3.6.6).
 * Unlike OpenSSL (src/chain/crl.ts), mbedTLS never requires a CRL, consults every CRL whose issuer
 * name is the parent's subject (not only the newest), never checks the trust anchor itself, and
 * stops looking at a link's CRLs at the first untrusted CRL or revocation. Each step is pinned by
 * src/knowledge/mbedtls-crl.ts, which test/peers/crl-mbedtls-differential.test.ts checks on the
 * real libraries.
 */
import type { CertFacts } from "../model/certificate.js";
import type { CrlFacts } from "../model/crl.js";
import { checkSignature } from "./signature.js";

/** What x509_crt_verifycrl() flags, one kind per MBEDTLS_X509_BAD* flag it can set. */
export type MbedtlsCrlProblem =
  /** BADCERT_REVOKED: the child's serial is listed. */
  | { kind: "revoked"; serial: string; revocationDate: Date }
  /** BADCRL_NOT_TRUSTED: the parent's keyUsage lacks cRLSign, or the CRL's signature fails. */
  | { kind: "not-trusted"; cause: "no-crlsign" | "signature" }
  /** BADCRL_BAD_MD: the profile refuses the CRL's signature hash. */
  | { kind: "bad-md"; hash: string }
  /** BADCRL_BAD_PK: the profile refuses the CRL's signature algorithm (RSA where only ECDSA is allowed). */
  | { kind: "bad-pk"; algorithm: string }
  /** BADCRL_EXPIRED: nextUpdate is past (a CRL without nextUpdate counts as year 0). */
  | { kind: "expired"; nextUpdate?: Date }
  /** BADCRL_FUTURE: thisUpdate is still ahead. */
  | { kind: "future"; thisUpdate: Date };

export interface MbedtlsCrlHit {
  /** The child: the certificate whose link the CRL was checked for. */
  certIndex: number;
  crl: CrlFacts;
  problem: MbedtlsCrlProblem;
}

export interface MbedtlsCrlOptions {
  /** The device clock; undefined without MBEDTLS_HAVE_TIME_DATE (dates never compared). */
  at?: Date;
  /**
   * Whether a parent without cRLSign makes its CRL untrusted: 3.6 always, 2.28 only with
   * MBEDTLS_X509_CHECK_KEY_USAGE (on by default).
   */
  checksCrlSign: boolean;
  /** The X.509 profile's hash check (x509_profile_check_md_alg()); undefined hash = unknown algorithm. */
  hashAllowed: (hash: string | undefined) => boolean;
  /** The profile's signature-algorithm check (x509_profile_check_pk_alg()), given the signature's key type. */
  signatureAllowed: (key: string) => boolean;
}

/**
 * Every flag x509_crt_verifycrl() would set along `chain` (leaf first, ending at the trust anchor),
 * in the library's order per link. The last certificate is the anchor and is never checked.
 */
export function mbedtlsCrlHits(chain: readonly CertFacts[], crls: readonly CrlFacts[], options: MbedtlsCrlOptions): MbedtlsCrlHit[] {
  const hits: MbedtlsCrlHit[] = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const child = chain[i];
    const parent = chain[i + 1];
    if (!child || !parent) continue;
    for (const crl of crls) {
      if (crl.issuer.canonical !== parent.subject.canonical) continue;
      const stop = checkOne(child, parent, crl, options, (problem) => hits.push({ certIndex: i, crl, problem }));
      if (stop) break;
    }
  }
  return hits;
}

/** One CRL for one link; true when mbedTLS ends the link's CRL loop ("break" in x509_crt_verifycrl()). */
function checkOne(child: CertFacts, parent: CertFacts, crl: CrlFacts, options: MbedtlsCrlOptions, flag: (problem: MbedtlsCrlProblem) => void): boolean {
  // mbedtls_x509_crt_check_key_usage(): a parent without a keyUsage extension may sign CRLs.
  if (options.checksCrlSign && parent.keyUsage && !parent.keyUsage.has("cRLSign")) {
    flag({ kind: "not-trusted", cause: "no-crlsign" });
    return true;
  }
  const hash = crl.signatureAlgorithm.hash;
  if (!options.hashAllowed(hash)) flag({ kind: "bad-md", hash: hash ?? crl.signatureAlgorithm.name });
  if (!options.signatureAllowed(crl.signatureAlgorithm.key)) flag({ kind: "bad-pk", algorithm: crl.signatureAlgorithm.name });
  // Not modelled: a hash the device did not compile makes mbedtls_md() fail, which the library also
  // reports as BADCRL_NOT_TRUSTED; here the signature is checked with every hash.
  if (checkSignature(crl, parent) !== "ok") {
    flag({ kind: "not-trusted", cause: "signature" });
    return true;
  }
  if (options.at) {
    // mbedtls_x509_time_is_past()/_is_future(): strictly before/after now, to the second.
    const now = Math.floor(options.at.getTime() / 1000);
    if (!crl.nextUpdate || Math.floor(crl.nextUpdate.getTime() / 1000) < now) flag({ kind: "expired", nextUpdate: crl.nextUpdate });
    if (Math.floor(crl.thisUpdate.getTime() / 1000) > now) flag({ kind: "future", thisUpdate: crl.thisUpdate });
  }
  const entry = crl.revoked.get(child.serial);
  if (entry) {
    flag({ kind: "revoked", serial: child.serial, revocationDate: entry.revocationDate });
    return true;
  }
  return false;
}
