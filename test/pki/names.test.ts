import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";
import { classifyName, folderName } from "../../src/pki/names.js";

describe("classifyName", () => {
  const good: [string, string, string][] = [
    ["localhost", "dns", "localhost"],
    ["API.Example.com", "dns", "api.example.com"],
    ["example.com.", "dns", "example.com"],
    ["*.example.com", "dns", "*.example.com"],
    ["xn--bcher-kva.example", "dns", "xn--bcher-kva.example"],
    ["127.0.0.1", "ip", "127.0.0.1"],
    ["192.168.0.254", "ip", "192.168.0.254"],
    ["::1", "ip", "::1"],
    ["[2001:db8::5]", "ip", "2001:db8::5"],
    ["ops@example.com", "email", "ops@example.com"],
  ];
  for (const [input, type, value] of good) {
    it(`${input} -> ${type} ${value}`, () => assert.deepEqual(classifyName(input, "test"), { type, value }));
  }

  const bad: [string, RegExp][] = [
    ["192.168.0.256", /not a valid IPv4 address/],
    ["10.0.0", /not a valid IPv4 address/],
    ["1.2.3.4.5", /not a valid IPv4 address/],
    ["fe80::1::2", /not a valid IPv6 address/],
    ["bad_name.test", /not a valid DNS name/],
    ["-lead.example", /not a valid DNS name/],
    ["a..b", /not a valid DNS name/],
    ["*.com", /not a valid DNS name/],
    ["foo.*.example.com", /not a valid DNS name/],
    ["a".repeat(64) + ".example", /not a valid DNS name/],
    ["", /empty name/],
    ["x@", /not a valid email address/],
  ];
  for (const [input, pattern] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => classifyName(input, "where"), (err: unknown) => err instanceof InputError && pattern.test(err.message) && err.message.startsWith("where: "));
    });
  }
});

describe("folderName", () => {
  it("keeps safe names and replaces the rest", () => {
    assert.equal(folderName("dev-001.fleet"), "dev-001.fleet");
    assert.equal(folderName("*.example.com"), "_wildcard.example.com");
    assert.equal(folderName("::1"), "__1");
    assert.equal(folderName("a/b c"), "a_b_c");
  });
});
