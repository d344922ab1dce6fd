import { deviceChecksCrls, mbedtlsCrlHitsOf, oncePerCrl } from "../mbedtls-crl-hits.js";
import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-crl-bad-md",
  title: "A CRL the device was given is signed with a hash or an algorithm its X.509 profile refuses",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verifycrl() (x509_profile_check_md_alg() on the CRL's hash: MBEDTLS_X509_BADCRL_BAD_MD, and x509_profile_check_pk_alg() on its signature type: MBEDTLS_X509_BADCRL_BAD_PK, even when the signature verifies) and the device's profile (src/knowledge/mbedtls-profiles.ts); src/knowledge/mbedtls-crl.ts scenario sha1-crl; test/peers/crl-mbedtls-lint.test.ts",
  requirement: "mbedTLS x509_crt_verifycrl(): the CRL's signature hash and signature algorithm must be ones the device's X.509 profile allows (allowed_mds, allowed_pks; the default profile: SHA-224+ on 2.28, SHA-256+ on 3.6, any algorithm; --mbedtls-profile for another)",
  symptom: { mbedtls: "-0x2700 with flags 0x20000 MBEDTLS_X509_BADCRL_BAD_MD (\"The CRL is signed with an unacceptable hash.\") or 0x40000 MBEDTLS_X509_BADCRL_BAD_PK (\"The CRL is signed with an unacceptable PK alg\"); the device sends alert 46 (certificate_unknown)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCRL_BAD_MD", "BADCRL_BAD_PK"] }, alert: [46] } },
  messages: {
    badMd: "the CRL of \"{issuer}\" is signed with {hash}, which {profile} refuses",
    sha256: "sign the CRL with SHA-256 or stronger (pkilab crl does)",
    badPk: "the CRL of \"{issuer}\" is signed with {algorithm}, a signature type {profile} refuses",
    allowedSigner: "sign the CRL with a CA key of a type the profile allows (suiteb: ECDSA)",
  },
  appliesTo: (ctx) => deviceChecksCrls(ctx),
  check(ctx) {
    const profile = ctx.profile.x509Profile.name;
    const hits: RuleHit<"badMd" | "sha256" | "badPk" | "allowedSigner">[] = [];
    for (const { certIndex, crl, problem } of oncePerCrl(mbedtlsCrlHitsOf(ctx, "bad-md"))) {
      hits.push({ certIndex: certIndex + 1, messageId: "badMd", data: { issuer: crl.issuer.text, hash: problem.hash, profile }, fixId: "sha256" });
    }
    for (const { certIndex, crl, problem } of oncePerCrl(mbedtlsCrlHitsOf(ctx, "bad-pk"))) {
      hits.push({ certIndex: certIndex + 1, messageId: "badPk", data: { issuer: crl.issuer.text, algorithm: problem.algorithm, profile }, fixId: "allowedSigner" });
    }
    return hits;
  },
});
