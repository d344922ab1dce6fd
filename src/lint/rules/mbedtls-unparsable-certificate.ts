import { EXT } from "../../model/oids.js";
import { defineRule, type RuleHit } from "../types.js";

/** Extensions mbedTLS parses (library/x509_crt.c x509_get_crt_ext); 3.5+ also reads SKI and AKI. */
const PARSED = {
  "2.28": [EXT.basicConstraints, EXT.keyUsage, EXT.extKeyUsage, EXT.subjectAltName, EXT.nsCertType, EXT.certificatePolicies],
  "3.6": [EXT.basicConstraints, EXT.keyUsage, EXT.extKeyUsage, EXT.subjectAltName, EXT.nsCertType, EXT.certificatePolicies, EXT.subjectKeyIdentifier, EXT.authorityKeyIdentifier],
};

export const rule = defineRule({
  id: "mbedtls-unparsable-certificate",
  title: "mbedTLS cannot parse a certificate: an EdDSA key, or a critical extension it does not know",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/pkparse.c pk_get_pk_alg() (Ed25519 keys: -0x3C80 in both versions) and library/x509_crt.c x509_get_crt_ext() (an unknown critical extension fails to parse with -0x2562 unless MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION, 2.28 only)",
  requirement: "mbedTLS x509_get_crt_ext(): an unknown critical extension fails to parse (unless MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION, 2.28)",
  symptom: { mbedtls: "-0x3C80 (PK_UNKNOWN_PK_ALG) or -0x2562 (X509_INVALID_EXTENSIONS + ASN1_UNEXPECTED_TAG) when parsing; in a handshake the device aborts with that code and alert 42" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x3C80, -0x2562] }, alert: [42] } },
  messages: {
    edKey: "{who} has an {key} key, which mbedTLS cannot parse",
    useP256: "re-issue it with a P-256 key",
    unknownCritical: "{who} has critical extension(s) mbedTLS {version} does not parse: {oids}",
    makeNonCritical: "re-issue it with those extensions non-critical",
  },
  appliesTo: () => true,
  check(ctx) {
    const caps = ctx.profile.mbedtls;
    const parsed = PARSED[caps.version];
    const allowUnknownCritical = caps.version === "2.28" && caps.macros.MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION !== undefined;
    const certs = [...ctx.validation.chain.map((cert, i) => ({ cert, i })), ...ctx.anchors.filter((a) => !ctx.validation.chain.includes(a)).map((cert) => ({ cert, i: -1 }))];
    return certs.flatMap(({ cert, i }) => {
      const who = i === -1 ? `trust anchor "${cert.subject.text}"` : i === 0 ? "the certificate" : `"${cert.subject.text}"`;
      const hits: RuleHit<"edKey" | "useP256" | "unknownCritical" | "makeNonCritical">[] = [];
      if (cert.publicKey.type === "ed25519" || cert.publicKey.type === "ed448") {
        hits.push({ certIndex: i, messageId: "edKey", data: { who, key: cert.publicKey.label }, fixId: "useP256" });
      }
      const unknown = cert.extensions.filter((e) => e.critical && !parsed.includes(e.oid as never));
      if (unknown.length > 0 && !allowUnknownCritical) {
        hits.push({ certIndex: i, messageId: "unknownCritical", data: { who, version: caps.version, oids: unknown.map((e) => e.oid).join(", ") }, fixId: "makeNonCritical" });
      }
      return hits;
    });
  },
});
