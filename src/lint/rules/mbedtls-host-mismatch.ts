import { dnsMatch, matchHost } from "../../chain/hostname.js";
import { ipBytesOf } from "../../model/general-name.js";
import { attribute } from "../../model/name.js";
import type { Rule } from "../types.js";

export const rule: Rule = {
  id: "mbedtls-host-mismatch",
  title: "The host name or IP the device dials does not match the server certificate, by this mbedTLS version's rules",
  peers: { mbedtls: "error" },
  citation: "reference/mbedtls.md 4 (x509_crt_verify_name: 2.28 ignores iPAddress SANs and string-compares an IP against dNSName SANs or, without a SAN extension, the CN; 3.5+ matches iPAddress SANs; the CN only when there is no SAN extension); seed 002",
  symptom: { mbedtls: "-0x2700, flags 0x04 CN_MISMATCH; the device sends alert 42 (bad_certificate)" },
  appliesTo: (ctx) => ctx.profile.mbedtls !== undefined && (!ctx.profile.deviceSendsCert || ctx.profile.deviceTlsRole === "server") && ctx.options.host !== undefined,
  check(ctx) {
    const host = ctx.options.host!;
    const leaf = ctx.leaf;
    const version = ctx.profile.mbedtls!.version;
    if (ctx.profile.deviceTlsRole === "server") {
      // The device is the server: its clients (OpenSSL, browsers, other stacks) match by RFC 9525.
      const match = matchHost(leaf, host);
      if (match.ok) return [];
      const hint = ipBytesOf(host) ? `add ${host} as an iPAddress SAN` : `add ${host} as a dNSName SAN`;
      const names = [...match.validFor, ...match.dnsNames.map((n) => `${n} (a DNS name: never matches an IP)`)];
      return [{ certIndex: 0, message: `clients dialling ${host} will not match the device's certificate (its names: ${names.join(", ") || "none"})`, fix: `re-issue the device's server certificate: ${hint} (pkilab issue server ${host} --lab DIR)` }];
    }
    const sans = leaf.subjectAltNames;
    let ok: boolean;
    let why = "";
    if (sans === undefined) {
      // No SAN extension: the CN is compared (case-insensitive, wildcard allowed), in both versions.
      const cn = attribute(leaf.subject, "CN");
      ok = cn !== undefined && dnsMatch(cn.toLowerCase(), host.toLowerCase());
      why = `the certificate has no SAN; its CN is ${cn ?? "absent"}`;
    } else if (version === "2.28") {
      // 2.28 compares the host as a string against dNSName entries only.
      const dns = sans.filter((n) => n.type === "dns").map((n) => n.value.toLowerCase());
      ok = dns.some((name) => dnsMatch(name, host.toLowerCase()));
      if (!ok && ipBytesOf(host) && sans.some((n) => n.type === "ip")) why = "mbedTLS 2.28 ignores iPAddress SANs (IP SAN matching arrived in 3.5.0)";
      else why = `its DNS names: ${dns.join(", ") || "none"}`;
    } else {
      const match = matchHost(leaf, host);
      ok = match.ok;
      why = `it is valid for: ${match.validFor.join(", ") || "nothing"}`;
    }
    if (ok) return [];
    const fix =
      version === "2.28" && ipBytesOf(host)
        ? `for mbedTLS 2.28 also put ${host} in the certificate as a dNSName SAN (2.28 string-compares IPs), or move the device to mbedTLS 3.5+`
        : `re-issue the server certificate with ${host} as a ${ipBytesOf(host) ? "iPAddress" : "dNSName"} SAN (pkilab issue server ${host} --lab DIR)`;
    return [{ certIndex: 0, message: `mbedTLS ${version} will not match ${host}: ${why}`, fix }];
  },
};
