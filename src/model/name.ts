import { children, DER_LIMITS, DerError, expectChildren, expectTag, oidString, raw, stringValue, Tag, type DerNode } from "../asn1/der-reader.js";
import { ATTRIBUTE_NAMES } from "./oids.js";

export interface NameAttribute {
  oid: string;
  /** Short name ("CN") or the dotted OID. */
  type: string;
  value: string;
}

/** A distinguished name, read once: its DER, attributes in order, display text, and comparison key. */
export interface DistinguishedName {
  der: Uint8Array;
  /** RDNs in DER order (most significant first); each RDN is a set of attributes. */
  rdns: NameAttribute[][];
  /** RFC 4514 order and escaping: "CN=alice, O=pkilab lab". */
  text: string;
  /**
   * Comparison key: RFC 5280 7.1 name matching the way OpenSSL does it (X509_NAME_cmp on the
   * canonical encoding): string values case-folded, leading/trailing white space removed, inner
   * runs of white space collapsed; the ASN.1 string type does not matter.
   */
  canonical: string;
  /** The same, one entry per RDN (for prefix matching in name constraints). */
  canonicalRdns: string[];
}

export function parseName(buf: Uint8Array, node: DerNode | undefined, what = "name"): DistinguishedName {
  const nameNode = expectTag(node, Tag.sequence, what);
  const size = nameNode.end - nameNode.start;
  if (size > DER_LIMITS.maxNameBytes) throw new DerError(`${what}: ${size} bytes, longer than ${DER_LIMITS.maxNameBytes} (DER_LIMITS.maxNameBytes, as OpenSSL)`, "maxNameBytes");
  // Plain loops, not map(): parseName runs for every certificate of a fleet, and V8 threw away its
  // optimized code twice a run over the arrays map() made ("wrong map", --trace-deopt).
  const rdns: NameAttribute[][] = [];
  for (const set of children(buf, nameNode, what)) {
    const rdn: NameAttribute[] = [];
    for (const attribute of children(buf, expectTag(set, Tag.set, `${what}: RDN`), `${what}: RDN`)) {
      const [typeNode, valueNode] = expectChildren(buf, attribute, Tag.sequence, `${what}: attribute`, ["type", "value"]);
      const oid = oidString(buf, typeNode, `${what}: attribute type`);
      const type = ATTRIBUTE_NAMES[oid] ?? oid;
      rdn.push({ oid, type, value: stringValue(buf, valueNode, `${what}: ${type}`) });
    }
    rdns.push(rdn);
  }
  const canonicalRdns: string[] = [];
  const shown: string[] = [];
  for (const rdn of rdns) {
    const folded: [string, string][] = [];
    const parts: string[] = [];
    for (const a of rdn) {
      folded.push([a.oid, a.value.trim().replace(/\s+/g, " ").toLowerCase()]);
      parts.push(`${a.type}=${escape(a.value)}`);
    }
    canonicalRdns.push(JSON.stringify(folded.sort()));
    shown.unshift(parts.join("+"));
  }
  return {
    der: raw(buf, nameNode),
    rdns,
    text: shown.join(", "),
    canonical: canonicalRdns.join(","),
    canonicalRdns,
  };
}

/** RFC 4514 2.4 escaping for display. */
function escape(value: string): string {
  return (
    value
      .replace(/([,+"\\<>;])/g, "\\$1")
      .replace(/^([ #])/, "\\$1")
      .replace(/ $/, "\\ ")
      // Control characters as hex pairs (RFC 4514 §2.4): a name is printed, and must not drive the terminal.
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
  );
}

/** The first value of an attribute (e.g. the CN), or undefined. */
export function attribute(name: DistinguishedName, short: string): string | undefined {
  for (const rdn of name.rdns) for (const a of rdn) if (a.type === short) return a.value;
  return undefined;
}

export function allAttributes(name: DistinguishedName, short: string): string[] {
  return name.rdns.flat().filter((a) => a.type === short).map((a) => a.value);
}
