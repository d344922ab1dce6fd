import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as der from "../../src/asn1/der-writer.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("der-writer", () => {
  it("short and long definite lengths", () => {
    assert.equal(hex(der.octetString(new Uint8Array(3))), "0403000000");
    assert.equal(hex(der.octetString(new Uint8Array(127))).slice(0, 4), "047f");
    assert.equal(hex(der.octetString(new Uint8Array(128))).slice(0, 6), "048180");
    assert.equal(hex(der.octetString(new Uint8Array(300))).slice(0, 8), "0482012c");
  });

  it("INTEGER: minimal, positive", () => {
    assert.equal(hex(der.smallInteger(0)), "020100");
    assert.equal(hex(der.smallInteger(2)), "020102");
    assert.equal(hex(der.smallInteger(128)), "02020080");
    assert.equal(hex(der.unsignedInteger(Uint8Array.of(0, 0, 0x7f))), "02017f");
    assert.equal(hex(der.unsignedInteger(Uint8Array.of(0xff, 1))), "020300ff01");
  });

  it("OID with multi-byte arcs", () => {
    assert.equal(hex(der.oid("2.5.29.19")), "0603551d13");
    assert.equal(hex(der.oid("1.2.840.113549.1.1.11")), "06092a864886f70d01010b");
    assert.equal(hex(der.oid("1.3.6.1.5.5.7.3.2")), "06082b06010505070302");
  });

  it("named bit strings drop trailing zero bits (keyUsage)", () => {
    assert.equal(hex(der.namedBits([0])), "03020780"); // digitalSignature
    assert.equal(hex(der.namedBits([0, 2])), "030205a0"); // + keyEncipherment
    assert.equal(hex(der.namedBits([5, 6])), "03020106"); // keyCertSign + cRLSign
    assert.equal(hex(der.namedBits([8])), "0303070080"); // decipherOnly: second byte
  });

  it("UTCTime through 2049, GeneralizedTime from 2050, whole seconds", () => {
    assert.equal(Buffer.from(der.time(new Date("2049-12-31T23:59:59.999Z")).subarray(2)).toString(), "491231235959Z");
    assert.equal(der.time(new Date("2049-12-31T23:59:59Z"))[0], 0x17);
    assert.equal(Buffer.from(der.time(new Date("2050-01-01T00:00:00Z")).subarray(2)).toString(), "20500101000000Z");
    assert.equal(der.time(new Date("2050-01-01T00:00:00Z"))[0], 0x18);
  });

  it("readHeader reads what tlv wrote", () => {
    const value = der.sequence(der.octetString(new Uint8Array(200)));
    assert.deepEqual(der.readHeader(value, 0), { tag: 0x30, headerLength: 3, length: 203 });
  });
});
