import { attribute } from "../../model/name.js";
import { defineRule, missing } from "../types.js";

/**
 * wolfSSL's MatchDomainName(): case-insensitive; each '*' matches any run of characters within one
 * label (never a '.'), anywhere in the pattern; the whole string must be used up.
 */
export function wolfsslNameMatch(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const s = host.toLowerCase();
  let i = 0;
  let j = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === "*") {
      while (p[i] === "*") i++;
      const next = p[i]; // undefined at the end of the pattern
      while (j < s.length && s[j] !== next) {
        if (s[j] === ".") return false;
        j++;
      }
      if (next === undefined) return j === s.length;
      continue;
    }
    if (s[j] !== c) return false;
    i++;
    j++;
  }
  return j === s.length;
}

export const rule = defineRule({
  id: "wolfssl-host-mismatch",
  title: "The name passed to wolfSSL_check_domain_name does not match the server certificate, by wolfSSL's rules",
  peers: { wolfssl: "error" },
  citation:
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c CheckHostName(), CheckForAltNames(), MatchDomainName() (every SAN entry wolfSSL keeps is a pattern: dNSName, uniformResourceIdentifier, and iPAddress as text with OPENSSL_ALL or WOLFSSL_IP_ALT_NAME; the CN only when the certificate has none of them, unless WOLFSSL_HOSTNAME_VERIFY_ALT_NAME_ONLY); test/peers/wolfssl-lint.test.ts scenarios \"host-mismatch\", \"cn-only-no-san\", \"cn-match-san-mismatch\", \"uri-san-and-cn\", \"ip-as-dns-san\", \"ip-host-dns-only\", \"ip-san-only\", \"wildcard-*\"",
  requirement: "wolfSSL CheckHostName(): the name must match a SAN entry (a '*' within one label), or the CN when the certificate has no SAN entry",
  symptom: { wolfssl: "-322 DOMAIN_NAME_MISMATCH (\"peer subject name mismatch\")" },
  predicts: { wolfssl: { wolfssl: [-322] } },
  messages: {
    willNotMatch: "wolfSSL_check_domain_name(\"{host}\") will not match: {why}",
    addSan: "re-issue the server certificate with {host} as a {sanType} SAN (pkilab issue server {host} --lab DIR)",
  },
  appliesTo: (ctx) => ctx.options.host ?? missing("host"),
  check(ctx, host) {
    const caps = ctx.profile.wolfssl;
    const sans = ctx.leaf.subjectAltNames ?? [];
    // The entries DecodeAltNames() keeps in dCert->altNames (email and directory names are not among them).
    const patterns = sans.flatMap((n) => (n.type === "dns" || n.type === "uri" ? [n.value] : n.type === "ip" && caps.ipAltNames ? [n.value] : []));
    const altNames = sans.filter((n) => n.type === "dns" || n.type === "uri" || n.type === "ip");
    if (patterns.some((p) => wolfsslNameMatch(p, host))) return [];
    const cn = attribute(ctx.leaf.subject, "CN");
    if (altNames.length === 0 && caps.cnFallback && cn !== undefined && wolfsslNameMatch(cn, host)) return [];
    const isIp = /^[\d.]+$|:/.test(host);
    const why =
      altNames.length > 0
        ? `its SAN entries are ${patterns.join(", ") || "none wolfSSL compares"}${cn !== undefined && wolfsslNameMatch(cn, host) ? ` (the CN ${cn} matches, but wolfSSL reads the CN only when there is no SAN entry)` : ""}`
        : caps.cnFallback
          ? `the certificate has no SAN; its CN is ${cn ?? "absent"}`
          : "the certificate has no SAN, and WOLFSSL_HOSTNAME_VERIFY_ALT_NAME_ONLY turns the CN off";
    return [{ certIndex: 0, messageId: "willNotMatch", data: { host, why }, fixId: "addSan", fixData: { host, sanType: isIp ? "iPAddress" : "dNSName" } }];
  },
});
