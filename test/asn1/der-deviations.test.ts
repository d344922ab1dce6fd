// The DER reader records each BER form it tolerates (kind and offset of the value's tag byte) and
// keeps refusing what is malformed. Inputs are hand-written bytes, so each case is one rule.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bitStringBytes,
  booleanValue,
  children,
  content,
  DerError,
  integerHex,
  oidString,
  readNode,
  readWhole,
  recordDeviations,
  smallInteger,
  timeValue,
  type DerDeviation,
} from "../../src/asn1/der-reader.js";

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ""), "hex"));

/** What `read` records when it reads `hex`. */
function recorded(hex: string, read: (buf: Uint8Array) => unknown): DerDeviation[] {
  const buf = bytes(hex);
  return recordDeviations(buf, () => read(buf)).deviations;
}

describe("DER deviations: recorded with kind and offset", () => {
  it("non-minimal-length: long form below 128, or a leading zero length octet", () => {
    assert.deepEqual(recorded("30 81 03 02 01 05", readWhole), [{ kind: "non-minimal-length", offset: 0 }]);
    assert.deepEqual(recorded("30 82 00 03 02 01 05", readWhole), [{ kind: "non-minimal-length", offset: 0 }]);
    assert.deepEqual(recorded(`04 82 00 80 ${"00".repeat(128)}`, readWhole), [{ kind: "non-minimal-length", offset: 0 }]);
    // A child's length: the offset is the child's tag.
    assert.deepEqual(recorded("30 06 05 00 04 81 01 aa", (b) => children(b, readWhole(b))), [{ kind: "non-minimal-length", offset: 4 }]);
  });

  it("minimal lengths record nothing (short form, 81 80.., 82 01 00..)", () => {
    assert.deepEqual(recorded("30 03 02 01 05", readWhole), []);
    assert.deepEqual(recorded(`04 81 80 ${"00".repeat(128)}`, readWhole), []);
    assert.deepEqual(recorded(`04 82 01 00 ${"00".repeat(256)}`, readWhole), []);
  });

  it("non-minimal-integer: a leading 00 before a byte below 80, or FF before one from 80", () => {
    const integer = (b: Uint8Array) => integerHex(b, readWhole(b));
    const small = (b: Uint8Array) => smallInteger(b, readWhole(b));
    assert.deepEqual(recorded("02 02 00 7f", integer), [{ kind: "non-minimal-integer", offset: 0 }]);
    assert.deepEqual(recorded("02 03 00 00 80", integer), [{ kind: "non-minimal-integer", offset: 0 }]);
    assert.deepEqual(recorded("02 02 00 05", small), [{ kind: "non-minimal-integer", offset: 0 }]);
    assert.deepEqual(recorded("02 02 ff 80", small), [{ kind: "non-minimal-integer", offset: 0 }]);
    for (const minimal of ["02 01 00", "02 01 7f", "02 02 00 80", "02 02 ff 7f", "02 01 ff"]) assert.deepEqual(recorded(minimal, small), [], minimal);
  });

  it("non-minimal-integer: the value read is unchanged", () => {
    const buf = bytes("02 03 00 00 80");
    assert.equal(recordDeviations(buf, () => integerHex(buf, readWhole(buf))).value, "80");
  });

  it("boolean-not-00-ff: TRUE as 01 (read as TRUE)", () => {
    const buf = bytes("01 01 01");
    assert.deepEqual(recordDeviations(buf, () => booleanValue(buf, readWhole(buf))), { value: true, deviations: [{ kind: "boolean-not-00-ff", offset: 0 }] });
    assert.deepEqual(recorded("01 01 ff", (b) => booleanValue(b, readWhole(b))), []);
    assert.deepEqual(recorded("01 01 00", (b) => booleanValue(b, readWhole(b))), []);
  });

  it("bit-string-padding-not-zero: a set unused bit, or unused bits in an empty string", () => {
    const bits = (b: Uint8Array) => bitStringBytes(b, readWhole(b));
    assert.deepEqual(recorded("03 02 07 81", bits), [{ kind: "bit-string-padding-not-zero", offset: 0 }]);
    assert.deepEqual(recorded("03 03 04 ff 18", bits), [{ kind: "bit-string-padding-not-zero", offset: 0 }]);
    assert.deepEqual(recorded("03 01 03", bits), [{ kind: "bit-string-padding-not-zero", offset: 0 }]);
    for (const der of ["03 02 07 80", "03 03 04 ff 10", "03 02 00 ff", "03 01 00"]) assert.deepEqual(recorded(der, bits), [], der);
  });

  it("a value read from a subarray (an extension's value) is placed in the whole input", () => {
    // SEQUENCE { NULL, OCTET STRING { BOOLEAN 01 } }: the BOOLEAN's tag is at offset 6.
    const whole = bytes("30 07 05 00 04 03 01 01 01");
    const { deviations } = recordDeviations(whole, () => {
      const [, wrapper] = children(whole, readWhole(whole));
      const inner = content(whole, wrapper);
      return booleanValue(inner, readWhole(inner));
    });
    assert.deepEqual(deviations, [{ kind: "boolean-not-00-ff", offset: 6 }]);
  });

  it("a value read from a copy outside the input gets offset -1", () => {
    const outer = bytes("05 00");
    const copy = bytes("01 01 01");
    assert.deepEqual(recordDeviations(outer, () => booleanValue(copy, readWhole(copy))).deviations, [{ kind: "boolean-not-00-ff", offset: -1 }]);
  });

  it("a value read twice is recorded once; several are kept in the order met", () => {
    const buf = bytes("30 81 06 01 01 01 02 01 05");
    const { deviations } = recordDeviations(buf, () => {
      children(buf, readWhole(buf));
      const [flag, number] = children(buf, readWhole(buf));
      return [booleanValue(buf, flag), smallInteger(buf, number)];
    });
    assert.deepEqual(deviations, [{ kind: "non-minimal-length", offset: 0 }, { kind: "boolean-not-00-ff", offset: 3 }]);
  });

  it("outside recordDeviations nothing is kept and nothing throws; nested recordings keep their own lists", () => {
    const buf = bytes("01 01 01");
    assert.equal(booleanValue(buf, readWhole(buf)), true);
    const outer = recordDeviations(buf, () => {
      const inner = recordDeviations(buf, () => booleanValue(buf, readWhole(buf)));
      assert.equal(inner.deviations.length, 1);
      return readNode(buf, 0);
    });
    assert.deepEqual(outer.deviations, []);
  });

  it("a read that throws leaves no recording behind", () => {
    const buf = bytes("02 00");
    assert.throws(() => recordDeviations(buf, () => integerHex(buf, readWhole(buf))), DerError);
    const after = bytes("01 01 01");
    assert.deepEqual(recordDeviations(after, () => booleanValue(after, readWhole(after))).deviations, [{ kind: "boolean-not-00-ff", offset: 0 }]);
  });
});

