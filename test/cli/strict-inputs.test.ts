// Strict inputs: --at takes ISO 8601 or an offset from now and nothing else; key names accept what
// pkilab prints; --for repeats; inspect reports every file and exits 2 at the end if one was bad.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { parseTime } from "../../src/cli/time.js";
import { InputError } from "../../src/io/input-error.js";
import { parseKeyType } from "../../src/pki/key-types.js";
import type { LintReport } from "../../src/lint/types.js";
import { runCli, tempDir } from "../helpers/cli.js";

const work = tempDir("strict-inputs");
after(() => rmSync(work, { recursive: true, force: true }));

describe("--at", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const at = (text: string) => parseTime(text, "--at", now).toISOString();

  it("reads ISO 8601 dates and date-times, UTC unless an offset is given", () => {
    assert.equal(at("2027-01-01"), "2027-01-01T00:00:00.000Z");
    assert.equal(at("2027-01-01T12:00"), "2027-01-01T12:00:00.000Z");
    assert.equal(at("2027-01-01T12:00:30.25Z"), "2027-01-01T12:00:30.250Z");
    assert.equal(at("2027-01-01T12:00:00+02:00"), "2027-01-01T10:00:00.000Z");
    assert.equal(at("2027-01-01T12:00-0530"), "2027-01-01T17:30:00.000Z");
    assert.equal(at("2028-02-29"), "2028-02-29T00:00:00.000Z");
  });

  it("reads offsets from now: will it still pass in 30 days?", () => {
    assert.equal(at("+30d"), "2027-01-05T12:00:00.000Z");
    assert.equal(at("-2h"), "2026-12-06T10:00:00.000Z");
    assert.equal(at("+1d12h"), "2026-12-08T00:00:00.000Z");
    assert.equal(at("+2w"), "2026-12-20T12:00:00.000Z");
    assert.equal(at("now"), now.toISOString());
  });

  it("refuses what new Date() would silently misread", () => {
    for (const [text, why] of [
      ["1", /not a time/], // new Date("1") is 2001-01-01
      ["2030-02-30", /2030-02 has 28 days/], // new Date() rolls over to March 2
      ["2027-02-29", /2027-02 has 28 days/],
      ["12/01/2027", /not a time/], // read in local time by new Date()
      ["2027-13-01", /no month 13/],
      ["2027-01-01T24:00", /time of day/],
      ["2027-01-01T12:00+25:00", /UTC offset/],
      ["tomorrow", /not a time/],
      ["+30", /not a time/],
      ["1900-01-01", /before 1950/],
    ] as const) {
      assert.throws(() => at(text), (err: unknown) => err instanceof InputError && why.test(err.message) && err.message.startsWith(`--at ${text}: `), text);
    }
  });

  it("through the CLI: a bad --at is exit 2, a relative one moves the clock", () => {
    const lab = path.join(work, "lab-at");
    assert.equal(runCli(["init", lab, "--client", "alice", "--leaf-days", "30"]).code, 0);
    const bad = runCli(["lint", path.join(lab, "clients/alice/cert.pem"), "--for", "nginx-mtls", "--at", "2030-02-30"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^pkilab: --at 2030-02-30: 2030-02 has 28 days/);
    const later = runCli(["lint", path.join(lab, "clients/alice/cert.pem"), "--for", "nginx-mtls", "--at", "+60d", "--json"]);
    assert.equal(later.code, 1, later.stdout);
    assert.ok((JSON.parse(later.stdout) as LintReport).findings.some((f) => f.rule === "cert-expired"));
  });
});

