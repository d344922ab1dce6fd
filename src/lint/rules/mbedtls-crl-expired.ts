import { span } from "../../chain/validate.js";
import { peerClock } from "../clock.js";
import { deviceChecksCrls, mbedtlsCrlHitsOf, oncePerCrl } from "../mbedtls-crl-hits.js";
import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-crl-expired",
  title: "A CRL the device was given is past its nextUpdate, or has none",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verifycrl() (nextUpdate in the past: MBEDTLS_X509_BADCRL_EXPIRED, and the check goes on); library/x509_crl.c mbedtls_x509_crl_parse_der() (a missing nextUpdate is left zero, which is in the past); only with MBEDTLS_HAVE_TIME_DATE; src/knowledge/mbedtls-crl.ts scenarios crl-expired, root-crl-expired, no-next-update; test/peers/crl-mbedtls-lint.test.ts",
  requirement: "mbedTLS x509_crt_verifycrl(): with MBEDTLS_HAVE_TIME_DATE, a CRL whose nextUpdate is before the device clock — or that has no nextUpdate — sets MBEDTLS_X509_BADCRL_EXPIRED",
  symptom: { mbedtls: "-0x2700 with flags 0x20 MBEDTLS_X509_BADCRL_EXPIRED (\"The CRL is expired\"); the device sends alert 46 (certificate_unknown)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCRL_EXPIRED"] }, alert: [46] } },
  messages: {
    expired: "the CRL of \"{issuer}\" expired {ago} ago (nextUpdate {nextUpdate}): the device refuses every chain through that CA",
    noNextUpdate: "the CRL of \"{issuer}\" has no nextUpdate: mbedTLS reads that as year 0, long past, and refuses every chain through that CA",
    reissue: "give the device a current CRL (pkilab crl --lab DIR), and reissue it before nextUpdate",
    addNextUpdate: "issue the CRL with a nextUpdate (pkilab crl sets thisUpdate + --days)",
  },
  appliesTo: (ctx) => deviceChecksCrls(ctx) && ctx.profile.checksTime,
  check(ctx) {
    const at = peerClock(ctx).getTime();
    // One finding per CRL, at the CA that issued it.
    return oncePerCrl(mbedtlsCrlHitsOf(ctx, "expired")).map(({ certIndex, crl, problem }): RuleHit<"expired" | "reissue" | "noNextUpdate" | "addNextUpdate"> =>
      problem.nextUpdate
        ? { certIndex: certIndex + 1, messageId: "expired", data: { issuer: crl.issuer.text, ago: span(at - problem.nextUpdate.getTime()), nextUpdate: problem.nextUpdate.toISOString() }, fixId: "reissue" }
        : { certIndex: certIndex + 1, messageId: "noNextUpdate", data: { issuer: crl.issuer.text }, fixId: "addNextUpdate" },
    );
  },
});
