// pkilab lint, peers and export --nginx through the CLI: output formats, exit codes, bad input.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { REPO_ROOT, runCli, tempDir } from "../helpers/cli.js";
import { freePort } from "../helpers/nginx.js";
import { requireProgram, run } from "../helpers/peers.js";
import type { LintReport } from "../../src/lint/types.js";
import { PEER_IDS } from "../../src/peers/index.js";

const work = tempDir("lint-export");
const lab = path.join(work, "lab");
const fixture = path.join(REPO_ROOT, "fixtures", "nginx-mtls", "seed-003-client-no-clientauth-eku");
after(() => rmSync(work, { recursive: true, force: true }));
before(() => assert.equal(runCli(["init", lab, "--intermediates", "2", "--client", "alice", "--server", "app.test,127.0.0.1"]).code, 0));

describe("pkilab lint", () => {
  it("text output groups findings by certificate and ends with a verdict per peer", () => {
    const result = runCli(["lint", path.join(fixture, "leaf.pem"), "--chain", path.join(fixture, "chain.pem"), "--ca", path.join(fixture, "ca.pem"), "--for", "nginx-mtls", "--at", "2030-06-01T00:00:00Z"]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /the certificate \(CN=alice, O=Alice Ltd\):\n\s+ERROR\s+nginx-mtls leaf-eku-purpose: .*lacks clientAuth/);
    assert.match(result.stdout, /fix: re-issue it with extendedKeyUsage clientAuth/);
    assert.match(result.stdout, /symptom: HTTP 400; nginx info log: client SSL certificate verify error: \(26:unsuitable certificate purpose\)/);
    assert.match(result.stdout, /\nnginx-mtls: will be REJECTED — 1 error$/m);
  });

  it("--format sarif is SARIF 2.1.0 with the rule and its level", () => {
    const result = runCli(["lint", path.join(fixture, "leaf.pem"), "--chain", path.join(fixture, "chain.pem"), "--ca", path.join(fixture, "ca.pem"), "--for", "nginx-mtls", "--at", "2030-06-01T00:00:00Z", "--format", "sarif"]);
    const sarif = JSON.parse(result.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[] };
    assert.equal(sarif.version, "2.1.0");
    assert.deepEqual(sarif.runs[0]!.results.map((r) => [r.ruleId, r.level]), [["leaf-eku-purpose", "error"]]);
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((r) => r.id === "leaf-eku-purpose"));
  });

  it("a lab's own certificates pass for nginx-mtls at the depth export --nginx writes", () => {
    const result = runCli(["lint", path.join(lab, "clients/alice/fullchain.pem"), "--ca", path.join(lab, "ca.pem"), "--for", "nginx-mtls", "--verify-depth", "2", "--json"]);
    assert.equal(result.code, 0, result.stdout);
    const report = JSON.parse(result.stdout) as LintReport;
    assert.deepEqual(report.verdicts.map((v) => [v.peer, v.accepted]), [["nginx-mtls", true]]);
    const shallow = runCli(["lint", path.join(lab, "clients/alice/fullchain.pem"), "--ca", path.join(lab, "ca.pem"), "--for", "nginx-mtls"]);
    assert.equal(shallow.code, 1);
    assert.match(shallow.stdout, /verify-depth-too-small: the chain has 2 intermediate\(s\) but ssl_verify_depth 1 allows 1/);
  });

  it("--nginx-conf reads the depth and the client CA from nginx.conf", () => {
    const conf = path.join(work, "nginx.conf");
    writeFileSync(conf, `events {}\nhttp {\n  server {\n    listen 443 ssl;\n    ssl_certificate ${path.join(lab, "servers/app.test/fullchain.pem")};\n    ssl_certificate_key ${path.join(lab, "servers/app.test/key.pem")};\n    ssl_client_certificate ${path.join(lab, "ca.pem")};\n    ssl_verify_client optional;\n    ssl_verify_depth 1;\n  }\n}\n`);
    const result = runCli(["lint", path.join(lab, "clients/alice/fullchain.pem"), "--for", "nginx-mtls", "--nginx-conf", conf]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /ssl_verify_depth 1 \(.*nginx\.conf:9\) allows 1/);
    assert.match(result.stdout, /WARNING nginx-mtls verify-client-off: ssl_verify_client is optional/);
  });

  it("--for nginx-server with --nginx-conf checks every server_name against the SANs", () => {
    const conf = path.join(work, "server.conf");
    writeFileSync(conf, `events {}\nhttp {\n  server {\n    listen 443 ssl;\n    server_name app.test www.app.test *.app.test;\n    ssl_certificate ${path.join(lab, "servers/app.test/fullchain.pem")};\n    ssl_certificate_key ${path.join(lab, "servers/app.test/key.pem")};\n  }\n}\n`);
    const result = runCli(["lint", path.join(lab, "servers/app.test/fullchain.pem"), "--ca", path.join(lab, "ca.pem"), "--for", "nginx-server", "--nginx-conf", conf, "--json"]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as LintReport;
    assert.deepEqual(report.findings.map((f) => [f.rule, f.message.split(" (")[0]]), [["server-name-not-in-san", "server_name www.app.test"]]);
  });

  it("bad input: unknown peer, missing certificate, broken nginx.conf (exit 2, one line)", () => {
    const unknown = runCli(["lint", path.join(lab, "ca.pem"), "--for", "nginx-mtls,apache"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^pkilab: --for apache: unknown peer profile: use one of nginx-mtls, nginx-server, browser/);
    assert.equal(runCli(["lint", path.join(work, "nope.pem"), "--for", "browser"]).code, 2);
    const conf = path.join(work, "broken.conf");
    writeFileSync(conf, "http {\n  server {\n");
    const broken = runCli(["lint", path.join(lab, "ca.pem"), "--for", "nginx-mtls", "--nginx-conf", conf]);
    assert.equal(broken.code, 2);
    assert.equal(broken.stderr.trim().split("\n").length, 1);
    assert.match(broken.stderr, /broken\.conf/);
    // A CA file nginx.conf names but that is not there: reported against the directive.
    const missingCa = path.join(work, "missing-ca.conf");
    writeFileSync(missingCa, `http {\n  server {\n    listen 443 ssl;\n    ssl_client_certificate ${path.join(work, "no-ca.pem")};\n  }\n}\n`);
    const named = runCli(["lint", path.join(lab, "ca.pem"), "--nginx-conf", missingCa]);
    assert.equal(named.code, 2);
    assert.match(named.stderr, /^pkilab: ssl_client_certificate at .*missing-ca\.conf:4: .*no-ca\.pem: no such file/);
  });
});

describe("pkilab peers", () => {
  it("lists each profile with its facts and rules", () => {
    const result = runCli(["peers", "--json"]);
    const peers = JSON.parse(result.stdout) as { id: string; rules: { id: string }[]; facts: unknown[] }[];
    // Every profile, in PEER_IDS order (a new peer is listed without editing this test).
    assert.deepEqual(peers.map((p) => p.id), PEER_IDS);
    assert.ok(peers.every((p) => p.rules.length >= 2), "every peer runs rules");
    assert.ok(peers.filter((p) => p.id !== "client-hello").every((p) => p.facts.length > 0), "facts, except for a hello not given");
  });

  it("peers mbedtls --mbedtls-config prints what the device can do", () => {
    const config = path.join(work, "device.h");
    writeFileSync(config, "#define MBEDTLS_ECP_DP_SECP256R1_ENABLED\n#define MBEDTLS_ECP_C\n#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED\n#define MBEDTLS_ECDSA_C\n#define MBEDTLS_ECDH_C\n#define MBEDTLS_SHA256_C\n#define MBEDTLS_SSL_MAX_CONTENT_LEN 2048\n#define MBEDTLS_MPI_MAX_SIZE 32\n");
    const result = runCli(["peers", "mbedtls", "--mbedtls-config", config]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /mbedtls: an mbedTLS 2\.28 device/);
    assert.match(result.stdout, /curves: P-256\b/);
    assert.match(result.stdout, /IN 2048, OUT 2048 bytes/);
  });

  it("peers mbedtls --mbedtls-profile and peers go-mtls --go-version print the facts of that profile and release", () => {
    const suiteb = runCli(["peers", "mbedtls", "--mbedtls-profile", "suiteb"]);
    assert.equal(suiteb.code, 0, suiteb.stderr);
    assert.match(suiteb.stdout, /X\.509 profile mbedtls_x509_crt_profile_suiteb/);
    const go = runCli(["peers", "go-mtls", "--go-version", "1.17", "--json"]);
    assert.equal(go.code, 0, go.stderr);
    const [profile] = JSON.parse(go.stdout) as { facts: { text: string }[] }[];
    // Go 1.17 predates the SHA-1 refusal of 1.18 (go.dev/doc/go1.18).
    assert.ok(profile?.facts.some((f) => /SHA-1 signatures are accepted/.test(f.text)), JSON.stringify(profile?.facts));
    const bad = runCli(["peers", "go-mtls", "--go-version", "one"]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.trimEnd().split("\n").length, 1, bad.stderr);
  });
});

describe("pkilab export --nginx", () => {
  it("writes a server block that the real nginx accepts, with the depth the lab needs", async () => {
    const port = await freePort();
    const out = path.join(work, "mtls.conf");
    const result = runCli(["export", "--nginx", "--lab", lab, "--listen", `127.0.0.1:${port}`, "-o", out]);
    assert.equal(result.code, 0, result.stderr);
    const block = readFileSync(out, "utf8");
    assert.match(block, /ssl_verify_depth 2;/);
    assert.match(block, new RegExp(`ssl_client_certificate ${path.join(lab, "ca.pem").replace(/[.]/g, "\\.")};`));
    assert.match(block, /server_name app\.test;/);
    assert.doesNotMatch(block, /BEGIN/);
    const nginx = requireProgram("nginx");
    const main = path.join(work, "nginx-test.conf");
    writeFileSync(main, `pid ${path.join(work, "nginx.pid")};\nevents {}\nhttp {\n  client_body_temp_path ${work};\n  proxy_temp_path ${work};\n  fastcgi_temp_path ${work};\n  uwsgi_temp_path ${work};\n  scgi_temp_path ${work};\n  include ${out};\n}\n`);
    const check = run(nginx, ["-t", "-c", main, "-e", path.join(work, "error.log")]);
    assert.equal(check.code, 0, check.stderr);
    // --openssl 1.0 counts the leaf: one more.
    assert.match(runCli(["export", "--nginx", "--lab", lab, "--openssl", "1.0"]).stdout, /ssl_verify_depth 3;/);
  });

  it("refuses to overwrite without --force, and names the servers when --server is wrong", () => {
    const out = path.join(work, "mtls.conf");
    const again = runCli(["export", "--nginx", "--lab", lab, "-o", out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists: pass --force/);
    const wrong = runCli(["export", "--nginx", "--lab", lab, "--server", "nope"]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /no server leaf with that name .*: the lab has app\.test/);
    const missingCa = runCli(["export", "--nginx", "--lab", lab, "--client-ca", path.join(work, "missing-ca.pem")]);
    assert.equal(missingCa.code, 2, missingCa.stdout);
    assert.match(missingCa.stderr, /missing-ca\.pem: .*no such file/i);
  });

  it("--verify-depth overrides the depth and says what the lab's chains need", () => {
    const low = runCli(["export", "--nginx", "--lab", lab, "--verify-depth", "1"]).stdout;
    assert.match(low, /# Set by --verify-depth; these chains need 2: a smaller value rejects them\.\n\s+ssl_verify_depth 1;/);
    assert.doesNotMatch(runCli(["export", "--nginx", "--lab", lab]).stdout, /Set by --verify-depth/);
  });
});
