// src/knowledge/go-x509.ts against the real toolchain: a Go program prints err.Error() of each
// crypto/x509 / crypto/tls error value, and each must be the table's text ("…" = the varying part)
// and match the table's pattern; explain finds each pasted string.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainQueries } from "../../src/explain/explain.js";
import { GO_ERRORS, findGoError } from "../../src/knowledge/go-x509.js";
import { runGoProgram } from "../helpers/go.js";

/** One line per error: id, a tab, err.Error(). Only errors Go 1.19 has (not the 1.20+/1.23+ ones). */
const PROGRAM = `package main

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
)

func main() {
	cert := &x509.Certificate{Subject: pkix.Name{CommonName: "device.example"}, DNSNames: []string{"a.example", "b.example"}}
	noSan := &x509.Certificate{Subject: pkix.Name{CommonName: "x"}}
	print := func(id string, err error) { fmt.Printf("%s\\t%s\\n", id, err.Error()) }
	print("go-incompatible-key-usage", x509.CertificateInvalidError{Reason: x509.IncompatibleUsage})
	print("go-unknown-authority", x509.UnknownAuthorityError{})
	print("go-insecure-algorithm", x509.InsecureAlgorithmError(x509.SHA1WithRSA))
	print("go-parent-cannot-sign", x509.ConstraintViolationError{})
	print("go-not-authorized-to-sign", x509.CertificateInvalidError{Reason: x509.NotAuthorizedToSign})
	print("go-expired", x509.CertificateInvalidError{Reason: x509.Expired, Detail: "current time 2030-01-01T00:00:00Z is after 2029-01-01T00:00:00Z"})
	print("go-hostname-mismatch", x509.HostnameError{Certificate: cert, Host: "c.example"})
	print("go-legacy-common-name", x509.HostnameError{Certificate: &x509.Certificate{Subject: pkix.Name{CommonName: "device.example"}}, Host: "device.example"})
	print("go-no-ip-sans", x509.HostnameError{Certificate: cert, Host: "192.0.2.9"})
	print("go-not-valid-for-any-names", x509.HostnameError{Certificate: noSan, Host: "c.example"})
	print("go-name-constraints", x509.CertificateInvalidError{Reason: x509.CANotAuthorizedForThisName, Detail: "DNS name \\"c.example\\" is not permitted by any constraint"})
	print("go-path-length", x509.CertificateInvalidError{Reason: x509.TooManyIntermediates})
	print("go-unhandled-critical-extension", x509.UnhandledCriticalExtension{})
	_, err := x509.ParseCertificate([]byte{0x30, 0x03, 0x02, 0x01, 0x00})
	print("go-malformed-certificate", err)
	_, err = x509.ParsePKIXPublicKey([]byte{0x30, 0x13, 0x30, 0x0b, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x05, 0x00, 0x03, 0x04, 0x00, 0x04, 0x01, 0x02})
	print("go-invalid-field", err)
	print("errors", errors.New("end"))
}
`;

/** The table's text with "…" as a wildcard. */
function textPattern(text: string): RegExp {
  return new RegExp(`^${text.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+")}$`);
}

describe("Go error strings (src/knowledge/go-x509.ts) on the real toolchain", () => {
  let printed: Map<string, string>;

  it("Go prints each error as the table says", async () => {
    const out = await runGoProgram("go-errors", PROGRAM);
    printed = new Map(out.trim().split("\n").map((line) => line.split("\t") as [string, string]));
    const wrong: string[] = [];
    for (const [id, text] of printed) {
      if (id === "errors") continue;
      const entry = findGoError(id);
      if (!entry) {
        wrong.push(`${id}: not in the table`);
        continue;
      }
      // The parser errors vary after "malformed"/"invalid": the pattern decides.
      const fits = id === "go-malformed-certificate" || id === "go-invalid-field" ? entry.pattern.test(text) : textPattern(entry.text).test(text) && entry.pattern.test(text);
      if (!fits) wrong.push(`${id}: Go prints "${text}", the table says "${entry.text}" (${entry.pattern})`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(printed.get("go-no-ip-sans"), "x509: cannot validate certificate for 192.0.2.9 because it doesn't contain any IP SANs");
    assert.equal(printed.get("go-hostname-mismatch"), "x509: certificate is valid for a.example, b.example, not c.example");
  });

  it("the table has every error the program prints, and each 1.19 entry was printed or is seen in a handshake", () => {
    // Seen in real handshakes instead (test/peers/go-lint.test.ts): the tls wrappers, the parser's
    // duplicate-extension and curve errors, the IP-SAN wording, the alert.
    const handshakeOnly = new Set(["go-duplicate-extensions", "go-unsupported-curve", "go-failed-to-verify-client", "go-failed-to-parse-client", "go-failed-to-parse-server", "go-remote-bad-certificate", "go-client-no-certificate"]);
    const unchecked = GO_ERRORS.filter((e) => (e.since ?? 0) <= 19 && (e.until ?? 99) >= 19 && !printed.has(e.id) && !handshakeOnly.has(e.id)).map((e) => e.id);
    assert.deepEqual(unchecked, []);
  });

  it("explain knows each string Go printed", () => {
    for (const [id, text] of printed) {
      if (id === "errors") continue;
      const { explanations } = explainQueries([text]);
      assert.ok(explanations.some((e) => e.kind === "message"), `explain "${text}": ${JSON.stringify(explanations.map((e) => e.title))}`);
    }
  });
});
