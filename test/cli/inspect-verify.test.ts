// pkilab inspect and verify as a user runs them, on a lab made by pkilab init.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { run } from "../helpers/peers.js";
import type { InspectReport } from "../../src/inspect/report.js";
import type { VerifyReport } from "../../src/verify/verify.js";

const work = tempDir("inspect-verify");
const lab = path.join(work, "lab");
const file = (p: string) => path.join(lab, p);
after(() => rmSync(work, { recursive: true, force: true }));
before(() => {
  const init = runCli(["init", lab, "--intermediates", "2", "--server", "localhost,127.0.0.1", "--client", "alice", "--device", "d1", "--device", "d2"]);
  assert.equal(init.code, 0, init.stderr);
});

describe("pkilab inspect", () => {
  it("summarises a server certificate in plain words and notes it cannot be a client certificate", () => {
    const result = runCli(["inspect", file("servers/localhost/cert.pem"), "--at", new Date(Date.now() + 324 * 86400000).toISOString()]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /subject\s+CN=localhost, O=pkilab lab/);
    assert.match(result.stdout, /expires in (40|41) days/);
    assert.match(result.stdout, /SAN\s+DNS:localhost, IP:127\.0\.0\.1/);
    assert.match(result.stdout, /EKU: serverAuth only: cannot be used as a TLS client certificate with OpenSSL\/nginx/);
  });

  it("says how long a future certificate is not valid for", () => {
    const result = runCli(["inspect", file("clients/alice/cert.pem"), "--at", new Date(Date.now() - 17 * 60000).toISOString()]);
    assert.match(result.stdout, /not valid for another 1[12] minutes/);
  });

  it("--json lists every item of every file: certificates, keys (without key material), DER and PKCS#12", () => {
    const der = path.join(work, "root.der");
    run("openssl", ["x509", "-in", file("root/cert.pem"), "-outform", "DER", "-out", der]);
    const p12 = path.join(work, "alice.p12");
    const made = run("openssl", ["pkcs12", "-export", "-in", file("clients/alice/fullchain.pem"), "-inkey", file("clients/alice/key.pem"), "-out", p12, "-passout", "pass:secret"]);
    assert.equal(made.code, 0, made.stderr);
    const result = runCli(["inspect", file("servers/localhost/fullchain.pem"), file("clients/alice/key.pem"), der, p12, "--password", "secret", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as InspectReport;
    assert.deepEqual(report.items.map((i) => i.kind), ["certificate", "certificate", "certificate", "private-key", "certificate", "certificate", "certificate", "certificate", "private-key"]);
    const key = report.items[3]!;
    assert.equal(key.kind === "private-key" && key.key, "ECDSA P-256");
    assert.doesNotMatch(result.stdout, /BEGIN PRIVATE KEY|"d":/);
  });

  it("--tree draws root -> intermediates -> leaves with validity bars", () => {
    const result = runCli(["inspect", "--tree", file("ca.pem"), file("servers/localhost/fullchain.pem"), file("clients/alice/fullchain.pem")]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split("\n");
    assert.match(lines[0]!, /^CN=pkilab Root CA, O=pkilab lab  \[ECDSA P-384\]\s+\|=+\s+2\d{3}-/);
    assert.match(lines[1]!, /^└─ CN=pkilab Intermediate CA 1/);
    assert.match(lines[2]!, /^   └─ CN=pkilab Intermediate CA 2/);
    assert.match(result.stdout, /      ├─ CN=localhost/);
    assert.match(result.stdout, /      └─ CN=alice/);
  });
});

describe("pkilab inspect --client-hello", () => {
  it("decodes seed 000's mbedTLS debug dump: one ECDHE-ECDSA suite, one group", () => {
    const file = path.join(REPO_ROOT, "fixtures", "client-hello", "seed-000-one-ecdsa-suite-vs-rsa-server", "client-hello.txt");
    const result = runCli(["inspect", "--client-hello", file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /suites\s+TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_EMPTY_RENEGOTIATION_INFO_SCSV\n/);
    assert.match(result.stdout, /groups\s+secp224r1\n/);
    assert.match(result.stdout, /server name\s+www\.google\.de/);
    const bad = runCli(["inspect", "--client-hello", "16030100"]);
    assert.equal(bad.code, 2);
  });
});

describe("pkilab verify", () => {
  it("verifies many leaves in one call and reports each (exit 0)", () => {
    const leaves = ["clients/alice", "devices/d1", "devices/d2"].map((id) => file(`${id}/cert.pem`));
    const result = runCli(["verify", ...leaves, "--chain", file("clients/alice/chain.pem"), "--ca", file("ca.pem"), "--purpose", "client", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as VerifyReport;
    assert.deepEqual(report.summary, { total: 3, valid: 3, invalid: 0 });
    assert.equal(report.results[0]!.chain.length, 4);
    assert.equal(report.results[0]!.chain[3]!.trustAnchor, true);
  });

  it("exit 1 with every reason, stable ids and OpenSSL's error numbers", () => {
    const result = runCli(["verify", file("servers/localhost/cert.pem"), "--chain", file("servers/localhost/chain.pem"), "--ca", file("ca.pem"), "--purpose", "client", "--host", "192.168.0.254", "--verify-depth", "1", "--json"]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as VerifyReport;
    const reasons = report.results[0]!.reasons.map((r) => [r.id, r.cert, r.openssl]);
    assert.deepEqual(reasons, [
      ["purpose-mismatch", 0, "26:unsuitable certificate purpose"],
      ["depth-exceeded", -1, "22:certificate chain too long"],
      ["ip-mismatch", 0, "64:IP address mismatch"],
    ]);
    const text = runCli(["verify", file("servers/localhost/cert.pem"), "--chain", file("servers/localhost/chain.pem"), "--ca", file("ca.pem"), "--host", "192.168.0.254"]);
    assert.match(text.stdout, /\[ip-mismatch\] leaf: not valid for IP address 192\.168\.0\.254\n\s+fix: its iPAddress SANs: 127\.0\.0\.1; its DNS names \(localhost\) never match an IP: add 192\.168\.0\.254 as an iPAddress SAN/);
  });

  it("a missing intermediate names the issuer to supply", () => {
    const result = runCli(["verify", file("clients/alice/cert.pem"), "--ca", file("ca.pem")]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /\[issuer-not-found\] leaf: no issuer found .*"CN=pkilab Intermediate CA 2, O=pkilab lab"/);
  });

  it("--key checks the key pair; --at checks validity at another time", () => {
    const args = [file("clients/alice/cert.pem"), "--chain", file("clients/alice/chain.pem"), "--ca", file("ca.pem")];
    assert.equal(runCli(["verify", ...args, "--key", file("clients/alice/key.pem")]).code, 0);
    const wrongKey = runCli(["verify", ...args, "--key", file("devices/d1/key.pem")]);
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stdout, /\[key-mismatch\]/);
    const later = runCli(["verify", ...args, "--at", "2040-01-01T00:00:00Z"]);
    assert.equal(later.code, 1);
    assert.match(later.stdout, /\[expired\] leaf: expired/);
  });

  it("an encrypted key needs its password", () => {
    const encrypted = path.join(work, "alice-enc.pem");
    run("openssl", ["pkey", "-in", file("clients/alice/key.pem"), "-aes256", "-passout", "pass:pw", "-out", encrypted]);
    const args = ["verify", file("clients/alice/cert.pem"), "--chain", file("clients/alice/chain.pem"), "--ca", file("ca.pem"), "--key", encrypted];
    const noPassword = runCli(args);
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.stderr, /the private key is encrypted: give its passphrase with --password/);
    const passwordFile = path.join(work, "pw.txt");
    writeFileSync(passwordFile, "pw\n");
    assert.equal(runCli([...args, "--password-file", passwordFile]).code, 0);
    assert.match(runCli([...args, "--password", "nope"]).stderr, /wrong password/);
    assert.ok(readFileSync(encrypted, "utf8").includes("ENCRYPTED PRIVATE KEY"));
  });

  it("inspect reads a key with OpenSSL's legacy PEM encryption (Proc-Type/DEK-Info) given its password", () => {
    const legacy = path.join(work, "alice-legacy.pem");
    run("openssl", ["ec", "-in", file("clients/alice/key.pem"), "-aes128", "-passout", "pass:pw", "-out", legacy]);
    assert.match(readFileSync(legacy, "utf8"), /Proc-Type: 4,ENCRYPTED/);
    const shown = runCli(["inspect", legacy, "--password", "pw"]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /private key, ECDSA P-256 \(EC PRIVATE KEY, encrypted\)/);
    assert.doesNotMatch(shown.stdout, /BEGIN/);
    assert.match(runCli(["inspect", legacy, "--password", "nope"]).stderr, /wrong password/);
  });
});
