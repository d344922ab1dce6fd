import { ipBytesOf } from "../../model/general-name.js";
import { attribute } from "../../model/name.js";
import type { CertFacts } from "../../model/certificate.js";
import { EXT } from "../../model/oids.js";
import { defineRule, missing } from "../types.js";

export const rule = defineRule({
  id: "go-host-mismatch",
  title: "The host the Go client dials does not match the certificate as Go's VerifyHostname matches it",
  peers: { "go-client": "error" },
  citation: "go1.19 src/crypto/x509/verify.go Certificate.VerifyHostname(), validHostname(), matchHostnames(), matchExactly() and HostnameError.Error(); the CN is no host name since Go 1.15 (https://go.dev/doc/go1.15); test/peers/go-lint.test.ts (\"*.com\", \"*\", a trailing dot, IPs)",
  requirement: "Go's Certificate.VerifyHostname: an IP (optionally in [ ]) matches only an iPAddress SAN; a name matches a dNSName SAN case-insensitively, a wildcard only as the whole left-most label standing for exactly one label (of any name Go reads as valid, \"*.com\" and \"*\" included), an invalid name only exactly; never the CN",
  symptom: {
    "go-client": "the handshake fails with Go's HostnameError: \"x509: certificate is valid for …, not …\", \"x509: cannot validate certificate for … because it doesn't contain any IP SANs\", \"x509: certificate is not valid for any names, but wanted to match …\" or, with no SAN and the host in the CN, \"x509: certificate relies on legacy Common Name field, use SANs instead\"",
  },
  predicts: {
    "go-client": { messages: ["go-hostname-mismatch", "go-no-ip-sans", "go-not-valid-for-any-names", "go-legacy-common-name"] },
  },
  messages: {
    mismatch: "Go's VerifyHostname refuses {host}: {error}",
    addSan: "re-issue it with {host} as {kind} SAN (pkilab issue server {host} --lab DIR)",
  },
  appliesTo: (ctx) => ctx.options.host ?? missing("host"),
  check(ctx, host) {
    const error = verifyHostname(ctx.leaf, host);
    if (error === undefined) return [];
    const kind = goIp(host) ? "an iPAddress" : "a dNSName";
    return [{ certIndex: 0, messageId: "mismatch", data: { host, error }, fixId: "addSan", fixData: { host: host.replace(/^\[(.*)\]$/, "$1"), kind } }];
  },
});

/** Go's Certificate.VerifyHostname: undefined when the host matches, else HostnameError.Error(). */
export function verifyHostname(cert: CertFacts, h: string): string | undefined {
  const sans = cert.subjectAltNames ?? [];
  const candidateIp = h.length >= 3 && h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
  const ip = goIp(candidateIp);
  if (ip) {
    const ips = sans.filter((n) => n.type === "ip");
    if (ips.some((n) => n.type === "ip" && sameIp(n.bytes, ip))) return undefined;
    return hostnameError(cert, candidateIp, true);
  }
  const name = lowerAscii(h);
  const validName = validHostname(name, false);
  for (const san of sans) {
    if (san.type !== "dns") continue;
    if (validName && validHostname(san.value, true) ? matchHostnames(san.value, name) : matchExactly(san.value, name)) return undefined;
  }
  return hostnameError(cert, h, false);
}

/** HostnameError.Error() (go1.19 src/crypto/x509/verify.go). */
function hostnameError(cert: CertFacts, host: string, isIp: boolean): string {
  const cn = attribute(cert.subject, "CN") ?? "";
  const hasSan = cert.extensions.some((e) => e.oid === EXT.subjectAltName);
  if (!hasSan && matchHostnames(cn, host)) return "x509: certificate relies on legacy Common Name field, use SANs instead";
  const sans = cert.subjectAltNames ?? [];
  let valid: string;
  if (isIp) {
    const ips = sans.filter((n) => n.type === "ip").map((n) => n.value);
    if (ips.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
    valid = ips.join(", ");
  } else {
    valid = sans.filter((n) => n.type === "dns").map((n) => n.value).join(", ");
  }
  if (valid === "") return `x509: certificate is not valid for any names, but wanted to match ${host}`;
  return `x509: certificate is valid for ${valid}, not ${host}`;
}

/** net.ParseIP, as far as host names go: dotted IPv4 or IPv6 text. */
function goIp(text: string): Uint8Array | undefined {
  return /^[\d.]+$|:/.test(text) ? ipBytesOf(text) : undefined;
}

/** net.IP.Equal: an IPv4 address equals its IPv4-mapped IPv6 form. */
function sameIp(a: Uint8Array, b: Uint8Array): boolean {
  const to16 = (ip: Uint8Array) => (ip.length === 4 ? Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip]) : ip);
  const [x, y] = [to16(a), to16(b)];
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** validHostname: labels of letters, digits, '-' (not first) and '_'; a pattern may start with "*". */
function validHostname(host: string, isPattern: boolean): boolean {
  const name = isPattern ? host : host.replace(/\.$/, "");
  if (name.length === 0) return false;
  return name.split(".").every((part, i) => part !== "" && ((isPattern && i === 0 && part === "*") || /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(part)));
}

function matchExactly(a: string, b: string): boolean {
  if (a === "" || a === "." || b === "" || b === ".") return false;
  return lowerAscii(a) === lowerAscii(b);
}

function matchHostnames(pattern: string, host: string): boolean {
  const patternParts = lowerAscii(pattern).split(".");
  const hostText = lowerAscii(host.replace(/\.$/, ""));
  if (pattern.length === 0 || hostText.length === 0) return false;
  const hostParts = hostText.split(".");
  if (patternParts.length !== hostParts.length) return false;
  return patternParts.every((part, i) => (i === 0 && part === "*") || part === hostParts[i]);
}
