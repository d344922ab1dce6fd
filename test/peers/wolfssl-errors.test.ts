// src/knowledge/wolfssl-errors.ts against the real library: every code's text is what
// wolfSSL_ERR_error_string() prints in Debian's libwolfssl 5.5.4 (the harness's errors= mode), and
// `pkilab explain` finds the codes by number, name and text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainQueries } from "../../src/explain/explain.js";
import { WOLFSSL_ERRORS } from "../../src/knowledge/wolfssl-errors.js";
import { runCli } from "../helpers/cli.js";
import { wolfsslErrorTexts } from "../helpers/wolfssl.js";

describe("wolfSSL error table against libwolfssl 5.5.4", () => {
  it("every text equals wolfSSL_ERR_error_string() of its code", async () => {
    const real = await wolfsslErrorTexts(WOLFSSL_ERRORS.map((e) => e.code));
    // The harness turns a double quote into a single one to keep its line parseable.
    const wrong = WOLFSSL_ERRORS.filter((e) => real.get(e.code) !== e.text.replace(/"/g, "'")).map((e) => `${e.code} ${e.name}: table "${e.text}", library "${real.get(e.code)}"`);
    assert.deepEqual(wrong, []);
  });

  it("codes are unique and negative, names unique", () => {
    assert.equal(new Set(WOLFSSL_ERRORS.map((e) => e.code)).size, WOLFSSL_ERRORS.length);
    assert.equal(new Set(WOLFSSL_ERRORS.map((e) => e.name)).size, WOLFSSL_ERRORS.length);
    assert.ok(WOLFSSL_ERRORS.every((e) => e.code < 0));
  });
});

describe("pkilab explain and wolfSSL codes", () => {
  it("-188, ASN_NO_SIGNER_E and the text name the same code", () => {
    for (const query of ["-188", "ASN_NO_SIGNER_E", "wolfSSL_connect failed, err = -188", "ASN no signer error to confirm failure"]) {
      const result = explainQueries([query]);
      const titles = result.explanations.map((e) => e.title);
      assert.ok(titles.some((t) => t.startsWith("wolfSSL -188 ASN_NO_SIGNER_E")), `${query}: ${titles.join(" | ")}`);
    }
  });

  it("a bare negative number both tables know is explained by both", () => {
    // -322 is wolfSSL's DOMAIN_NAME_MISMATCH, and -0x0142 holds mbedTLS's low-level NET_SOCKET_FAILED (0x42).
    const titles = explainQueries(["-322"]).explanations.map((e) => e.title);
    assert.ok(titles.some((t) => t.startsWith("wolfSSL -322 DOMAIN_NAME_MISMATCH")), titles.join(" | "));
    assert.ok(titles.some((t) => t.startsWith("-0x0142")), titles.join(" | "));
  });

  it("mbedTLS codes still read as mbedTLS: -0x2700 and -9984", () => {
    for (const query of ["-0x2700", "-9984"]) {
      const titles = explainQueries([query]).explanations.map((e) => e.title);
      assert.ok(titles.some((t) => t.includes("-0x2700")), `${query}: ${titles.join(" | ")}`);
      assert.ok(!titles.some((t) => t.startsWith("wolfSSL")), `${query}: ${titles.join(" | ")}`);
    }
  });

  it("the CLI explains a wolfSSL text", () => {
    const r = runCli(["explain", "peer subject name mismatch"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wolfSSL -322 DOMAIN_NAME_MISMATCH/);
  });
});
