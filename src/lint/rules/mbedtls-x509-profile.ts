import { defineRule, type RuleHit } from "../types.js";

/** mbedtls_x509_crt_profile_default (library/x509_crt.c at v2.28.3 and v3.6.6): hashes, curves, minimum RSA size. */
const PROFILE = {
  "2.28": { hashes: ["sha224", "sha256", "sha384", "sha512"], curves: null as string[] | null, minRsa: 2048 },
  "3.6": { hashes: ["sha256", "sha384", "sha512"], curves: ["P-256", "P-384", "P-521", "brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"], minRsa: 2048 },
};

export const rule = defineRule({
  id: "mbedtls-x509-profile",
  title: "A certificate breaks mbedTLS's default X.509 verification profile (hash, curve or RSA size)",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c mbedtls_x509_crt_profile_default (2.28 accepts SHA-224+ and any curve, 3.6 SHA-256+ and P-256/384/521/brainpool; RSA >= 2048) and x509_crt_verify_chain() / x509_profile_check_key() (every certificate, the leaf's own key included; every signature hash but a trusted CA's, a pinned self-signed leaf's included); test/peers/mbedtls-lint.test.ts scenarios \"secp256k1-leaf-*\", \"sha1-signed-leaf-*\", \"rsa1024-leaf-*\", \"pinned-self-signed-sha1-*\"",
  requirement: "mbedTLS mbedtls_x509_crt_profile_default: the hashes, curves and minimum RSA size (2048 bits) every certificate of the chain must meet",
  symptom: { mbedtls: "-0x2700 with flags 0x4000 BAD_MD or 0x10000 BAD_KEY; the device sends alert 46 (bad hash) or 43 (bad key)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_BAD_MD", "BADCERT_BAD_KEY"] }, alert: [46, 43] } },
  messages: {
    badMd: "signed with {algorithm}, which the default profile refuses (BAD_MD)",
    useSha256: "re-issue it with SHA-256 or stronger",
    rsaTooSmall: "its RSA {bits} key is below the profile's {min} bits (BAD_KEY)",
    useRsa2048: "use RSA 2048+ or an EC key",
    curveRefused: "its key is on {curve}, which mbedTLS 3.6's default profile refuses (BAD_KEY)",
    useP256OrP384: "use P-256 or P-384",
  },
  appliesTo: () => true,
  check(ctx) {
    const profile = PROFILE[ctx.profile.mbedtls.version];
    const { chain, anchored } = ctx.validation;
    return chain.flatMap((cert, i) => {
      const hits: RuleHit<"badMd" | "useSha256" | "rsaTooSmall" | "useRsa2048" | "curveRefused" | "useP256OrP384">[] = [];
      const hash = cert.signatureAlgorithm.hash;
      // x509_crt_verify_chain() checks the hash of every certificate but a trusted CA it reached as a
      // parent; a listed self-signed leaf (a pinned certificate) is checked before it is exempted.
      const trustedParent = i > 0 && i === chain.length - 1 && anchored;
      if (!trustedParent && hash && !profile.hashes.includes(hash)) {
        hits.push({ certIndex: i, messageId: "badMd", data: { algorithm: cert.signatureAlgorithm.name }, fixId: "useSha256" });
      }
      const key = cert.publicKey;
      if ((key.type === "rsa" || key.type === "rsa-pss") && key.bits < profile.minRsa) {
        hits.push({ certIndex: i, messageId: "rsaTooSmall", data: { bits: key.bits, min: profile.minRsa }, fixId: "useRsa2048" });
      }
      if (key.type === "ec" && profile.curves && key.curve && !profile.curves.includes(key.curve)) {
        hits.push({ certIndex: i, messageId: "curveRefused", data: { curve: key.curve }, fixId: "useP256OrP384" });
      }
      return hits;
    });
  },
});
