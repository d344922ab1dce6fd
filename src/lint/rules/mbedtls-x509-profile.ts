import { allows, curveId, idSetText, mdOfHash, pkOfKey, pkOfSignature } from "../../knowledge/mbedtls-profiles.js";
import { defineRule, type RuleHit } from "../types.js";

type MessageId = "badMd" | "useAllowedMd" | "badSignaturePk" | "useAllowedSigner" | "badKeyPk" | "useAllowedKeyType" | "rsaTooSmall" | "useLargerRsa" | "curveRefused" | "useAllowedCurve";

export const rule = defineRule({
  id: "mbedtls-x509-profile",
  title: "A certificate breaks the device's mbedTLS X.509 verification profile (hash, key type, curve or RSA size)",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c mbedtls_x509_crt_profile_default / _next / _suiteb (src/knowledge/mbedtls-profiles.ts; 2.28's default accepts SHA-224+ and any curve, 3.6's SHA-256+ and P-256/384/521/brainpool; RSA >= 2048), x509_crt_verify_restartable_ca_cb() (the leaf's key type and key) and x509_crt_verify_chain() / x509_profile_check_key() (every key; every signature's hash and key type but a trusted CA's, a pinned self-signed leaf's included); test/peers/mbedtls-lint.test.ts scenarios \"secp256k1-leaf-*\", \"sha1-signed-leaf-*\", \"rsa1024-leaf-*\", \"pinned-self-signed-sha1-*\", \"profile-*\"",
  requirement: "mbedTLS mbedtls_x509_crt_profile (the default one, or the one the firmware sets with mbedtls_ssl_conf_cert_profile()): the signature hashes (allowed_mds), public-key algorithms (allowed_pks), curves (allowed_curves) and minimum RSA size (rsa_min_bitlen) the certificates of the chain must meet",
  symptom: { mbedtls: "-0x2700 with flags 0x4000 BAD_MD, 0x8000 BAD_PK or 0x10000 BAD_KEY; the device sends alert 46 (bad hash) or 43 (bad key or key type)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_BAD_MD", "BADCERT_BAD_PK", "BADCERT_BAD_KEY"] }, alert: [46, 43] } },
  messages: {
    badMd: "signed with {algorithm}, which {profile} refuses (BAD_MD)",
    useAllowedMd: "re-issue it signed with a hash the profile allows: {allowed}",
    badSignaturePk: "signed with {algorithm} (signature key type {pk}), which {profile} refuses (BAD_PK)",
    useAllowedSigner: "re-issue it from a CA whose signatures the profile allows: {allowed}",
    badKeyPk: "its key is {key} ({pk}), a type {profile} refuses (BAD_PK)",
    useAllowedKeyType: "use a key of a type the profile allows: {allowed}",
    rsaTooSmall: "its RSA {bits} key is below {profile}'s {min} bits (BAD_KEY)",
    useLargerRsa: "use RSA {min}+ or an EC key",
    curveRefused: "its key is on {curve}, which {profile} refuses (BAD_KEY)",
    useAllowedCurve: "use a curve the profile allows: {allowed}",
  },
  appliesTo: () => true,
  check(ctx) {
    const profile = ctx.profile.x509Profile;
    const name = profile.name;
    const { chain, anchored } = ctx.validation;
    return chain.flatMap((cert, i) => {
      const hits: RuleHit<MessageId>[] = [];
      // x509_crt_verify_chain() checks the signature of every certificate but a trusted CA it reached
      // as a parent; a listed self-signed leaf (a pinned certificate) is checked before it is exempted.
      const trustedParent = i > 0 && i === chain.length - 1 && anchored;
      const signature = cert.signatureAlgorithm;
      const md = mdOfHash(signature.hash);
      if (!trustedParent && md && !allows(profile.allowedMds, md)) {
        hits.push({ certIndex: i, messageId: "badMd", data: { algorithm: signature.name, profile: name }, fixId: "useAllowedMd", fixData: { allowed: idSetText(profile.allowedMds) } });
      }
      const signaturePk = pkOfSignature(signature.key);
      if (!trustedParent && signaturePk && !allows(profile.allowedPks, signaturePk)) {
        hits.push({ certIndex: i, messageId: "badSignaturePk", data: { algorithm: signature.name, pk: signaturePk, profile: name }, fixId: "useAllowedSigner", fixData: { allowed: idSetText(profile.allowedPks) } });
      }
      const key = cert.publicKey;
      // The leaf's own key type (x509_crt_verify_restartable_ca_cb()); CA keys are checked for size and curve only.
      const keyPk = pkOfKey(key.type);
      if (i === 0 && keyPk && !allows(profile.allowedPks, keyPk)) {
        hits.push({ certIndex: i, messageId: "badKeyPk", data: { key: key.label, pk: keyPk, profile: name }, fixId: "useAllowedKeyType", fixData: { allowed: idSetText(profile.allowedPks) } });
      }
      if ((key.type === "rsa" || key.type === "rsa-pss") && key.bits < profile.rsaMinBitlen) {
        hits.push({ certIndex: i, messageId: "rsaTooSmall", data: { bits: key.bits, min: profile.rsaMinBitlen, profile: name }, fixId: "useLargerRsa", fixData: { min: profile.rsaMinBitlen } });
      }
      const curve = key.type === "ec" && key.curve ? curveId(key.curve) : undefined;
      if (key.type === "ec" && key.curve && curve && !allows(profile.allowedCurves, curve)) {
        hits.push({ certIndex: i, messageId: "curveRefused", data: { curve: key.curve, profile: name }, fixId: "useAllowedCurve", fixData: { allowed: idSetText(profile.allowedCurves) } });
      }
      return hits;
    });
  },
});
