import type { DerDeviationKind } from "../../asn1/der-reader.js";
import type { CertFacts } from "../../model/certificate.js";
import { defineRule, type LintContext, type RuleHit } from "../types.js";

/** What a peer does with a certificate that carries a deviation: refuses to decode it, or reads it as BER. */
type Outcome = "refuses" | "accepts";

/**
 * What each peer family does with each deviation the DER reader records, as data: the rule reports
 * a deviation for a peer only where that peer refuses it (error), except mbedTLS, which accepts them
 * all and is told so (info), and browsers, not run here (warning).
 * - OpenSSL 3.0.19 and mbedTLS 2.28.3 / 3.6.6: tested, test/peers/non-der-encoding.test.ts.
 * - BoringSSL (Chrome): not tested; read from its source (crypto/bytestring/cbs.c).
 * - Go 1.19: tested, test/peers/go-lint.test.ts; its parser is cryptobyte (go1.19
 *   src/vendor/golang.org/x/crypto/cryptobyte/asn1.go), which refuses all four like BoringSSL's CBS.
 */
export const PEER_OUTCOMES: Record<DerDeviationKind, { openssl: Outcome; mbedtls: Outcome; boringssl: Outcome; go: Outcome }> = {
  // OpenSSL crypto/asn1/asn1_lib.c asn1_get_length() takes any definite length; mbedTLS
  // library/asn1parse.c mbedtls_asn1_get_len() too; BoringSSL cbs_get_any_asn1_element() refuses a
  // long form that fits the short one, or with a leading zero.
  "non-minimal-length": { openssl: "accepts", mbedtls: "accepts", boringssl: "refuses", go: "refuses" },
  // OpenSSL crypto/asn1/a_int.c c2i_ibuf(): "illegal padding"; mbedTLS reads the serial's bytes as
  // they are (library/x509.c mbedtls_x509_get_serial()); BoringSSL CBS_is_valid_asn1_integer().
  "non-minimal-integer": { openssl: "refuses", mbedtls: "accepts", boringssl: "refuses", go: "refuses" },
  // OpenSSL crypto/asn1/tasn_dec.c asn1_ex_c2i() V_ASN1_BOOLEAN keeps the octet; mbedTLS
  // mbedtls_asn1_get_bool() takes non-zero as TRUE; BoringSSL CBS_get_asn1_bool() takes 00 or FF only.
  "boolean-not-00-ff": { openssl: "accepts", mbedtls: "accepts", boringssl: "refuses", go: "refuses" },
  // OpenSSL crypto/asn1/a_bitstr.c ossl_c2i_ASN1_BIT_STRING() clears the padding bits; mbedTLS
  // mbedtls_asn1_get_bitstring() checks only unused <= 7; BoringSSL CBS_is_valid_asn1_bitstring().
  "bit-string-padding-not-zero": { openssl: "accepts", mbedtls: "accepts", boringssl: "refuses", go: "refuses" },
};

const WHAT: Record<DerDeviationKind, string> = {
  "non-minimal-length": "a length in long form where the short form would do, or with a leading zero octet (X.690 10.1)",
  "non-minimal-integer": "an INTEGER with a leading 00 or FF octet that says nothing (X.690 8.3.2)",
  "boolean-not-00-ff": "a BOOLEAN TRUE encoded as an octet other than FF (X.690 11.1)",
  "bit-string-padding-not-zero": "a BIT STRING with set bits among its unused bits (X.690 11.2.1)",
};

/** What each decoder does, in the words a finding uses: which deviations it reports, and why. */
const DECODERS: Record<Decoder, { reports: (kind: DerDeviationKind) => boolean; says: string; skipsBadAnchors?: boolean }> = {
  openssl: { reports: (kind) => PEER_OUTCOMES[kind].openssl === "refuses", says: "OpenSSL refuses to decode it" },
  mbedtls: { reports: (kind) => PEER_OUTCOMES[kind].mbedtls === "accepts", says: "mbedTLS reads it as BER" },
  boringssl: { reports: (kind) => PEER_OUTCOMES[kind].boringssl === "refuses", says: "BoringSSL refuses it (not tested here)" },
  // Go's CertPool.AppendCertsFromPEM skips a certificate it cannot parse (go1.19 src/crypto/x509/cert_pool.go):
  // a trust anchor off the path harms nothing.
  go: { reports: (kind) => PEER_OUTCOMES[kind].go === "refuses", says: "Go's parser refuses it", skipsBadAnchors: true },
};

type Decoder = keyof (typeof PEER_OUTCOMES)[DerDeviationKind];

const MESSAGES = {
  notDer: "{who} is not DER: {what}, at byte {offset}; {says}",
  reissueDer: "re-issue it with a DER encoder (any CA tool: openssl, pkilab init)",
};

