// src/model/general-name.ts: IP addresses as text (RFC 5952 short form for IPv6) and IP literals as
// octets, the two directions host matching and name constraints rely on.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ipBytesOf, ipText } from "../../src/model/general-name.js";

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));

describe("ipText: octets as people write the address", () => {
  const ROWS: [string, string, string][] = [
    ["IPv4", "c0000207", "192.0.2.7"],
    ["IPv4 zero", "00000000", "0.0.0.0"],
    ["IPv6: the longest zero run becomes ::", "20010db8000000000000000000000005", "2001:db8::5"],
    ["IPv6: leading zeros of a group dropped", "20010db800010002000300040005000f", "2001:db8:1:2:3:4:5:f"],
    ["IPv6: the first of two equal runs (RFC 5952 4.2.3)", "20010db8000000000001000000000001", "2001:db8::1:0:0:1"],
    ["IPv6: a single zero group stays 0 (RFC 5952 4.2.2)", "20010db8000000010001000100010001", "2001:db8:0:1:1:1:1:1"],
    ["IPv6 loopback", "00000000000000000000000000000001", "::1"],
    ["IPv6 unspecified", "00000000000000000000000000000000", "::"],
    ["an odd length: hex", "0a0000", "#0a0000"],
  ];
  for (const [what, bytes, text] of ROWS) it(what, () => assert.equal(ipText(hex(bytes)), text));
});

describe("ipBytesOf: an IP literal's octets, or undefined", () => {
  const ROWS: [string, string, string | undefined][] = [
    ["IPv4", "192.168.0.254", "c0a800fe"],
    ["IPv4 with an octet past 255", "192.168.0.256", undefined],
    ["IPv4 with three parts", "10.0.1", undefined],
    ["IPv6 short form", "2001:db8::5", "20010db8000000000000000000000005"],
    ["IPv6 in brackets (as in a URL)", "[::1]", "00000000000000000000000000000001"],
    ["IPv6 with an embedded IPv4", "::ffff:192.0.2.1", "00000000000000000000ffffc0000201"],
    ["a host name", "www.example.test", undefined],
    ["a name that looks almost like an address", "1.2.3.4.example", undefined],
    ["not IPv6 though it has colons", "a:b:c", undefined],
  ];
  for (const [what, text, bytes] of ROWS) {
    it(what, () => {
      const got = ipBytesOf(text);
      assert.equal(got && Buffer.from(got).toString("hex"), bytes);
    });
  }

  it("round trip: ipText(ipBytesOf(x)) is x in its canonical form", () => {
    for (const [given, canonical] of [["2001:0DB8:0000::0005", "2001:db8::5"], ["0:0:0:0:0:0:0:1", "::1"]] as const) {
      const bytes = ipBytesOf(given);
      assert.ok(bytes, given);
      assert.equal(ipText(bytes), canonical);
    }
  });
});
