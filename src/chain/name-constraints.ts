import type { CertFacts, GeneralSubtree } from "../model/certificate.js";
import type { GeneralName } from "../model/general-name.js";
import { allAttributes, type DistinguishedName } from "../model/name.js";

/** A name of the certificate ("DNS:a.example.test") against the CA's subtrees of its type. */
interface NameViolation<Kind extends string> {
  kind: Kind;
  name: string;
  /** The subtrees the name was held against: all permitted ones of its type, or the one excluding it. */
  constraints: string[];
}

/**
 * Why a certificate's names fail a CA's name constraints: outside every permitted subtree, inside an
 * excluded one, of a form pkilab cannot check, or too many names × subtrees to check at all.
 */
export type ConstraintViolation =
  | NameViolation<"permitted">
  | NameViolation<"excluded">
  | NameViolation<"unsupported">
  | { kind: "too-complex"; names: number; subtrees: number };

/**
 * The most name × constraint comparisons per certificate before giving up, as OpenSSL does
 * (NAME_CHECK_MAX = 1 << 20 in crypto/x509/v3_ncons.c): pathological certificates must not hang.
 */
const NAME_CHECK_MAX = 1 << 20;

/**
 * RFC 5280 4.2.1.10 name constraints of one CA, applied to one certificate below it: its subject DN,
 * the emailAddress attributes of that DN, and its subjectAltNames (dNSName, iPAddress, rfc822Name,
 * URI, directoryName). For each type the permitted subtrees name, every name of that type must fall
 * in one of them; no name may fall in an excluded subtree. A constraint on a name form pkilab cannot
 * process, when the certificate has such a name, rejects it ("process or reject"). Returns the first
 * violation.
 */
export function checkNameConstraints(ca: CertFacts, cert: CertFacts): ConstraintViolation | undefined {
  const constraints = ca.nameConstraints;
  if (!constraints) return undefined;
  const names: GeneralName[] = [...(cert.subjectAltNames ?? [])];
  if (cert.subject.rdns.length > 0) names.push({ type: "dn", value: cert.subject.text, name: cert.subject });
  for (const email of allAttributes(cert.subject, "emailAddress")) names.push({ type: "email", value: email });
  const subtrees = constraints.permitted.length + constraints.excluded.length;
  if (names.length * subtrees > NAME_CHECK_MAX) {
    return { kind: "too-complex", names: names.length, subtrees };
  }

  for (const name of names) {
    for (const subtree of constraints.excluded) {
      if (subtree.base.type !== name.type) continue;
      if (name.type === "other") return { kind: "unsupported", name: describe(name), constraints: [describe(subtree.base)] };
      if (within(name, subtree) || (name.type === "dns" && wildcardMayMatch(name.value, subtree.base.value))) {
        return { kind: "excluded", name: describe(name), constraints: [describe(subtree.base)] };
      }
    }
    const permitted = constraints.permitted.filter((subtree) => subtree.base.type === name.type);
    const [first] = permitted;
    if (!first) continue; // no permitted subtree of this type: any name of it is allowed
    if (name.type === "other") return { kind: "unsupported", name: describe(name), constraints: [describe(first.base)] };
    if (!permitted.some((subtree) => within(name, subtree))) {
      return { kind: "permitted", name: describe(name), constraints: permitted.map((subtree) => describe(subtree.base)) };
    }
  }
  return undefined;
}

/**
 * OpenSSL also holds an end-entity certificate's CNs against the DNS name constraints when it has no
 * dNSName SAN, each CN that looks like a host name (crypto/x509/x509_vfy.c check_name_constraints()
 * calls NAME_CONSTRAINTS_check_CN() in crypto/x509/v3_ncons.c, OpenSSL 1.1.0 and later; nginx logs
 * "(47:permitted subtree violation)", test/peers/openssl-misses-nginx.test.ts). Only once the other
 * names passed; RFC 5280 does not ask for it, browsers and Go do not do it.
 */
