// InputError's one-line contract holds whatever a message quotes from the input.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../src/io/input-error.js";

describe("InputError", () => {
  it("writes control characters quoted from the input as escapes, so the message stays one line", () => {
    const error = new InputError('nginx.conf:3: the directive "return 200 a\nb\r\tc\x1b[31m" is missing its ";"');
    assert.equal(error.message, 'nginx.conf:3: the directive "return 200 a\\nb\\r\\tc\\x1b[31m" is missing its ";"');
    assert.equal(error.exitCode, 2);
  });

  it("leaves printable text, including non-ASCII, as it is", () => {
    assert.equal(new InputError("ключ.pem: not a certificate: give one").message, "ключ.pem: not a certificate: give one");
  });
});
