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
    "wolfSSL/wolfssl v5.5.4-stable src/internal.c ProcessPeerCerts() (the domain check: with alt names, one must match (CheckForAltNames()); without, the CN; WOLFSSL_ALLOW_NO_CN_IN_SAN tries the CN first), MatchDomainName() ('*' within one label, case-insensitive), wolfcrypt/src/asn.c DecodeGeneralName() (dNSName and URI entries are alt names; iPAddress ones, as text, only with OPENSSL_ALL, WOLFSSL_QT or WOLFSSL_IP_ALT_NAME); test/peers/wolfssl-lint.test.ts scenarios \"host-mismatch\", \"cn-only-no-san\", \"cn-match-san-mismatch\", \"uri-san-and-cn\", \"ip-as-dns-san\", \"ip-host-dns-only\", \"ip-san-only\", \"wildcard-*\"; test/peers/wolfssl-variants.test.ts (a build without OPENSSL_ALL: an iPAddress SAN never matches)",
  requirement: "wolfSSL ProcessPeerCerts(): the name must match an alt name (a '*' within one label), or the CN when the certificate has no alt name",
  symptom: { wolfssl: "-322 DOMAIN_NAME_MISMATCH (\"peer subject name mismatch\")" },
  predicts: { wolfssl: { wolfssl: [-322] } },
  messages: {
    willNotMatch: "wolfSSL_check_domain_name(\"{host}\") will not match: {why}",
    addSan: "re-issue the server certificate with {host} as a {sanType} SAN (pkilab issue server {host} --lab DIR){ipHint}",
  },
  appliesTo: (ctx) => ctx.options.host ?? missing("host"),
  check(ctx, host) {
    const caps = ctx.profile.wolfssl;
    // The entries DecodeGeneralName() keeps in cert->altNames (email and directory names are kept elsewhere).
    const altNames = (ctx.leaf.subjectAltNames ?? []).flatMap((n) => (n.type === "dns" || (n.type === "uri" && caps.uriAltNames) || (n.type === "ip" && caps.ipAltNames) ? [n.value] : []));
    const cn = attribute(ctx.leaf.subject, "CN");
    const cnMatches = cn !== undefined && wolfsslNameMatch(cn, host);
    if (altNames.some((p) => wolfsslNameMatch(p, host))) return [];
    if (cnMatches && (altNames.length === 0 || caps.cnWithAltNames)) return [];
    const isIp = /^[\d.]+$|:/.test(host);
    const ipIgnored = (ctx.leaf.subjectAltNames ?? []).some((n) => n.type === "ip") && !caps.ipAltNames;
    const why =
      altNames.length > 0
        ? `its alt names are ${altNames.join(", ")}${cnMatches ? ` (the CN ${cn} matches, but wolfSSL reads the CN only when there is no alt name)` : ""}`
        : `the certificate has no alt name wolfSSL compares${ipIgnored ? " (its iPAddress SANs are ignored without OPENSSL_ALL or WOLFSSL_IP_ALT_NAME)" : ""}; its CN is ${cn ?? "absent"}`;
    const ipHint = isIp && !caps.ipAltNames ? "; this build ignores iPAddress SANs: add the address as a dNSName too, or build with WOLFSSL_IP_ALT_NAME" : "";
    return [{ certIndex: 0, messageId: "willNotMatch", data: { host, why }, fixId: "addSan", fixData: { host, sanType: isIp ? "iPAddress" : "dNSName", ipHint } }];
  },
});
