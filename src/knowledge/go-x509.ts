/**
 * Go's crypto/x509 and crypto/tls: the error strings a Go program prints when it refuses a
 * certificate (a Go server with ClientAuth: tls.RequireAndVerifyClientCert: Traefik, Caddy, etcd,
 * Vault, NATS, Kubernetes; a Go client: most agents and operators), and the facts behind them.
 *
 * Sources and conventions
 * - `text`: what err.Error() returns in Go 1.19, read from the source tagged go1.19 (`cite`: the file
 *   under src/ and the function), checked against the real toolchain (Debian golang-go 1.19.8) by
 *   test/peers/go-knowledge.test.ts (each Error() printed by a Go program) and test/peers/go-lint.test.ts
 *   (each seen in a real handshake). "…" stands for the part that varies (names, times).
 * - `since`/`until`: Go minor versions (18 = Go 1.18) where the string or the behaviour behind it
 *   appears or goes; `note` is the release note that says so (not run here: only 1.19 is installed).
 * - How Go reports a refusal in a handshake (crypto/tls, go1.19):
 *   server: "tls: failed to verify client certificate: " + the x509 error (handshake_server.go
 *   processCertsFromClient), "tls: failed to parse client certificate: " + a parse error; the client
 *   then reads "remote error: tls: bad certificate" (alert 42; alert.go alertText).
 *   client: the x509 error itself (handshake_client.go verifyServerCertificate), "tls: failed to parse
 *   certificate from server: " + a parse error. Go 1.20 wraps both sides' verification errors in
 *   tls.CertificateVerificationError: "tls: failed to verify certificate: x509: …" (go.dev/doc/go1.20).
 */
import type { KnownMessage } from "./messages.js";

export interface GoError {
  /** Message id (src/knowledge/messages.ts): what rules' `predicts.messages` name. */
  id: string;
  /** err.Error() in Go 1.19 ("…" = the varying part). */
  text: string;
  pattern: RegExp;
  meaning: string;
  side: KnownMessage["side"];
  causes: string[];
  cite: string;
  since?: number;
  until?: number;
  note?: string;
  /** The TLS alert the wording stands for. */
  implies?: { alert: number };
}

/** Go 1.19's source, as anyone can read it: https://github.com/golang/go/tree/go1.19/src/crypto/... */
const X509 = "go1.19 src/crypto/x509";
const TLS = "go1.19 src/crypto/tls";

