import { matchHost } from "../../chain/hostname.js";
import { defineRule } from "../types.js";

/** server_name values that are literal host names (not "_", wildcards, regexes or empty). */
function literalNames(names: string[]): string[] {
  return names.filter((name) => name !== "" && name !== "_" && !name.startsWith("~") && !name.startsWith(".") && !name.includes("*"));
}

export const rule = defineRule({
  id: "server-name-not-in-san",
  title: "A server_name of the nginx server block is not covered by the certificate's SANs",
  peers: { "nginx-server": "error" },
  citation: "nginx docs server_name and ssl_certificate (one certificate serves every name of the block); RFC 9525 section 6",
  requirement: "nginx docs server_name / ssl_certificate: one certificate serves every name of the server block, so each must be a SAN (RFC 9525 6)",
  symptom: { "nginx-server": "clients dialling that name fail with hostname mismatch; curl: SSL: no alternative certificate subject name matches target host name" },
  predicts: { "nginx-server": { openssl: [62], messages: ["curl-no-alternative-name", "curl-subject-name-mismatch", "nginx-upstream-name-mismatch"] } },
  messages: {
    nameNotInSan: "server_name {name} is not in the certificate's SANs ({sans})",
    nameNotInSanFrom: "server_name {name} ({origin}) is not in the certificate's SANs ({sans})",
    addServerNames: "re-issue the server certificate with every server_name as a SAN: pkilab issue server {names} --lab DIR --force",
  },
  appliesTo: (ctx) => literalNames(ctx.profile.serverNames).length > 0 && literalNames(ctx.profile.serverNames),
  check(ctx, names) {
    return names.flatMap((name) => {
      const match = matchHost(ctx.leaf, name);
      if (match.ok) return [];
      const sans = match.validFor.join(", ") || "none";
      const fix = { fixId: "addServerNames", fixData: { names: names.join(",") } } as const;
      const origin = ctx.profile.configOrigin;
      return [origin
        ? { certIndex: 0, messageId: "nameNotInSanFrom", data: { name, origin, sans }, ...fix }
        : { certIndex: 0, messageId: "nameNotInSan", data: { name, sans }, ...fix }];
    });
  },
});
