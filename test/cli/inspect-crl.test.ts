// pkilab inspect of a lab's CRLs through the CLI: the text report (window in words, entries with
// their reason), --json with the same data, and --tree marking the revoked client under its CA.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import type { InspectReport } from "../../src/inspect/report.js";

const work = tempDir("inspect-crl");
const lab = path.join(work, "lab");
const labFile = (f: string) => path.join(lab, f);
after(() => rmSync(work, { recursive: true, force: true }));
before(() => {
  assert.equal(runCli(["init", lab, "--crl", "--crl-days", "7", "--client", "alice", "--client", "bob"]).code, 0);
  const revoke = runCli(["revoke", "client", "alice", "--lab", lab, "--reason", "keyCompromise"]);
  assert.equal(revoke.code, 0, revoke.stderr);
});

describe("pkilab inspect of a CRL", () => {
  it("text: issuer, CRL number, the window in words, the AKI, each entry with serial, date and reason", () => {
    const result = runCli(["inspect", labFile("intermediate-1/crl.pem")]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split("\n");
    assert.match(lines[0]!, /intermediate-1\/crl\.pem #1: CRL$/);
    assert.equal(lines[1], "  issuer       CN=pkilab Intermediate CA 1, O=pkilab lab");
    assert.equal(lines[2], "  CRL number   02");
    assert.match(lines[3]!, /^ {2}valid {8}\S+Z \.\. \S+Z \(valid for 7 more days\)$/);
    assert.match(lines[4]!, /^ {2}AKI {10}[0-9a-f]{40}$/);
    assert.equal(lines[5], "  revoked      1");
    assert.match(lines[6]!, /^ {15}serial [0-9a-f]+, \S+Z, keyCompromise$/);
  });

  it("text: a month on, expired in nginx's words", () => {
    const result = runCli(["inspect", labFile("intermediate-1/crl.pem"), "--at", new Date(Date.now() + 30 * 86_400_000).toISOString()]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\(expired 2[23] days ago \(nginx: \(12:CRL has expired\)\)\)\n/);
  });

  it("--json: the same as data, for every CRL of the bundle", () => {
    const result = runCli(["inspect", labFile("crl.pem"), "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as InspectReport;
    const crls = report.items.flatMap((item) => (item.kind === "crl" ? [item] : []));
    assert.deepEqual(crls.map((c) => [c.issuer, c.crlNumber, c.revoked, c.revokedNotListed]), [
      ["CN=pkilab Root CA, O=pkilab lab", "02", 0, 0],
      ["CN=pkilab Intermediate CA 1, O=pkilab lab", "02", 1, 0],
    ]);
    const [entry] = crls[1]!.revokedEntries;
    assert.equal(entry?.reason, "keyCompromise");
    assert.match(entry?.serial ?? "", /^(?:[0-9a-f]{2})+$/);
    assert.match(crls[1]!.validity, /^valid for 7 more days$/);
    assert.match(crls[1]!.authorityKeyId ?? "", /^[0-9a-f]{40}$/);
  });

  it("--tree: each CRL under its CA, the revoked client marked, the other not", () => {
    const result = runCli(["inspect", "--tree", labFile("ca.pem"), labFile("intermediate-1/cert.pem"), labFile("clients/alice/cert.pem"), labFile("clients/bob/cert.pem"), labFile("crl.pem")]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split("\n");
    assert.match(lines[1]!, /^├─ CRL number 02 \(\S+crl\.pem#1\) {2}\[0 revoked\]/);
    assert.match(lines[3]!, /^ {3}├─ CRL number 02 \(\S+crl\.pem#2\) {2}\[1 revoked\]/);
    assert.match(lines.find((l) => l.includes("CN=alice")) ?? "", / {2}REVOKED$/);
    assert.doesNotMatch(lines.find((l) => l.includes("CN=bob")) ?? "", /REVOKED/);
  });
});
