// pkilab init --crl, revoke, crl and the exports that carry CRLs, through the CLI: output, exit
// codes, one-line errors, and what the files on disk hold.
import assert from "node:assert/strict";
import { readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import type { Manifest } from "../../src/pki/manifest.js";

const work = tempDir("revoke-crl");
const lab = path.join(work, "lab");
const plain = path.join(work, "plain");
after(() => rmSync(work, { recursive: true, force: true }));
before(() => {
  const init = runCli(["init", lab, "--crl", "--crl-days", "7", "--client", "alice", "--client", "bob", "--device", "dev-1", "--server", "localhost"]);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /CRLs:\n\s+\S+root\/crl\.pem\s+CRL #1, 0 revoked/);
  assert.equal(runCli(["init", plain, "--client", "alice", "--device", "dev-1", "--server", "localhost"]).code, 0);
});

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as Manifest;

function oneLineError(args: string[], pattern: RegExp): void {
  const result = runCli(args);
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
  assert.match(result.stderr.trimEnd(), pattern);
}

describe("pkilab revoke", () => {
  it("revokes a client: the manifest records it, the CRLs are issued again with the next number", () => {
    const keyBefore = readFileSync(path.join(lab, "intermediate-1", "key.pem"), "utf8");
    const result = runCli(["revoke", "client", "alice", "--lab", lab, "--reason", "keyCompromise", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const { revocation } = JSON.parse(result.stdout) as { revocation: { id: string; reason: string; issuer: string } };
    assert.deepEqual([revocation.id, revocation.reason, revocation.issuer], ["clients/alice", "keyCompromise", "intermediate-1"]);
    const manifest = manifestOf(lab);
    assert.deepEqual(manifest.crl?.issued.map((c) => [c.ca, c.number, c.revoked]), [["root", 2, 0], ["intermediate-1", 2, 1]]);
    assert.equal(manifest.crl?.days, 7, "init --crl-days is kept");
    assert.equal(readFileSync(path.join(lab, "intermediate-1", "key.pem"), "utf8"), keyBefore, "keys are never touched");
    assert.equal(statSync(path.join(lab, "intermediate-1", "key.pem")).mode & 0o777, 0o600);
    assert.equal(readFileSync(path.join(lab, "crl.pem"), "utf8"), readFileSync(path.join(lab, "root", "crl.pem"), "utf8") + readFileSync(path.join(lab, "intermediate-1", "crl.pem"), "utf8"));
  });

  it("revoking twice, an unknown name, or a role the name does not have: exit 2, one line", () => {
    oneLineError(["revoke", "client", "alice", "--lab", lab], /^pkilab: revoke client alice: already revoked on \S+ \(serial [0-9a-f]+\): nothing to do$/);
    oneLineError(["revoke", "client", "carol", "--lab", lab], /^pkilab: revoke client carol: no client with that name in \S+: the lab has alice, bob$/);
    oneLineError(["revoke", "device", "bob", "--lab", lab], /no device with that name/);
    oneLineError(["revoke", "intermediate", "nope", "--lab", lab], /the lab has intermediate-1 \(pkilab Intermediate CA 1\)/);
    oneLineError(["revoke", "root", "root", "--lab", lab], /Expected root to be one of|root/);
    oneLineError(["revoke", "client", "bob", "--lab", lab, "--reason", "sadness"], /reason/);
    oneLineError(["revoke", "client", "bob", "--lab", path.join(work, "none")], /not a pkilab lab/);
  });
});

describe("lint of a certificate inside a lab with CRLs", () => {
  it("nginx-mtls checks the lab's crl.pem, as the ssl_crl of export --nginx would: revoked alice is refused, bob passes", () => {
    const alice = runCli(["lint", path.join(lab, "clients", "alice", "cert.pem"), "--for", "nginx-mtls", "--json"]);
    assert.equal(alice.code, 1, alice.stdout + alice.stderr);
    const report = JSON.parse(alice.stdout) as { findings: { rule: string; severity: string }[]; verdicts: { assumed: string[] }[] };
    assert.deepEqual(report.findings.filter((f) => f.severity === "error").map((f) => f.rule), ["certificate-revoked"]);
    // The lab's CRLs were made with --crl-days 7: both reach nextUpdate within the week.
    assert.deepEqual(report.findings.filter((f) => f.severity === "warning").map((f) => f.rule), ["crl-expires-soon", "crl-expires-soon"]);
    assert.ok(report.verdicts[0]?.assumed.some((a) => /crl\.pem — from the lab/.test(a)), JSON.stringify(report.verdicts));
    const bob = runCli(["lint", path.join(lab, "clients", "bob", "cert.pem"), "--for", "nginx-mtls"]);
    assert.equal(bob.code, 0, bob.stdout + bob.stderr);
    assert.match(bob.stdout, /ssl_crl: 2 CRLs \(\S*crl\.pem — from the lab/);
  });

  it("--crl names other CRLs instead; a lab without CRLs checks no revocation", () => {
    const other = runCli(["lint", path.join(lab, "clients", "alice", "cert.pem"), "--for", "nginx-mtls", "--crl", path.join(lab, "root", "crl.pem")]);
    assert.equal(other.code, 1);
    assert.match(other.stdout, /crl-missing-for-ca/, "only the root's CRL: the intermediate's is missing, alice's revocation unseen");
    assert.doesNotMatch(other.stdout, /certificate-revoked/);
    const plainLint = runCli(["lint", path.join(plain, "clients", "alice", "cert.pem"), "--for", "nginx-mtls"]);
    assert.equal(plainLint.code, 0, plainLint.stdout);
    assert.doesNotMatch(plainLint.stdout, /ssl_crl/);
  });
});

describe("pkilab crl", () => {
  it("issues the CRLs again with higher numbers and the same revocations; --days changes nextUpdate", () => {
    const result = runCli(["crl", "--lab", lab, "--days", "3"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /intermediate-1\/crl\.pem\s+CRL #3, 1 revoked/);
    assert.match(result.stdout, /Run pkilab crl --lab \S+ before \S+: after it nginx with ssl_crl rejects every client\./);
    const manifest = manifestOf(lab);
    const issued = manifest.crl?.issued ?? [];
    assert.equal(manifest.crl?.days, 3);
    for (const crl of issued) assert.equal(new Date(crl.nextUpdate).getTime() - new Date(crl.thisUpdate).getTime(), 3 * 86_400_000);
  });

  it("adds CRLs to a lab made without them", () => {
    const result = runCli(["crl", "--lab", plain, "--json"]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as Manifest).crl?.issued.map((c) => c.number), [1, 1]);
    rmSync(plain, { recursive: true });
    assert.equal(runCli(["init", plain, "--client", "alice", "--device", "dev-1", "--server", "localhost"]).code, 0);
  });

  it("--crl-days without --crl is a usage error", () => {
    const result = runCli(["init", path.join(work, "x"), "--crl-days", "3"]);
    assert.equal(result.code, 2, result.stderr);
  });
});

describe("exports with CRLs", () => {
  it("--nginx: ssl_crl with the every-CA warning and the date, only when the lab has CRLs", () => {
    const text = runCli(["export", "--nginx", "--lab", lab]).stdout;
    const next = manifestOf(lab).crl?.issued.map((c) => c.nextUpdate).sort()[0];
    assert.match(text, new RegExp(`\\n    ssl_crl ${path.join(lab, "crl.pem").replace(/[/.]/g, "\\$&")};\\n`));
    assert.match(text, /EVERY CA\n\s+# in the chain needs its CRL in this file \(2 here\)/);
    assert.ok(next && text.includes(`expires (nextUpdate) on ${next}`), text);
    assert.match(text, /pkilab crl --lab /);
    assert.doesNotMatch(runCli(["export", "--nginx", "--lab", plain]).stdout, /ssl_crl/);
  });

  it("--c-array --crl: the CRLs as a PEM array for mbedtls_x509_crl_parse, or one DER array each", () => {
    const pem = runCli(["export", "--c-array", "--lab", lab, "--crl"]);
    assert.equal(pem.code, 0, pem.stderr);
    assert.match(pem.stdout, /mbedtls_ssl_conf_ca_chain\(&conf, &ca, &crl\): mbedtls_x509_crl_parse\(&crl, \(const unsigned char \*\) pkilab_crl_pem, pkilab_crl_pem_len\) loads all 2/);
    assert.equal(pem.stdout.match(/"-----BEGIN X509 CRL-----\\n"/g)?.length, 2);
    const der = runCli(["export", "--c-array", "--lab", lab, "--crl", "--der"]);
    assert.match(der.stdout, /static const unsigned char pkilab_crl_0_der\[\]/);
    assert.match(der.stdout, /mbedtls_x509_crl_parse_der\(&crl, pkilab_crl_1_der, pkilab_crl_1_der_len\)/);
    assert.doesNotMatch(runCli(["export", "--c-array", "--lab", lab]).stdout, /X509 CRL|_crl_/, "only with --crl");
    oneLineError(["export", "--c-array", "--lab", plain, "--crl"], /--crl: \S+ has no CRLs yet: issue them with pkilab crl --lab/);
  });

  it("--mbedtls-config: MBEDTLS_X509_CRL_PARSE_C when the lab has CRLs", () => {
    for (const version of ["2.28", "3.6"]) {
      assert.match(runCli(["export", "--mbedtls-config", "--lab", lab, "--mbedtls-version", version]).stdout, /\n#define MBEDTLS_X509_CRL_PARSE_C\n/);
      assert.doesNotMatch(runCli(["export", "--mbedtls-config", "--lab", plain, "--mbedtls-version", version]).stdout, /CRL/);
    }
  });
});

describe("exports skip revoked leaves", () => {
  const lab2 = path.join(work, "lab2");
  before(() => {
    assert.equal(runCli(["init", lab2, "--crl", "--server", "a.test", "--server", "b.test", "--device", "d1", "--device", "d2"]).code, 0);
    assert.equal(runCli(["revoke", "server", "a.test", "--lab", lab2]).code, 0);
    assert.equal(runCli(["revoke", "device", "d1", "--lab", lab2, "--reason", "keyCompromise"]).code, 0);
  });

  it("--nginx takes the first server that is not revoked; a revoked one named with --server is exit 2, one line", () => {
    const block = runCli(["export", "--nginx", "--lab", lab2]);
    assert.equal(block.code, 0, block.stderr);
    assert.match(block.stdout, /servers\/b\.test\/fullchain\.pem/);
    assert.doesNotMatch(block.stdout, /servers\/a\.test/);
    oneLineError(["export", "--nginx", "--lab", lab2, "--server", "a.test"], /^pkilab: --server a\.test: servers\/a\.test was revoked on \S+: its peers refuse it; issue it again \(pkilab issue server a\.test --lab \S+ --force\) and export that$/);
  });

  it("--c-array takes the first device that is not revoked; --device d1 is exit 2", () => {
    const header = runCli(["export", "--c-array", "--lab", lab2]);
    assert.equal(header.code, 0, header.stderr);
    assert.match(header.stdout, /CN=d2/);
    assert.doesNotMatch(header.stdout, /CN=d1\b/);
    oneLineError(["export", "--c-array", "--lab", lab2, "--device", "d1"], /--device d1: devices\/d1 was revoked on \S+ \(keyCompromise\)/);
  });

  it("every server revoked: exit 2 saying so; issued again, the server exports", () => {
    assert.equal(runCli(["revoke", "server", "b.test", "--lab", lab2]).code, 0);
    oneLineError(["export", "--nginx", "--lab", lab2], /every server leaf is revoked \(a\.test, b\.test\)/);
    assert.equal(runCli(["issue", "server", "a.test", "--lab", lab2, "--force"]).code, 0);
    const block = runCli(["export", "--nginx", "--lab", lab2]);
    assert.equal(block.code, 0, block.stderr);
    assert.match(block.stdout, /servers\/a\.test\/fullchain\.pem/);
  });
});