export function checkCommonNameConstraints(ca: CertFacts, leaf: CertFacts): ConstraintViolation | undefined {
  const constraints = ca.nameConstraints;
  if (!constraints || leaf.subjectAltNames?.some((name) => name.type === "dns")) return undefined;
  const permitted = constraints.permitted.filter((subtree) => subtree.base.type === "dns");
  const excluded = constraints.excluded.filter((subtree) => subtree.base.type === "dns");
  const cns = allAttributes(leaf.subject, "CN");
  // The same bound as the other names: a subject of thousands of CNs against thousands of subtrees.
  if (cns.length * (permitted.length + excluded.length) > NAME_CHECK_MAX) {
    return { kind: "too-complex", names: cns.length, subtrees: permitted.length + excluded.length };
  }
  for (const cn of cns) {
    if (!looksLikeHostName(cn)) continue;
    const name = `DNS:${cn} (the CN, no DNS SAN)`;
    if (permitted.length > 0 && !permitted.some((subtree) => opensslDnsWithin(cn, subtree.base.value))) {
      return { kind: "permitted", name, constraints: permitted.map((subtree) => describe(subtree.base)) };
    }
    const excluding = excluded.find((subtree) => opensslDnsWithin(cn, subtree.base.value));
    if (excluding) return { kind: "excluded", name, constraints: [describe(excluding.base)] };
  }
  return undefined;
}

/**
 * OpenSSL's cn2dnsid() test: letters, digits and "_", with "-" and "." inside only, no "." next to
 * another "." or a "-", and at least one "." (a single label is not taken for a host name).
 */
export function looksLikeHostName(cn: string): boolean {
  const value = cn.replace(/\0+$/, "");
  let dotted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (/[A-Za-z0-9_]/.test(c)) continue;
    const inside = i > 0 && i < value.length - 1;
    if (inside && c === "-") continue;
    if (inside && c === "." && value[i + 1] !== "." && value[i - 1] !== "-" && value[i + 1] !== "-") {
      dotted = true;
      continue;
    }
    return false;
  }
  return dotted;
}

/**
 * OpenSSL's nc_dns() (crypto/x509/v3_ncons.c): "" covers everything; otherwise the name ends with
 * the constraint, at a label boundary unless the constraint starts with ".". Used for CNs, which
 * cn2dnsid() already held to host-name syntax ("_" allowed, as OpenSSL allows it).
 */
function opensslDnsWithin(name: string, constraint: string): boolean {
  if (constraint === "") return true;
  if (name.length < constraint.length) return false;
  const tail = name.slice(name.length - constraint.length);
  if (name.length > constraint.length && !constraint.startsWith(".") && name[name.length - constraint.length - 1] !== ".") return false;
  return tail.toLowerCase() === constraint.toLowerCase();
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

/** A syntactically valid DNS name (RFC 5280 4.2.1.6 preferred name syntax; "*." as a left-most label). */
const DNS_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?\.?$/i;

/**
 * "example.com" covers itself and every subdomain; "" covers everything. A malformed name is within
 * nothing, and so is anything under a malformed constraint (a leading period is a URI/email form
 * only; RFC 5280 4.2.1.10).
 */
export function dnsWithin(name: string, constraint: string): boolean {
  const host = name.toLowerCase().replace(/\.$/, "");
  const base = constraint.toLowerCase().replace(/\.$/, "");
  if (!DNS_NAME.test(host)) return false;
  if (base === "") return true;
  if (!DNS_NAME.test(base) || base.startsWith("*")) return false;
  return host === base || host.endsWith(`.${base}`);
}

/**
 * Could the wildcard SAN "*.S" match a host in the excluded subtree B? Yes when B is S plus one
 * label: "*.example.com" matches "bar.example.com" (CVE-2025-61727 in Go's crypto/x509).
 */
function wildcardMayMatch(san: string, excluded: string): boolean {
  if (!san.startsWith("*.")) return false;
  const suffix = san.slice(1).toLowerCase(); // ".example.com"
  const base = excluded.toLowerCase().replace(/\.$/, "");
  return base.endsWith(suffix) && !base.slice(0, base.length - suffix.length).includes(".") && base.length > suffix.length;
}

function ipWithin(address: Uint8Array, constraint: Uint8Array): boolean {
  const half = constraint.length / 2;
  if (address.length !== half) return false;
  // An odd-length constraint was refused just above (no address has a fractional length), so
  // address[i], constraint[i] and constraint[half + i] all exist for i < half.
  for (let i = 0; i < half; i++) if ((address[i]! & constraint[half + i]!) !== (constraint[i]! & constraint[half + i]!)) return false;
  return true;
}

/** "user@host" exact mailbox; "host" any mailbox at host; ".host" any mailbox in a subdomain. */
function emailWithin(email: string, constraint: string): boolean {
  const parts = email.split("@");
  const [local, host] = parts;
  if (parts.length !== 2 || !local || !host) return false; // not an addr-spec: within nothing
  const domain = host.toLowerCase();
  if (constraint.includes("@")) {
    const at = constraint.lastIndexOf("@");
    return local === constraint.slice(0, at) && domain === constraint.slice(at + 1).toLowerCase();
  }
  const base = constraint.toLowerCase();
  return base.startsWith(".") ? domain.endsWith(base) : domain === base;
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