export const GO_ERRORS: readonly GoError[] = [
  {
    id: "go-incompatible-key-usage",
    text: "x509: certificate specifies an incompatible key usage",
    pattern: /x509: certificate specifies an incompatible key usage/,
    meaning: "Go found no chain on which every certificate's extended key usage allows the usage asked for (clientAuth on a server judging a client, serverAuth on a client): EKUs nest down the chain, so an intermediate or root that lists EKUs constrains the leaf",
    side: "either",
    causes: [
      "the leaf's EKU lacks clientAuth (a Go server) or serverAuth (a Go client)",
      "an intermediate or the root lists EKUs without that usage (e.g. a serverAuth-only intermediate above client certificates), although the leaf has it",
      "a certificate of the chain has only EKU OIDs Go does not know",
    ],
    cite: `[${X509}/verify.go CertificateInvalidError.Error() (IncompatibleUsage), Verify() and checkChainForKeyUsage()]`,
  },
  {
    id: "go-unknown-authority",
    text: "x509: certificate signed by unknown authority",
    pattern: /x509: certificate signed by unknown authority/,
    meaning: "Go could not build a chain from the certificate to one of its trusted roots (RootCAs / ClientCAs); a parenthesised hint names the candidate issuer it tried and why that failed",
    side: "either",
    causes: [
      "the issuer (intermediate) was not sent and is not in the trusted pool",
      "the signature of a candidate issuer failed: a SHA-1 signature (\"insecure algorithm SHA1-RSA\"), a wrong key, or an issuer that may not sign (\"parent certificate cannot sign this kind of certificate\")",
      "the root in the CA file could not be parsed: Go's CertPool.AppendCertsFromPEM skips such certificates silently",
    ],
    cite: `[${X509}/verify.go UnknownAuthorityError.Error(), buildChains()] [${X509}/cert_pool.go AppendCertsFromPEM()]`,
  },
  {
    id: "go-insecure-algorithm",
    text: "x509: cannot verify signature: insecure algorithm … (temporarily override with GODEBUG=x509sha1=1)",
    pattern: /x509: cannot verify signature: insecure algorithm ([A-Z0-9-]+)/,
    meaning: "a certificate of the chain is signed with SHA-1 (SHA1-RSA, ECDSA-SHA1) or MD5, which Go refuses to verify since 1.18; in a handshake it is the hint of \"certificate signed by unknown authority\"",
    side: "either",
    causes: ["an intermediate or leaf signed with sha1WithRSAEncryption or ecdsa-with-SHA1 (a root's own signature is never checked)"],
    cite: `[${X509}/x509.go InsecureAlgorithmError.Error(), checkSignature() (allowSHA1 false from CheckSignatureFrom)]`,
    since: 18,
    note: "https://go.dev/doc/go1.18 (crypto/x509: SHA-1 signatures refused; GODEBUG=x509sha1=1 restores them); https://go.dev/doc/go1.24 (crypto/x509: the x509sha1 setting is removed)",
  },
  {
    id: "go-parent-cannot-sign",
    text: "x509: invalid signature: parent certificate cannot sign this kind of certificate",
    pattern: /x509: invalid signature: parent certificate cannot sign this kind of certificate/,
    meaning: "the candidate issuer may not sign certificates: a v3 certificate without basicConstraints, with CA:FALSE, or with a keyUsage lacking keyCertSign (the one place Go reads keyUsage); in a handshake it is the hint of \"certificate signed by unknown authority\"",
    side: "either",
    causes: ["an intermediate or root without basicConstraints CA:TRUE", "an intermediate or root whose keyUsage lacks keyCertSign"],
    cite: `[${X509}/x509.go ConstraintViolationError.Error(), Certificate.CheckSignatureFrom()]`,
  },
  {
    id: "go-not-authorized-to-sign",
    text: "x509: certificate is not authorized to sign other certificates",
    pattern: /x509: certificate is not authorized to sign other certificates/,
    meaning: "an intermediate is not a CA (no basicConstraints CA:TRUE); Go reaches this only for a v1/v2 intermediate, a v3 one fails earlier as \"parent certificate cannot sign\"",
    side: "either",
    causes: ["a v1 intermediate certificate (no extensions)"],
    cite: `[${X509}/verify.go CertificateInvalidError.Error() (NotAuthorizedToSign), Certificate.isValid()]`,
  },
  {
    id: "go-expired",
    text: "x509: certificate has expired or is not yet valid: current time … is after …",
    pattern: /x509: certificate has expired or is not yet valid/,
    meaning: "a certificate of the chain (leaf, intermediate or root) is outside its validity at Go's clock",
    side: "either",
    causes: ["the leaf or a CA expired", "a certificate is not yet valid: clock skew, or notBefore in the future"],
    cite: `[${X509}/verify.go CertificateInvalidError.Error() (Expired), Certificate.isValid()]`,
  },
  {
    id: "go-hostname-mismatch",
    text: "x509: certificate is valid for …, not …",
    pattern: /x509: certificate is valid for .{0,300}, not \S+/,
    meaning: "the server certificate's SANs do not name the host the Go client dialled (tls.Config.ServerName)",
    side: "client",
    causes: ["the host name is not a dNSName SAN (a wildcard matches one left-most label)", "an IP was dialled and is not an iPAddress SAN"],
    cite: `[${X509}/verify.go HostnameError.Error(), Certificate.VerifyHostname()]`,
  },
  {
    id: "go-legacy-common-name",
    text: "x509: certificate relies on legacy Common Name field, use SANs instead",
    pattern: /x509: certificate relies on legacy Common Name field, use SANs instead/,
    meaning: "the server certificate has no subjectAltName and names the host only in its CN, which Go no longer reads as a host name",
    side: "client",
    causes: ["a certificate made without SANs (openssl req -subj /CN=host without -addext subjectAltName)"],
    cite: `[${X509}/verify.go HostnameError.Error()]`,
    since: 15,
    note: "https://go.dev/doc/go1.15 (X.509 CommonName deprecation: GODEBUG=x509ignoreCN=0 kept the CN until Go 1.17 removed it, https://go.dev/doc/go1.17)",
  },
  {
    id: "go-no-ip-sans",
    text: "x509: cannot validate certificate for … because it doesn't contain any IP SANs",
    pattern: /x509: cannot validate certificate for \S+ because it doesn't contain any IP SANs/,
    meaning: "the Go client dialled an IP address and the certificate has no iPAddress SAN (an IP never matches a DNS SAN or the CN)",
    side: "client",
    causes: ["the certificate names the device by DNS name or CN only while clients dial its IP"],
    cite: `[${X509}/verify.go HostnameError.Error(), Certificate.VerifyHostname()]`,
  },
  {
    id: "go-not-valid-for-any-names",
    text: "x509: certificate is not valid for any names, but wanted to match …",
    pattern: /x509: certificate is not valid for any names, but wanted to match/,
    meaning: "the server certificate has no DNS SAN at all (and its CN, if any, does not match either)",
    side: "client",
    causes: ["a certificate without subjectAltName, or with e-mail/URI SANs only"],
    cite: `[${X509}/verify.go HostnameError.Error()]`,
  },
  {
    id: "go-name-constraints",
    text: "x509: a root or intermediate certificate is not authorized to sign for this name: …",
    pattern: /x509: a root or intermediate certificate is not authorized to sign for this name/,
    meaning: "a SAN of the leaf (or of the CA itself) is outside a CA's permitted subtrees or inside its excluded ones; Go checks DNS, IP, e-mail and URI SANs only, never the CN",
    side: "either",
    causes: ["the leaf names a host outside the CA's permitted DNS subtree", "the leaf names an excluded host or address"],
    cite: `[${X509}/verify.go CertificateInvalidError.Error() (CANotAuthorizedForThisName), Certificate.checkNameConstraints(), Certificate.isValid()]`,
  },
  {
    id: "go-path-length",
    text: "x509: too many intermediates for path length constraint",
    pattern: /x509: too many intermediates for path length constraint/,
    meaning: "a CA's pathLenConstraint allows fewer intermediates below it than the chain has",
    side: "either",
    causes: ["an intermediate with pathlen:0 issued another intermediate"],
    cite: `[${X509}/verify.go CertificateInvalidError.Error() (TooManyIntermediates), Certificate.isValid()]`,
  },
  {
    id: "go-unhandled-critical-extension",
    text: "x509: unhandled critical extension",
    pattern: /x509: unhandled critical extension/,
    meaning: "a certificate of the chain has a critical extension Go does not process (anything but keyUsage, basicConstraints, subjectAltName, nameConstraints, CRL distribution points, key identifiers, EKU and certificatePolicies), or a critical SAN / name constraint of a form it cannot read (a directoryName)",
    side: "either",
    causes: ["a critical policyConstraints, inhibitAnyPolicy or private extension", "critical name constraints with a directoryName subtree"],
    cite: `[${X509}/x509.go UnhandledCriticalExtension.Error()] [${X509}/parser.go processExtensions(), parseNameConstraintsExtension()] [${X509}/verify.go Certificate.isValid()]`,
  },
  {
    id: "go-duplicate-extensions",
    text: "x509: certificate contains duplicate extensions",
    pattern: /x509: certificate contains duplicate extensions/,
    meaning: "Go's parser refuses a certificate that repeats any extension (RFC 5280 4.2); a handshake fails before verification, and a root like that is skipped when the CA file is read",
    side: "either",
    causes: ["a CA tool that appends an extension twice (a config section listing the same extension in two places)"],
    cite: `[${X509}/parser.go parseCertificate()]`,
  },
  {
    id: "go-unsupported-curve",
    text: "x509: unsupported elliptic curve",
    pattern: /x509: unsupported elliptic curve/,
    meaning: "Go parses EC keys on P-224, P-256, P-384 and P-521 only: any other named curve (secp256k1, brainpool, P-192) makes the certificate unparsable",
    side: "either",
    causes: ["a secp256k1 or brainpoolP256r1 key (common on blockchain or European government PKIs)"],
    cite: `[${X509}/parser.go parsePublicKey()] [${X509}/x509.go namedCurveFromOID()]`,
  },
  {
    id: "go-negative-serial",
    text: "x509: negative serial number",
    pattern: /x509: negative serial number/,
    meaning: "Go 1.23 and later refuse to parse a certificate whose serialNumber is negative (Go 1.19 to 1.22 accept it): a certificate the peer sends fails the handshake (\"tls: failed to parse … certificate …: x509: negative serial number\"), a root like that is skipped when the CA file is read (then \"certificate signed by unknown authority\")",
    side: "either",
    causes: [
      "a CA that writes a random serial without a leading 00 octet, so that its top bit makes it negative",
      "a certificate made with a negative serial on purpose or by an old tool (openssl x509 -set_serial -5 writes one)",
    ],
    // The string itself is not in go1.19 (which accepts negative serials): it is read from go1.23.0.
    cite: "[go1.23.0 src/crypto/x509/parser.go parseCertificate() (serial.Sign() == -1 and GODEBUG x509negativeserial unset), ParseCertificate()] [go1.23.0 src/internal/godebugs/table.go (x509negativeserial)] [go1.19 src/crypto/x509/parser.go parseCertificate() (negative serials allowed \"because of their prevalence\")]",
    since: 23,
    note: "https://go.dev/doc/go1.23 (crypto/x509: ParseCertificate rejects negative serial numbers; GODEBUG=x509negativeserial=1 restores them)",
  },
  {
    id: "go-malformed-certificate",
    text: "x509: malformed …",
    pattern: /x509: malformed [a-zA-Z ]{2,60}/,
    meaning: "Go's DER parser (golang.org/x/crypto/cryptobyte) refused the encoding: Go accepts DER only, not BER (long-form lengths, padded INTEGERs, BOOLEAN TRUE other than FF, set BIT STRING padding bits)",
    side: "either",
    causes: ["a certificate written by a non-DER encoder (hand-made or a broken CA tool)"],
    cite: `[${X509}/parser.go parseCertificate(), parseExtension(), parseKeyUsageExtension()] [go1.19 src/vendor/golang.org/x/crypto/cryptobyte/asn1.go ReadASN1Integer(), ReadASN1Boolean(), ReadASN1BitString(), readASN1()]`,
  },
  {
    id: "go-invalid-field",
    text: "x509: invalid …",
    pattern: /x509: invalid (?!signature\b)[a-zA-Z0-9 ]{2,60}/,
    meaning: "Go's parser refused the contents of a field or extension: \"invalid key usage\" (a KU BIT STRING with set padding bits), \"invalid ECDSA parameters\" (explicit curve parameters instead of a named curve), \"invalid basic constraints\", \"invalid version\"",
    side: "either",
    causes: ["explicit EC curve parameters (RFC 5480 2.1.1 allows only a named curve)", "a BIT STRING or extension not encoded as DER"],
    cite: `[${X509}/parser.go parsePublicKey(), parseKeyUsageExtension(), parseBasicConstraintsExtension(), parseCertificate()]`,
  },
  {
    id: "go-failed-to-verify-client",
    text: "tls: failed to verify client certificate: x509: …",
    pattern: /tls: failed to verify client certificate: /,
    meaning: "a Go server (ClientAuth VerifyClientCertIfGiven or RequireAndVerifyClientCert) refused the client's chain; the x509 error that follows says why",
    side: "server",
    causes: ["see the x509 error after the colon"],
    cite: `[${TLS}/handshake_server.go Conn.processCertsFromClient()]`,
    until: 19,
    note: "https://go.dev/doc/go1.20 (crypto/tls: verification errors are tls.CertificateVerificationError, \"tls: failed to verify certificate: …\")",
  },
  {
    id: "go-failed-to-verify",
    text: "tls: failed to verify certificate: x509: …",
    pattern: /tls: failed to verify certificate: /,
    meaning: "Go 1.20 and later: a Go client or server refused the peer's chain (tls.CertificateVerificationError); the x509 error that follows says why",
    side: "either",
    causes: ["see the x509 error after the colon"],
    cite: "[go1.20 src/crypto/tls/common.go CertificateVerificationError.Error()]",
    since: 20,
    note: "https://go.dev/doc/go1.20 (crypto/tls)",
  },
  {
    id: "go-failed-to-parse-client",
    text: "tls: failed to parse client certificate: x509: …",
    pattern: /tls: failed to parse client certificate: /,
    meaning: "a Go server could not parse a certificate the client sent (leaf or intermediate), before any verification",
    side: "server",
    causes: ["a duplicate extension, an unsupported curve, a non-DER encoding (the x509 error after the colon says which)"],
    cite: `[${TLS}/handshake_server.go Conn.processCertsFromClient()]`,
  },
  {
    id: "go-failed-to-parse-server",
    text: "tls: failed to parse certificate from server: x509: …",
    pattern: /tls: failed to parse certificate from server: /,
    meaning: "a Go client could not parse a certificate the server sent, before any verification",
    side: "client",
    causes: ["a duplicate extension, an unsupported curve, a non-DER encoding (the x509 error after the colon says which)"],
    cite: `[${TLS}/handshake_client.go Conn.verifyServerCertificate()]`,
  },
  {
    id: "go-remote-bad-certificate",
    text: "remote error: tls: bad certificate",
    pattern: /remote error: tls: bad certificate/,
    meaning: "a Go program received alert 42 bad_certificate: the peer refused this side's certificate (a Go server sends it for every verification or parse failure of a client certificate)",
    side: "either",
    causes: ["the peer refused our certificate: look at the peer's log for the reason (a Go server logs \"tls: failed to verify client certificate: …\")"],
    cite: `[${TLS}/alert.go alertText, alert.Error()] [${TLS}/conn.go (\"remote error: \" + alert)]`,
    implies: { alert: 42 },
  },
  {
    id: "go-client-no-certificate",
    text: "tls: client didn't provide a certificate",
    pattern: /tls: client didn't provide a certificate/,
    meaning: "a Go server with RequireAnyClientCert or RequireAndVerifyClientCert got no client certificate",
    side: "server",
    causes: ["the client has no certificate configured, or none issued by a CA the server names in its CertificateRequest"],
    cite: `[${TLS}/handshake_server.go Conn.processCertsFromClient()]`,
  },
];

