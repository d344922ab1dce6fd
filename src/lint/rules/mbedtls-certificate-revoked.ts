import { deviceChecksCrls, mbedtlsCrlHitsOf } from "../mbedtls-crl-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-certificate-revoked",
  title: "A certificate of the chain is listed on a CRL the device was given",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verifycrl() and mbedtls_x509_crt_is_revoked() (serial bytes compared; every CRL of the issuer, not only the newest; the trust anchor is never checked); src/knowledge/mbedtls-crl.ts scenarios revoked-leaf, revoked-intermediate, older-crl-revokes; test/peers/crl-mbedtls-lint.test.ts",
  requirement: "mbedTLS x509_crt_verifycrl(): a certificate whose serial is listed on a CRL issued by its parent (issuer name = parent subject) gets MBEDTLS_X509_BADCERT_REVOKED",
  symptom: { mbedtls: "-0x2700 with flags 0x02 MBEDTLS_X509_BADCERT_REVOKED (\"The certificate has been revoked (is on a CRL)\"); the device sends alert 44 (certificate_revoked)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_REVOKED"] }, alert: [44] } },
  messages: {
    revoked: "serial {serial} is on the CRL of \"{issuer}\" (revoked {date}): the device refuses it",
    olderCrl: "serial {serial} is on an older CRL of \"{issuer}\" (thisUpdate {thisUpdate}, revoked {date}): mbedTLS checks every CRL it was given, so a stale one still revokes",
    reissue: "issue a new certificate (for a revoked CA: a new CA, and re-issue what it signed); or, if the revocation was a mistake, give the device only the current CRL",
  },
  appliesTo: (ctx) => deviceChecksCrls(ctx),
  check(ctx) {
    const crls = ctx.profile.deviceCrls?.crls ?? [];
    return mbedtlsCrlHitsOf(ctx, "revoked").map(({ certIndex, crl, problem }) => {
      // Say so when a newer CRL of the same issuer no longer lists it: the stale one is what revokes.
      const newer = crls.some((other) => other !== crl && other.issuer.canonical === crl.issuer.canonical && other.thisUpdate > crl.thisUpdate && !other.revoked.has(problem.serial));
      const data = { serial: problem.serial, issuer: crl.issuer.text, date: problem.revocationDate.toISOString() };
      return newer
        ? { certIndex, messageId: "olderCrl" as const, data: { ...data, thisUpdate: crl.thisUpdate.toISOString() }, fixId: "reissue" as const }
        : { certIndex, messageId: "revoked" as const, data, fixId: "reissue" as const };
    });
  },
});
