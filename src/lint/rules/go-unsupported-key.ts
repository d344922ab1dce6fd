import { GO_CURVES } from "../../knowledge/go-x509.js";
import { defineRule, type RuleHit } from "../types.js";

type Id = "curve" | "keyType" | "smallRsa" | "reissue";

/** The key types Go can use in a TLS chain. */
const GO_KEY_TYPES: readonly string[] = ["rsa", "ec", "ed25519"];

export const rule = defineRule({
  id: "go-unsupported-key",
  title: "A certificate's public key is one Go cannot use: an EC curve other than P-224/256/384/521, a type other than RSA/ECDSA/Ed25519, or (Go 1.24+) RSA under 1024 bits",
  peers: { "go-mtls": "error", "go-client": "error" },
  citation: "go1.19 src/crypto/x509/parser.go parsePublicKey() (\"x509: unsupported elliptic curve\") and x509.go namedCurveFromOID(); Ed448 is not a Go key type (x509.go getPublicKeyAlgorithmFromOID); RSA under 1024 bits: https://go.dev/doc/go1.24 (crypto/rsa); test/peers/go-lint.test.ts (secp256k1, P-521, Ed25519, RSA-1024)",
  requirement: "Go's crypto/x509 parses EC keys on P-224, P-256, P-384 and P-521 only, and RSA, ECDSA and Ed25519 keys; Go 1.24 and later refuse RSA keys under 1024 bits",
  symptom: {
    "go-mtls": "the handshake fails before verification: \"tls: failed to parse client certificate: x509: unsupported elliptic curve\"; the client reads \"remote error: tls: bad certificate\"; a root with such a key is skipped when the CA file is read (\"tls: failed to verify client certificate: x509: certificate signed by unknown authority\"); another key type (X25519, Ed448, RSA-PSS, DSA) parses without a key and fails later: \"tls: client certificate contains an unsupported public key of type …\" on the leaf, \"x509: cannot verify signature: algorithm unimplemented\" on an issuer",
    "go-client": "the handshake fails before verification: \"tls: failed to parse certificate from server: x509: unsupported elliptic curve\"; a root with such a key is skipped when the CA file is read (\"x509: certificate signed by unknown authority\"); another key type (X25519, Ed448, RSA-PSS, DSA) fails later: \"tls: server's certificate contains an unsupported type of public key\" on the leaf, \"x509: cannot verify signature: algorithm unimplemented\" on an issuer",
  },
  predicts: {
    "go-mtls": { messages: ["go-unsupported-curve", "go-failed-to-parse-client", "go-unknown-authority", "go-failed-to-verify-client"], alert: [42] },
    "go-client": { messages: ["go-unsupported-curve", "go-failed-to-parse-server", "go-unknown-authority"] },
  },
  messages: {
    curve: "{who} has an EC key on {curve}: Go parses P-224, P-256, P-384 and P-521 only",
    keyType: "{who} has a {key} key, which Go cannot use (crypto/x509 and crypto/tls take RSA, ECDSA and Ed25519 keys only)",
    smallRsa: "{who} has an RSA key of {bits} bits: Go 1.{minor} refuses RSA keys under {min} bits",
    reissue: "re-issue it with a P-256 or P-384 key (pkilab issue … --key p256)",
  },
  appliesTo: () => true,
  check(ctx) {
    const go = ctx.profile.go;
    const supported: readonly string[] = GO_CURVES;
    return ctx.validation.chain.flatMap((cert, i): RuleHit<Id>[] => {
      const key = cert.publicKey;
      const who = i === 0 ? "the certificate" : `"${cert.subject.text}"`;
      if (key.type === "ec" && !key.explicitCurve && !supported.includes(key.curve ?? "")) {
        return [{ certIndex: i, messageId: "curve", data: { who, curve: key.curve ?? "an unnamed curve" }, fixId: "reissue" }];
      }
      // go1.19 x509.go getPublicKeyAlgorithmFromOID(): RSA, DSA, ECDSA and Ed25519; DSA is then refused
      // by crypto/tls (leaf) and by checkSignature() (issuer): only these three are usable.
      if (!GO_KEY_TYPES.includes(key.type)) return [{ certIndex: i, messageId: "keyType", data: { who, key: key.label }, fixId: "reissue" }];
      if (key.type === "rsa" && go.minRsaBits > 0 && key.bits < go.minRsaBits) {
        return [{ certIndex: i, messageId: "smallRsa", data: { who, bits: key.bits, minor: go.minor, min: go.minRsaBits }, fixId: "reissue" }];
      }
      return [];
    });
  },
});
