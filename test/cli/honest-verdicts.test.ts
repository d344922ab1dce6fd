// Honest verdicts: no ACCEPTED when a check the verdict depends on could not run. Without a trust
// anchor (no --ca, none in --nginx-conf, not inside a lab) nginx-mtls is NOT DECIDED (exit 3); a
// certificate inside a pkilab lab is checked against the lab's root and chain, and the report says so;
// server profiles need the host; every verdict names what it assumed.
import assert from "node:assert/strict";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { LintReport } from "../../src/lint/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { requireProgram, run } from "../helpers/peers.js";

const work = tempDir("verdicts");
const lab = path.join(work, "lab");
const stray = path.join(work, "stray.pem");
const copied = path.join(work, "alice-copy.pem");
after(() => rmSync(work, { recursive: true, force: true }));
before(() => {
  assert.equal(runCli(["init", lab, "--client", "alice", "--server", "app.test,127.0.0.1"]).code, 0);
  // A stray self-signed certificate, as a user would make one with openssl.
  requireProgram("openssl");
  run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path.join(work, "stray.key"), "-subj", "/CN=stray", "-days", "365", "-out", stray]);
  copyFileSync(path.join(lab, "clients/alice/cert.pem"), copied);
});

const lintJson = (args: string[]) => {
  const result = runCli(["lint", ...args, "--json"]);
  return { code: result.code, report: JSON.parse(result.stdout) as LintReport, stderr: result.stderr };
};

describe("no trust anchor: never ACCEPTED", () => {
  it("a stray self-signed certificate (the mission's own example) is NOT DECIDED, exit 3", () => {
    const text = runCli(["lint", stray, "--for", "nginx-mtls"]);
    assert.equal(text.code, 3, text.stdout);
    assert.doesNotMatch(text.stdout, /ACCEPTED/);
    assert.match(text.stdout, /^trust anchor: none \(no --ca, no CA in --nginx-conf, not inside a pkilab lab\)$/m);
    assert.match(text.stdout, /^nginx-mtls: NOT DECIDED \(no error found, but a check it needs could not run\)$/m);
    assert.match(text.stdout, /not checked without a trust anchor \(chain-not-anchored, verify-depth-too-small\): pass --ca FILE \(ssl_client_certificate\) or --nginx-conf FILE, or lint a certificate inside a pkilab lab/);
    const { code, report } = lintJson([stray, "--for", "nginx-mtls"]);
    assert.equal(code, 3);
    const [verdict] = report.verdicts;
    assert.equal(verdict!.status, "undetermined");
    assert.equal(verdict!.accepted, false);
    assert.deepEqual(verdict!.unchecked.map((u) => [u.input, u.rules]), [["trust-anchor", ["chain-not-anchored", "verify-depth-too-small"]]]);
    assert.deepEqual(report.inputs, { from: "none", anchors: [], chain: [] });
  });

  it("a lab leaf copied out of its lab, without its chain, is NOT DECIDED too", () => {
    const { code, report } = lintJson([copied, "--for", "nginx-mtls"]);
    assert.equal(code, 3);
    assert.equal(report.verdicts[0]!.status, "undetermined");
  });

  it("with the anchor, the same stray certificate is REJECTED (exit 1): the check that could not run finds it", () => {
    const { code, report } = lintJson([stray, "--ca", path.join(lab, "ca.pem"), "--for", "nginx-mtls"]);
    assert.equal(code, 1);
    assert.equal(report.verdicts[0]!.status, "rejected");
    assert.ok(report.findings.some((f) => f.rule === "chain-not-anchored"));
  });

  it("an error found without an anchor still rejects: rejection is certain, acceptance is not", () => {
    const serverCopy = path.join(work, "server-copy.pem");
    copyFileSync(path.join(lab, "servers/app.test/cert.pem"), serverCopy);
    const { code, report } = lintJson([serverCopy, "--for", "nginx-mtls"]);
    assert.equal(code, 1);
    assert.equal(report.verdicts[0]!.status, "rejected");
    assert.ok(report.findings.some((f) => f.rule === "leaf-eku-purpose"));
  });
});

