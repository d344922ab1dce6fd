import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { dnsMatch } from "../../src/chain/hostname.js";
import { dnsWithin, looksLikeHostName } from "../../src/chain/name-constraints.js";
import { ipBytesOf, ipText } from "../../src/model/general-name.js";

describe("dnsMatch (RFC 9525 6.3)", () => {
  const cases: [string, string, boolean][] = [
    ["example.test", "example.test", true],
    ["*.example.test", "a.example.test", true],
    ["*.example.test", "a.b.example.test", false], // one label only
    ["*.example.test", "example.test", false], // not the apex
    ["*.test", "example.test", false], // never a whole registrable domain
    ["f*.example.test", "foo.example.test", false], // partial wildcards are not honoured
    ["a.*.example.test", "a.b.example.test", false], // only the left-most label
    ["*.example.test", ".example.test", false],
  ];
  for (const [pattern, host, expected] of cases) {
    it(`${pattern} vs ${host}: ${expected}`, () => assert.equal(dnsMatch(pattern, host), expected));
  }
});

describe("dnsWithin (RFC 5280 4.2.1.10)", () => {
  const cases: [string, string, boolean][] = [
    ["example.test", "example.test", true],
    ["a.example.test", "example.test", true],
    ["aexample.test", "example.test", false], // label boundary
    ["a.example.test", ".example.test", false], // a leading dot is not a DNS constraint form: malformed
    [".example.test", "example.test", false], // a malformed name is within nothing
    ["anything.test", "", true],
  ];
  for (const [name, constraint, expected] of cases) {
    it(`${name} within "${constraint}": ${expected}`, () => assert.equal(dnsWithin(name, constraint), expected));
  }
});

describe("IP literals", () => {
  it("parses IPv4 and IPv6 (including mapped and bracketed) into octets", () => {
    assert.deepEqual([...ipBytesOf("192.168.0.254")!], [192, 168, 0, 254]);
    assert.equal(ipBytesOf("192.168.0.256"), undefined);
    assert.equal(ipBytesOf("example.test"), undefined);
    assert.equal(Buffer.from(ipBytesOf("[2001:db8::5]")!).toString("hex"), "20010db8000000000000000000000005");
    assert.equal(Buffer.from(ipBytesOf("::ffff:1.2.3.4")!).toString("hex"), "00000000000000000000ffff01020304");
  });
  it("prints IPv6 in RFC 5952 short form", () => {
    assert.equal(ipText(ipBytesOf("2001:db8:0:0:0:0:0:5")!), "2001:db8::5");
    assert.equal(ipText(ipBytesOf("::1")!), "::1");
    assert.equal(ipText(ipBytesOf("1:0:0:2:0:0:0:3")!), "1:0:0:2::3");
  });
});

describe("CNs OpenSSL takes for host names (cn2dnsid)", () => {
  const cases: [string, boolean][] = [
    ["host.example.test", true],
    ["my_host.example.test", true],
    ["a-b.example.test", true],
    ["localhost", false], // one label
    ["Alice Example", false],
    ["host.example.test.", false], // a dot at the end
    [".example.test", false],
    ["a..example.test", false],
    ["a-.example.test", false],
    ["a.-example.test", false],
    ["-a.example.test", false],
  ];
  for (const [cn, expected] of cases) {
    it(`${cn}: ${expected}`, () => assert.equal(looksLikeHostName(cn), expected));
  }
});
