import { isIPv4, isIPv6 } from "node:net";
import { InputError } from "../io/input-error.js";

export type SubjectAltName =
  | { type: "dns"; value: string }
  | { type: "ip"; value: string }
  | { type: "email"; value: string };

const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/**
 * Classifies one name given on the command line or in a spec as the SAN it must become.
 * IP literals become iPAddress SANs, never dNSName: RFC 6125 section 6.2.1 / RFC 9525 section 6.2
 * match an IP only against iPAddress, and mbedTLS 3.5+ likewise (seed 002 dials 192.168.0.254:
 * fixtures/logs/README.md).
 */
export function classifyName(raw: string, where: string): SubjectAltName {
  const name = raw.trim();
  if (name === "") throw new InputError(`${where}: empty name: give a DNS name, an IP address or an email address`);
  if (name.includes(":")) {
    const bare = name.replace(/^\[(.*)\]$/, "$1");
    if (isIPv6(bare)) return { type: "ip", value: bare };
    throw new InputError(`${where}: "${name}" is not a valid IPv6 address: write it like ::1 or 2001:db8::5`);
  }
  if (/^[0-9.]+$/.test(name)) {
    if (isIPv4(name)) return { type: "ip", value: name };
    throw new InputError(`${where}: "${name}" is not a valid IPv4 address: write four numbers 0-255 like 192.168.0.254`);
  }
  if (name.includes("@")) {
    if (/^[^\s@]+@[^\s@]+$/.test(name)) return { type: "email", value: name };
    throw new InputError(`${where}: "${name}" is not a valid email address`);
  }
  const host = name.endsWith(".") ? name.slice(0, -1) : name;
  const labels = host.split(".");
  const wildcard = labels[0] === "*";
  const rest = wildcard ? labels.slice(1) : labels;
  // A wildcard must stand alone as the left-most label and cover at least two labels (RFC 6125 6.4.3).
  if (host.length <= 253 && rest.length >= (wildcard ? 2 : 1) && rest.every((label) => DNS_LABEL.test(label))) {
    return { type: "dns", value: host.toLowerCase() };
  }
  throw new InputError(
    `${where}: "${name}" is not a valid DNS name: use letters, digits and hyphens in dot-separated labels (a wildcard only as "*.example.com")`,
  );
}

/** A name usable as a folder in the lab: letters, digits, dot, hyphen, underscore. */
export function folderName(name: string): string {
  return name.replace(/^\*\./, "_wildcard.").replace(/[^A-Za-z0-9._-]/g, "_");
}
