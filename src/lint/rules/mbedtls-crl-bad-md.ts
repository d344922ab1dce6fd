import { deviceChecksCrls, mbedtlsCrlHitsOf } from "../mbedtls-crl-hits.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-crl-bad-md",
  title: "A CRL the device was given is signed with a hash its X.509 profile refuses",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verifycrl() (x509_profile_check_md_alg() on the CRL's hash: MBEDTLS_X509_BADCRL_BAD_MD, even when the signature verifies) and the device's profile (src/knowledge/mbedtls-profiles.ts); src/knowledge/mbedtls-crl.ts scenario sha1-crl; test/peers/crl-mbedtls-lint.test.ts",
  requirement: "mbedTLS x509_crt_verifycrl(): the CRL's signature hash must be one the device's X.509 profile allows (allowed_mds; the default profile: SHA-224+ on 2.28, SHA-256+ on 3.6; --mbedtls-profile for another)",
  symptom: { mbedtls: "-0x2700 with flags 0x20000 MBEDTLS_X509_BADCRL_BAD_MD (\"The CRL is signed with an unacceptable hash.\"); the device sends alert 46 (certificate_unknown)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCRL_BAD_MD"] }, alert: [46] } },
  messages: {
    badMd: "the CRL of \"{issuer}\" is signed with {hash}, which {profile} refuses",
    sha256: "sign the CRL with SHA-256 or stronger (pkilab crl does)",
  },
  appliesTo: (ctx) => deviceChecksCrls(ctx),
  check(ctx) {
    const seen = new Set<unknown>();
    return mbedtlsCrlHitsOf(ctx, "bad-md").flatMap(({ certIndex, crl, problem }) => {
      if (seen.has(crl)) return [];
      seen.add(crl);
      return [{ certIndex: certIndex + 1, messageId: "badMd" as const, data: { issuer: crl.issuer.text, hash: problem.hash, profile: ctx.profile.x509Profile.name }, fixId: "sha256" as const }];
    });
  },
});
