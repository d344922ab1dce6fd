import { EKU, EKU_NAMES } from "../../model/oids.js";
import { defineRule } from "../types.js";

export const rule = defineRule({
  id: "wolfssl-leaf-eku",
  title: "The server certificate's extended key usage lacks serverAuth: the wolfSSL client refuses it",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c ProcessPeerCerts() (a client checks the peer's extKeyUsage for serverAuth or anyExtendedKeyUsage: EXTKEYUSE_AUTH_E; skipped with IGNORE_KEY_EXTENSIONS; the keyUsage check beside it, -383 KEYUSE_SIGNATURE_E / -385 KEYUSE_ENCIPHER_E, runs on TLS 1.2 suites only and is not modelled); test/peers/wolfssl-lint.test.ts scenarios \"eku-clientauth-only\" (-386), \"ku-keycertsign-only\" (TLS 1.3: accepted)",
  requirement: "wolfSSL ProcessPeerCerts(): a server certificate with an extKeyUsage extension must list serverAuth or anyExtendedKeyUsage",
  symptom: { wolfssl: "-386 EXTKEYUSE_AUTH_E (\"Ext Key Use server/client auth not set Error\")" },
  predicts: { wolfssl: { wolfssl: [-386] } },
  messages: {
    noServerAuth: "the leaf's extended key usage ({usages}) lacks serverAuth: the device refuses it",
    reissueServerAuth: "re-issue it with extendedKeyUsage serverAuth, e.g. pkilab issue server NAME --lab DIR",
  },
  appliesTo: (ctx) => (ctx.profile.wolfssl.checksLeafEku && ctx.leaf.extKeyUsage) || false,
  check(ctx, eku) {
    if (eku.includes(EKU.serverAuth) || eku.includes(EKU.anyExtendedKeyUsage)) return [];
    return [{ certIndex: 0, messageId: "noServerAuth", data: { usages: eku.map((oid) => EKU_NAMES[oid] ?? oid).join(", ") }, fixId: "reissueServerAuth" }];
  },
});
