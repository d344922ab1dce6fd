import { defineRule } from "../types.js";

/** The TLS group names (RFC 8422/8446 registry) of the NIST curves pkilab names P-256 etc. */
const GROUP_OF_CURVE: Record<string, string> = { "P-256": "secp256r1", "P-384": "secp384r1", "P-521": "secp521r1", "P-224": "secp224r1", "P-192": "secp192r1", secp256k1: "secp256k1", brainpoolP256r1: "brainpoolP256r1", brainpoolP384r1: "brainpoolP384r1", brainpoolP512r1: "brainpoolP512r1" };

/** TLS 1.3 signature schemes that carry each curve (RFC 8446 4.2.3). */
const TLS13_SCHEME_OF_CURVE: Record<string, string> = { "P-256": "ecdsa_secp256r1_sha256", "P-384": "ecdsa_secp384r1_sha384", "P-521": "ecdsa_secp521r1_sha512" };

export const rule = defineRule({
  id: "client-hello-curve-not-offered",
  title: "The server's ECDSA key is on a curve the client does not offer",
  peers: { "client-hello": "error" },
  citation: "RFC 8422 5.1 (TLS 1.2: the server's ECDSA certificate must use a curve in the client's supported_groups); RFC 8446 4.2.3 (TLS 1.3: the curve comes with the signature scheme, e.g. ecdsa_secp384r1_sha384); seed 001 (fixtures/client-hello/seed-001-p384-cert-p256-only-client: the client offered only secp256r1, the server certificate is P-384); test/peers/mbedtls-harness.test.ts (TLS 1.2 alert 40; TLS 1.3 unaffected by groups)",
  requirement: "RFC 8422 5.1 (TLS 1.2): the server's ECDSA certificate must be on a curve the client lists in supported_groups; RFC 8446 4.2.3 (TLS 1.3): the curve must match a signature scheme the client offers",
  symptom: { "client-hello": "the server has no usable certificate: OpenSSL servers log \"no shared cipher\" and send alert 40 (handshake_failure)" },
  predicts: { "client-hello": { alert: [40], messages: ["no-shared-cipher"] } },
  messages: {
    curveNotOffered: "the server's key is on {curve} ({group}), but the client offers only {groups}",
    curveNotOfferedTls13: "the server's key is on {curve} ({group}), but the client offers only {groups} and no {scheme} signature scheme",
    useP256: "give the server a P-256 (or RSA) certificate for this client",
    enableGroup: "enable {group} on the client, or give the server a certificate on a curve it offers",
  },
  appliesTo: (ctx) => ctx.leaf.publicKey.type === "ec",
  check(ctx) {
    const hello = ctx.profile.clientHello;
    const curve = ctx.leaf.publicKey.curve ?? "";
    const group = GROUP_OF_CURVE[curve] ?? curve;
    const groups = hello.groups.map((g) => g.name);
    // supported_groups decides only when TLS 1.2 is on offer (a TLS-1.3-only hello has supported_versions without it).
    const offersTls12 = hello.supportedVersions.length === 0 || hello.supportedVersions.includes("TLS 1.2");
    const tls12Ok = offersTls12 && groups.includes(group);
    const tls13Ok = hello.supportedVersions.includes("TLS 1.3") && hello.signatureAlgorithms.some((s) => s.name === TLS13_SCHEME_OF_CURVE[curve]);
    if (tls12Ok || tls13Ok) return [];
    const offered = { curve, group, groups: groups.join(", ") || "no groups" };
    const fix = groups.includes("secp256r1") ? { fixId: "useP256" as const } : { fixId: "enableGroup" as const, fixData: { group } };
    return [hello.supportedVersions.includes("TLS 1.3")
      ? { certIndex: 0, messageId: "curveNotOfferedTls13", data: { ...offered, scheme: TLS13_SCHEME_OF_CURVE[curve] ?? "matching" }, ...fix }
      : { certIndex: 0, messageId: "curveNotOffered", data: offered, ...fix }];
  },
});