describe("inside a lab: the lab's anchor and chain, said in one line", () => {
  it("cert.pem gets the lab's ca.pem and the leaf's chain.pem", () => {
    // As a user types it, from the folder holding the lab: paths are shown as given.
    const text = runCli(["lint", "lab/clients/alice/cert.pem", "--for", "nginx-mtls"], { cwd: work });
    assert.equal(text.code, 0, text.stdout);
    assert.ok(text.stdout.split("\n").includes("trust anchor: lab/ca.pem, chain: lab/clients/alice/chain.pem — from the lab"), text.stdout);
    assert.match(text.stdout, /^nginx-mtls: will be ACCEPTED$/m);
    const { report } = lintJson([path.join(lab, "clients/alice/cert.pem"), "--for", "nginx-mtls"]);
    assert.equal(report.inputs.from, "lab");
    assert.equal(report.verdicts[0]!.status, "accepted");
    assert.equal(report.chain.length, 3);
  });

  it("fullchain.pem brings its own chain; the lab gives the anchor", () => {
    const { code, report } = lintJson([path.join(lab, "clients/alice/fullchain.pem"), "--for", "nginx-mtls"]);
    assert.equal(code, 0);
    assert.deepEqual([report.inputs.from, report.inputs.chain], ["lab", []]);
  });

  it("an explicit --ca wins over the lab", () => {
    const { code, report } = lintJson([path.join(lab, "clients/alice/cert.pem"), "--ca", stray, "--for", "nginx-mtls"]);
    assert.equal(code, 1);
    assert.equal(report.inputs.from, "--ca");
  });
});

describe("server profiles need the host; verdicts name what they assumed", () => {
  const server = path.join(lab, "servers/app.test/fullchain.pem");
  it("nginx-server without --host is NOT DECIDED; with it, ACCEPTED", () => {
    const without = lintJson([server, "--for", "nginx-server"]);
    assert.equal(without.code, 3);
    assert.deepEqual(without.report.verdicts[0]!.unchecked.map((u) => [u.input, u.rules]), [["host", ["host-mismatch"]]]);
    const withHost = lintJson([server, "--for", "nginx-server", "--host", "app.test"]);
    assert.equal(withHost.code, 0);
    assert.equal(withHost.report.host, "app.test");
  });

  it("an mbedTLS device verifying the server needs the host it dials, and names the version and config it assumed", () => {
    const without = lintJson([server, "--for", "mbedtls"]);
    assert.equal(without.code, 3);
    assert.deepEqual(without.report.verdicts[0]!.unchecked.map((u) => u.rules), [["mbedtls-host-mismatch"]]);
    const withHost = lintJson([server, "--for", "mbedtls", "--host", "127.0.0.1"]);
    assert.equal(withHost.code, 0);
    assert.deepEqual(withHost.report.verdicts[0]!.assumed.slice(0, 2), ["mbedTLS 3.6 (pkilab's default: pass --mbedtls-version or --mbedtls-config)", "config: mbedTLS 3.6 default configuration"]);
  });

  it("nginx-mtls names ssl_verify_depth and where it came from", () => {
    const flag = lintJson([path.join(lab, "clients/alice/cert.pem"), "--for", "nginx-mtls", "--verify-depth", "3"]);
    assert.equal(flag.report.verdicts[0]!.assumed[0], "ssl_verify_depth 3 (--verify-depth)");
    const fallback = lintJson([path.join(lab, "clients/alice/cert.pem"), "--for", "nginx-mtls"]);
    assert.equal(fallback.report.verdicts[0]!.assumed[0], "ssl_verify_depth 1 (nginx's default)");
  });
});

describe("verify inside a lab", () => {
  it("without --ca, leaves of one lab are verified against its root and chain files, and the summary says so", () => {
    const result = runCli(["verify", "lab/clients/alice/cert.pem", "lab/servers/app.test/cert.pem", "--json"], { cwd: work });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout) as { trustAnchor?: string; results: { valid: boolean; chain: unknown[] }[] };
    assert.equal(report.trustAnchor, "lab/ca.pem (from the lab)");
    assert.deepEqual(report.results.map((r) => [r.valid, r.chain.length]), [[true, 3], [true, 3]]);
    const text = runCli(["verify", "lab/clients/alice/cert.pem"], { cwd: work });
    assert.match(text.stdout, /1 verified \(trust anchor lab\/ca\.pem \(from the lab\), at .*\): 1 valid, 0 invalid/);
  });

  it("a leaf outside any lab still needs --ca (exit 2, one line)", () => {
    const result = runCli(["verify", stray]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^pkilab: --ca: required: name the trust anchor file .*, or verify certificates inside a pkilab lab\n$/);
  });
});
