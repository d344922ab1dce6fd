// format() fills a rule's message template (src/lint/message-format.ts): strict both ways, so that a
// template and the data a rule passes it cannot drift apart unnoticed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { format, placeholders } from "../../src/lint/message-format.js";

describe("message templates", () => {
  it("fills each placeholder, as often as it occurs, numbers as String() writes them", () => {
    assert.equal(format('"{subject}" (position {position}) is not followed by its issuer "{issuer}"', { subject: "CN=a", position: 2, issuer: "CN=b" }), '"CN=a" (position 2) is not followed by its issuer "CN=b"');
    assert.equal(format("add {ip} as an iPAddress SAN, not {ip} as a dNSName", { ip: "10.0.0.1" }), "add 10.0.0.1 as an iPAddress SAN, not 10.0.0.1 as a dNSName");
    assert.equal(format("renew it now"), "renew it now");
    assert.equal(format("{n} bytes", { n: 0 }), "0 bytes");
  });

  it("does not fill placeholders that a value brings with it", () => {
    assert.equal(format("server_name {name}", { name: "{sans}" }), "server_name {sans}");
  });

  it("throws on a placeholder without a value", () => {
    assert.throws(() => format("expired {ago} ago ({notAfter})", { ago: "3 days" }), /no value for \{notAfter\}/);
    assert.throws(() => format("{who} has a key", { who: undefined }), /no value for \{who\}/);
  });

  it("throws on a value no placeholder takes", () => {
    assert.throws(() => format("renew it now", { subject: "CN=a" }), /message data subject not used/);
  });

  it("lists a template's placeholders, each once", () => {
    assert.deepEqual(placeholders("re-issue it with at most {cap} days (--days {cap}) from {issued}"), ["cap", "issued"]);
    assert.deepEqual(placeholders("no placeholders, not even {this one} or {}"), []);
  });
});
