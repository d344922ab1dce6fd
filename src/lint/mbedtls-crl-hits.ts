import { mbedtlsCrlHits, type MbedtlsCrlHit, type MbedtlsCrlProblem } from "../chain/mbedtls-crl.js";
import type { ValidationResult } from "../chain/validate.js";
import type { MbedtlsProfile } from "../peers/types.js";
import { allows, mdOfHash, pkOfSignature } from "../knowledge/mbedtls-profiles.js";
import { peerClock } from "./clock.js";
import type { LintContext } from "./types.js";

/** What the device's CRLs flag on the path it builds, worked out once per lint and shared by the mbedtls CRL rules. */
const cache = new WeakMap<ValidationResult, MbedtlsCrlHit[]>();

/**
 * The device's CRL checks, or false when it checks none: no --crl, the certificate is the device's
 * own, or MBEDTLS_X509_CRL_PARSE_C is off (rule mbedtls-crl-not-compiled says so).
 */
export function deviceChecksCrls(ctx: LintContext<MbedtlsProfile>): boolean {
  return ctx.profile.deviceCrls !== undefined && ctx.profile.mbedtls.crlParse;
}

/** The hits of one kind, each with the CRL's issuer. */
export function mbedtlsCrlHitsOf<K extends MbedtlsCrlProblem["kind"]>(ctx: LintContext<MbedtlsProfile>, kind: K): (MbedtlsCrlHit & { problem: Extract<MbedtlsCrlProblem, { kind: K }> })[] {
  let hits = cache.get(ctx.validation);
  if (!hits) {
    const caps = ctx.profile.mbedtls;
    // x509_profile_check_md_alg(): the device's X.509 profile (--mbedtls-profile, else the library's default).
    const { allowedMds, allowedPks } = ctx.profile.x509Profile;
    hits = mbedtlsCrlHits(ctx.validation.chain, ctx.profile.deviceCrls?.crls ?? [], {
      at: ctx.profile.checksTime ? peerClock(ctx) : undefined,
      // 3.6 always checks cRLSign; 2.28 only with MBEDTLS_X509_CHECK_KEY_USAGE (library/x509_crt.c x509_crt_verifycrl()).
      checksCrlSign: caps.version === "3.6" || caps.macros.MBEDTLS_X509_CHECK_KEY_USAGE !== undefined,
      hashAllowed: (hash) => {
        const md = mdOfHash(hash);
        return md !== undefined && allows(allowedMds, md);
      },
      // x509_profile_check_pk_alg(): a signature type mbedTLS has no name for cannot be allowed.
      signatureAllowed: (key) => {
        const pk = pkOfSignature(key);
        return pk !== undefined && allows(allowedPks, pk);
      },
    });
    cache.set(ctx.validation, hits);
  }
  return hits.filter((hit): hit is MbedtlsCrlHit & { problem: Extract<MbedtlsCrlProblem, { kind: K }> } => hit.problem.kind === kind);
}

/** The first hit of each CRL: a CRL is reported once, at the CA that issued it, however many links it covers. */
export function oncePerCrl<H extends MbedtlsCrlHit>(hits: H[]): H[] {
  const seen = new Set<MbedtlsCrlHit["crl"]>();
  return hits.filter((hit) => {
    if (seen.has(hit.crl)) return false;
    seen.add(hit.crl);
    return true;
  });
}
