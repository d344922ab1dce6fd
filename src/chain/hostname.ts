import type { CertFacts } from "../model/certificate.js";
import { ipBytesOf } from "../model/general-name.js";
import { attribute } from "../model/name.js";

export interface HostCheck {
  ok: boolean;
  /** The names the certificate is valid for, to say what would have passed. */
  validFor: string[];
  isIp: boolean;
  /** For an IP host: DNS names in the certificate, which never match an IP. */
  dnsNames: string[];
}

/**
 * Host name or IP matching as RFC 9525 (and RFC 6125 before it) specifies: an IP literal matches only
 * iPAddress SANs (section 6.2); a DNS name matches dNSName SANs, with a wildcard only as the whole
 * left-most label, matching exactly one label (section 6.3). The CN is consulted only with
 * `legacyCn` and only when the certificate has no dNSName SAN (what OpenSSL's X509_check_host does
 * by default; modern clients do not).
 */
export function matchHost(cert: CertFacts, host: string, legacyCn = false): HostCheck {
  const sans = cert.subjectAltNames ?? [];
  const ip = ipBytesOf(host);
  if (ip) {
    const ips = sans.filter((n) => n.type === "ip");
    const ok = ips.some((n) => n.type === "ip" && equalBytes(n.bytes, ip));
    return { ok, validFor: ips.map((n) => n.value), isIp: true, dnsNames: sans.filter((n) => n.type === "dns").map((n) => n.value) };
  }
  const wanted = normalize(host);
  const dnsNames = sans.filter((n) => n.type === "dns").map((n) => n.value);
  const cn = attribute(cert.subject, "CN");
  const candidates = dnsNames.length === 0 && legacyCn && cn ? [cn] : dnsNames;
  const ok = candidates.some((pattern) => dnsMatch(normalize(pattern), wanted));
  const validFor = [...dnsNames, ...sans.filter((n) => n.type === "ip").map((n) => n.value)];
  return { ok, validFor: validFor.length ? validFor : cn ? [`CN=${cn} (ignored: no SAN)`] : [], isIp: false, dnsNames };
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

export function dnsMatch(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith("*.")) return false;
  const suffix = pattern.slice(1); // ".example.com"
  // The wildcard stands for exactly one non-empty label, and never for a whole registrable domain.
  if (suffix.split(".").length < 3) return false;
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, host.length - suffix.length);
  return label.length > 0 && !label.includes(".");
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

