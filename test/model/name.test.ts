// src/model/name.ts, one distinguished name per row, written with src/asn1/der-writer.ts: display
// text in RFC 4514 order and escaping, the comparison key OpenSSL's X509_NAME_cmp uses (RFC 5280 7.1:
// case-folded, white space collapsed, string type ignored), and attribute lookup.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readWhole } from "../../src/asn1/der-reader.js";
import * as der from "../../src/asn1/der-writer.js";
import { allAttributes, attribute, parseName, type DistinguishedName } from "../../src/model/name.js";

const OID = { cn: "2.5.4.3", o: "2.5.4.10", ou: "2.5.4.11", c: "2.5.4.6", dc: "0.9.2342.19200300.100.1.25", email: "1.2.840.113549.1.9.1" };
const utf8 = (text: string) => der.utf8String(text);
const printable = (text: string) => der.tlv(0x13, new TextEncoder().encode(text));
const ia5 = (text: string) => der.tlv(0x16, new TextEncoder().encode(text));
const atv = (oid: string, value: Uint8Array) => der.sequence(der.oid(oid), value);
/** One RDN per entry; an entry with several attributes is a multi-valued RDN. */
const name = (...rdns: Uint8Array[][]) => der.sequence(...rdns.map((attributes) => der.set(...attributes)));
const parse = (bytes: Uint8Array): DistinguishedName => parseName(bytes, readWhole(bytes));

interface Row {
  name: string;
  der: Uint8Array;
  text: string;
  /** Attribute types in DER order, one list per RDN. */
  types: string[][];
}

const ROWS: Row[] = [
  { name: "the empty name", der: name(), text: "", types: [] },
  { name: "O then CN: shown most specific first", der: name([atv(OID.o, utf8("pkilab lab"))], [atv(OID.cn, utf8("alice"))]), text: "CN=alice, O=pkilab lab", types: [["O"], ["CN"]] },
  { name: "C, O, OU, CN in PrintableString", der: name([atv(OID.c, printable("DE"))], [atv(OID.o, printable("Acme"))], [atv(OID.ou, printable("Ops"))], [atv(OID.cn, printable("host"))]), text: "CN=host, OU=Ops, O=Acme, C=DE", types: [["C"], ["O"], ["OU"], ["CN"]] },
  { name: "a multi-valued RDN joins with +", der: name([atv(OID.cn, utf8("a")), atv(OID.ou, utf8("b"))]), text: "CN=a+OU=b", types: [["CN", "OU"]] },
  { name: "RFC 4514 2.4 escaping: , + \" \\ < > ; and a leading # or space, a trailing space", der: name([atv(OID.cn, utf8('a,b+c"d\\e<f>g;h'))], [atv(OID.o, utf8("#x "))]), text: 'O=\\#x\\ , CN=a\\,b\\+c\\"d\\\\e\\<f\\>g\\;h', types: [["CN"], ["O"]] },
  { name: "DC and emailAddress by their short names; an unknown type as its OID", der: name([atv(OID.dc, ia5("test"))], [atv(OID.email, ia5("a@b.test"))], [atv("1.2.3.4", utf8("x"))]), text: "1.2.3.4=x, emailAddress=a@b.test, DC=test", types: [["DC"], ["emailAddress"], ["1.2.3.4"]] },
];

describe("parseName: text, attributes and the DER it came from", () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const parsed = parse(row.der);
      assert.equal(parsed.text, row.text);
      assert.deepEqual(parsed.rdns.map((rdn) => rdn.map((a) => a.type)), row.types);
      assert.deepEqual(Buffer.from(parsed.der), Buffer.from(row.der));
      assert.equal(parsed.canonicalRdns.length, row.types.length);
    });
  }
});

describe("parseName: the comparison key (RFC 5280 7.1, as OpenSSL X509_NAME_cmp)", () => {
  const cn = (value: Uint8Array) => parse(name([atv(OID.o, utf8("Acme"))], [atv(OID.cn, value)]));
  const SAME: [string, Uint8Array, Uint8Array][] = [
    ["case does not matter", utf8("Alice"), utf8("aLICE")],
    ["the string type does not matter", utf8("alice"), printable("alice")],
    ["leading and trailing white space does not matter", utf8("  alice "), utf8("alice")],
    ["inner runs of white space count as one", utf8("alice   smith"), utf8("alice smith")],
  ];
  for (const [what, a, b] of SAME) {
    it(what, () => assert.equal(cn(a).canonical, cn(b).canonical));
  }

  it("a different value, the same value under another type, or another RDN order differ", () => {
    assert.notEqual(cn(utf8("alice")).canonical, cn(utf8("alicia")).canonical);
    assert.notEqual(parse(name([atv(OID.cn, utf8("x"))])).canonical, parse(name([atv(OID.ou, utf8("x"))])).canonical);
    const ordered = parse(name([atv(OID.o, utf8("A"))], [atv(OID.cn, utf8("B"))]));
    const reversed = parse(name([atv(OID.cn, utf8("B"))], [atv(OID.o, utf8("A"))]));
    assert.notEqual(ordered.canonical, reversed.canonical);
  });

  it("within one RDN the attribute order does not matter (it is a SET)", () => {
    const ab = parse(name([atv(OID.cn, utf8("a")), atv(OID.ou, utf8("b"))]));
    const ba = parse(name([atv(OID.ou, utf8("b")), atv(OID.cn, utf8("a"))]));
    assert.equal(ab.canonical, ba.canonical);
    assert.notEqual(ab.text, ba.text, "the text keeps the order as written");
  });
});

describe("attribute and allAttributes", () => {
  const parsed = parse(name([atv(OID.dc, ia5("example"))], [atv(OID.dc, ia5("test"))], [atv(OID.cn, utf8("first"))], [atv(OID.cn, utf8("second"))]));
  it("attribute: the first value in DER order, or undefined", () => {
    assert.equal(attribute(parsed, "CN"), "first");
    assert.equal(attribute(parsed, "DC"), "example");
    assert.equal(attribute(parsed, "O"), undefined);
  });
  it("allAttributes: every value in DER order", () => {
    assert.deepEqual(allAttributes(parsed, "CN"), ["first", "second"]);
    assert.deepEqual(allAttributes(parsed, "DC"), ["example", "test"]);
    assert.deepEqual(allAttributes(parsed, "OU"), []);
  });
});
