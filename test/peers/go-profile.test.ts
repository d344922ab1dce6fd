// The Go profiles as data: --go-version decides the version-dependent facts, and the verdict says
// which version was assumed. (The facts themselves are checked on the real Go in go-lint.test.ts.)
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { explainQueries } from "../../src/explain/explain.js";
import { logKind, peersForLog } from "../../src/explain/log.js";
import { InputError } from "../../src/io/input-error.js";
import { buildProfile, parsePeerList } from "../../src/peers/index.js";
import { goFacts } from "../../src/peers/profiles/go.js";

describe("go-mtls and go-client profiles", () => {
  it("default to Go 1.19, the tested version, and say so", () => {
    for (const id of ["go-mtls", "go-client"] as const) {
      const profile = buildProfile(id);
      assert.equal(profile.id, id);
      if (profile.id !== "go-mtls" && profile.id !== "go-client") continue;
      assert.equal(profile.go.minor, 19);
      assert.match(profile.assumed[0]!, /^Go 1\.19 \(pkilab's default/);
      assert.equal(profile.partialChain, true);
      assert.equal(profile.certificateDecoder, "go");
    }
    assert.deepEqual(parsePeerList("go-mtls,go-client"), ["go-mtls", "go-client"]);
  });

  it("--go-version keys the facts that changed: SHA-1 (1.18), error wrapping (1.20), negative serials (1.23), RSA < 1024 (1.24)", () => {
    const at = (v: string) => goFacts(v);
    assert.equal(at("1.17").refusesSha1, false);
    assert.equal(at("1.18").refusesSha1, true);
    assert.equal(at("1.19").verifyErrorPrefix, undefined);
    assert.equal(at("go1.20").verifyErrorPrefix, "tls: failed to verify certificate: ");
    assert.equal(at("1.22.5").refusesNegativeSerial, false);
    assert.equal(at("1.23").refusesNegativeSerial, true);
    assert.equal(at("1.23").minRsaBits, 0);
    assert.equal(at("1.24").minRsaBits, 1024);
    assert.match(at("1.22").source, /^Go 1\.22 \(--go-version; not tested/);
    assert.match(at("1.19").source, /^Go 1\.19 \(--go-version; tested\)/);
    const profile = buildProfile("go-client", { goVersion: "1.21" });
    assert.match(profile.assumed.join("; "), /Go 1\.21 \(--go-version/);
  });

  it("refuses a version it cannot read or does not model, with one clear line", () => {
    for (const bad of ["1.x", "2.0", "1.19beta1", ""]) assert.throws(() => goFacts(bad), InputError, bad);
    assert.throws(() => goFacts("1.14"), /pkilab models Go 1\.15 and later/);
  });

  it("explain names go-eku-nesting for Go's incompatible key usage, on both peers", () => {
    const { explanations } = explainQueries(["x509: certificate specifies an incompatible key usage"]);
    const rules = explanations.flatMap((e) => e.rules.map((r) => `${r.peer} ${r.id}`));
    assert.ok(rules.includes("go-mtls go-eku-nesting") && rules.includes("go-client go-eku-nesting"), rules.join(", "));
  });

  it("explain --log tells a Go server's log and a Go client's output apart, and lints --cert for that peer", () => {
    const server = "2026/12/07 01:50:00 http: TLS handshake error from 127.0.0.1:53122: tls: failed to verify client certificate: x509: certificate specifies an incompatible key usage";
    const client = "Unable to connect to the server: x509: certificate signed by unknown authority";
    assert.equal(logKind(server), "go-server");
    assert.deepEqual(peersForLog(logKind(server), false), ["go-mtls"]);
    assert.equal(logKind(client), "go-client");
    assert.deepEqual(peersForLog(logKind(client), false), ["go-client"]);
    assert.equal(logKind("2026/12/07 [info] 12#12: *3 client SSL certificate verify error: (26:unsuitable certificate purpose)"), "nginx");
  });
});