/** The Go errors as explain's known messages (src/knowledge/messages.ts). */
export function goMessages(): KnownMessage[] {
  return GO_ERRORS.map((e) => ({
    id: e.id,
    pattern: e.pattern,
    meaning: e.since || e.until ? `${e.meaning} (Go ${e.since ? `1.${e.since} and later` : `up to 1.${e.until}`})` : e.meaning,
    side: e.side,
    source: "Go crypto/x509, crypto/tls",
    causes: e.causes,
    cite: e.note ? `${e.cite} [${e.note}]` : e.cite,
    ...(e.implies ? { implies: e.implies } : {}),
  }));
}

export function findGoError(id: string): GoError | undefined {
  return GO_ERRORS.find((e) => e.id === id);
}

/** The Go version pkilab's Go facts were tested on (Debian golang-go 1.19.8), and the oldest it models. */
export const GO_TESTED_MINOR = 19;
export const GO_OLDEST_MINOR = 15;

/**
 * What changed in crypto/x509 / crypto/tls between Go releases, as far as pkilab's Go rules go: each
 * from its release note (tested on the real toolchain only for 1.19).
 */
export const GO_CHANGES = {
  /** The CN stopped being a host name (1.15; GODEBUG x509ignoreCN=0 until 1.17). */
  cnIgnored: { since: 15, note: "https://go.dev/doc/go1.15 (X.509 CommonName deprecation)" },
  /** SHA-1 signatures refused in Verify (1.18). */
  sha1Refused: { since: 18, note: "https://go.dev/doc/go1.18 (crypto/x509: SHA-1 certificate signatures rejected)" },
  /** Verification errors become tls.CertificateVerificationError: "tls: failed to verify certificate: …" (1.20). */
  verifyErrorWrapped: { since: 20, note: "https://go.dev/doc/go1.20 (crypto/tls: CertificateVerificationError)" },
  /** Negative serial numbers refused by ParseCertificate (1.23). */
  negativeSerialRefused: { since: 23, note: "https://go.dev/doc/go1.23 (crypto/x509: negative serial numbers rejected)" },
  /** RSA keys under 1024 bits refused by crypto/rsa (1.24; GODEBUG rsa1024min=0 restores them). */
  rsaUnder1024Refused: { since: 24, note: "https://go.dev/doc/go1.24 (crypto/rsa: keys smaller than 1024 bits rejected)" },
} as const;

/** EC curves Go's x509 parser reads (go1.19 src/crypto/x509/x509.go namedCurveFromOID). */
export const GO_CURVES = ["P-224", "P-256", "P-384", "P-521"] as const;

/**
 * Critical extensions Go 1.19 processes (go1.19 src/crypto/x509/parser.go processExtensions): any
 * other critical extension is UnhandledCriticalExtension. subjectAltName and nameConstraints count
 * as handled only when Go can read their contents (not a SAN of directoryNames only, not a
 * directoryName subtree).
 */
export const GO_HANDLED_CRITICAL = new Set([
  "2.5.29.15", // keyUsage
  "2.5.29.19", // basicConstraints
  "2.5.29.17", // subjectAltName
  "2.5.29.30", // nameConstraints
  "2.5.29.31", // cRLDistributionPoints
  "2.5.29.35", // authorityKeyIdentifier
  "2.5.29.37", // extKeyUsage
  "2.5.29.14", // subjectKeyIdentifier
  "2.5.29.32", // certificatePolicies
  "1.3.6.1.5.5.7.1.1", // authorityInfoAccess
]);
