import { matchHost } from "../../chain/hostname.js";
import { ipBytesOf } from "../../model/general-name.js";
import { attribute } from "../../model/name.js";
import { defineRule, missing } from "../types.js";

export const rule = defineRule({
  id: "mbedtls-host-mismatch",
  title: "The host name or IP the device dials does not match the server certificate, by this mbedTLS version's rules",
  peers: { mbedtls: "error" },
  citation: "Mbed-TLS/mbedtls v2.28.3/v3.6.6 library/x509_crt.c x509_crt_verify_name() (2.28 ignores iPAddress SANs and string-compares an IP against dNSName SANs or, without a SAN extension, the CN; 3.5+ matches iPAddress SANs, then URI SANs byte for byte with the whole host string, in x509_crt_check_san() / x509_crt_check_san_uri(); the CN only when there is no SAN extension); test/peers/mbedtls-lint.test.ts scenarios \"ip-san-only-*\", \"host-mismatch-*\", \"uri-san-host-*\"; seed 002 (fixtures/logs/README.md: CN=localhost, clients dial 192.168.0.254)",
  requirement: "mbedTLS x509_crt_verify_name(): the host is compared with the dNSName SANs (3.5+: also iPAddress SANs, and URI SANs exactly), or the CN when there is no SAN extension",
  symptom: { mbedtls: "-0x2700, flags 0x04 CN_MISMATCH; the device sends alert 42 (bad_certificate)" },
  predicts: { mbedtls: { mbedtls: { codes: [-0x2700], flags: ["BADCERT_CN_MISMATCH"] }, alert: [42] } },
  messages: {
    clientsWillNotMatch: "clients dialling {host} will not match the device's certificate (its names: {names})",
    reissueDeviceCert: "re-issue the device's server certificate: add {host} as an {sanType} SAN (pkilab issue server {host} --lab DIR)",
    willNotMatch: "mbedTLS {version} will not match {host}: {why}",
    addIpAsDnsName: "for mbedTLS 2.28 also put {host} in the certificate as a dNSName SAN (2.28 string-compares IPs), or move the device to mbedTLS 3.5+",
    reissueWithSan: "re-issue the server certificate with {host} as a {sanType} SAN (pkilab issue server {host} --lab DIR)",
  },
  appliesTo: (ctx) => (!ctx.profile.device.sendsCert || ctx.profile.device.tlsRole === "server") && (ctx.options.host ?? missing("host")),
  check(ctx, host) {
    const leaf = ctx.leaf;
    const version = ctx.profile.mbedtls.version;
    if (ctx.profile.device.tlsRole === "server") {
      // The device is the server: its clients (OpenSSL, browsers, other stacks) match by RFC 9525.
      const match = matchHost(leaf, host);
      if (match.ok) return [];
      const names = [...match.validFor, ...match.dnsNames.map((n) => `${n} (a DNS name: never matches an IP)`)];
      return [{ certIndex: 0, messageId: "clientsWillNotMatch", data: { host, names: names.join(", ") || "none" }, fixId: "reissueDeviceCert", fixData: { host, sanType: ipBytesOf(host) ? "iPAddress" : "dNSName" } }];
    }
    const sans = leaf.subjectAltNames;
    let ok: boolean;
    let why = "";
    const dnsNames = (sans ?? []).filter((n) => n.type === "dns").map((n) => n.value);
    const uriNames = (sans ?? []).filter((n) => n.type === "uri").map((n) => n.value);
    if (sans === undefined) {
      // No SAN extension: the CN is compared (case-insensitive, wildcard allowed), in both versions.
      const cn = attribute(leaf.subject, "CN");
      ok = cn !== undefined && mbedtlsNameMatch(cn, host);
      why = `the certificate has no SAN; its CN is ${cn ?? "absent"}`;
    } else if (version === "2.28") {
      // 2.28 compares the host as a string against dNSName entries only.
      const dns = dnsNames.map((n) => n.toLowerCase());
      ok = dns.some((name) => mbedtlsNameMatch(name, host));
      if (!ok && ipBytesOf(host) && sans.some((n) => n.type === "ip")) why = "mbedTLS 2.28 ignores iPAddress SANs (IP SAN matching arrived in 3.5.0)";
      else if (!ok && uriNames.some((uri) => sameUri(uri, host))) why = "mbedTLS 2.28 ignores URI SANs (URI SAN matching arrived in 3.5.0)";
      else why = `its DNS names: ${dns.join(", ") || "none"}`;
    } else {
      // 3.6 tries dNSName entries as strings first (so an IP written as a dNSName matches), then
      // iPAddress entries as bytes, then URI entries as the whole host string, exactly (3.5+).
      const match = matchHost(leaf, host);
      ok = dnsNames.some((name) => mbedtlsNameMatch(name, host)) || (match.ok && match.isIp) || uriNames.some((uri) => sameUri(uri, host));
      const names = [...match.validFor, ...uriNames.map((uri) => `${uri} (a URI: matched byte for byte)`)];
      why = `it is valid for: ${names.join(", ") || "nothing"}`;
    }
    if (ok) return [];
    const fix =
      version === "2.28" && ipBytesOf(host)
        ? { fixId: "addIpAsDnsName", fixData: { host } } as const
        : { fixId: "reissueWithSan", fixData: { host, sanType: ipBytesOf(host) ? "iPAddress" : "dNSName" } } as const;
    return [{ certIndex: 0, messageId: "willNotMatch", data: { version, host, why }, ...fix }];
  },
});

/**
 * 3.5+ x509_crt_check_san_uri() (library/x509_crt.c at v3.6.6): the URI SAN's bytes and the host
 * string's are equal: no case folding, no RFC 5280 7.4 normalisation.
 */
function sameUri(uri: string, host: string): boolean {
  // pkilab keeps an IA5String's bytes as latin1 text (src/model/general-name.ts).
  return Buffer.from(uri, "latin1").equals(Buffer.from(host, "utf8"));
}

/**
 * mbedTLS's name comparison (library/x509_crt.c x509_crt_check_cn() / x509_check_wildcard() at v2.28.3 and v3.6.6): case-insensitive;
 * a leading "*." matches exactly one non-empty label, with no public-suffix or label-count check.
 */
export function mbedtlsNameMatch(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  if (!p.startsWith("*.")) return false;
  const dot = h.indexOf(".");
  return dot > 0 && h.slice(dot) === p.slice(1);
}
