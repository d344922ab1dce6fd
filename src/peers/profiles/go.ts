import { InputError } from "../../io/input-error.js";
import { GO_CHANGES, GO_OLDEST_MINOR, GO_TESTED_MINOR } from "../../knowledge/go-x509.js";
import type { GoClientProfile, GoFacts, GoMtlsProfile, PeerFact } from "../types.js";

/**
 * The Go version a verdict assumes: "1.19", "1.22.5" or "go1.23" (--go-version); the minor number
 * decides the version-dependent facts (src/knowledge/go-x509.ts GO_CHANGES). Default: the version the
 * facts were tested on (Debian golang-go 1.19, test/peers/go-lint.test.ts).
 */
export function goFacts(version: string | undefined): GoFacts {
  if (version === undefined) return factsFor(GO_TESTED_MINOR, `Go 1.${GO_TESTED_MINOR} (pkilab's default, the version its Go facts were tested on: pass --go-version)`);
  const m = /^(?:go)?1\.(\d{1,3})(?:\.\d{1,3})?$/.exec(version.trim());
  if (!m) throw new InputError(`--go-version ${version}: expected a Go release such as 1.19, 1.22.5 or go1.23`);
  const minor = Number(m[1]);
  if (minor < GO_OLDEST_MINOR) throw new InputError(`--go-version ${version}: pkilab models Go 1.${GO_OLDEST_MINOR} and later (Go 1.14 and older still read the CN as a host name)`);
  const tested = minor === GO_TESTED_MINOR ? "tested" : `not tested: facts from Go 1.${GO_TESTED_MINOR} and the release notes`;
  return factsFor(minor, `Go 1.${minor} (--go-version; ${tested})`);
}

function factsFor(minor: number, source: string): GoFacts {
  return {
    minor,
    source,
    refusesSha1: minor >= GO_CHANGES.sha1Refused.since,
    refusesNegativeSerial: minor >= GO_CHANGES.negativeSerialRefused.since,
    minRsaBits: minor >= GO_CHANGES.rsaUnder1024Refused.since ? 1024 : 0,
    verifyErrorPrefix: minor >= GO_CHANGES.verifyErrorWrapped.since ? "tls: failed to verify certificate: " : undefined,
  };
}

/** What both Go profiles share: Go's crypto/x509 rules, the same on both sides of a handshake. */
function goBase(go: GoFacts) {
  const facts: PeerFact[] = [
    { text: "extended key usages nest down the chain: every certificate that lists EKUs (leaf, intermediates, root) must list the usage asked for or anyExtendedKeyUsage, else \"x509: certificate specifies an incompatible key usage\"; a certificate without an EKU extension allows any", citation: "go1.19 src/crypto/x509/verify.go Verify(), checkChainForKeyUsage(); test/peers/go-lint.test.ts" },
    { text: "keyUsage is ignored on the leaf (no digitalSignature needed); an issuer's keyUsage, when present, must include keyCertSign", citation: "go1.19 src/crypto/x509/verify.go isValid() (\"KeyUsage status flags are ignored\"), x509.go CheckSignatureFrom(); test/peers/go-lint.test.ts" },
    { text: "any certificate in the trust pool ends a chain (it need not be self-signed; a pinned leaf is accepted as is); a root's own signature is never checked", citation: "go1.19 src/crypto/x509/verify.go Verify() (opts.Roots.contains), buildChains()" },
    { text: "no limit on chain length besides pathLenConstraint; at most 100 signature checks while building chains (\"x509: signature check attempts limit reached while verifying certificate chain\")", citation: "go1.19 src/crypto/x509/verify.go maxChainSignatureChecks, buildChains()" },
    { text: go.refusesSha1 ? "SHA-1 (and MD5) signatures are refused below the root: \"x509: cannot verify signature: insecure algorithm SHA1-RSA\"" : "SHA-1 signatures are accepted (Go before 1.18); MD5 is refused", citation: `go1.19 src/crypto/x509/x509.go checkSignature(); ${GO_CHANGES.sha1Refused.note}` },
    { text: "EC keys on P-224, P-256, P-384 and P-521 only (secp256k1 and brainpool certificates do not parse); Ed25519 and RSA of any size" + (go.minRsaBits ? ` of at least ${go.minRsaBits} bits` : " (1024-bit RSA passes; Go 1.24 refuses keys under 1024 bits)"), citation: `go1.19 src/crypto/x509/parser.go parsePublicKey(); ${GO_CHANGES.rsaUnder1024Refused.note}` },
    { text: "strict DER: the parser refuses BER forms (long-form short lengths, padded INTEGERs, BOOLEAN TRUE other than FF, set BIT STRING padding) and any repeated extension (\"x509: certificate contains duplicate extensions\"); a CA file's unparsable certificates are skipped silently", citation: "go1.19 src/crypto/x509/parser.go parseCertificate(), src/vendor/golang.org/x/crypto/cryptobyte/asn1.go; cert_pool.go AppendCertsFromPEM(); test/peers/go-lint.test.ts" },
    {
      text: go.refusesNegativeSerial
        ? "a negative serial number makes the certificate unparsable (\"x509: negative serial number\"): one the peer sends fails the handshake, a root like that is skipped when the CA file is read; GODEBUG=x509negativeserial=1 restores the old behaviour (rule go-negative-serial)"
        : "negative serial numbers are accepted (Go 1.23 refuses them: rule go-negative-serial, with --go-version 1.23)",
      citation: `go1.19 src/crypto/x509/parser.go parseCertificate(); go1.23.0 src/crypto/x509/parser.go parseCertificate(); ${GO_CHANGES.negativeSerialRefused.note}; test/peers/go-lint.test.ts (Go 1.19)`,
    },
    { text: "name constraints apply to the DNS, IP, e-mail and URI SANs of the leaf, never to its CN; a critical constraint of another form (directoryName) is an unhandled critical extension", citation: "go1.19 src/crypto/x509/verify.go isValid(), parser.go parseNameConstraintsExtension()" },
    { text: "a CA file is read for \"CERTIFICATE\" blocks only: an OpenSSL \"TRUSTED CERTIFICATE\" block is skipped silently; AppendCertsFromPEM() returns false when nothing was appended", citation: "go1.19 src/crypto/x509/cert_pool.go AppendCertsFromPEM(); test/peers/trusted-blocks.test.ts" },
    { text: "no revocation checking (no CRL, no OCSP) unless the program adds its own VerifyPeerCertificate", citation: "go1.19 src/crypto/x509/verify.go Verify() (\"this function doesn't do any revocation checking\")" },
  ];
  return {
    purpose: undefined,
    maxIntermediates: undefined,
    // Go has no security levels: its refusals (SHA-1, curves, key sizes) are the go-* rules.
    securityLevel: 0,
    rejectsAnyRepeatedExtension: true,
    serverNames: [],
    checksTime: true,
    partialChain: true,
    trustedV1NeedsNoCaBit: true,
    // CertPool.AppendCertsFromPEM() skips every block whose Type is not "CERTIFICATE"
    // (go1.19 src/crypto/x509/cert_pool.go; test/peers/trusted-blocks.test.ts).
    readsTrustedCertificateBlocks: false,
    readsNginxConf: false,
    certificateDecoder: "go" as const,
    go,
    facts,
  };
}