describe("key names", () => {
  it("accepts pkilab's own labels and the usual curve names, case-insensitive", () => {
    for (const [text, type] of [
      ["p256", "p256"], ["P-256", "p256"], ["ECDSA P-256", "p256"], ["secp256r1", "p256"], ["prime256v1", "p256"],
      ["P-384", "p384"], ["SECP384R1", "p384"], ["p521", "p521"], ["secp521r1", "p521"],
      ["rsa2048", "rsa2048"], ["RSA-2048", "rsa2048"], ["RSA 3072", "rsa3072"], ["rsa:4096", "rsa4096"],
    ] as const) {
      assert.equal(parseKeyType(text, "--leaf-key"), type, text);
    }
    assert.throws(() => parseKeyType("P-192", "--leaf-key"), /--leaf-key P-192: not a key type pkilab creates: use one of rsa2048, .*p521/);
    assert.throws(() => parseKeyType("rsa1024", "--leaf-key"), InputError);
  });

  it("init takes P-256 and secp384r1, in flags and in a spec file", () => {
    const lab = path.join(work, "lab-keys");
    const result = runCli(["init", lab, "--root-key", "secp384r1", "--intermediate-key", "P-256", "--leaf-key", "ECDSA P-384", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const manifest = JSON.parse(result.stdout) as { certificates: { role: string; key: string }[] };
    assert.deepEqual(manifest.certificates.map((c) => [c.role, c.key]).slice(0, 3), [["root", "p384"], ["intermediate", "p256"], ["server", "p384"]]);
    const spec = path.join(work, "spec.yaml");
    writeFileSync(spec, "version: 1\nroot: { key: P-521 }\nintermediates:\n  - { key: prime256v1 }\nleaves:\n  - { role: client, name: bob, key: P-256 }\n");
    const fromSpec = runCli(["init", path.join(work, "lab-spec"), "--spec", spec, "--json"]);
    assert.equal(fromSpec.code, 0, fromSpec.stderr);
    assert.deepEqual((JSON.parse(fromSpec.stdout) as { certificates: { key: string }[] }).certificates.map((c) => c.key), ["p521", "p256", "p256"]);
    writeFileSync(spec, "version: 1\nroot: { key: P-999 }\n");
    const bad = runCli(["init", path.join(work, "lab-bad"), "--spec", spec]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /root\.key: must be one of rsa2048/);
  });
});

describe("--for repeats and takes commas", () => {
  it("--for a --for b,c lints for all three", () => {
    const lab = path.join(work, "lab-for");
    assert.equal(runCli(["init", lab, "--server", "app.test"]).code, 0);
    const result = runCli(["lint", path.join(lab, "servers/app.test/cert.pem"), "--for", "nginx-server", "--for", "browser,mbedtls", "--host", "app.test", "--json"]);
    const report = JSON.parse(result.stdout) as LintReport;
    assert.deepEqual(report.verdicts.map((v) => v.peer), ["nginx-server", "browser", "mbedtls"]);
  });
});

describe("inspect reports every file", () => {
  it("a bad file among good ones: the good ones are reported, each bad one gets its line, exit 2", () => {
    const lab = path.join(work, "lab-inspect");
    assert.equal(runCli(["init", lab]).code, 0);
    const garbage = path.join(work, "garbage.pem");
    writeFileSync(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
    const result = runCli(["inspect", path.join(lab, "ca.pem"), path.join(work, "missing.pem"), garbage, path.join(lab, "clients/client/cert.pem")]);
    assert.equal(result.code, 2);
    assert.match(result.stdout, /ca\.pem #1: certificate[\s\S]*CN=pkilab Root CA[\s\S]*cert\.pem #1: certificate[\s\S]*CN=client/);
    const lines = result.stderr.split("\n").filter(Boolean);
    assert.equal(lines.length, 2, result.stderr);
    assert.match(lines[0]!, /^pkilab: .*missing\.pem: no such file or directory/);
    assert.match(lines[1]!, /^pkilab: .*garbage\.pem: /);
    const json = runCli(["inspect", path.join(lab, "ca.pem"), path.join(work, "missing.pem"), "--json"]);
    assert.equal(json.code, 2);
    const report = JSON.parse(json.stdout) as { items: unknown[]; errors: { file: string; message: string }[] };
    assert.equal(report.items.length, 1);
    assert.deepEqual(report.errors.map((e) => path.basename(e.file)), ["missing.pem"]);
    assert.ok(readFileSync(path.join(lab, "ca.pem")).length > 0);
  });
});