/** Each deviation of the certificates a peer decodes (the path, then the anchors off it) that its decoder reports. */
function hits(ctx: LintContext, decoder: Decoder): RuleHit<keyof typeof MESSAGES>[] {
  const { reports, says, skipsBadAnchors } = DECODERS[decoder];
  const offPath = skipsBadAnchors ? [] : ctx.anchors.filter((a) => !ctx.validation.chain.includes(a));
  const certs: { cert: CertFacts; i: number }[] = [...ctx.validation.chain.map((cert, i) => ({ cert, i })), ...offPath.map((cert) => ({ cert, i: -1 }))];
  return certs.flatMap(({ cert, i }) => {
    const who = i === -1 ? `trust anchor "${cert.subject.text}"` : i === 0 ? "the certificate" : `"${cert.subject.text}"`;
    return cert.derDeviations
      .filter((d) => reports(d.kind))
      .map((d) => ({
        certIndex: i,
        messageId: "notDer" as const,
        data: { who, what: WHAT[d.kind], offset: d.offset, says },
        fixId: "reissueDer" as const,
      }));
  });
}

export const rule = defineRule({
  id: "non-der-encoding",
  title: "A certificate is BER, not DER: a non-minimal length or INTEGER, a BOOLEAN other than 00/FF, or set BIT STRING padding",
  peers: { "nginx-mtls": "error", "nginx-server": "error", browser: "warning", mbedtls: "info", "go-mtls": "error", "go-client": "error" },
  citation:
    "X.690 10.1, 8.3.2, 11.1 and 11.2.1 and RFC 5280 4.1 (a certificate is DER); OpenSSL 3.0.19 refuses only the non-minimal INTEGER (crypto/asn1/a_int.c c2i_ibuf(), \"illegal padding\") and reads the other three as BER, shown by test/peers/non-der-encoding.test.ts; mbedTLS 2.28.3 and 3.6.6 parse all four (library/asn1parse.c mbedtls_asn1_get_len(), mbedtls_asn1_get_bool(), mbedtls_asn1_get_bitstring() and library/x509.c mbedtls_x509_get_serial()), shown by the same test; Go 1.19 refuses all four (cryptobyte's readASN1(), ReadASN1Integer(), ReadASN1Boolean(), ReadASN1BitString()), shown by test/peers/go-lint.test.ts; browsers not tested: BoringSSL crypto/bytestring/cbs.c cbs_get_any_asn1_element(), CBS_is_valid_asn1_integer(), CBS_get_asn1_bool() and CBS_is_valid_asn1_bitstring() refuse all four",
  requirement: "RFC 5280 4.1: “the certificate is encoded using the ASN.1 Distinguished Encoding Rules (DER) [X.690]”",
  symptom: {
    "nginx-mtls": "OpenSSL cannot decode the client certificate (c2i_ibuf(): illegal padding), so the handshake fails; openssl x509 says \"Could not read certificate\"",
    "nginx-server": "OpenSSL cannot decode the certificate (c2i_ibuf(): illegal padding), so nginx cannot load it; openssl x509 says \"Could not read certificate\"",
    browser: "not tested: BoringSSL's DER parser refuses the certificate (NET::ERR_CERT_INVALID expected)",
    mbedtls: "none: mbedTLS 2.28 and 3.6 parse it (mbedtls_x509_crt_parse_der() returns 0)",
    "go-mtls": "the Go server cannot parse the client certificate: \"tls: failed to parse client certificate: x509: malformed …\" (or \"x509: invalid key usage\"); the client reads \"remote error: tls: bad certificate\"; a root like that is skipped when the CA file is read (\"tls: failed to verify client certificate: x509: certificate signed by unknown authority\")",
    "go-client": "the Go client cannot parse the server certificate: \"tls: failed to parse certificate from server: x509: malformed …\" (or \"x509: invalid key usage\"); a root like that is skipped when the CA file is read",
  },
  predicts: {
    "nginx-mtls": { silent: "OpenSSL fails while decoding the certificate, before verification; what nginx logs then is not tested here" },
    "nginx-server": { silent: "nginx refuses to load the certificate at start-up (a configuration error, not a handshake code)" },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    mbedtls: { silent: "harmless: mbedTLS parses the certificate" },
    "go-mtls": { messages: ["go-malformed-certificate", "go-invalid-field", "go-failed-to-parse-client", "go-unknown-authority", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-malformed-certificate", "go-invalid-field", "go-failed-to-parse-server", "go-unknown-authority"] },
  },
  messages: MESSAGES,
  // A peer of this rule never has the "unknown" decoder (only client-hello has it).
  appliesTo: (ctx) => (ctx.profile.certificateDecoder === "unknown" ? false : ctx.profile.certificateDecoder),
  // RFC 5280 4.1: the certificate is DER; X.690 10.1 (minimal lengths), 8.3.2 (minimal INTEGERs),
  // 11.1 (BOOLEAN TRUE is FF) and 11.2.1 (unused bits are zero).
  check: (ctx, decoder) => hits(ctx, decoder),
});
