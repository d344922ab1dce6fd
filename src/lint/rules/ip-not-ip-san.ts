import { ipBytesOf } from "../../model/general-name.js";
import { attribute } from "../../model/name.js";
import { defineRule, type RuleHit } from "../types.js";

export const rule = defineRule({
  id: "ip-not-ip-san",
  title: "An IP address is written as a DNS name or in the CN instead of an iPAddress SAN",
  peers: { "nginx-server": "warning", browser: "error", "nginx-mtls": "info" },
  citation: "RFC 9525 6.2 (IP reference identities match only iPAddress SANs); RFC 5280 4.2.1.6; seed 002 (fixtures/logs/README.md: clients dial 192.168.0.254, CN=localhost); test/peers/verify-differential.test.ts (ip-only-as-dns-san, cn-only-ip)",
  requirement: "RFC 9525 6.2: an IP address reference identity matches only an iPAddress subjectAltName entry",
  symptom: { "nginx-server": "clients dialling the IP fail with IP address mismatch (64)", browser: "NET::ERR_CERT_COMMON_NAME_INVALID", "nginx-mtls": "none for nginx; matters where the identity is checked" },
  predicts: {
    "nginx-server": { openssl: [64] },
    browser: { silent: "Chrome's NET::ERR_* pages: no table of them in pkilab" },
    "nginx-mtls": { silent: "nginx does not check a client certificate's names" },
  },
  messages: {
    ipAsDnsName: "\"{ip}\" is a dNSName SAN, so it never matches the IP {ip}",
    moveToIpSan: "re-issue it with {ip} as an iPAddress SAN (pkilab puts IP literals there)",
    ipInCn: "the CN is the IP {ip}, which clients do not match against IPs (mbedTLS 2.28 without SANs is the exception)",
    addIpSan: "add {ip} as an iPAddress SAN",
  },
  appliesTo: () => true,
  check(ctx) {
    const hits: RuleHit<"ipAsDnsName" | "moveToIpSan" | "ipInCn" | "addIpSan">[] = [];
    for (const san of ctx.leaf.subjectAltNames ?? []) {
      if (san.type === "dns" && ipBytesOf(san.value)) hits.push({ certIndex: 0, messageId: "ipAsDnsName", data: { ip: san.value }, fixId: "moveToIpSan", fixData: { ip: san.value } });
    }
    const cn = attribute(ctx.leaf.subject, "CN");
    const cnIp = cn ? ipBytesOf(cn) : undefined;
    const hasIpSan = cnIp !== undefined && (ctx.leaf.subjectAltNames ?? []).some((n) => n.type === "ip" && Buffer.compare(Buffer.from(n.bytes), Buffer.from(cnIp)) === 0);
    if (cn && cnIp && !hasIpSan) hits.push({ certIndex: 0, messageId: "ipInCn", data: { ip: cn }, fixId: "addIpSan", fixData: { ip: cn } });
    return hits;
  },
});
