import { span } from "../../chain/validate.js";
import { peerClock } from "../clock.js";
import { deviceChecksCrls, mbedtlsCrlHitsOf, oncePerCrl } from "../mbedtls-crl-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-crl-future",
  title: "A CRL the device was given is not yet valid (thisUpdate after the device clock)",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verifycrl() (thisUpdate in the future: MBEDTLS_X509_BADCRL_FUTURE, and the check goes on); only with MBEDTLS_HAVE_TIME_DATE; src/knowledge/mbedtls-crl.ts scenarios crl-not-yet-valid, revoked-leaf-future-crl; test/peers/crl-mbedtls-lint.test.ts",
  requirement: "mbedTLS x509_crt_verifycrl(): with MBEDTLS_HAVE_TIME_DATE, a CRL whose thisUpdate is after the device clock sets MBEDTLS_X509_BADCRL_FUTURE",
  symptom: { mbedtls: "-0x2700 with flags 0x400 MBEDTLS_X509_BADCRL_FUTURE (\"The CRL is from the future\"); the device sends alert 46 (certificate_unknown)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCRL_FUTURE"] }, alert: [46] } },
  messages: {
    future: "the CRL of \"{issuer}\" is valid only from {thisUpdate}, {ahead} after the device clock: the device refuses every chain through that CA until then",
    backdate: "backdate thisUpdate as pkilab crl does (devices' clocks lag), or check the device clock (a device without RTC starts at its build date: --device-clock)",
  },
  appliesTo: (ctx) => deviceChecksCrls(ctx) && ctx.profile.checksTime,
  check(ctx) {
    const at = peerClock(ctx).getTime();
    return oncePerCrl(mbedtlsCrlHitsOf(ctx, "future")).map(({ certIndex, crl, problem }) => ({
      certIndex: certIndex + 1,
      messageId: "future" as const,
      data: { issuer: crl.issuer.text, thisUpdate: problem.thisUpdate.toISOString(), ahead: span(problem.thisUpdate.getTime() - at) },
      fixId: "backdate" as const,
    }));
  },
});