describe("DER: malformed input stays an error", () => {
  it("indefinite length, a length past the data, 5+ length octets", () => {
    assert.throws(() => readWhole(bytes("30 80 05 00 00 00")), /indefinite length/);
    assert.throws(() => readWhole(bytes("30 05 05 00")), /truncated/);
    assert.throws(() => readWhole(bytes("30 85 00 00 00 00 02")), /length too large/);
  });

  it("OBJECT IDENTIFIER: a leading 0x80 in a sub-identifier, a last one cut short", () => {
    assert.throws(() => oidString(bytes("06 03 55 80 1d"), readWhole(bytes("06 03 55 80 1d"))), /leading 0x80/);
    assert.throws(() => oidString(bytes("06 02 55 9d"), readWhole(bytes("06 02 55 9d"))), /cut short/);
    assert.equal(oidString(bytes("06 03 55 1d 13"), readWhole(bytes("06 03 55 1d 13"))), "2.5.29.19");
  });

  it("BOOLEAN of 0 or 2 octets, BIT STRING with 8 unused bits", () => {
    assert.throws(() => booleanValue(bytes("01 02 ff ff"), readWhole(bytes("01 02 ff ff"))), /2 octets/);
    assert.throws(() => bitStringBytes(bytes("03 02 08 00"), readWhole(bytes("03 02 08 00"))), /8 unused bits/);
  });
});

describe("time fields out of range are refused, not rolled over", () => {
  const time = (tag: number, text: string) => {
    const buf = Uint8Array.from([tag, text.length, ...Buffer.from(text, "latin1")]);
    return timeValue(buf, readWhole(buf));
  };
  for (const [text, why] of [
    ["300520107500Z", "minute 75"],
    ["300520106000Z", "minute 60"],
    ["300520100060Z", "second 60"],
    ["300520240000Z", "hour 24"],
    ["301320000000Z", "month 13"],
    ["300020000000Z", "month 00"],
    ["300431000000Z", "April 31"],
  ] as const) {
    it(`UTCTime ${text} (${why})`, () => assert.throws(() => time(0x17, text), /bad date/));
  }
  it("GeneralizedTime 20500520107500Z (minute 75)", () => assert.throws(() => time(0x18, "20500520107500Z"), /bad date/));
  it("in-range values still read (last second of a leap day, GeneralizedTime with a fraction)", () => {
    assert.equal(time(0x17, "280229235959Z").toISOString(), "2028-02-29T23:59:59.000Z");
    assert.equal(time(0x18, "20500101000000.5Z").toISOString(), "2050-01-01T00:00:00.500Z");
  });
});