/** A Go server verifying client certificates: tls.Config{ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: pool}. */
export function goMtlsProfile(version?: string): GoMtlsProfile {
  const go = goFacts(version);
  const base = goBase(go);
  return {
    ...base,
    id: "go-mtls",
    title: "a Go server verifying TLS client certificates (crypto/tls, ClientAuth: RequireAndVerifyClientCert)",
    certificateRole: "client",
    checksHost: false,
    requestedUsage: "clientAuth",
    trustAnchorSource: "the server's ClientCAs pool (tls.Config.ClientCAs)",
    words: { chainVerifier: "Go's crypto/x509", leafVerifier: "the Go server" },
    assumed: [go.source, "ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs from --ca, no VerifyPeerCertificate callback"],
    facts: [
      { text: `a refused client chain fails the handshake: the server's error is "${go.verifyErrorPrefix ?? "tls: failed to verify client certificate: "}x509: …" (or "tls: failed to parse client certificate: …"); the client reads "remote error: tls: bad certificate" (alert 42)`, citation: `go1.19 src/crypto/tls/handshake_server.go processCertsFromClient(); ${GO_CHANGES.verifyErrorWrapped.note}; test/peers/go-lint.test.ts` },
      ...base.facts,
    ],
  };
}

/** A Go client verifying a server: tls.Config{RootCAs: pool, ServerName: --host}. */
export function goClientProfile(version?: string): GoClientProfile {
  const go = goFacts(version);
  const base = goBase(go);
  return {
    ...base,
    id: "go-client",
    title: "a Go client verifying a TLS server (crypto/tls, RootCAs and ServerName)",
    certificateRole: "server",
    checksHost: true,
    requestedUsage: "serverAuth",
    trustAnchorSource: "the client's RootCAs pool (tls.Config.RootCAs)",
    words: { chainVerifier: "Go's crypto/x509", leafVerifier: "Go clients" },
    assumed: [go.source, "RootCAs from --ca, ServerName from --host, InsecureSkipVerify off"],
    facts: [
      { text: `a refused server chain fails the handshake with the x509 error itself${go.verifyErrorPrefix ? `, after "${go.verifyErrorPrefix}"` : " (Go 1.20 and later: after \"tls: failed to verify certificate: \")"}; the server reads alert 42 bad_certificate`, citation: `go1.19 src/crypto/tls/handshake_client.go verifyServerCertificate(); ${GO_CHANGES.verifyErrorWrapped.note}; test/peers/go-lint.test.ts` },
      { text: "the host name is matched against dNSName SANs only (a wildcard as the whole left-most label), an IP against iPAddress SANs only; the CN is never a host name (\"x509: certificate relies on legacy Common Name field, use SANs instead\")", citation: `go1.19 src/crypto/x509/verify.go VerifyHostname(), HostnameError.Error(); ${GO_CHANGES.cnIgnored.note}` },
      ...base.facts,
    ],
  };
}
