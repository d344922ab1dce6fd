import type { CertFacts, GeneralSubtree } from "../model/certificate.js";
import type { GeneralName } from "../model/general-name.js";
import { allAttributes, type DistinguishedName } from "../model/name.js";

export interface ConstraintViolation {
  kind: "permitted" | "excluded";
  name: string;
  constraint: string;
}

/**
 * RFC 5280 4.2.1.10 name constraints of one CA, applied to one certificate below it: its subject DN,
 * the emailAddress attributes of that DN, and its subjectAltNames (dNSName, iPAddress, rfc822Name,
 * URI, directoryName). For each type the permitted subtrees name, every name of that type must fall
 * in one of them; no name may fall in an excluded subtree. Returns the first violation.
 */
export function checkNameConstraints(ca: CertFacts, cert: CertFacts): ConstraintViolation | undefined {
  const constraints = ca.nameConstraints;
  if (!constraints) return undefined;
  const names: GeneralName[] = [...(cert.subjectAltNames ?? [])];
  if (cert.subject.rdns.length > 0) names.push({ type: "dn", value: cert.subject.text, name: cert.subject });
  for (const email of allAttributes(cert.subject, "emailAddress")) names.push({ type: "email", value: email });

  for (const name of names) {
    for (const subtree of constraints.excluded) {
      if (subtree.base.type === name.type && within(name, subtree)) return { kind: "excluded", name: describe(name), constraint: describe(subtree.base) };
    }
    const permitted = constraints.permitted.filter((subtree) => subtree.base.type === name.type);
    if (permitted.length > 0 && !permitted.some((subtree) => within(name, subtree))) {
      return { kind: "permitted", name: describe(name), constraint: permitted.map((s) => describe(s.base)).join(" or ") };
    }
  }
  return undefined;
}

function describe(name: GeneralName): string {
  return `${name.type === "dn" ? "DirName" : name.type.toUpperCase()}:${name.value}`;
}

function within(name: GeneralName, subtree: GeneralSubtree): boolean {
  const base = subtree.base;
  switch (name.type) {
    case "dns":
      return base.type === "dns" && dnsWithin(name.value, base.value);
    case "ip":
      return base.type === "ip" && ipWithin(name.bytes, base.bytes);
    case "email":
      return base.type === "email" && emailWithin(name.value, base.value);
    case "uri":
      return base.type === "uri" && uriWithin(name.value, base.value);
    case "dn":
      return base.type === "dn" && dnWithin(name.name, base.name);
    default:
      return false;
  }
}

/** "example.com" covers itself and every subdomain; ".example.com" only subdomains; "" everything. */
export function dnsWithin(name: string, constraint: string): boolean {
  const host = name.toLowerCase().replace(/\.$/, "");
  const base = constraint.toLowerCase().replace(/\.$/, "");
  if (base === "") return true;
  if (base.startsWith(".")) return host.endsWith(base);
  return host === base || host.endsWith(`.${base}`);
}

function ipWithin(address: Uint8Array, constraint: Uint8Array): boolean {
  const half = constraint.length / 2;
  if (address.length !== half) return false;
  for (let i = 0; i < half; i++) if ((address[i] & constraint[half + i]) !== (constraint[i] & constraint[half + i])) return false;
  return true;
}

/** "user@host" exact mailbox; "host" any mailbox at host; ".host" any mailbox in a subdomain. */
function emailWithin(email: string, constraint: string): boolean {
  const at = email.lastIndexOf("@");
  if (at < 0) return false;
  const local = email.slice(0, at);
  const host = email.slice(at + 1).toLowerCase();
  if (constraint.includes("@")) {
    const cAt = constraint.lastIndexOf("@");
    return local === constraint.slice(0, cAt) && host === constraint.slice(cAt + 1).toLowerCase();
  }
  const base = constraint.toLowerCase();
  return base.startsWith(".") ? host.endsWith(base) : host === base;
}

/** The URI's host against "host" (exact) or ".host" (subdomains). */
function uriWithin(uri: string, constraint: string): boolean {
  let host: string;
  try {
    host = new URL(uri).hostname.toLowerCase();
  } catch {
    return false;
  }
  const base = constraint.toLowerCase();
  return base.startsWith(".") ? host.endsWith(base) : host === base;
}

/** The constraint's RDNs are a prefix of the name's (RFC 5280 7.1 comparison per RDN). */
function dnWithin(name: DistinguishedName, constraint: DistinguishedName): boolean {
  const base = constraint.canonicalRdns;
  return base.length <= name.canonicalRdns.length && base.every((rdn, i) => rdn === name.canonicalRdns[i]);
}
